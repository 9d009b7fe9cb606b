/**
 * The analysis and inversion of a full build spread over worker threads, one per core: runs of consecutive
 * statements go to whichever worker is free, each worker sends back a segment of its run (typed arrays
 * transferred, not copied), and the parts are merged, in statement order, into the one segment `buildSegment`
 * would have made of all the statements. This thread only hands out work and merges (in steps), so it stays
 * free to answer questions meanwhile.
 *
 * A worker costs a few hundred milliseconds to start (the TypeScript loader and the analysis modules), so
 * small builds analyse inline instead (`POOL_MIN_STATEMENTS`).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { mergeSegmentsAsync } from '../search/merge.js';
import { docMeta, type DocMeta, type SegmentData } from '../search/segment.js';
import type { Statement } from '../types.js';
import type { ChunkMessage, PartData, WorkerReply } from './analyze-worker.js';
import type { BuildProgress } from './build.js';
import { workerUrl } from './worker-url.js';

/** Below this many statements a build analyses on its own thread: starting workers would cost more. */
export const POOL_MIN_STATEMENTS = 5000;

export interface PoolOptions {
  signal?: AbortSignal;
  onProgress?: (p: BuildProgress) => void;
  /** Worker threads (default: one per core). */
  workers?: number;
  /** Most statements in one run handed to a worker (default 5,000); runs get shorter towards the end. */
  maxRun?: number;
  /** Fewest statements in one run (default 500), except the last. */
  minRun?: number;
}

/** Workers alive right now, of all builds (each build stops its own before it returns or throws). */
const live = new Set<Worker>();
export function liveWorkers(): number {
  return live.size;
}

/** analyze-worker.ts through its tsx boot file, or the compiled analyze-worker.js (see worker-url.ts). */
const WORKER_URL = workerUrl(import.meta.url, 'analyze-worker');

/** How often progress is reported (statements). */
const PROGRESS_STEP = 1000;

/**
 * Analyses the statements (with their content hashes) in worker threads and builds their segment: the same
 * segment, statement for statement, as `buildSegment(read.map((r) => analyzeStatement(r.s, r.hash)))`.
 * Rejects with `interrupted()` when `opts.signal` aborts and with a worker's error when one fails; either way
 * every worker has stopped by the time the promise settles.
 */
export async function analyzeInPool(read: readonly { s: Statement; hash: string }[], opts: PoolOptions, interrupted: () => Error): Promise<SegmentData> {
  if (opts.signal?.aborted) throw interrupted();
  const total = read.length;
  if (total === 0) return mergeSegmentsAsync([]);
  const maxRun = Math.max(1, Math.floor(opts.maxRun ?? 5000));
  const minRun = Math.max(1, Math.min(maxRun, Math.floor(opts.minRun ?? 500)));
  const nWorkers = Math.max(1, Math.min(Math.floor(opts.workers ?? availableParallelism()), Math.ceil(total / minRun)));
  /** The parts, by run, in statement order; `docs` and `texts` filled in here (the workers do not send them). */
  const parts: SegmentData[] = [];
  const runStart: number[] = [];
  const workers: Worker[] = [];
  let next = 0;
  let sent = 0;
  let received = 0;
  let done = 0;
  let reported = 0;
  opts.onProgress?.({ phase: 'indexing', done: 0, total });

  /** Hands `w` the next run: long ones first, shorter ones at the end so that the workers finish together. */
  const send = (w: Worker) => {
    if (next >= total) return;
    const size = Math.max(minRun, Math.min(maxRun, Math.ceil((total - next) / (2 * nWorkers))));
    const from = next;
    const to = Math.min(total, from + size);
    next = to;
    const titles: string[] = [];
    const texts: string[] = [];
    for (let i = from; i < to; i++) {
      titles.push(read[i]!.s.title);
      texts.push(read[i]!.s.text);
    }
    runStart.push(from);
    w.postMessage({ type: 'chunk', chunk: sent++, titles, texts } satisfies ChunkMessage);
  };

  const complete = (chunk: number, part: PartData) => {
    const { langs, ...rest } = part;
    const from = runStart[chunk]!;
    const docs: DocMeta[] = [];
    const texts: string[] = [];
    for (let i = 0; i < langs.length; i++) {
      const { s, hash } = read[from + i]!;
      // As analyzeStatement makes them (the segment file keeps them as JSON).
      docs.push(docMeta(s, hash, langs[i] === 1 ? 'en' : 'sv'));
      texts.push(s.text);
    }
    parts[chunk] = { docs, texts, ...rest };
  };

  let stopped: Promise<unknown> | undefined;
  const stopAll = () => (stopped ??= Promise.all(workers.map((w) => w.terminate())));
  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (e?: Error) => {
        if (settled) return;
        settled = true;
        opts.signal?.removeEventListener('abort', onAbort);
        if (e) reject(e);
        else resolve();
      };
      const onAbort = () => finish(interrupted());
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      for (let i = 0; i < nWorkers; i++) {
        const w = new Worker(WORKER_URL);
        live.add(w);
        workers.push(w);
        w.on('exit', (code) => {
          live.delete(w);
          finish(new Error(`an analysis worker stopped (exit code ${code}) before the build finished`));
        });
        w.on('error', (e) => finish(e));
        w.on('messageerror', (e) => finish(e));
        w.on('message', (m: WorkerReply) => {
          if (settled) return;
          try {
            if (m.type === 'progress') {
              done += m.statements;
              if (done - reported >= PROGRESS_STEP || done === total) {
                reported = done;
                opts.onProgress?.({ phase: 'indexing', done, total });
              }
            } else if (m.type === 'part') {
              complete(m.chunk, m.part);
              if (++received === sent && next >= total) finish();
              else send(w);
            } else {
              finish(Object.assign(new Error(m.message), { name: m.name, stack: m.stack }));
            }
          } catch (e) {
            // A throwing progress callback, say: the build fails with it, as the single-threaded one does.
            finish(e instanceof Error ? e : new Error(String(e)));
          }
        });
        // Two runs queued per worker, so that the next one is there when a part goes back.
        send(w);
        send(w);
      }
    });
  } catch (e) {
    await stopAll();
    throw e;
  }
  // The workers stop while the parts are merged; the build returns once they have.
  void stopAll();
  try {
    const data = await mergeSegmentsAsync(parts);
    if (opts.signal?.aborted) throw interrupted();
    return data;
  } finally {
    await stopAll();
  }
}
