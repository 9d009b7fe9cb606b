/**
 * Merging segments of consecutive runs of statements gives exactly the segment of all of them (the parallel
 * build relies on it): same vocabulary, ids, postings, speakers, reversed order, and the same bytes on disk.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, statementHash } from '../../src/ingest/load.js';
import { mergeSegments, mergeSegmentsAsync } from '../../src/search/merge.js';
import { analyzeStatement, buildSegment, type AnalyzedStatement, type SegmentData } from '../../src/search/segment.js';
import type { Statement } from '../../src/types.js';
import { HAS_SHARED, ROOT, SHARED, expectSameSegment } from '../helpers.js';

const SHARED_LINES = 400;

function statement(id: string, title: string, text: string): Statement {
  return { id, title, text, publisher: 'Polisen', published: '2024-05-01', url: null, source: `synthetic:${id}` };
}

/** Statements the shared notices lack: English, recurring speakers, no sentences at all, a capped frequency. */
const SYNTHETIC: Statement[] = [
  statement('syn-en', 'Police search for witnesses', 'A man was arrested on Tuesday evening.\n\n– We are asking anyone who saw the car to call us, said police spokesperson Jane Doe.'),
  statement('syn-sv-1', 'Inbrott i Kävlinge', 'Ett inbrott anmäldes under natten.\n\n– Vi har säkrat spår på platsen, säger Anna Berg.'),
  statement('syn-empty', 'Rubrik utan text', ''),
  statement('syn-tf', 'Upprepning', `${Array.from({ length: 300 }, () => 'stöld').join(' ')}.\n\n${Array.from({ length: 70_000 }, () => 'rån').join(' ')}.`),
  statement('syn-sv-2', 'Brand i Umeå', '– Branden är släckt, säger Per Persson.\n\n– Ingen skadades, säger Anna Berg.'),
];

/** corpus/ and, when present, the first lines of the shared notices, with synthetic statements in between. */
async function sample(): Promise<AnalyzedStatement[]> {
  const out: Statement[] = [];
  for await (const s of loadCorpus([join(ROOT, 'corpus')], { maxFileBytes: 20e6, onIssue: () => undefined })) out.push(s);
  if (HAS_SHARED) {
    let n = 0;
    for await (const s of loadCorpus([join(SHARED, 'data/polisen-events.jsonl.gz')], { maxFileBytes: 20e6, onIssue: () => undefined })) {
      out.push(s);
      if (++n % 97 === 0) out.push(SYNTHETIC[(n / 97) % SYNTHETIC.length]!);
      if (n >= SHARED_LINES) break;
    }
  } else console.warn(`⚠ ${SHARED} is absent: the merge is checked on corpus/ and synthetic statements only`);
  out.push(...SYNTHETIC);
  return out.map((s, i) => analyzeStatement({ ...s, id: `${s.id}#${i}` }, statementHash(s)));
}

/** Consecutive runs of the given lengths (the last takes the rest). */
function split<T>(xs: T[], sizes: number[]): T[][] {
  const out: T[][] = [];
  let at = 0;
  for (const n of sizes) {
    out.push(xs.slice(at, at + n));
    at += n;
  }
  out.push(xs.slice(at));
  return out;
}

const expectSame = expectSameSegment;

describe('mergeSegments', () => {
  let docs: AnalyzedStatement[];
  let whole: SegmentData;
  beforeAll(async () => {
    docs = await sample();
    whole = buildSegment(docs);
  });

  it('has a sample worth checking: speakers, English, empty statements, capped frequencies', () => {
    expect(whole.speakers.length).toBeGreaterThanOrEqual(3);
    expect(whole.docs.some((d) => d.lang === 'en')).toBe(true);
    expect(docs.some((d) => d.sentences.length === 0)).toBe(true);
    expect(Math.max(...whole.sTf)).toBe(255);
    expect(Math.max(...whole.dTf)).toBe(65535);
  });

  it('merges runs into the segment of all statements, however they are cut', () => {
    const n = docs.length;
    const cuts: number[][] = [
      [], // one part
      [Math.floor(n / 2)],
      [1, 0, 3, 50, 0, 7], // empty runs and single statements
      Array.from({ length: Math.ceil(n / 37) }, () => 37),
      Array.from({ length: n }, () => 1), // every statement alone
    ];
    for (const sizes of cuts) expectSame(mergeSegments(split(docs, sizes).map(buildSegment)), whole);
  });

  it('merges the same way step by step', async () => {
    const parts = split(docs, [13, 100, 5]).map(buildSegment);
    expectSame(await mergeSegmentsAsync(parts), whole);
  });

  it('merges nothing into the empty segment, and one part into itself', () => {
    expectSame(mergeSegments([]), buildSegment([]));
    expectSame(mergeSegments([buildSegment([])]), buildSegment([]));
    expectSame(mergeSegments([whole]), whole);
  });
});
