import { describe, expect, it } from 'vitest';
import { dateTerms, detectLang, indexTerms, stemSv, tokenize } from '../../src/text/analyze.js';

describe('analysis', () => {
  it.each([
    ['20 mars 10:14, Trafikolycka, Malmö', ['§3-20']],
    ['den 3 december och March 20', ['§12-3', '§3-20']],
    ['03 december 05.03', ['§12-3']],
    ['en man i 20-årsåldern i mars', []],
    ['32 mars', []],
  ])('dateTerms(%j) = %j', (text, want) => {
    expect(dateTerms(tokenize(text))).toEqual(want);
  });

  it.each([
    ['What animal did a driver hit at Bonäshamn in Åre?', 'en'],
    ['How many are remanded?', 'en'],
    ['Vad hände i Kävlinge i lördags?', 'sv'],
    ['Hur många sitter häktade?', 'sv'],
    ['Kävlinge', 'sv'],
  ])('detectLang(%j) = %s', (text, want) => {
    expect(detectLang(text, 'en')).toBe(want);
  });

  it('stems inflected forms together, "03" as "3", and drops stop words', () => {
    expect(stemSv('gängvåldet')).toBe(stemSv('gängvåld'));
    expect(stemSv('häktade')).toBe(stemSv('häktad'));
    expect(stemSv('03')).toBe('3');
    expect(indexTerms('Polisen och en kvinna', 'sv')).toEqual(['polis', stemSv('kvinna')]);
  });
});
