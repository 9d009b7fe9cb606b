import { describe, expect, it } from 'vitest';
import { idf, SENTENCE_BM25, STATEMENT_BM25, tfPart } from '../../src/search/bm25.js';
import type { Concept } from '../../src/search/query.js';
import { compareReversed, lexicalSearch, suffixTerms, topK, type LexicalResult, type SearchSegment } from '../../src/search/searcher.js';
import { buildSegment, termId, termsWithSuffix, type SegmentData } from '../../src/search/segment.js';

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

  it('breaks ties by the order of ids, as a stable sort of all of them does', () => {
    const r = rng(11);
    for (let round = 0; round < 100; round++) {
      const n = 1 + Math.floor(r() * 20000);
      const values = new Float32Array(n);
      for (let i = 0; i < n; i++) values[i] = Math.floor(r() * 8);
      const ids = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [ids[i], ids[j]] = [ids[j]!, ids[i]!];
      }
      const k = 1 + Math.floor(r() * 500);
      const want = [...ids].sort((a, b) => values[b]! - values[a]!).slice(0, k);
      expect(topK(values, ids, k)).toEqual(want);
    }
  });

  it('is right when the sampled values are all above the rest (fewer than k pass the sample threshold)', () => {
    // The sample takes every (n/1024)-th value: make exactly those the largest, so its threshold lets too few by.
    const n = 102_400;
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++) values[i] = i % 100 === 0 ? 1000 + i : i / n;
    const ids = Array.from({ length: n }, (_, i) => i);
    const want = [...ids].sort((a, b) => values[b]! - values[a]!).slice(0, 1500);
    expect(topK(values, ids, 1500)).toEqual(want);
    expect(topK(values, ids, 0)).toEqual([]);
  });
});

/** A segment of statements given as index terms: each statement a title and its sentences. */
function segmentOf(docs: { title: string[]; sents: string[][] }[]): SegmentData {
  return buildSegment(
    docs.map((d, i) => ({
      meta: { id: `d${i}`, title: d.title.join(' '), publisher: null, published: null, url: null, source: 'test', hash: `h${i}`, lang: 'sv' as const },
      text: '',
      sentences: d.sents.map((_, k) => ({ start: 0, end: 0, paragraph: k, speaker: null })),
      sentenceTerms: d.sents,
      titleTerms: d.title,
    })),
  );
}

/**
 * None is a prefix or suffix of another with three letters to spare, so a concept's terms are exactly its
 * alternatives (no compound expansions) and BM25 can be computed directly as the oracle.
 */
const VOCAB = ['bil', 'rån', 'kniv', 'polis', 'malmö', 'lund', 'brand', 'gata', 'man', 'hund', 'natt', 'stöld', 'skott', 'väg', 'båt', 'ek', 'is'];

function randomSegment(r: () => number, nDocs: number): SegmentData {
  const pick = () => VOCAB[Math.floor(r() * r() * VOCAB.length)]!; // skewed: some terms common, some rare
  return segmentOf(
    Array.from({ length: nDocs }, () => ({
      title: Array.from({ length: Math.floor(r() * 4) }, pick),
      sents: Array.from({ length: 1 + Math.floor(r() * 8) }, () => Array.from({ length: 1 + Math.floor(r() * 14) }, pick)),
    })),
  );
}

const alt = (term: string, weight = 1) => ({ term, weight });
const concept = (...alternatives: { term: string; weight: number }[]): Concept => ({ surface: alternatives[0]!.term, alternatives, soft: false, entity: false, role: 'content' });

/** BM25 per sentence and statement, concept by concept (best alternative), summed in float32 as the index does. */
function oracle(segs: SearchSegment[], concepts: Concept[]) {
  const n = segs.reduce((a, s) => a + s.data.sentDoc.length, 0);
  const nDocs = segs.reduce((a, s) => a + s.data.docs.length, 0);
  const avgSent = segs.reduce((a, s) => a + s.data.sentLen.reduce((x, y) => x + y, 0), 0) / n;
  const avgDoc = segs.reduce((a, s) => a + s.data.docLen.reduce((x, y) => x + y, 0), 0) / nDocs;
  const sdf = (d: SegmentData, id: number) => d.sOff[id + 1]! - d.sOff[id]!;
  const present = concepts.map((c) => segs.map((s) => c.alternatives.map((a) => ({ id: termId(s.data, a.term), w: a.weight })).filter((x) => x.id >= 0)));
  const df = present.map((p) => {
    const top = Math.max(0, ...p.flat().map((x) => x.w));
    return segs.reduce((acc, s, i) => acc + Math.max(0, ...p[i]!.filter((x) => x.w === top).map((x) => sdf(s.data, x.id))), 0);
  });
  const weights = df.map((x) => idf(n, x));
  const scores = segs.map((s, si) => {
    const d = s.data;
    const level = (off: Uint32Array, ids: Uint32Array, tfs: ArrayLike<number>, units: number, len: ArrayLike<number>, avg: number, p: typeof SENTENCE_BM25) => {
      const total = new Float32Array(units);
      const mask = new Uint32Array(units);
      concepts.forEach((_, ci) => {
        const best = new Float32Array(units);
        for (const { id, w } of present[ci]![si]!) {
          const ti = idf(n, Math.max(sdf(d, id), df[ci]!)) * w;
          for (let q = off[id]!; q < off[id + 1]!; q++) {
            const u = ids[q]!;
            best[u] = Math.max(best[u]!, Math.fround(ti * tfPart(tfs[q]!, len[u]!, avg, p)));
            mask[u]! |= 1 << ci;
          }
        }
        for (let u = 0; u < units; u++) total[u] = total[u]! + best[u]!;
      });
      return { total, mask };
    };
    return {
      sent: level(d.sOff, d.sIds, d.sTf, d.sentDoc.length, d.sentLen, avgSent, SENTENCE_BM25),
      doc: level(d.dOff, d.dIds, d.dTf, d.docs.length, d.docLen, avgDoc, STATEMENT_BM25),
    };
  });
  return { weights, scores };
}

function expectOracle(segs: SearchSegment[], concepts: Concept[], got: LexicalResult) {
  const { weights, scores } = oracle(segs, concepts);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  expect(got.conceptWeights).toEqual(weights);
  const maxSent = totalWeight * (SENTENCE_BM25.k1 + 1);
  const maxDoc = totalWeight * (STATEMENT_BM25.k1 + 1);
  const seen = new Set<string>();
  for (const h of got.hits) {
    const d = segs[h.seg]!.data;
    const { sent, doc } = scores[h.seg]!;
    seen.add(`${h.seg}:${h.sent}`);
    expect(segs[h.seg]!.deleted.has(h.doc)).toBe(false);
    expect(h.doc).toBe(d.sentDoc[h.sent]);
    expect(h.sentScore).toBe(sent.total[h.sent]! / maxSent);
    expect(h.docScore).toBe(doc.total[h.doc]! / maxDoc);
    expect(h.sentMask).toBe(sent.mask[h.sent]);
    expect(h.docMask).toBe(doc.mask[h.doc]);
    expect(h.prevScore).toBe(h.sent > d.docSent[h.doc]! ? sent.total[h.sent - 1]! / maxSent : 0);
    const share = (mask: number) => weights.reduce((a, w, i) => a + (mask & (1 << i) ? w : 0), 0) / totalWeight;
    expect(h.sentCoverage).toBeCloseTo(share(h.sentMask), 12);
    expect(h.docCoverage).toBeCloseTo(share(h.sentMask | h.docMask), 12);
  }
  // Fewer than 300 sentences match: every one that does (and is not deleted) is a candidate.
  let matched = 0;
  scores.forEach(({ sent }, si) =>
    sent.total.forEach((t, s) => {
      if (t > 0 && !segs[si]!.deleted.has(segs[si]!.data.sentDoc[s]!)) {
        matched++;
        expect(seen.has(`${si}:${s}`)).toBe(true);
      }
    }),
  );
  expect(matched).toBeGreaterThan(20);
}

describe('lexicalSearch', () => {
  const r = rng(3);
  const a: SearchSegment = { name: 'a', data: randomSegment(r, 30), deleted: new Set() };
  const b: SearchSegment = { name: 'b', data: randomSegment(r, 25), deleted: new Set([2, 7]) };
  const queries: Concept[][] = [
    [concept(alt('kniv')), concept(alt('malmö'), alt('lund', 0.7)), concept(alt('bil'), alt('brand'))],
    [concept(alt('stöld'), alt('rån', 0.5), alt('skott', 0.7)), concept(alt('natt')), concept(alt('saknas'))],
    [concept(alt('polis')), concept(alt('man'), alt('hund')), concept(alt('gata')), concept(alt('väg'), alt('båt', 0.5)), concept(alt('ek'))],
  ];

  it('has no compound expansions in the test vocabulary (so the oracle is plain BM25)', () => {
    for (const x of VOCAB) for (const y of VOCAB) if (y.length - x.length >= 3 && x.length >= 4) expect(y.startsWith(x) || y.endsWith(x)).toBe(false);
  });

  it('scores every sentence and statement as BM25 computed directly with tfPart, bit for bit', () => {
    for (const q of queries) expectOracle([a, b], q, lexicalSearch([a, b], q));
  });

  it('gives the same results again after other queries (its scratch state is reset)', () => {
    const first = queries.map((q) => lexicalSearch([a, b], q));
    for (let round = 0; round < 2; round++) for (let i = queries.length - 1; i >= 0; i--) expect(lexicalSearch([a, b], queries[i]!)).toEqual(first[i]);
  });

  it('follows the average lengths when the segments change (a segment alone, then with another)', () => {
    const q = queries[0]!;
    expectOracle([a], q, lexicalSearch([a], q));
    expectOracle([a, b], q, lexicalSearch([a, b], q));
    expectOracle([b], q, lexicalSearch([b], q));
  });

  it('scores sentences thousands of terms long as the oracle does (their tf and length pairs kept in a map)', () => {
    const r2 = rng(5);
    const pick = () => VOCAB[Math.floor(r2() * r2() * VOCAB.length)]!;
    const long: SearchSegment = {
      name: 'long',
      data: segmentOf(
        Array.from({ length: 30 }, (_, i) => ({
          title: [pick()],
          sents: Array.from({ length: 3 }, (_, k) => Array.from({ length: i === 0 && k === 1 ? 5000 : 1 + Math.floor(r2() * 14) }, pick)),
        })),
      ),
      deleted: new Set(),
    };
    for (const q of queries) expectOracle([long, a], q, lexicalSearch([long, a], q));
  });
});

describe('suffixTerms', () => {
  // Terms with letters outside the BMP (surrogate pairs), where comparing reversed strings differs from comparing
  // code units from the end.
  const TERMS = ['stöld', 'bilstöld', 'cykelstöld', 'stölden', 'öld', 'ld', 'a𝐀b', '𝐀b', 'x𝐀', '𝐀', '𝐀𝐁', 'b𝐁', '\uFFFFb', 'zb', 'b', 'ab', 'bab', 'våld', 'gängvåld'];
  const seg = segmentOf([{ title: [], sents: TERMS.map((t) => [t]) }]);
  const reversed = (s: string) => [...s].reverse().join('');

  it('compares as reversed strings do', () => {
    for (const x of [...TERMS, '', '\uDC00', '\uD835']) {
      for (const y of [...TERMS, '', '\uDC00', '\uD835']) {
        expect(Math.sign(compareReversed(x, y))).toBe(reversed(x) < reversed(y) ? -1 : reversed(x) > reversed(y) ? 1 : 0);
      }
    }
  });

  it('finds the same terms in the same order as termsWithSuffix', () => {
    let found = 0;
    for (const t of TERMS) {
      for (let i = 0; i < t.length; i++) {
        const suffix = t.slice(i);
        const got = suffixTerms(seg, suffix, 4000);
        expect(got).toEqual(termsWithSuffix(seg, suffix, 4000));
        expect(suffixTerms(seg, suffix, 1)).toEqual(termsWithSuffix(seg, suffix, 1));
        found += got.length;
      }
    }
    expect(suffixTerms(seg, 'stöld', 10).map((id) => seg.terms[id])).toEqual(['cykelstöld', 'bilstöld']); // by reversed spelling: …lekyc < …lib
    expect(found).toBeGreaterThan(20);
  });
});
