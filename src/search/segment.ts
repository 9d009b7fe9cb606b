/**
 * A segment: an immutable slice of the index holding statements, their sentences and two inverted indexes
 * (sentence level and statement level) in compressed-row typed arrays. Segments are built once, written as
 * one binary file, and loaded by viewing the file's bytes (no parsing of postings).
 */
import type { Lang, Sentence, Statement } from '../types.js';
import { detectLang, indexTerms } from '../text/analyze.js';
import { citableSentences } from '../text/citable.js';

/** What an index keeps of a statement besides its text. */
export interface DocMeta {
  id: string;
  title: string;
  publisher: string | null;
  published: string | null;
  url: string | null;
  source: string;
  hash: string;
  lang: Lang;
  /** When the source last edited it (ISO), for statements fetched from sources; absent when never edited. */
  updated?: string;
}

/** A statement's metadata as a segment keeps it (the same fields in the same order, whichever thread made it). */
export function docMeta(s: Statement, hash: string, lang: Lang): DocMeta {
  const meta: DocMeta = { id: s.id, title: s.title, publisher: s.publisher, published: s.published, url: s.url, source: s.source, hash, lang };
  if (s.updated) meta.updated = s.updated;
  return meta;
}

export interface SegmentData {
  docs: DocMeta[];
  texts: string[];
  speakers: string[];
  /** Sentences of doc d are [docSent[d], docSent[d+1]). */
  docSent: Uint32Array;
  sentDoc: Uint32Array;
  sentStart: Uint32Array;
  sentEnd: Uint32Array;
  sentPara: Uint32Array;
  /** Index into `speakers`, or -1. */
  sentSpeaker: Int32Array;
  /** Number of index terms of each sentence (BM25 length). */
  sentLen: Uint16Array;
  /** Sorted vocabulary. */
  terms: string[];
  /** Term ids ordered by reversed term, for suffix (compound head) look-ups. */
  revOrder: Uint32Array;
  sOff: Uint32Array;
  sIds: Uint32Array;
  sTf: Uint8Array;
  dOff: Uint32Array;
  dIds: Uint32Array;
  dTf: Uint16Array;
  /** Number of index terms of each statement, title included. */
  docLen: Uint32Array;
}

/** A statement prepared for a segment: its sentences and terms, computed once. */
export interface AnalyzedStatement {
  meta: DocMeta;
  text: string;
  sentences: Sentence[];
  sentenceTerms: string[][];
  titleTerms: string[];
}

export function analyzeStatement(s: Statement, hash: string): AnalyzedStatement {
  const lang = detectLang(s.text);
  const sentences = citableSentences(s);
  return {
    meta: docMeta(s, hash, lang),
    text: s.text,
    sentences,
    sentenceTerms: sentences.map((x) => indexTerms(s.text.slice(x.start, x.end), lang)),
    titleTerms: indexTerms(s.title, lang),
  };
}

class U32List {
  a = new Uint32Array(1024);
  n = 0;
  push(v: number) {
    if (this.n === this.a.length) {
      const b = new Uint32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  view() {
    return this.a.subarray(0, this.n);
  }
}

/** Builds (term, tf) postings in CSR form from per-unit term-id lists. */
function invert(units: number, unitTerms: (u: number) => Uint32Array, nTerms: number, tfMax: number) {
  const df = new Uint32Array(nTerms + 1);
  const pairsTerm = new U32List();
  const pairsTf = new U32List();
  const pairsUnit = new U32List();
  for (let u = 0; u < units; u++) {
    const ids = unitTerms(u).slice().sort();
    for (let i = 0; i < ids.length; ) {
      let j = i + 1;
      while (j < ids.length && ids[j] === ids[i]) j++;
      pairsTerm.push(ids[i]!);
      pairsTf.push(Math.min(j - i, tfMax));
      pairsUnit.push(u);
      df[ids[i]! + 1]!++;
      i = j;
    }
  }
  const off = new Uint32Array(nTerms + 1);
  for (let t = 0; t < nTerms; t++) off[t + 1] = off[t]! + df[t + 1]!;
  const fill = off.slice(0, nTerms);
  const ids = new Uint32Array(pairsTerm.n);
  const tfs = tfMax <= 255 ? new Uint8Array(pairsTerm.n) : new Uint16Array(pairsTerm.n);
  const pt = pairsTerm.view();
  const pf = pairsTf.view();
  const pu = pairsUnit.view();
  for (let i = 0; i < pt.length; i++) {
    const p = fill[pt[i]!]!++;
    ids[p] = pu[i]!;
    tfs[p] = pf[i]!;
  }
  return { off, ids, tfs };
}

function reverse(s: string): string {
  return [...s].reverse().join('');
}

/** Term ids ordered by reversed term (the `revOrder` of a segment), for suffix look-ups. */
export function reversedOrder(terms: readonly string[]): Uint32Array {
  const reversed = terms.map(reverse);
  return Uint32Array.from(terms.map((_, i) => i).sort((a, b) => (reversed[a]! < reversed[b]! ? -1 : 1)));
}

/** Builds a segment from analysed statements (in memory). */
export function buildSegment(docsIn: AnalyzedStatement[]): SegmentData {
  const termIds = new Map<string, number>();
  const termList: string[] = [];
  const id = (t: string) => {
    let i = termIds.get(t);
    if (i === undefined) {
      i = termList.length;
      termIds.set(t, i);
      termList.push(t);
    }
    return i;
  };
  let nSent = 0;
  for (const d of docsIn) nSent += d.sentences.length;
  const docSent = new Uint32Array(docsIn.length + 1);
  const sentDoc = new Uint32Array(nSent);
  const sentStart = new Uint32Array(nSent);
  const sentEnd = new Uint32Array(nSent);
  const sentPara = new Uint32Array(nSent);
  const sentSpeaker = new Int32Array(nSent);
  const sentLen = new Uint16Array(nSent);
  const speakers: string[] = [];
  const speakerIds = new Map<string, number>();
  const sentTermOff = new U32List();
  const sentTermIds = new U32List();
  const docTermOff = new Uint32Array(docsIn.length + 1);
  const docTermIds = new U32List();
  const docLen = new Uint32Array(docsIn.length);
  let s = 0;
  docsIn.forEach((d, di) => {
    docSent[di] = s;
    for (const t of d.titleTerms) docTermIds.push(id(t));
    d.sentences.forEach((x, k) => {
      sentDoc[s] = di;
      sentStart[s] = x.start;
      sentEnd[s] = x.end;
      sentPara[s] = x.paragraph;
      let sp = -1;
      if (x.speaker) {
        sp = speakerIds.get(x.speaker) ?? -1;
        if (sp < 0) {
          sp = speakers.length;
          speakers.push(x.speaker);
          speakerIds.set(x.speaker, sp);
        }
      }
      sentSpeaker[s] = sp;
      sentTermOff.push(sentTermIds.n);
      const terms = d.sentenceTerms[k]!;
      sentLen[s] = Math.min(terms.length, 65535);
      for (const t of terms) {
        const ti = id(t);
        sentTermIds.push(ti);
        docTermIds.push(ti);
      }
      s++;
    });
    docTermOff[di + 1] = docTermIds.n;
    docLen[di] = docTermOff[di + 1]! - docTermOff[di]!;
  });
  docSent[docsIn.length] = s;
  sentTermOff.push(sentTermIds.n);

  // Renumber terms in sorted order so that prefix look-ups are a binary search.
  const order = termList.map((_, i) => i).sort((a, b) => (termList[a]! < termList[b]! ? -1 : 1));
  const remap = new Uint32Array(termList.length);
  order.forEach((old, neu) => (remap[old] = neu));
  const terms = order.map((i) => termList[i]!);
  const sIdsFlat = sentTermIds.view().map((t) => remap[t]!);
  const dIdsFlat = docTermIds.view().map((t) => remap[t]!);
  const sOffFlat = sentTermOff.view();

  const sent = invert(nSent, (u) => sIdsFlat.subarray(sOffFlat[u]!, sOffFlat[u + 1]!), terms.length, 255);
  const doc = invert(docsIn.length, (u) => dIdsFlat.subarray(docTermOff[u]!, docTermOff[u + 1]!), terms.length, 65535);
  const revOrder = reversedOrder(terms);

  return {
    docs: docsIn.map((d) => d.meta),
    texts: docsIn.map((d) => d.text),
    speakers,
    docSent,
    sentDoc,
    sentStart,
    sentEnd,
    sentPara,
    sentSpeaker,
    sentLen,
    terms,
    revOrder,
    sOff: sent.off,
    sIds: sent.ids,
    sTf: sent.tfs as Uint8Array,
    dOff: doc.off,
    dIds: doc.ids,
    dTf: doc.tfs as Uint16Array,
    docLen,
  };
}

/** The id of `term` in the sorted vocabulary, or -1. */
export function termId(seg: SegmentData, term: string): number {
  let lo = 0;
  let hi = seg.terms.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const t = seg.terms[mid]!;
    if (t === term) return mid;
    if (t < term) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Ids of the terms that start with `prefix` (longer than it), at most `limit`. */
export function termsWithPrefix(seg: SegmentData, prefix: string, limit: number): number[] {
  let lo = 0;
  let hi = seg.terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (seg.terms[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < seg.terms.length && out.length < limit && seg.terms[i]!.startsWith(prefix); i++) {
    if (seg.terms[i] !== prefix) out.push(i);
  }
  return out;
}

/** Ids of the terms that end with `suffix` (longer than it), at most `limit`. */
export function termsWithSuffix(seg: SegmentData, suffix: string, limit: number): number[] {
  const rs = reverse(suffix);
  const rev = (i: number) => reverse(seg.terms[seg.revOrder[i]!]!);
  let lo = 0;
  let hi = seg.revOrder.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rev(mid) < rs) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < seg.revOrder.length && out.length < limit; i++) {
    const r = rev(i);
    if (!r.startsWith(rs)) break;
    if (r !== rs) out.push(seg.revOrder[i]!);
  }
  return out;
}
