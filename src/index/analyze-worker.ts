/**
 * One thread of the analysis pool (`analyze-pool.ts`, started through `analyze-worker-boot.mjs`): receives runs
 * of statements, analyses them and builds a segment of each run, and sends back its typed arrays (transferred,
 * not copied) with the vocabulary and speakers. Statement metadata and texts stay with the main thread, which
 * has them already; only each statement's detected language comes back.
 */
import { parentPort } from 'node:worker_threads';
import { analyzeStatement, buildSegment, type AnalyzedStatement, type SegmentData } from '../search/segment.js';

/** A run of consecutive statements (only what the analysis reads). */
export interface ChunkMessage {
  type: 'chunk';
  chunk: number;
  titles: string[];
  texts: string[];
}

/** A run's segment without `docs` and `texts` (the main thread has those); `langs[i]` is 1 for English. */
export type PartData = Omit<SegmentData, 'docs' | 'texts'> & { langs: Uint8Array };

export type WorkerReply =
  | { type: 'progress'; statements: number }
  | { type: 'part'; chunk: number; part: PartData }
  | { type: 'error'; name: string; message: string; stack?: string };

/** How many statements between progress messages. */
const PROGRESS_EVERY = 1000;

const port = parentPort!;

function analyzeChunk(m: ChunkMessage): { part: PartData; transfer: ArrayBuffer[] } {
  const docs: AnalyzedStatement[] = [];
  for (let i = 0; i < m.texts.length; i++) {
    const s = { id: '', title: m.titles[i]!, publisher: null, published: null, url: null, text: m.texts[i]!, source: '' };
    docs.push(analyzeStatement(s, ''));
    if ((i + 1) % PROGRESS_EVERY === 0) port.postMessage({ type: 'progress', statements: PROGRESS_EVERY } satisfies WorkerReply);
  }
  const left = m.texts.length % PROGRESS_EVERY;
  if (left > 0) port.postMessage({ type: 'progress', statements: left } satisfies WorkerReply);
  const { docs: metas, texts: _texts, ...seg } = buildSegment(docs);
  const part: PartData = { ...seg, langs: Uint8Array.from(metas, (d) => (d.lang === 'en' ? 1 : 0)) };
  const transfer: ArrayBuffer[] = [];
  for (const v of Object.values(part)) if (ArrayBuffer.isView(v)) transfer.push(v.buffer as ArrayBuffer);
  return { part, transfer };
}

port.on('message', (m: ChunkMessage) => {
  try {
    const { part, transfer } = analyzeChunk(m);
    port.postMessage({ type: 'part', chunk: m.chunk, part } satisfies WorkerReply, transfer);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    port.postMessage({ type: 'error', name: err.name, message: err.message, stack: err.stack } satisfies WorkerReply);
  }
});
