import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXACT_SEARCH_BELOW, exactSearch, VectorIndex } from '../../src/search/vectors.js';
import { mulberry32 } from '../../src/random.js';

const rng = mulberry32;

function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(r(), 1e-12))) * Math.cos(2 * Math.PI * r());
}

/**
 * Random vectors shaped like sentence embeddings: a random projection of a low-dimensional latent point plus
 * isotropic noise, normalised to unit length.
 */
function embeddingLike(seed: number, dim: number, latent = 12): () => Float32Array {
  const r = rng(seed);
  const basis = Array.from({ length: latent }, () => Float32Array.from({ length: dim }, () => gauss(r)));
  return () => {
    const v = new Float32Array(dim);
    for (const b of basis) {
      const z = gauss(r);
      for (let d = 0; d < dim; d++) v[d]! += z * b[d]!;
    }
    let n = 0;
    for (let d = 0; d < dim; d++) {
      v[d]! += gauss(r) * 0.5 * Math.sqrt(latent);
      n += v[d]! * v[d]!;
    }
    n = Math.sqrt(n);
    for (let d = 0; d < dim; d++) v[d]! /= n;
    return v;
  };
}

const tmp = mkdtempSync(path.join(tmpdir(), 'citera-vectors-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('exactSearch', () => {
  it('ranks by cosine similarity, best first, ties by label', () => {
    const vs = [
      Float32Array.of(1, 0),
      Float32Array.of(0, 1),
      Float32Array.of(2, 2), // not unit length: cosine still 0.707 to the query
      Float32Array.of(-1, 0),
      Float32Array.of(1, 1),
    ];
    const hits = exactSearch(vs, Float32Array.of(1, 0), 4);
    expect(hits.map((h) => h.label)).toEqual([0, 2, 4, 1]);
    expect(hits[0]!.score).toBeCloseTo(1, 6);
    expect(hits[1]!.score).toBeCloseTo(Math.SQRT1_2, 6);
    expect(hits[3]!.score).toBeCloseTo(0, 6);
    expect(exactSearch(vs, Float32Array.of(1, 0), 10)).toHaveLength(5);
    expect(exactSearch(vs, Float32Array.of(1, 0), 0)).toEqual([]);
  });

  it('takes a map of labels, and skips holes in arrays', () => {
    const m = new Map([
      [70, Float32Array.of(0, 1)],
      [9, Float32Array.of(1, 0)],
    ]);
    expect(exactSearch(m, Float32Array.of(1, 0.1), 1)).toEqual([{ label: 9, score: expect.closeTo(0.995, 3) }]);
    const holes: Array<Float32Array | undefined> = [undefined, Float32Array.of(1, 0)];
    expect(exactSearch(holes, Float32Array.of(1, 0), 5).map((h) => h.label)).toEqual([1]);
  });

  it('agrees with a full sort on random data', () => {
    const make = embeddingLike(7, 16);
    const vs = Array.from({ length: 300 }, make);
    const q = make();
    const full = vs
      .map((v, label) => ({ label, score: v.reduce((s, x, i) => s + x * q[i]!, 0) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 10);
    const hits = exactSearch(vs, q, 10);
    expect(hits.map((h) => h.label)).toEqual(full.map((h) => h.label));
    hits.forEach((h, i) => expect(h.score).toBeCloseTo(full[i]!.score, 5));
  });
});

describe('VectorIndex', () => {
  // 4,000 vectors of 96 dimensions with 32 latent ones: hard enough that a small search ef fails the recall bar
  // (ef=32 gives about 0.95) while the chosen one passes it.
  const dim = 96;
  const n = 4000;
  const make = embeddingLike(1234, dim, 32);
  const vectors = Array.from({ length: n }, make);
  const labels = vectors.map((_, i) => i * 3 + 5); // labels need not be dense
  const byLabel = new Map(labels.map((l, i) => [l, vectors[i]!]));
  const queries = Array.from({ length: 100 }, make);

  const big = VectorIndex.create(dim, 100); // far below n: must grow
  big.add(vectors, labels);

  function recallAt10(index: VectorIndex, truthSet: Map<number, Float32Array>): number {
    let hit = 0;
    for (const q of queries) {
      const truth = new Set(exactSearch(truthSet, q, 10).map((h) => h.label));
      for (const h of index.search(q, 10)) if (truth.has(h.label)) hit++;
    }
    return hit / (queries.length * 10);
  }

  it('grows beyond its initial capacity and finds every vector', () => {
    expect(big.size).toBe(n);
    expect(big.capacity).toBeGreaterThanOrEqual(n);
    expect(big.exact).toBe(false); // above EXACT_SEARCH_BELOW: the graph answers
    expect(n).toBeGreaterThan(EXACT_SEARCH_BELOW);
    for (let i = 0; i < n; i += 97) {
      const [top] = big.search(vectors[i]!, 1);
      expect(top!.label).toBe(labels[i]);
      expect(top!.score).toBeCloseTo(1, 4);
    }
  });

  it('has recall@10 ≥ 0.98 against the exact scan, with scores equal to cosine similarity', () => {
    expect(recallAt10(big, byLabel)).toBeGreaterThanOrEqual(0.98);
    const q = queries[0]!;
    const exact = new Map(exactSearch(byLabel, q, 10).map((h) => [h.label, h.score]));
    for (const h of big.search(q, 10)) if (exact.has(h.label)) expect(h.score).toBeCloseTo(exact.get(h.label)!, 4);
  });

  it('is exact below the threshold', () => {
    const small = VectorIndex.create(dim, 10);
    const m = new Map<number, Float32Array>();
    for (let i = 0; i < 500; i++) m.set(labels[i]!, vectors[i]!);
    small.add([...m.values()], [...m.keys()]);
    expect(small.exact).toBe(true);
    for (const q of queries.slice(0, 20)) {
      const got = small.search(q, 10);
      const want = exactSearch(m, q, 10);
      expect(got.map((h) => h.label)).toEqual(want.map((h) => h.label));
      got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i]!.score, 5));
    }
  });

  it('markDelete removes a label from results, in both modes', () => {
    const small = VectorIndex.create(dim);
    small.add(vectors.slice(0, 300), labels.slice(0, 300));
    for (const index of [small, big]) {
      const q = queries[1]!;
      const before = index.search(q, 10).map((h) => h.label);
      const gone = before.slice(0, 3);
      for (const l of gone) expect(index.markDelete(l)).toBe(true);
      expect(index.markDelete(gone[0]!)).toBe(false); // already deleted
      expect(index.markDelete(999_999_999)).toBe(false); // unknown
      const after = index.search(q, 10).map((h) => h.label);
      for (const l of gone) expect(after).not.toContain(l);
      expect(after.slice(0, 7)).toEqual(before.slice(3, 10));
      // the deleted vectors themselves no longer find themselves
      const self = index.search(byLabel.get(gone[0]!)!, 5).map((h) => h.label);
      expect(self).not.toContain(gone[0]);
      // adding a deleted label again brings it back
      index.add([byLabel.get(gone[0]!)!], [gone[0]!]);
      expect(index.search(byLabel.get(gone[0]!)!, 1)[0]!.label).toBe(gone[0]);
    }
  });

  it('round-trips through save/load with the same results (deletions included)', async () => {
    const small = VectorIndex.create(dim);
    small.add(vectors.slice(0, 400), labels.slice(0, 400));
    small.markDelete(labels[0]!);
    for (const [name, index] of [
      ['big', big],
      ['small', small],
    ] as const) {
      const file = path.join(tmp, name, 'vectors.hnsw');
      await index.save(file);
      const loaded = await VectorIndex.load(file, dim);
      expect(loaded.size).toBe(index.size);
      expect(loaded.exact).toBe(index.exact);
      for (const q of queries.slice(0, 30)) {
        const a = index.search(q, 10);
        const b = loaded.search(q, 10);
        expect(b.map((h) => h.label)).toEqual(a.map((h) => h.label));
        b.forEach((h, i) => expect(h.score).toBeCloseTo(a[i]!.score, 5));
      }
    }
    const reloaded = await VectorIndex.load(path.join(tmp, 'small', 'vectors.hnsw'), dim);
    expect(reloaded.search(vectors[0]!, 3).map((h) => h.label)).not.toContain(labels[0]);
    await expect(VectorIndex.load(path.join(tmp, 'small', 'vectors.hnsw'), dim + 1)).rejects.toThrow();
    await expect(VectorIndex.load(path.join(tmp, 'nope.hnsw'), dim)).rejects.toThrow();
  });

  it('replaces the vector of a label added twice, and checks dimensions', () => {
    const index = VectorIndex.create(4);
    index.add([Float32Array.of(1, 0, 0, 0), Float32Array.of(0, 1, 0, 0)], [1, 2]);
    index.add([Float32Array.of(0, 0, 1, 0)], [1]);
    expect(index.size).toBe(2);
    expect(index.search(Float32Array.of(0, 0, 1, 0), 1)[0]).toEqual({ label: 1, score: expect.closeTo(1, 5) });
    expect(index.search(Float32Array.of(0, 0, 1, 0), 10)).toHaveLength(2);
    expect(() => index.add([Float32Array.of(1, 0, 0)], [3])).toThrow(/dimensions/);
    expect(() => index.add([Float32Array.of(1, 0, 0, 0)], [-1])).toThrow(/label/);
    expect(() => index.search(Float32Array.of(1, 0), 1)).toThrow(/dimensions/);
    expect(VectorIndex.create(4).search(Float32Array.of(1, 0, 0, 0), 5)).toEqual([]);
  });
});
