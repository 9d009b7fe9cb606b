/**
 * Building the index: statements in, a new generation out, switched in atomically. Vectors of statements
 * whose content hash is unchanged are reused from the live index, so a re-index embeds only what changed.
 */
import type { Embedder } from '../embed/types.js';
import { IndexError } from '../errors.js';
import { loadCorpus, statementHash } from '../ingest/load.js';
import { analyzeStatement, buildSegment, type AnalyzedStatement, type SegmentData } from '../search/segment.js';
import type { IngestIssue, Statement } from '../types.js';
import { encodeSegment } from './container.js';
import { attachVectors, openIndex, type LoadedIndex } from './open.js';
import { cleanIndexDir, currentGeneration, FORMAT_VERSION, GenerationWriter, type Manifest, type SegmentEntry } from './store.js';
import { buildSegmentVectors, type SegmentVectors } from './vectors.js';

export interface BuildProgress {
  phase: 'reading' | 'indexing' | 'embedding' | 'writing' | 'done';
  done: number;
  total: number | null;
}

export interface BuildOptions {
  corpus: string[];
  indexDir: string;
  maxFileBytes: number;
  embedder: Embedder | null;
  onIssue?: (issue: IngestIssue) => void;
  onProgress?: (p: BuildProgress) => void;
  /** Aborting leaves the live index as it was. */
  signal?: AbortSignal;
  /** Rebuild even when nothing changed. */
  force?: boolean;
}

export interface BuildReport {
  statements: number;
  sentences: number;
  issues: number;
  /** Sentences whose vectors were computed now / taken from the previous index. */
  embedded: number;
  reused: number;
  /** False when the corpus was unchanged and the live index kept. */
  changed: boolean;
  generation: string | null;
  ms: { read: number; index: number; embed: number; write: number; total: number };
}

function modelOf(embedder: Embedder | null): Manifest['model'] {
  return embedder ? { id: embedder.modelId, dim: embedder.dim } : null;
}

/** The live index if it is readable with this model, else null (a fresh build then replaces it). */
async function previous(dir: string, embedder: Embedder | null): Promise<LoadedIndex | null> {
  if (!currentGeneration(dir)) return null;
  try {
    return await attachVectors(openIndex(dir, { model: modelOf(embedder) }));
  } catch (e) {
    if (e instanceof IndexError) return null;
    throw e;
  }
}

function checkAbort(signal?: AbortSignal) {
  if (signal?.aborted) throw new BuildInterrupted();
}

/** A build stopped on request (Ctrl-C, SIGTERM); nothing was switched, the live index is as it was. */
export class BuildInterrupted extends Error {
  override name = 'BuildInterrupted';
  constructor() {
    super('index build interrupted; the live index is unchanged (run `npm run index` again to finish)');
  }
}

/** Vectors from the previous index, by statement hash, for statements whose content did not change. */
function reusableVectors(prev: LoadedIndex | null): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  if (!prev) return out;
  for (const seg of prev.segments) {
    if (!seg.vectors) continue;
    const rows = seg.vectors.rows;
    const { dim } = seg.vectors;
    seg.data.docs.forEach((d, i) => {
      if (seg.deleted.has(i)) return;
      out.set(d.hash, rows.subarray(seg.data.docSent[i]! * dim, seg.data.docSent[i + 1]! * dim));
    });
  }
  return out;
}

async function embedSegment(
  data: SegmentData,
  embedder: Embedder,
  reuse: Map<string, Float32Array>,
  opts: Pick<BuildOptions, 'onProgress' | 'signal'>,
): Promise<{ rows: Float32Array; embedded: number; reused: number }> {
  const dim = embedder.dim;
  const n = data.sentDoc.length;
  const rows = new Float32Array(n * dim);
  const todo: number[] = [];
  let reused = 0;
  data.docs.forEach((d, i) => {
    const from = data.docSent[i]!;
    const count = data.docSent[i + 1]! - from;
    const old = reuse.get(d.hash);
    if (old && old.length === count * dim) {
      rows.set(old, from * dim);
      reused += count;
    } else for (let s = from; s < from + count; s++) todo.push(s);
  });
  const batch = 32;
  for (let i = 0; i < todo.length; i += batch) {
    checkAbort(opts.signal);
    const ids = todo.slice(i, i + batch);
    const texts = ids.map((s) => data.texts[data.sentDoc[s]!]!.slice(data.sentStart[s]!, data.sentEnd[s]!));
    const vecs = await embedder.embedPassages(texts);
    ids.forEach((s, k) => rows.set(vecs[k]!, s * dim));
    opts.onProgress?.({ phase: 'embedding', done: Math.min(i + batch, todo.length), total: todo.length });
  }
  return { rows, embedded: todo.length, reused };
}

function segmentName(n: number) {
  return `seg-${String(n).padStart(6, '0')}`;
}

async function writeSegment(
  w: GenerationWriter,
  name: string,
  data: SegmentData,
  vectors: { rows: Float32Array; dim: number } | null,
): Promise<SegmentEntry> {
  const entry: SegmentEntry = {
    name,
    lexical: w.write(`${name}.bin`, encodeSegment(data)),
    docs: data.docs.length,
    sentences: data.sentDoc.length,
  };
  if (vectors) {
    // The graph's temporary file goes in the generation's folder, so a killed build leaves nothing elsewhere.
    const built = await buildSegmentVectors(vectors.rows, vectors.dim, w.path);
    entry.vectors = w.write(`${name}.vec`, built.vec);
    entry.hnsw = w.write(`${name}.hnsw`, built.hnsw);
  }
  return entry;
}

/** Reads the corpus, hashing each statement, reporting progress every so often. */
async function readAll(statements: AsyncIterable<Statement>, opts: BuildOptions): Promise<{ s: Statement; hash: string }[]> {
  const out: { s: Statement; hash: string }[] = [];
  for await (const s of statements) {
    out.push({ s, hash: statementHash(s) });
    if (out.length % 5000 === 0) {
      checkAbort(opts.signal);
      opts.onProgress?.({ phase: 'reading', done: out.length, total: null });
    }
  }
  return out;
}

/** Longest stretch of analysis before the event loop gets a turn (ms): questions keep being answered meanwhile. */
const ANSWER_SLICE_MS = 20;

/** Analyses statements, yielding to the event loop now and then so that Ctrl-C and progress get through. */
async function analyzeAll(read: { s: Statement; hash: string }[], opts: BuildOptions): Promise<AnalyzedStatement[]> {
  const out: AnalyzedStatement[] = [];
  let slice = performance.now();
  for (let i = 0; i < read.length; i++) {
    if (i % 5000 === 0) {
      await new Promise((r) => setImmediate(r));
      checkAbort(opts.signal);
      opts.onProgress?.({ phase: 'indexing', done: i, total: read.length });
      slice = performance.now();
    } else if (performance.now() - slice > ANSWER_SLICE_MS) {
      // A process that also answers (the bot re-indexing) must not stall for the whole analysis (seconds).
      await new Promise((r) => setImmediate(r));
      slice = performance.now();
    }
    out.push(analyzeStatement(read[i]!.s, read[i]!.hash));
  }
  return out;
}

/** Builds a whole new index from the corpus and switches to it. */
export async function buildIndex(opts: BuildOptions): Promise<BuildReport> {
  const t0 = performance.now();
  cleanIndexDir(opts.indexDir);
  let issues = 0;
  const onIssue = (i: IngestIssue) => {
    issues++;
    opts.onIssue?.(i);
  };
  const read = await readAll(loadCorpus(opts.corpus, { maxFileBytes: opts.maxFileBytes, onIssue }), opts);
  const tRead = performance.now();
  checkAbort(opts.signal);
  const prev = await previous(opts.indexDir, opts.embedder);
  if (prev && !opts.force && sameContent(prev, read)) {
    const t = performance.now() - t0;
    const sentences = prev.segments.reduce((a, s) => a + s.data.sentDoc.length, 0);
    return { statements: read.length, sentences, issues, embedded: 0, reused: sentences, changed: false, generation: prev.gen, ms: { read: tRead - t0, index: 0, embed: 0, write: 0, total: t } };
  }
  const docs = await analyzeAll(read, opts);
  const sentences = docs.reduce((a, d) => a + d.sentences.length, 0);
  const base = { statements: docs.length, sentences, issues };
  const data = buildSegment(docs);
  const tIndex = performance.now();
  let vec: { rows: Float32Array; embedded: number; reused: number } | null = null;
  if (opts.embedder) vec = await embedSegment(data, opts.embedder, reusableVectors(prev), opts);
  const tEmbed = performance.now();
  checkAbort(opts.signal);
  opts.onProgress?.({ phase: 'writing', done: 0, total: 1 });
  const w = new GenerationWriter(opts.indexDir);
  let generation: string;
  try {
    const entry = await writeSegment(w, segmentName(1), data, vec && opts.embedder ? { rows: vec.rows, dim: opts.embedder.dim } : null);
    checkAbort(opts.signal);
    generation = w.commit({ format: FORMAT_VERSION, createdAt: new Date().toISOString(), model: modelOf(opts.embedder), segments: [entry], deleted: {} });
  } catch (e) {
    w.abort();
    throw e;
  }
  cleanIndexDir(opts.indexDir);
  const tWrite = performance.now();
  opts.onProgress?.({ phase: 'done', done: docs.length, total: docs.length });
  return {
    ...base,
    embedded: vec?.embedded ?? 0,
    reused: vec?.reused ?? 0,
    changed: true,
    generation,
    ms: { read: tRead - t0, index: tIndex - tRead, embed: tEmbed - tIndex, write: tWrite - tEmbed, total: tWrite - t0 },
  };
}

function sameContent(prev: LoadedIndex, docs: { s: Statement; hash: string }[]): boolean {
  const live: string[] = [];
  for (const seg of prev.segments) seg.data.docs.forEach((d, i) => !seg.deleted.has(i) && live.push(`${d.id}\u0000${d.hash}`));
  if (live.length !== docs.length) return false;
  const now = new Set(docs.map((d) => `${d.s.id}\u0000${d.hash}`));
  return live.every((k) => now.has(k));
}

/** The live statements with these ids, marked deleted in a copy of the manifest's deletion marks. */
function markDeleted(prev: LoadedIndex, ids: ReadonlySet<string>): { deleted: Record<string, number[]>; count: number } {
  const deleted: Record<string, number[]> = structuredClone(prev.manifest.deleted);
  let count = 0;
  for (const seg of prev.segments) {
    seg.data.docs.forEach((d, i) => {
      if (ids.has(d.id) && !seg.deleted.has(i)) {
        (deleted[seg.name] ??= []).push(i);
        count++;
      }
    });
  }
  return { deleted, count };
}

/**
 * Writes a generation that links every segment of `prev`, adds the one `addSegment` writes (if any) and
 * carries the new deletion marks, then switches to it.
 */
async function commitChange(
  indexDir: string,
  prev: LoadedIndex,
  deleted: Record<string, number[]>,
  addSegment?: (w: GenerationWriter, name: string) => Promise<SegmentEntry>,
): Promise<string> {
  const w = new GenerationWriter(indexDir);
  try {
    const segments = prev.manifest.segments.map((e) => reuseEntry(w, prev.gen, e));
    if (addSegment) {
      const last = Math.max(0, ...segments.map((seg) => Number(/(\d+)$/.exec(seg.name)![1])));
      segments.push(await addSegment(w, segmentName(last + 1)));
    }
    const generation = w.commit({ ...prev.manifest, createdAt: new Date().toISOString(), segments, deleted });
    cleanIndexDir(indexDir);
    return generation;
  } catch (e) {
    w.abort();
    throw e;
  }
}

/**
 * Adds (or replaces) statements without a full rebuild: they go into a new small segment, older copies with
 * the same ids are marked deleted, unchanged segment files are linked into the new generation.
 */
export async function addStatements(
  indexDir: string,
  statements: Statement[],
  embedder: Embedder | null,
): Promise<{ added: number; replaced: number; generation: string }> {
  const prev = openIndex(indexDir, { model: modelOf(embedder) });
  const docs = statements.map((s) => analyzeStatement(s, statementHash(s)));
  const { deleted, count: replaced } = markDeleted(prev, new Set(docs.map((d) => d.meta.id)));
  const data = buildSegment(docs);
  const vec = embedder ? await embedSegment(data, embedder, new Map(), {}) : null;
  const generation = await commitChange(indexDir, prev, deleted, (w, name) =>
    writeSegment(w, name, data, vec && embedder ? { rows: vec.rows, dim: embedder.dim } : null),
  );
  return { added: docs.length, replaced, generation };
}

function reuseEntry(w: GenerationWriter, gen: string, e: SegmentEntry): SegmentEntry {
  w.reuse(gen, e.lexical);
  if (e.vectors) w.reuse(gen, e.vectors);
  if (e.hnsw) w.reuse(gen, e.hnsw);
  return e;
}

/** Marks statements deleted (by id); returns how many were live. */
export async function removeStatements(indexDir: string, ids: string[], embedder: Embedder | null): Promise<{ removed: number; generation: string | null }> {
  const prev = openIndex(indexDir, { model: modelOf(embedder), lexicalOnly: true });
  const { deleted, count: removed } = markDeleted(prev, new Set(ids));
  if (removed === 0) return { removed, generation: null };
  return { removed, generation: await commitChange(indexDir, prev, deleted) };
}
