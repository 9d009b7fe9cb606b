import { describe, expect, it } from 'vitest';
import { defaultModel, fitListwise, fitWords, parseModel, wordScore, wordTable, type WordGroup } from '../../src/answer/model.js';

describe('the answer model file', () => {
  it('refuses a file that is not JSON, or not a model, naming the file', () => {
    expect(() => parseModel('{', 'm.json')).toThrow(/m\.json is not JSON/);
    expect(() => parseModel('{"statement": 1}', 'm.json')).toThrow(/m\.json is not an answer model \(statement/);
  });

  it('reads a model without word weights as one with none', () => {
    const { words, fitted, ...rest } = defaultModel();
    void words;
    void fitted;
    expect(parseModel(JSON.stringify(rest), 'old.json').words).toEqual({});
  });

  it('ships word weights for the kinds of question, and gives the feature its weight of 1', () => {
    const m = defaultModel();
    // (Only the kinds whose held-out questions the words helped keep any: npm run fit's cross-validation.)
    expect(Object.keys(m.words).length).toBeGreaterThan(0);
    for (const kind of Object.keys(m.words)) expect(['why', 'what', 'who', 'where', 'when', 'how_many', 'how_old']).toContain(kind);
    expect(m.sentence.weights.words).toBe(1);
  });
});

describe('the word score of a sentence', () => {
  it('sums the weights of its distinct stems, and nothing for a stem no weight names, whatever its name', () => {
    const weights = wordTable({ eftersom: 0.5, misstänk: 0.25 });
    const stems = (...s: string[]) => s.map((stem) => ({ stem }));
    expect(wordScore(stems('mann', 'misstänk', 'eftersom', 'eftersom'), weights)).toBe(0.75);
    expect(wordScore(stems('constructor', '__proto__', 'toString'), weights)).toBe(0);
  });
});

/** `n` questions of one kind whose right sentence alone holds `marker`; every sentence holds `common`. */
function marked(n: number, kind: string, marker: string, common: string): WordGroup[] {
  return Array.from({ length: n }, (_, i) => ({
    kind,
    rows: [
      { base: 0, stems: [common, `rare${i}`], y: 0 },
      { base: 0, stems: [common, marker], y: 1 },
      { base: 0.2, stems: [common], y: 0 },
    ],
  }));
}

describe('fitting the word weights', () => {
  it('learns a word that marks the right sentence, for its kind of question only', () => {
    const w = fitWords([...marked(20, 'why', 'eftersom', 'polis'), ...marked(20, 'who', 'säger', 'polis')]);
    expect(w.why!.eftersom).toBeGreaterThan(0.5);
    expect(w.who!.säger).toBeGreaterThan(0.5);
    expect(w.why!.säger).toBeUndefined();
  });

  it('weighs no word that is in every sentence alike, nor one seen in too few questions', () => {
    const w = fitWords(marked(20, 'why', 'eftersom', 'polis'), { minQuestions: 8 });
    expect(Math.abs(w.why!.polis ?? 0)).toBeLessThan(0.01);
    expect(w.why!.rare3).toBeUndefined();
  });
});

describe('fitting a listwise scorer', () => {
  it('gives a feature that marks the right candidate a positive weight', () => {
    const groups = Array.from({ length: 10 }, () => [
      { f: { mark: 1, noise: 0.5 }, y: 1 },
      { f: { mark: 0, noise: 0.5 }, y: 0 },
    ]);
    const m = fitListwise(['mark', 'noise'], groups);
    expect(m.weights.mark).toBeGreaterThan(1);
    expect(m.weights.noise).toBeCloseTo(0, 6);
  });
});
