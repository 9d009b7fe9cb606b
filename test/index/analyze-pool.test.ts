/**
 * The analysis pool of full builds: worker threads analyse and invert runs of statements and the parts are
 * merged into exactly the segment the single-threaded build makes; progress, abort and worker errors behave
 * as the build's own, and no thread outlives a build (the process can exit).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeInPool, liveWorkers, POOL_MIN_STATEMENTS } from '../../src/index/analyze-pool.js';
import { buildIndex, BuildInterrupted, type BuildProgress } from '../../src/index/build.js';
import { encodeSegment } from '../../src/index/container.js';
import { openIndex } from '../../src/index/open.js';
import { loadCorpus, statementHash } from '../../src/ingest/load.js';
import { analyzeStatement, buildSegment, type SegmentData } from '../../src/search/segment.js';
import type { Statement } from '../../src/types.js';
import { HAS_SHARED, ROOT, SHARED, tempDir, expectSameSegment } from '../helpers.js';

type Read = { s: Statement; hash: string };
const EVENTS = join(SHARED, 'data/polisen-events.jsonl.gz');
const interrupted = () => new BuildInterrupted();

/** corpus/, then the first `n` shared notices when present (else synthetic ones, with a visible notice). */
async function sample(n: number): Promise<Read[]> {
  const out: Statement[] = [];
  for await (const s of loadCorpus([join(ROOT, 'corpus')], { maxFileBytes: 20e6, onIssue: () => undefined })) out.push(s);
  if (HAS_SHARED) {
    for await (const s of loadCorpus([EVENTS], { maxFileBytes: 20e6, onIssue: () => undefined })) {
      out.push(s);
      if (out.length > n) break;
    }
  } else {
    console.warn(`⚠ ${SHARED} is absent: the pool is checked on corpus/ and synthetic statements only`);
    for (let i = 0; i < n; i++) {
      const text = `En man i ${20 + (i % 50)}-årsåldern greps i ${['Malmö', 'Umeå', 'Borås'][i % 3]} natten till ${['måndag', 'fredag'][i % 2]}.\n\n– Vi utreder händelsen ${i}, säger ${['Anna Berg', 'Per Persson'][i % 2]}.`;
      out.push({ id: `syn-${i}`, title: `Händelse ${i}`, text, publisher: 'Polisen', published: null, url: null, source: `syn:${i}` });
    }
  }
  return out.map((s) => ({ s, hash: statementHash(s) }));
}

const single = (read: Read[]) => buildSegment(read.map((r) => analyzeStatement(r.s, r.hash)));

const expectSame = expectSameSegment;

describe('analysis pool', () => {
  let read: Read[];
  let want: SegmentData;
  beforeAll(async () => {
    read = await sample(600);
    want = single(read);
  });

  it('builds the same segment as the single-threaded build, with progress up to the total', async () => {
    const progress: BuildProgress[] = [];
    // Short runs, so that there are many parts, handed out in turn to both workers.
    const got = await analyzeInPool(read, { workers: 2, maxRun: 70, minRun: 7, onProgress: (p) => progress.push(p) }, interrupted);
    expectSame(got, want);
    expect(progress[0]).toEqual({ phase: 'indexing', done: 0, total: read.length });
    expect(progress.at(-1)).toEqual({ phase: 'indexing', done: read.length, total: read.length });
    expect(progress.every((p, i) => i === 0 || p.done > progress[i - 1]!.done)).toBe(true);
    expect(liveWorkers()).toBe(0);
  }, 120_000);

  it('builds the same segment with one worker and with the default runs', async () => {
    expectSame(await analyzeInPool(read, { workers: 1 }, interrupted), want);
    expectSame(await analyzeInPool(read.slice(0, 3), {}, interrupted), single(read.slice(0, 3)));
    expectSame(await analyzeInPool([], {}, interrupted), buildSegment([]));
    expect(liveWorkers()).toBe(0);
  }, 120_000);

  it('keeps the event loop turning while the workers analyse', async () => {
    let ticks = 0;
    let maxGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      ticks++;
    }, 2);
    try {
      await analyzeInPool(read, { workers: 2, maxRun: 50 }, interrupted);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(10);
    // Nothing here runs for long: handing out runs and merging (in steps) take milliseconds at this size.
    expect(maxGap).toBeLessThan(500);
  }, 120_000);

  it('stops on abort: BuildInterrupted, and every worker stopped', async () => {
    const ac = new AbortController();
    const run = analyzeInPool(read, { workers: 2, maxRun: 20, minRun: 20, signal: ac.signal, onProgress: (p) => p.done > 0 && ac.abort() }, interrupted);
    await expect(run).rejects.toBeInstanceOf(BuildInterrupted);
    expect(liveWorkers()).toBe(0);
    // Aborted before it starts: no worker at all.
    await expect(analyzeInPool(read, { signal: AbortSignal.abort() }, interrupted)).rejects.toBeInstanceOf(BuildInterrupted);
    expect(liveWorkers()).toBe(0);
  }, 120_000);

  it('rejects with the error of a failing worker (not a hang), and stops every worker', async () => {
    const bad = [...read.slice(0, 40), { s: { ...read[0]!.s, text: null as unknown as string }, hash: 'x' }, ...read.slice(40, 80)];
    await expect(analyzeInPool(bad, { workers: 2, maxRun: 10, minRun: 10 }, interrupted)).rejects.toThrow(/null|undefined/);
    expect(liveWorkers()).toBe(0);
    // A progress callback that throws fails the build with its error, as in the single-threaded build.
    const onProgress = (p: BuildProgress) => {
      if (p.done > 0) throw new Error('progress display broke');
    };
    await expect(analyzeInPool(read, { workers: 2, maxRun: 50, onProgress }, interrupted)).rejects.toThrow('progress display broke');
    expect(liveWorkers()).toBe(0);
  }, 120_000);

  it('leaves nothing that keeps the process alive: done, aborted or failed, it exits by itself', () => {
    const script = join(tempDir('citera-pool-'), 'exit.mts');
    const pool = pathToFileURL(join(ROOT, 'src/index/analyze-pool.ts')).href;
    writeFileSync(
      script,
      `import { analyzeInPool } from ${JSON.stringify(pool)};
const s = (i) => ({ s: { id: 'd' + i, title: 'Titel ' + i, text: 'En bil stals i Malmö natten till ' + i + ' maj. Polisen söker vittnen.', publisher: null, published: null, url: null, source: 'x' }, hash: 'h' + i });
const read = Array.from({ length: 300 }, (_, i) => s(i));
const out = [];
const seg = await analyzeInPool(read, { workers: 2, maxRun: 30 }, () => new Error('interrupted'));
out.push(seg.docs.length);
const ac = new AbortController();
await analyzeInPool(read, { workers: 2, maxRun: 10, minRun: 10, signal: ac.signal, onProgress: (p) => p.done > 0 && ac.abort() }, () => new Error('interrupted')).catch((e) => out.push(e.message));
read[150].s.text = null;
await analyzeInPool(read, { workers: 2, maxRun: 10 }, () => new Error('interrupted')).catch(() => out.push('failed'));
console.log(JSON.stringify(out));
`,
    );
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.error).toBeUndefined(); // not killed by the timeout: the process ended on its own
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toEqual([300, 'interrupted', 'failed']);
  }, 90_000);

  it.skipIf(!HAS_SHARED)(`buildIndex uses the pool from ${POOL_MIN_STATEMENTS} statements and writes the same segment`, async () => {
    const many = await sample(POOL_MIN_STATEMENTS + 200);
    const dir = tempDir('citera-pool-');
    const file = join(dir, 'events.jsonl');
    // The notices as JSON Lines again: what the loader reads back is what the single-threaded build gets.
    writeFileSync(file, many.map(({ s }) => JSON.stringify({ id: s.id, title: s.title, text: s.text, publisher: s.publisher, published: s.published, url: s.url })).join('\n') + '\n');
    const readBack: Read[] = [];
    for await (const s of loadCorpus([file], { maxFileBytes: 100e6, onIssue: () => undefined })) readBack.push({ s, hash: statementHash(s) });
    expect(readBack.length).toBeGreaterThanOrEqual(POOL_MIN_STATEMENTS);
    const progress: BuildProgress[] = [];
    const report = await buildIndex({ corpus: [file], indexDir: join(dir, 'index'), maxFileBytes: 100e6, embedder: null, onProgress: (p) => progress.push(p) });
    expect(report.statements).toBe(readBack.length);
    // Only the pool reports the indexing of every statement (the inline analysis stops short of the total).
    expect(progress).toContainEqual({ phase: 'indexing', done: readBack.length, total: readBack.length });
    expect(liveWorkers()).toBe(0);
    const loaded = openIndex(join(dir, 'index'), { model: null, lexicalOnly: true });
    const expected = single(readBack);
    expect(report.sentences).toBe(expected.sentDoc.length);
    expect(Buffer.compare(encodeSegment(loaded.segments[0]!.data), encodeSegment(expected))).toBe(0);
  }, 120_000);
});
