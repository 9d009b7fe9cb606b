/**
 * Lexical retrieval over the index's segments: BM25 at sentence level and at statement level (title and whole
 * text), so that a sentence is found both by its own words and by the context its statement gives (place,
 * date, event type in the title).
 */
import { idf, SENTENCE_BM25, STATEMENT_BM25, tfPart } from './bm25.js';
import type { Concept } from './query.js';
import { termId, termsWithPrefix, termsWithSuffix, type SegmentData } from './segment.js';

/** The part of a segment the searcher needs; `deleted` holds removed statements' numbers. */
export interface SearchSegment {
  name: string;
  data: SegmentData;
  deleted: Set<number>;
}

export interface LexicalHit {
  seg: number;
  sent: number;
  doc: number;
  /** BM25 of the sentence, normalised by the most the question could score (0..~1). */
  sentScore: number;
  /** BM25 of its statement, normalised likewise. */
  docScore: number;
  /** Share of the question's weight (idf) the sentence itself matches. */
  sentCoverage: number;
  /** Share matched by the sentence or its statement together. */
  docCoverage: number;
  /** Bit c set when concept c matches in the sentence. */
  sentMask: number;
  docMask: number;
  /** Normalised score of the sentence before it in the same statement (0 for the first). */
  prevScore: number;
}

/** How strongly a compound part stands for the whole word: `våld` for `gängvåld`, `gäng` for `gängvåld`. */
const HEAD_WEIGHT = 0.7;
const MODIFIER_WEIGHT = 0.5;
const MAX_EXPANSIONS = 40;
const MIN_AFFIX = 3;
/**
 * A term in more than this share of all sentences is a stop word for this corpus ("polis" in police notices):
 * it tells nothing about which sentence answers, and its posting list is the slowest part of a query.
 */
export const MAX_TERM_SHARE = 0.1;
/** ...and only past this many sentences: in a small corpus nothing is slow and every word may matter. */
export const MIN_COMMON_DF = 5000;
/**
 * How much an English word that neither the lexicon nor the index knows still counts: it may be a word the
 * statements put otherwise, so its absence weighs less than a Swedish word's, but enough that a question
 * hinging on it ("How many police officers will be hired?") is not answered from the rest.
 */
export const UNKNOWN_ENGLISH_WEIGHT = 0.4;

/**
 * Splits a compound the index does not know into parts it does (`kyrkinbrott` → `kyrk` + `inbrott`,
 * `fortkörningsböt` → `fortkörning` + `böt`): the head stands for the word, the modifier less so.
 */
export function decompound(seg: SegmentData, term: string, weight: number): { term: string; weight: number }[] {
  if (term.length < 7 || /\d/.test(term)) return [];
  let best: { head: string; mod: string | null } | null = null;
  for (let i = MIN_AFFIX; i <= term.length - MIN_AFFIX; i++) {
    const head = term.slice(i);
    if (termId(seg, head) < 0) continue;
    let mod: string | null = term.slice(0, i);
    if (termId(seg, mod) < 0 && mod.endsWith('s') && termId(seg, mod.slice(0, -1)) >= 0) mod = mod.slice(0, -1);
    if (termId(seg, mod) < 0) mod = null;
    const score = (b: { head: string; mod: string | null }) => (b.mod ? Math.min(b.head.length, b.mod.length) + 100 : b.head.length);
    if (!best || score({ head, mod }) > score(best)) best = { head, mod };
  }
  if (!best) return [];
  // With an unknown modifier ("fortkörnings|böter") only the head stands for the word, and less surely.
  if (!best.mod) return [{ term: best.head, weight: weight * HEAD_WEIGHT * 0.8 }];
  return [{ term: best.head, weight: weight * HEAD_WEIGHT }, { term: best.mod, weight: weight * MODIFIER_WEIGHT }];
}

interface Expanded {
  /** per segment: term id → weight */
  terms: Map<number, number>[];
  df: number;
  /** Every term of the concept is too common to tell sentences apart: it weighs nothing. */
  everywhere: boolean;
}

/** The concepts' alternatives, with compound expansions, found in each segment. */
function expand(segments: SearchSegment[], concepts: Concept[]): Expanded[] {
  return concepts.map((c) => {
    const perSeg = segments.map((seg) => {
      const m = new Map<number, number>();
      const put = (id: number, w: number) => {
        if (id >= 0 && (m.get(id) ?? 0) < w) m.set(id, w);
      };
      const alts = [...c.alternatives];
      for (const a of c.alternatives) {
        if (termId(seg.data, a.term) < 0) alts.push(...decompound(seg.data, a.term, a.weight));
      }
      for (const a of alts) {
        put(termId(seg.data, a.term), a.weight);
        if (a.term.length >= 4 && !/^[\d§]/.test(a.term)) {
          const byDf = (ids: number[]) => ids.sort((x, y) => seg.data.sOff[y + 1]! - seg.data.sOff[y]! - (seg.data.sOff[x + 1]! - seg.data.sOff[x]!));
          for (const id of byDf(termsWithSuffix(seg.data, a.term, 4000)).slice(0, MAX_EXPANSIONS)) {
            if (seg.data.terms[id]!.length - a.term.length >= MIN_AFFIX) put(id, a.weight * HEAD_WEIGHT);
          }
          for (const id of byDf(termsWithPrefix(seg.data, a.term, 4000)).slice(0, MAX_EXPANSIONS)) {
            if (seg.data.terms[id]!.length - a.term.length >= MIN_AFFIX) put(id, a.weight * MODIFIER_WEIGHT);
          }
        }
      }
      return m;
    });
    const total = segments.reduce((a, s) => a + s.data.sentDoc.length, 0);
    const dfOf = (id: number, d: SegmentData) => d.sOff[id + 1]! - d.sOff[id]!;
    // Drop terms that are everywhere; if that leaves a concept nothing, the concept is dropped by the caller.
    const common = new Map<string, number>();
    segments.forEach((seg, i) => {
      for (const id of perSeg[i]!.keys()) {
        const t = seg.data.terms[id]!;
        common.set(t, (common.get(t) ?? 0) + dfOf(id, seg.data));
      }
    });
    const hadTerms = perSeg.some((m) => m.size > 0);
    segments.forEach((seg, i) => {
      for (const id of [...perSeg[i]!.keys()]) if (common.get(seg.data.terms[id]!)! > Math.max(MAX_TERM_SHARE * total, MIN_COMMON_DF)) perSeg[i]!.delete(id);
    });
    const everywhere = hadTerms && perSeg.every((m) => m.size === 0);
    // The concept is as rare as its strongest alternative that occurs (the word itself, else a compound part).
    let top = 0;
    for (const m of perSeg) for (const w of m.values()) top = Math.max(top, w);
    let df = 0;
    segments.forEach((seg, i) => {
      let best = 0;
      for (const [id, w] of perSeg[i]!) if (w === top) best = Math.max(best, seg.data.sOff[id + 1]! - seg.data.sOff[id]!);
      df += best;
    });
    return { terms: perSeg, df, everywhere };
  });
}

export interface LexicalResult {
  hits: LexicalHit[];
  /** Idf weight of each concept (its rarest exact alternative; absent concepts get the highest idf). */
  conceptWeights: number[];
  /** Whether each concept occurs anywhere in the index. */
  conceptFound: boolean[];
}

/** Share of the weight of the question's names (entities) that `mask` matches; 1 when it names none. */
export function entityCoverage(concepts: Concept[], weights: number[], mask: number): number {
  let all = 0;
  let hit = 0;
  concepts.forEach((c, i) => {
    if (!c.entity || i > 30) return;
    all += weights[i]!;
    if (mask & (1 << i)) hit += weights[i]!;
  });
  return all === 0 ? 1 : hit / all;
}

/**
 * Scores sentences for the concepts. Candidates are the best sentences by their own score and every sentence
 * of the best statements; each carries both scores and the coverage figures the answerer decides with.
 */
export function lexicalSearch(
  segments: SearchSegment[],
  concepts: Concept[],
  opts: { sentenceCandidates?: number; statementCandidates?: number } = {},
): LexicalResult {
  const nSentCand = opts.sentenceCandidates ?? 300;
  const nDocCand = opts.statementCandidates ?? 40;
  const cs = concepts.slice(0, 31);
  let nSent = 0;
  let nDoc = 0;
  let sentLenSum = 0;
  let docLenSum = 0;
  for (const s of segments) {
    const st = scratchOf(s.data);
    nSent += s.data.sentDoc.length;
    nDoc += s.data.docs.length;
    sentLenSum += st.sentLenSum;
    docLenSum += st.docLenSum;
  }
  const avgSent = nSent ? sentLenSum / nSent : 1;
  const avgDoc = nDoc ? docLenSum / nDoc : 1;
  const expanded = expand(segments, cs);
  const conceptFound = expanded.map((e) => e.everywhere || e.terms.some((m) => m.size > 0));
  const conceptWeights = cs.map((c, i) => {
    if (expanded[i]!.everywhere) return 0;
    const w = idf(nSent, expanded[i]!.df);
    return conceptFound[i] || !c.soft ? w : w * UNKNOWN_ENGLISH_WEIGHT;
  });
  const totalWeight = conceptWeights.reduce((a, b) => a + b, 0) || 1;
  const maxSent = totalWeight * (SENTENCE_BM25.k1 + 1);
  const maxDoc = totalWeight * (STATEMENT_BM25.k1 + 1);

  const hits: LexicalHit[] = [];
  segments.forEach((seg, si) => {
    const d = seg.data;
    // Scratch arrays live with the segment and are reset entry by entry (only what this query touched), so a
    // query costs what its posting lists cost, not the size of the index.
    const { sTotal, sMask, sBest, dTotal, dMask, dBest } = scratchOf(d);
    const allS: number[] = [];
    const allD: number[] = [];
    const touchedS: number[] = [];
    const touchedD: number[] = [];
    expanded.forEach((e, ci) => {
      touchedS.length = 0;
      touchedD.length = 0;
      for (const [tid, w] of e.terms[si]!) {
        const sdf = d.sOff[tid + 1]! - d.sOff[tid]!;
        const ti = idf(nSent, Math.max(sdf, e.df)) * w;
        for (let p = d.sOff[tid]!, end = d.sOff[tid + 1]!; p < end; p++) {
          const s = d.sIds[p]!;
          const v = ti * tfPart(d.sTf[p]!, d.sentLen[s]!, avgSent, SENTENCE_BM25);
          if (sBest[s] === 0) touchedS.push(s);
          if (v > sBest[s]!) sBest[s] = v;
        }
        for (let p = d.dOff[tid]!, end = d.dOff[tid + 1]!; p < end; p++) {
          const doc = d.dIds[p]!;
          const v = ti * tfPart(d.dTf[p]!, d.docLen[doc]!, avgDoc, STATEMENT_BM25);
          if (dBest[doc] === 0) touchedD.push(doc);
          if (v > dBest[doc]!) dBest[doc] = v;
        }
      }
      const bit = 1 << ci;
      for (const s of touchedS) {
        if (sMask[s] === 0) allS.push(s);
        sTotal[s]! += sBest[s]!;
        sMask[s]! |= bit;
        sBest[s] = 0;
      }
      for (const doc of touchedD) {
        if (dMask[doc] === 0) allD.push(doc);
        dTotal[doc]! += dBest[doc]!;
        dMask[doc]! |= bit;
        dBest[doc] = 0;
      }
    });

    const cand = new Set<number>();
    for (const s of topK(sTotal, allS, nSentCand)) if (!seg.deleted.has(d.sentDoc[s]!)) cand.add(s);
    for (const doc of topK(dTotal, allD, nDocCand)) {
      if (seg.deleted.has(doc)) continue;
      for (let s = d.docSent[doc]!; s < d.docSent[doc + 1]!; s++) cand.add(s);
    }
    for (const s of cand) {
      const doc = d.sentDoc[s]!;
      const mask = sMask[s]!;
      const both = mask | dMask[doc]!;
      hits.push({
        seg: si,
        sent: s,
        doc,
        sentScore: sTotal[s]! / maxSent,
        docScore: dTotal[doc]! / maxDoc,
        sentCoverage: maskWeight(mask, conceptWeights) / totalWeight,
        docCoverage: maskWeight(both, conceptWeights) / totalWeight,
        sentMask: mask,
        docMask: dMask[doc]!,
        prevScore: s > d.docSent[doc]! ? sTotal[s - 1]! / maxSent : 0,
      });
    }
    for (const s of allS) {
      sTotal[s] = 0;
      sMask[s] = 0;
    }
    for (const doc of allD) {
      dTotal[doc] = 0;
      dMask[doc] = 0;
    }
  });
  return { hits, conceptWeights, conceptFound };
}

interface Scratch {
  sTotal: Float32Array;
  sMask: Uint32Array;
  sBest: Float32Array;
  dTotal: Float32Array;
  dMask: Uint32Array;
  dBest: Float32Array;
  sentLenSum: number;
  docLenSum: number;
}

const scratches = new WeakMap<SegmentData, Scratch>();

/** Per-segment score arrays and length sums, made on first use and kept with the segment. */
function scratchOf(d: SegmentData): Scratch {
  let s = scratches.get(d);
  if (!s) {
    let sentLenSum = 0;
    let docLenSum = 0;
    for (let i = 0; i < d.sentLen.length; i++) sentLenSum += d.sentLen[i]!;
    for (let i = 0; i < d.docLen.length; i++) docLenSum += d.docLen[i]!;
    const ns = d.sentDoc.length;
    const nd = d.docs.length;
    s = {
      sTotal: new Float32Array(ns),
      sMask: new Uint32Array(ns),
      sBest: new Float32Array(ns),
      dTotal: new Float32Array(nd),
      dMask: new Uint32Array(nd),
      dBest: new Float32Array(nd),
      sentLenSum,
      docLenSum,
    };
    scratches.set(d, s);
  }
  return s;
}

function maskWeight(mask: number, weights: number[]): number {
  let w = 0;
  for (let i = 0; i < weights.length; i++) if (mask & (1 << i)) w += weights[i]!;
  return w;
}

/** The k entries of `ids` with the largest `values`, best first (quickselect, then a sort of k). */
export function topK(values: Float32Array, ids: number[], k: number): number[] {
  if (ids.length <= k) return [...ids].sort((a, b) => values[b]! - values[a]!);
  const v = new Float32Array(ids.length);
  for (let i = 0; i < ids.length; i++) v[i] = values[ids[i]!]!;
  const thr = kthLargest(v, k);
  const above: number[] = [];
  const ties: number[] = [];
  for (const i of ids) {
    const x = values[i]!;
    if (x > thr) above.push(i);
    else if (x === thr) ties.push(i);
  }
  for (let i = 0; above.length < k && i < ties.length; i++) above.push(ties[i]!);
  return above.sort((a, b) => values[b]! - values[a]!);
}

/** The k-th largest value of `a` (1-based), reordering `a` in place (Hoare's selection). */
function kthLargest(a: Float32Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! > pivot) i++;
      while (a[j]! < pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return a[target]!;
}
