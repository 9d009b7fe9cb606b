import { describe, expect, it } from 'vitest';
import { topK } from '../../src/search/searcher.js';

// Property test against the obvious oracle: sort everything, take k.
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('topK', () => {
  it('returns the same values as a full sort, best first, for many random inputs (ties included)', () => {
    const r = rng(7);
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(r() * 3000);
      const values = new Float32Array(n + 10);
      const ids: number[] = [];
      for (let i = 0; i < n; i++) {
        values[i + 10] = r() < 0.3 ? Math.floor(r() * 5) + 1 : r() * 10 + 0.001;
        ids.push(i + 10);
      }
      const k = 1 + Math.floor(r() * 400);
      const got = topK(values, ids, k).map((i) => values[i]);
      const want = ids.map((i) => values[i]!).sort((a, b) => b - a).slice(0, k);
      expect(got).toEqual(want);
      expect(new Set(topK(values, ids, k)).size).toBe(Math.min(k, n));
    }
  });
});
