/**
 * Lexical retrieval over the index's segments: BM25 at sentence level and at statement level (title and whole
 * text), so that a sentence is found both by its own words and by the context its statement gives (place,
 * date, event type in the title).
 */
import { idf, SENTENCE_BM25, STATEMENT_BM25, type BM25Params } from './bm25.js';
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

/**
 * termsWithSuffix (segment.ts) without building reversed strings: its binary search and scan reverse a term per
 * step (spread into code points and joined), ~4 % of a query's time once the posting loop got faster; comparing
 * from the end instead took expand() from p50 0.14 / p95 0.46 ms to 0.09 / 0.29 ms on the bench questions. The
 * same ids in the same order (the expansions pick among equal frequencies by it).
 */
export function suffixTerms(seg: SegmentData, suffix: string, limit: number): number[] {
  // A suffix with surrogates could start inside a term's pair: leave those to the reversing original.
  if (/[\uD800-\uDFFF]/.test(suffix)) return termsWithSuffix(seg, suffix, limit);
  let lo = 0;
  let hi = seg.revOrder.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareReversed(seg.terms[seg.revOrder[mid]!]!, suffix) < 0) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < seg.revOrder.length && out.length < limit; i++) {
    const t = seg.terms[seg.revOrder[i]!]!;
    if (!t.endsWith(suffix)) break;
    if (t !== suffix) out.push(seg.revOrder[i]!);
  }
  return out;
}

/**
 * Compares a and b as `reverse(a) < reverse(b)` would, where reverse() reverses code points: from the end, a
 * surrogate pair's units in their own order.
 */
export function compareReversed(a: string, b: string): number {
  let i = a.length;
  let j = b.length;
  let pendA = -1;
  let pendB = -1;
  for (;;) {
    let ca: number;
    if (pendA >= 0) {
      ca = pendA;
      pendA = -1;
    } else if (i === 0) ca = -1;
    else {
      ca = a.charCodeAt(--i);
      if (ca >= 0xdc00 && ca <= 0xdfff && i > 0) {
        const hiA = a.charCodeAt(i - 1);
        if (hiA >= 0xd800 && hiA <= 0xdbff) {
          pendA = ca;
          ca = hiA;
          i--;
        }
      }
    }
    let cb: number;
    if (pendB >= 0) {
      cb = pendB;
      pendB = -1;
    } else if (j === 0) cb = -1;
    else {
      cb = b.charCodeAt(--j);
      if (cb >= 0xdc00 && cb <= 0xdfff && j > 0) {
        const hiB = b.charCodeAt(j - 1);
        if (hiB >= 0xd800 && hiB <= 0xdbff) {
          pendB = cb;
          cb = hiB;
          j--;
        }
      }
    }
    if (ca !== cb) return ca - cb;
    if (ca === -1) return 0;
  }
}

interface Expanded {
  /** per segment: term id → weight */
  terms: Map<number, number>[];
  df: number;
  /** Every term of the concept is too common to tell sentences apart: it weighs nothing. */
  everywhere: boolean;
}

/**
 * Most sentence postings one concept may read in one segment. A concept's own words always count; beyond the
 * budget its looser terms (other senses, synonyms, compounds built on it) go, weakest and commonest first: they
 * add little to which sentence answers, and their posting lists are most of a query's time.
 */
export const CONCEPT_POSTINGS_BUDGET = 60_000;

function withinBudget(m: Map<number, number>, d: SegmentData): Map<number, number> {
  const dfOf = (id: number) => d.sOff[id + 1]! - d.sOff[id]!;
  let sum = 0;
  for (const id of m.keys()) sum += dfOf(id);
  if (sum <= CONCEPT_POSTINGS_BUDGET) return m;
  const entries = [...m].sort((a, b) => b[1] - a[1] || dfOf(a[0]) - dfOf(b[0]));
  const kept = new Map<number, number>();
  let used = 0;
  for (const [id, w] of entries) {
    const df = dfOf(id);
    if (w >= 1 || used + df <= CONCEPT_POSTINGS_BUDGET) {
      kept.set(id, w);
      used += df;
    }
  }
  return kept;
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
        if (a.term.length >= 4 && !a.exact && !/^[\d§]/.test(a.term)) {
          const byDf = (ids: number[]) => ids.sort((x, y) => seg.data.sOff[y + 1]! - seg.data.sOff[y]! - (seg.data.sOff[x + 1]! - seg.data.sOff[x]!));
          for (const id of byDf(suffixTerms(seg.data, a.term, 4000)).slice(0, MAX_EXPANSIONS)) {
            if (seg.data.terms[id]!.length - a.term.length >= MIN_AFFIX) put(id, a.weight * HEAD_WEIGHT);
          }
          for (const id of byDf(termsWithPrefix(seg.data, a.term, 4000)).slice(0, MAX_EXPANSIONS)) {
            if (seg.data.terms[id]!.length - a.term.length >= MIN_AFFIX) put(id, a.weight * MODIFIER_WEIGHT);
          }
        }
      }
      return withinBudget(m, seg.data);
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

/**
 * Scores sentences for the concepts. Candidates are the best sentences by their own score and every sentence
 * of the best statements; each carries both scores and the coverage figures the answerer decides with.
 */
export function lexicalSearch(
  segments: SearchSegment[],
  concepts: Concept[],
  opts: {
    sentenceCandidates?: number;
    statementCandidates?: number;
    /**
     * Only these statements (per segment, by position) may be candidates: the best are chosen among them, so a
     * filter to a few statements is not emptied by better statements outside it. Weights are still the index's.
     */
    only?: readonly (ReadonlySet<number> | undefined)[];
  } = {},
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
    // Scratch arrays live with the segment and hold only what this query touched, so a query costs what its
    // posting lists cost, not the size of the index.
    const st = scratchOf(d);
    const S = st.sent;
    const D = st.doc;
    const sParts = tfParts(st, 'sent', d, avgSent);
    const dParts = tfParts(st, 'doc', d, avgDoc);
    // A query touches at most as many units as its terms have postings.
    let sMax = 0;
    let dMax = 0;
    for (const e of expanded) {
      for (const tid of e.terms[si]!.keys()) {
        sMax += d.sOff[tid + 1]! - d.sOff[tid]!;
        dMax += d.dOff[tid + 1]! - d.dOff[tid]!;
      }
    }
    reserve(S, sMax);
    reserve(D, dMax);
    try {
      expanded.forEach((e, ci) => {
        const bit = 1 << ci;
        for (const [tid, w] of e.terms[si]!) {
          const sdf = d.sOff[tid + 1]! - d.sOff[tid]!;
          const ti = idf(nSent, Math.max(sdf, e.df)) * w;
          if (!sParts.coded[tid]) codeTerm(sParts, tid);
          if (!dParts.coded[tid]) codeTerm(dParts, tid);
          accumulate(d.sIds, sParts.code, d.sOff[tid]!, d.sOff[tid + 1]!, ti, bit, S, sParts.value);
          accumulate(d.dIds, dParts.code, d.dOff[tid]!, d.dOff[tid + 1]!, ti, bit, D, dParts.value);
        }
      });
      const sTotal = (s: number) => (S.at[s] ? S.total[S.at[s]! - 1]! : 0);
      const sMask = (s: number) => (S.at[s] ? S.mask[S.at[s]! - 1]! : 0);

      const only = opts.only ? (opts.only[si] ?? new Set<number>()) : null;
      if (only) {
        // Units outside the filter drop below every score (and are skipped below, should a tie let one through).
        for (let i = 0; i < S.n; i++) if (!only.has(d.sentDoc[S.unit[i]!]!)) S.total[i] = -Infinity;
        for (let i = 0; i < D.n; i++) if (!only.has(D.unit[i]!)) D.total[i] = -Infinity;
      }
      const cand = new Set<number>();
      for (const i of topKDense(S.total, S.n, nSentCand)) {
        const s = S.unit[i]!;
        if (!seg.deleted.has(d.sentDoc[s]!) && (!only || only.has(d.sentDoc[s]!))) cand.add(s);
      }
      for (const i of topKDense(D.total, D.n, nDocCand)) {
        const doc = D.unit[i]!;
        if (seg.deleted.has(doc) || (only && !only.has(doc))) continue;
        for (let s = d.docSent[doc]!; s < d.docSent[doc + 1]!; s++) cand.add(s);
      }
      for (const s of cand) {
        const doc = d.sentDoc[s]!;
        const mask = sMask(s);
        const at = D.at[doc]!;
        const docMask = at ? D.mask[at - 1]! : 0;
        hits.push({
          seg: si,
          sent: s,
          doc,
          sentScore: sTotal(s) / maxSent,
          docScore: (at ? D.total[at - 1]! : 0) / maxDoc,
          sentCoverage: maskWeight(mask, conceptWeights) / totalWeight,
          docCoverage: maskWeight(mask | docMask, conceptWeights) / totalWeight,
          sentMask: mask,
          docMask,
          prevScore: s > d.docSent[doc]! ? sTotal(s - 1) / maxSent : 0,
        });
      }
    } finally {
      clear(S);
      clear(D);
    }
  });
  return { hits, conceptWeights, conceptFound };
}

/**
 * The scores of one level (sentences or statements) for the query being answered. A unit the query touches
 * gets the next free place in `unit`, `mask`, `total`, `base` and `best`, in the order first touched; `at[u]` is
 * its place + 1 (0: untouched). Posting lists are sparse in 524k sentences, so the posting loop and the selection
 * of the best are bound by cache misses: with the places, a posting reads one array indexed by unit (`at`, plus
 * the length) instead of four, the selection reads `total` front to back instead of at random, and no list of
 * touched units is pushed to (bench questions, lexicalSearch: p50 1.69 → 1.35 ms, p95 6.6 → 5.4 ms over arrays
 * indexed by unit). One interleaved record per unit (a single Float32Array/Uint32Array pair) was 2.4× slower
 * than these separate arrays; checking `unit[at[u]] === u` instead of clearing `at` after the query, 5 % slower.
 */
interface Units {
  at: Uint32Array;
  n: number;
  unit: Uint32Array;
  /** Bit c set when concept c scored the unit. */
  mask: Uint32Array;
  total: Float32Array;
  /**
   * The unit's total before the concept being added and that concept's best term score so far (read only when
   * the concept's bit is set, so never reset): a concept counts once, with its best term. Keeping `base` (with
   * float64 length parts) makes the totals bit for bit those of adding each concept's best once; total − old best
   * + new best was ~7 % faster but rounds differently (1e-7), which reordered the hits of 4 of 1029 questions.
   */
  base: Float32Array;
  best: Float32Array;
}

/**
 * Adds one term's postings [from, to) of a level (sentences or statements), a concept counting once (its best
 * term per unit): the first of the concept's terms in a unit adds its score, a better one later replaces it in the
 * total. `ti` is the term's idf·weight and `parts[codes[p]]` the posting's tfPart (see TfParts): ti·tfPart(tf,
 * len, avg) with the same operations, rounded to float32 as the totals are, so the scores are those of summing
 * tfPart per concept bit for bit.
 */
function accumulate(ids: Uint32Array, codes: Uint16Array | Uint32Array, from: number, to: number, ti: number, bit: number, units: Units, parts: Float64Array): void {
  const { at, unit, mask, total, best, base } = units;
  let n = units.n;
  for (let p = from; p < to; p++) {
    const u = ids[p]!;
    const v = Math.fround(ti * parts[codes[p]!]!);
    const i = at[u]! - 1;
    if (i < 0) {
      unit[n] = u;
      mask[n] = bit;
      base[n] = 0;
      total[n] = v;
      best[n] = v;
      at[u] = ++n;
    } else {
      const m = mask[i]!;
      if ((m & bit) === 0) {
        mask[i] = m | bit;
        best[i] = v;
        base[i] = total[i]!;
        total[i] = total[i]! + v;
      } else if (v > best[i]!) {
        best[i] = v;
        total[i] = base[i]! + v;
      }
    }
  }
  units.n = n;
}

/** Room for `n` more touched units (at most all of them), kept for later queries. */
function reserve(units: Units, n: number): void {
  const need = Math.min(units.at.length, units.n + n);
  if (units.unit.length >= need) return;
  const size = Math.min(units.at.length, Math.max(need, 2 * units.unit.length));
  units.unit = new Uint32Array(size);
  units.mask = new Uint32Array(size);
  units.total = new Float32Array(size);
  units.base = new Float32Array(size);
  units.best = new Float32Array(size);
}

/** Forgets the query's scores: only the units it touched. */
function clear(units: Units): void {
  const { at, unit } = units;
  for (let i = 0; i < units.n; i++) at[unit[i]!] = 0;
  units.n = 0;
}

/**
 * A level's tfPart per posting, without reading the unit's length at random: `code[p]` numbers the posting's
 * (tf, unit length) pair among the level's distinct pairs (a few hundred for sentences, a few thousand for police
 * notices) and `value[c]` is (tf·(k1 + 1)) / (tf + k1·(1 − b + b·len/avg)) for pair c, float64 as tfPart computes
 * it. A term's postings are coded the first time a query reads them (coding them all at once made the first query
 * ~100 ms slower); the values are remade when the average length changes (segments added or removed). A 16-bit
 * code read in posting order instead of the length (or length part) read by unit, a cache miss per posting, and a
 * division: for the sentence level alone the whole question 8 % faster on the bench questions (mean 9.28 →
 * 8.57 ms, both builds in one process, interleaved), the scores bit for bit the same.
 */
interface TfParts {
  off: Uint32Array;
  ids: Uint32Array;
  tfs: Uint8Array | Uint16Array;
  lens: Uint16Array | Uint32Array;
  bm25: BM25Params;
  code: Uint16Array | Uint32Array;
  /** 1 for a term whose postings are coded. */
  coded: Uint8Array;
  /** Pair number + 1 by tf·width + len (0: not seen yet); a map by the same key when that table would be large. */
  width: number;
  pairs: Int32Array | Map<number, number>;
  tf: number[];
  len: number[];
  value: Float64Array;
  avg: number;
}

interface Scratch {
  sent: Units;
  doc: Units;
  sentLenSum: number;
  docLenSum: number;
  parts: { sent: TfParts | null; doc: TfParts | null };
}

const scratches = new WeakMap<SegmentData, Scratch>();

function makeUnits(n: number): Units {
  return { at: new Uint32Array(n), n: 0, unit: new Uint32Array(0), mask: new Uint32Array(0), total: new Float32Array(0), base: new Float32Array(0), best: new Float32Array(0) };
}

/** Per-segment score arrays and length sums, made on first use and kept with the segment. */
function scratchOf(d: SegmentData): Scratch {
  let s = scratches.get(d);
  if (!s) {
    let sentLenSum = 0;
    let docLenSum = 0;
    for (let i = 0; i < d.sentLen.length; i++) sentLenSum += d.sentLen[i]!;
    for (let i = 0; i < d.docLen.length; i++) docLenSum += d.docLen[i]!;
    s = { sent: makeUnits(d.sentDoc.length), doc: makeUnits(d.docs.length), sentLenSum, docLenSum, parts: { sent: null, doc: null } };
    scratches.set(d, s);
  }
  return s;
}

/** The segment's TfParts of a level, with values for the level's average length `avg`. */
function tfParts(st: Scratch, level: 'sent' | 'doc', d: SegmentData, avg: number): TfParts {
  let parts = st.parts[level];
  if (!parts) {
    const l =
      level === 'sent'
        ? { off: d.sOff, ids: d.sIds, tfs: d.sTf, lens: d.sentLen, bm25: SENTENCE_BM25 }
        : { off: d.dOff, ids: d.dIds, tfs: d.dTf, lens: d.docLen, bm25: STATEMENT_BM25 };
    let width = 1;
    for (let i = 0; i < l.lens.length; i++) width = Math.max(width, l.lens[i]! + 1);
    let height = 1;
    for (let p = 0; p < l.tfs.length; p++) height = Math.max(height, l.tfs[p]! + 1);
    parts = st.parts[level] = {
      ...l,
      code: new Uint16Array(l.ids.length),
      coded: new Uint8Array(d.terms.length),
      width,
      pairs: height * width <= 1 << 20 ? new Int32Array(height * width) : new Map(),
      tf: [],
      len: [],
      value: new Float64Array(256),
      avg,
    };
  }
  if (parts.avg !== avg) {
    parts.avg = avg;
    for (let c = 0; c < parts.tf.length; c++) parts.value[c] = tfPartOf(parts, c);
  }
  return parts;
}

function tfPartOf(parts: TfParts, c: number): number {
  const { k1, b } = parts.bm25;
  const tf = parts.tf[c]!;
  return (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * parts.len[c]!) / parts.avg));
}

/** Codes the postings of term `tid`, numbering the pairs not seen before. */
function codeTerm(parts: TfParts, tid: number): void {
  for (let p = parts.off[tid]!; p < parts.off[tid + 1]!; p++) {
    const tf = parts.tfs[p]!;
    const len = parts.lens[parts.ids[p]!]!;
    const key = tf * parts.width + len;
    let c = (parts.pairs instanceof Map ? parts.pairs.get(key) : parts.pairs[key]) ?? 0;
    if (c === 0) {
      parts.tf.push(tf);
      parts.len.push(len);
      c = parts.tf.length;
      if (parts.pairs instanceof Map) parts.pairs.set(key, c);
      else parts.pairs[key] = c;
      if (c > parts.value.length) {
        const grown = new Float64Array(2 * parts.value.length);
        grown.set(parts.value);
        parts.value = grown;
      }
      parts.value[c - 1] = tfPartOf(parts, c - 1);
      // More distinct pairs than 16 bits number: 32-bit codes.
      if (c - 1 === 65536) parts.code = Uint32Array.from(parts.code);
    }
    parts.code[p] = c - 1;
  }
  parts.coded[tid] = 1;
}

function maskWeight(mask: number, weights: number[]): number {
  let w = 0;
  for (let i = 0; i < weights.length; i++) if (mask & (1 << i)) w += weights[i]!;
  return w;
}

/** The k entries of `ids` with the largest `values`, best first, equal values in the order of `ids`. */
export function topK(values: Float32Array, ids: ArrayLike<number>, k: number): number[] {
  const v = new Float32Array(ids.length);
  for (let i = 0; i < ids.length; i++) v[i] = values[ids[i]!]!;
  return topKDense(v, ids.length, k).map((i) => ids[i]!);
}

/**
 * The positions of the k largest of values[0..n), best first, equal values in position order (what a stable
 * sort of all of them would give). A query touches up to a few hundred thousand sentences for 300 candidates:
 * instead of a selection over all of them, a sample of the values gives a threshold that about OVERSHOOT·k pass,
 * and only those are selected from (one pass that rarely branches). With the sorts below, the selection went from
 * p50 0.71 / p95 2.4 ms a query to 0.18 / 0.41 ms.
 */
function topKDense(v: Float32Array, n: number, k: number): number[] {
  if (k <= 0) return [];
  // Positions (ascending) of the values that may be among the k best.
  const pos = positions(n);
  let m = 0;
  if (n <= k) {
    for (; m < n; m++) pos[m] = m;
  } else {
    let floor = -Infinity;
    if (n >= SAMPLE_FROM * k) {
      // A sample of SAMPLE values spread over the list: about (j + 1)·n/SAMPLE values are ≥ its (j + 1)-th
      // largest; aim at OVERSHOOT·k so that fewer than k pass (then: everything is selected from) is rare.
      const sample = buffer(SAMPLE).subarray(0, SAMPLE);
      for (let j = 0; j < SAMPLE; j++) sample[j] = v[Math.floor((j * n) / SAMPLE)]!;
      floor = kthLargest(sample, Math.min(SAMPLE, Math.ceil((OVERSHOOT * k * SAMPLE) / n) + 1));
    }
    for (let i = 0; i < n; i++) if (v[i]! >= floor) pos[m++] = i;
    if (m < k) {
      m = 0;
      for (let i = 0; i < n; i++) pos[m++] = i;
    }
  }
  // The k-th largest of the passing values, then those above it and as many equal to it as fit, in order.
  let thr = -Infinity;
  if (m > k) {
    const sel = buffer(m).subarray(0, m);
    for (let i = 0; i < m; i++) sel[i] = v[pos[i]!]!;
    thr = kthLargest(sel, k);
  }
  let ties = k;
  for (let i = 0; i < m; i++) if (v[pos[i]!]! > thr) ties--;
  let kept = 0;
  for (let i = 0; i < m; i++) {
    const x = v[pos[i]!]!;
    if (x > thr || (x === thr && ties-- > 0)) pos[kept++] = pos[i]!;
  }
  sortByValue(pos, 0, kept - 1, v);
  return Array.from(pos.subarray(0, kept));
}

/**
 * Sorts positions a[lo..hi] by v descending, then by position (a strict order, so the result is that of a
 * stable sort). Array.prototype.sort with a comparator took ~45 µs for 300 positions; this ~5 µs.
 */
function sortByValue(a: Uint32Array, lo: number, hi: number, v: Float32Array): void {
  while (hi - lo > 16) {
    const p = a[(lo + hi) >>> 1]!;
    const pv = v[p]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (v[a[i]!]! > pv || (v[a[i]!]! === pv && a[i]! < p)) i++;
      while (v[a[j]!]! < pv || (v[a[j]!]! === pv && a[j]! > p)) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    // Recurse into the smaller part, loop on the larger.
    if (j - lo < hi - i) {
      sortByValue(a, lo, j, v);
      lo = i;
    } else {
      sortByValue(a, i, hi, v);
      hi = j;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    const x = a[i]!;
    const xv = v[x]!;
    let j = i - 1;
    while (j >= lo && (v[a[j]!]! < xv || (v[a[j]!]! === xv && a[j]! > x))) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}

/** Sample size, and from how many values per wanted one sampling pays (below, everything is selected from). */
const SAMPLE = 1024;
const SAMPLE_FROM = 8;
/**
 * How many times k values the sample's threshold aims to let through: with 2, fewer than k passed for none of the
 * bench questions (the fallback then selects from all).
 */
const OVERSHOOT = 2;

/** Reused work arrays of topKDense (it runs to completion, so nothing else uses them meanwhile). */
let selectBuffer = new Float32Array(1024);
let positionBuffer = new Uint32Array(1024);

function buffer(n: number): Float32Array {
  if (selectBuffer.length < n) selectBuffer = new Float32Array(Math.max(n, 2 * selectBuffer.length));
  return selectBuffer;
}

function positions(n: number): Uint32Array {
  if (positionBuffer.length < n) positionBuffer = new Uint32Array(Math.max(n, 2 * positionBuffer.length));
  return positionBuffer;
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
