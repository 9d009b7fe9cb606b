/**
 * Runs a full index build in a worker thread, so that the process that answers questions (the bot) keeps
 * answering at full speed while the corpus is read, analysed, inverted and written. Started by
 * `IndexManager.reindex` through `build-worker-boot.mjs`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEmbedder } from '../embed/load.js';
import { StorageError } from '../errors.js';
import { buildIndex, type BuildProgress, type BuildReport } from './build.js';

export interface BuildJob {
  corpus: string[];
  indexDir: string;
  maxFileBytes: number;
  model: string;
  modelDir: string;
  dtype: 'q8' | 'fp32';
  force: boolean;
}

export type BuildMessage =
  | { type: 'issue'; issue: { file: string; line?: number; reason: string } }
  | { type: 'progress'; progress: BuildProgress }
  | { type: 'warning'; message: string }
  | { type: 'done'; report: BuildReport }
  | { type: 'error'; name: string; message: string; storage?: { place: string; code: string; problem: string; fix: string } };

const job = workerData as BuildJob;
const port = parentPort!;
const ac = new AbortController();
port.on('message', (m) => {
  if (m === 'abort') ac.abort();
});
const send = (m: BuildMessage) => port.postMessage(m);

try {
  const { embedder } = await createEmbedder({ model: job.model, modelDir: job.modelDir, dtype: job.dtype });
  try {
    const report = await buildIndex({
      corpus: job.corpus,
      indexDir: job.indexDir,
      maxFileBytes: job.maxFileBytes,
      embedder,
      force: job.force,
      signal: ac.signal,
      onIssue: (issue) => send({ type: 'issue', issue }),
      onProgress: (progress) => send({ type: 'progress', progress }),
      onWarning: (message) => send({ type: 'warning', message }),
    });
    send({ type: 'done', report });
  } finally {
    await embedder?.dispose?.();
  }
} catch (e) {
  const storage = e instanceof StorageError ? { place: e.place, code: e.code, problem: e.problem, fix: e.fix } : undefined;
  send({ type: 'error', name: (e as Error).name ?? 'Error', message: (e as Error).message ?? String(e), storage });
}
port.close();
