/**
 * Merging segments built from consecutive runs of statements into one, as if `buildSegment` had been given all
 * their statements at once: `mergeSegments(runs.map(buildSegment))` deep-equals `buildSegment(runs.flat())`.
 * The parallel build analyses and inverts runs of statements in worker threads, then merges here: the sorted
 * vocabularies are merged (term ids remapped), unit ids offset, and each term's postings concatenated in part
 * order, which keeps them sorted by unit id as `buildSegment` has them.
 */
import { reversedOrder, type DocMeta, type SegmentData } from './segment.js';

/** The union of two sorted vocabularies, and where each term of either went in it. */
function mergeTwo(a: readonly string[], b: readonly string[]): { terms: string[]; fromA: Uint32Array; fromB: Uint32Array } {
  const terms: string[] = [];
  const fromA = new Uint32Array(a.length);
  const fromB = new Uint32Array(b.length);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      fromA[i++] = fromB[j++] = terms.length;
      terms.push(x);
    } else if (x < y) {
      fromA[i++] = terms.length;
      terms.push(x);
    } else {
      fromB[j++] = terms.length;
      terms.push(y);
    }
  }
  for (; i < a.length; i++) {
    fromA[i] = terms.length;
    terms.push(a[i]!);
  }
  for (; j < b.length; j++) {
    fromB[j] = terms.length;
    terms.push(b[j]!);
  }
  return { terms, fromA, fromB };
}

/**
 * The union of the parts' sorted vocabularies (merged pairwise, as a tree) and, per part, the id in it of each
 * of the part's terms.
 */
function mergeVocabularies(parts: readonly SegmentData[], lo = 0, hi = parts.length): { terms: string[]; remaps: Uint32Array[] } {
  if (hi - lo === 0) return { terms: [], remaps: [] };
  if (hi - lo === 1) {
    const n = parts[lo]!.terms.length;
    const identity = new Uint32Array(n);
    for (let i = 0; i < n; i++) identity[i] = i;
    return { terms: parts[lo]!.terms, remaps: [identity] };
  }
  const mid = (lo + hi) >>> 1;
  const left = mergeVocabularies(parts, lo, mid);
  const right = mergeVocabularies(parts, mid, hi);
  const { terms, fromA, fromB } = mergeTwo(left.terms, right.terms);
  for (const r of left.remaps) for (let i = 0; i < r.length; i++) r[i] = fromA[r[i]!]!;
  for (const r of right.remaps) for (let i = 0; i < r.length; i++) r[i] = fromB[r[i]!]!;
  return { terms, remaps: [...left.remaps, ...right.remaps] };
}

interface Postings<T extends Uint8Array | Uint16Array> {
  off: Uint32Array;
  ids: Uint32Array;
  tfs: T;
}

/** Concatenates each term's postings over the parts (in part order), unit ids shifted by the part's base. */
function mergePostings<T extends Uint8Array | Uint16Array>(
  parts: readonly Postings<T>[],
  remaps: readonly Uint32Array[],
  unitBase: readonly number[],
  nTerms: number,
  makeTfs: (n: number) => T,
): Postings<T> {
  const off = new Uint32Array(nTerms + 1);
  parts.forEach(({ off: po }, pi) => {
    const remap = remaps[pi]!;
    for (let j = 0; j < remap.length; j++) off[remap[j]! + 1]! += po[j + 1]! - po[j]!;
  });
  for (let t = 0; t < nTerms; t++) off[t + 1]! += off[t]!;
  const fill = off.slice(0, nTerms);
  const ids = new Uint32Array(off[nTerms]!);
  const tfs = makeTfs(off[nTerms]!);
  parts.forEach(({ off: po, ids: pIds, tfs: pTfs }, pi) => {
    const remap = remaps[pi]!;
    const base = unitBase[pi]!;
    for (let j = 0; j < remap.length; j++) {
      const g = remap[j]!;
      let at = fill[g]!;
      for (let x = po[j]!, end = po[j + 1]!; x < end; x++, at++) {
        ids[at] = pIds[x]! + base;
        tfs[at] = pTfs[x]!;
      }
      fill[g] = at;
    }
  });
  return { off, ids, tfs };
}

/**
 * The merge in steps of some tens of milliseconds each (on 500k sentences): `mergeSegments` runs them in one
 * go, `mergeSegmentsAsync` lets the event loop in between.
 */
function* mergeSteps(parts: readonly SegmentData[]): Generator<void, SegmentData> {
  let nDocs = 0;
  let nSent = 0;
  const docBase: number[] = [];
  const sentBase: number[] = [];
  for (const p of parts) {
    docBase.push(nDocs);
    sentBase.push(nSent);
    nDocs += p.docs.length;
    nSent += p.sentDoc.length;
  }

  // Speakers in order of first appearance, as buildSegment numbers them.
  const speakers: string[] = [];
  const speakerIds = new Map<string, number>();
  const speakerRemaps = parts.map((p) => {
    const r = new Int32Array(p.speakers.length);
    p.speakers.forEach((name, k) => {
      let i = speakerIds.get(name);
      if (i === undefined) {
        i = speakers.length;
        speakers.push(name);
        speakerIds.set(name, i);
      }
      r[k] = i;
    });
    return r;
  });

  const docs: DocMeta[] = [];
  const texts: string[] = [];
  const docSent = new Uint32Array(nDocs + 1);
  const docLen = new Uint32Array(nDocs);
  const sentDoc = new Uint32Array(nSent);
  const sentStart = new Uint32Array(nSent);
  const sentEnd = new Uint32Array(nSent);
  const sentPara = new Uint32Array(nSent);
  const sentSpeaker = new Int32Array(nSent);
  const sentLen = new Uint16Array(nSent);
  parts.forEach((p, pi) => {
    const db = docBase[pi]!;
    const sb = sentBase[pi]!;
    for (const d of p.docs) docs.push(d);
    for (const t of p.texts) texts.push(t);
    for (let d = 0; d < p.docs.length; d++) docSent[db + d] = p.docSent[d]! + sb;
    docLen.set(p.docLen, db);
    for (let s = 0; s < p.sentDoc.length; s++) sentDoc[sb + s] = p.sentDoc[s]! + db;
    sentStart.set(p.sentStart, sb);
    sentEnd.set(p.sentEnd, sb);
    sentPara.set(p.sentPara, sb);
    sentLen.set(p.sentLen, sb);
    const sp = speakerRemaps[pi]!;
    for (let s = 0; s < p.sentSpeaker.length; s++) {
      const v = p.sentSpeaker[s]!;
      sentSpeaker[sb + s] = v < 0 ? v : sp[v]!;
    }
  });
  docSent[nDocs] = nSent;
  yield;

  const { terms, remaps } = mergeVocabularies(parts);
  yield;
  const sent = mergePostings(
    parts.map((p) => ({ off: p.sOff, ids: p.sIds, tfs: p.sTf })),
    remaps,
    sentBase,
    terms.length,
    (n) => new Uint8Array(n),
  );
  yield;
  const doc = mergePostings(
    parts.map((p) => ({ off: p.dOff, ids: p.dIds, tfs: p.dTf })),
    remaps,
    docBase,
    terms.length,
    (n) => new Uint16Array(n),
  );
  yield;
  // As buildSegment orders it: the same function over the same vocabulary, so the same order.
  const revOrder = reversedOrder(terms);

  return {
    docs,
    texts,
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
    sTf: sent.tfs,
    dOff: doc.off,
    dIds: doc.ids,
    dTf: doc.tfs,
    docLen,
  };
}

/** One segment holding the statements of `parts`, in order: the same as building it from all of them at once. */
export function mergeSegments(parts: readonly SegmentData[]): SegmentData {
  const steps = mergeSteps(parts);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** `mergeSegments`, letting the event loop run between its steps (a process answering questions meanwhile). */
export async function mergeSegmentsAsync(parts: readonly SegmentData[]): Promise<SegmentData> {
  const steps = mergeSteps(parts);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
