import { describe, expect, it } from 'vitest';
import { questionType } from '../../src/answer/question.js';
import { shortAnswer } from '../../src/answer/short-answer.js';

describe('questionType', () => {
  it.each([
    ['How many are remanded?', 'how_many'],
    ['Hur gammal var föraren?', 'how_old'],
    ['What were the road conditions when a truck and a car collided?', 'what'],
    ['När ingick staden avtalet?', 'when'],
    ['Vem sade det?', 'who'],
    ['Vilka stadsdelar omfattas?', 'where'],
    ['Varför stoppades bilen?', 'why'],
  ])('%s → %s', (q, t) => {
    expect(questionType(q)).toBe(t);
  });
});

describe('shortAnswer', () => {
  it.each([
    ['how_many', 'Just nu sitter 380 personer häktade och cirka 100 av dem är från gängmiljön.', 'häktade', '380'],
    ['how_many', 'Just nu sitter 380 personer häktade och cirka 100 av dem är från gängmiljön.', 'gängmiljön', '100'],
    ['how_many', 'Vid 17-tiden greps två män i 20-årsåldern.', 'greps', 'två'],
    ['how_many', 'Länsväg 383 Boden: Nio ordningsbot.', 'ordningsbot', 'Nio'],
    ['how_old', 'Förare var en 15-årig pojke.', 'Förare', '15-årig'],
    ['when', 'Staden ingick 2019 en överenskommelse.', 'ingick', '2019'],
    ['what', 'Anmälan gällande drograttfylleri och ringa narkotikabrott upprättades.', 'Anmälan', 'drograttfylleri och ringa narkotikabrott'],
    ['what', 'En förundersökning med rubricering grov misshandel inleds.', 'förundersökning', 'grov misshandel'],
  ] as const)('%s in %j near %j → %j', (type, sentence, anchorWord, want) => {
    const got = shortAnswer(type, sentence, [sentence.indexOf(anchorWord)], null, new Set(['383']));
    expect(got).toBe(want);
    expect(sentence).toContain(got!);
  });

  it('answers who with the speaker the source names', () => {
    expect(shortAnswer('who', 'Vi jobbar vidare, säger Mats Löfving.', [], 'Mats Löfving')).toBe('Mats Löfving');
  });
});
