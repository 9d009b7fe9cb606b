/**
 * Building the index: statements in, a new generation out, switched in atomically. Vectors of statements
 * whose content hash is unchanged are reused from the live index, so a re-index embeds only what changed.
 */
import { stat } from 'node:fs/promises';
import type { Embedder } from '../embed/types.js';
import { asStorageError, CorpusError, IndexError } from '../errors.js';
import { loadCorpus, statementHash } from '../ingest/load.js';
import { analyzeStatement, buildSegment, type AnalyzedStatement, type SegmentData } from '../search/segment.js';
import type { IngestIssue, Statement } from '../types.js';
import { analyzeInPool, POOL_MIN_STATEMENTS } from './analyze-pool.js';
import { encodeSegment } from './container.js';
import { lockIndex, type IndexLock } from './lock.js';
import { describeModel, openIndex, type LoadedIndex } from './open.js';
import { cleanIndexDir, currentGeneration, FORMAT_VERSION, GenerationWriter, type Manifest, type SegmentEntry } from './store.js';
import { buildSegmentVectors, readRows } from './vectors.js';

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
  /**
   * Rebuild even when nothing changed, and even when the build would drop more than half of the live
   * statements (which is refused otherwise: a typo in a corpus path must not empty a good index).
   */
  force?: boolean;
  /** The index lock, when the caller already holds it; else the build takes it for its whole run. */
  lock?: IndexLock;
  /** Called once when another writer holds the index lock and the build waits for it. */
  onWait?: (holder: string) => void;
  /** Problems worth a line but not a failure (leftovers that could not be removed). */
  onWarning?: (message: string) => void;
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

/**
 * The live index, lexical part only, if it was built with this model (else null: a fresh build replaces it
 * and reuses nothing). Its graphs are not loaded: comparing content hashes needs none, and reusing vectors
 * reads only the rows files (`reusableVectors`), and only when something changed.
 */
function previous(dir: string, embedder: Embedder | null): LoadedIndex | null {
  if (!currentGeneration(dir)) return null;
  try {
    const prev = openIndex(dir, { model: null, lexicalOnly: true });
    const want = modelOf(embedder);
    const have = prev.manifest.model;
    if (want?.id !== have?.id || want?.dim !== have?.dim) return null;
    return prev;
  } catch (e) {
    if (e instanceof IndexError) return null;
    throw e;
  }
}

/** The live index whatever its model (lexical part), or null when there is none or it cannot be read. */
function liveAnyModel(dir: string): LoadedIndex | null {
  if (!currentGeneration(dir)) return null;
  try {
    return openIndex(dir, { model: null, lexicalOnly: true });
  } catch (e) {
    if (e instanceof IndexError) return null;
    throw e;
  }
}

/**
 * The live index to change: the one the caller holds (the engine's, already checked) when it is still the
 * live generation, else the live generation read from disk (lexical part: changes need statement ids only).
 * Refused when it was built with another model than `embedder`'s: its segments would not fit together.
 */
function liveIndex(dir: string, embedder: Embedder | null, held?: LoadedIndex | null): LoadedIndex {
  const prev = held && held.dir === dir && held.gen === currentGeneration(dir) ? held : openIndex(dir, { model: null, lexicalOnly: true });
  const want = modelOf(embedder);
  const have = prev.manifest.model;
  if (want?.id !== have?.id || want?.dim !== have?.dim) {
    throw new IndexError(dir, `built with ${describeModel(have)}, but ${describeModel(want)} is configured`, 'rebuild it with `npm run index`');
  }
  return prev;
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

/**
 * Vectors from the previous index, by statement hash, for statements whose content did not change. A rows file
 * that fails its checksum is not reused (its statements are embedded again).
 */
function reusableVectors(prev: LoadedIndex | null, onIssue?: (i: IngestIssue) => void): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  const model = prev?.manifest.model;
  if (!prev || !model) return out;
  for (const seg of prev.segments) {
    let rows: Float32Array;
    try {
      rows = readRows(prev.dir, prev.gen, seg.entry, model.dim);
    } catch (e) {
      onIssue?.({ file: seg.entry.vectors?.file ?? seg.name, reason: `vectors not reused: ${(e as Error).message}` });
      continue;
    }
    const { dim } = model;
    seg.data.docs.forEach((d, i) => {
      if (seg.deleted.has(i)) return;
      out.set(d.hash, rows.subarray(seg.data.docSent[i]! * dim, seg.data.docSent[i + 1]! * dim));
    });
  }
  return out;
}

/** Sentences handed to the embedder at once while building (see `embedSegment`). */
export const EMBED_GROUP = 512;

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
  // The embedder pads each of its batches to the longest text in it, and sorts by length only within what it is
  // handed: groups of EMBED_GROUP sentences (not one batch at a time, in document order) let it batch sentences
  // of similar length. Between groups the build checks for an interrupt and reports progress.
  const batch = EMBED_GROUP;
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
async function analyzeAll(read: { s: Statement; hash: string }[], opts: Pick<BuildOptions, 'signal' | 'onProgress'>): Promise<AnalyzedStatement[]> {
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
  await checkInputs(opts.corpus);
  if (opts.lock) return build(opts);
  let lock: IndexLock;
  try {
    lock = await lockIndex(opts.indexDir, { purpose: 'index build', signal: opts.signal, onWait: (h) => opts.onWait?.(`${h.purpose} (pid ${h.pid})`) });
  } catch (e) {
    if (opts.signal?.aborted) throw new BuildInterrupted();
    throw e;
  }
  try {
    return await build(opts);
  } finally {
    lock.release();
  }
}

/**
 * Every corpus path must exist: a missing one is a typo or an unmounted disk, and building without it would
 * replace the live index with one that lacks its statements.
 */
async function checkInputs(paths: string[]): Promise<void> {
  if (paths.length === 0) throw new CorpusError('no corpus given: set CORPUS_PATHS or pass --corpus PATH');
  const missing: string[] = [];
  for (const p of paths) {
    try {
      await stat(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      missing.push(`${p} (${code === 'ENOENT' ? 'not found' : code === 'ENOTDIR' ? 'a part of the path is a file' : (code ?? 'not readable')})`);
    }
  }
  if (missing.length) {
    throw new CorpusError(`corpus ${missing.length === 1 ? 'path' : 'paths'} ${missing.join(', ')}: check --corpus or CORPUS_PATHS; the live index was left as it was`);
  }
}

/** The live statements of an index (its segments' docs less the deleted ones). */
function liveCount(index: LoadedIndex): number {
  return index.segments.reduce((a, s) => a + s.data.docs.length - s.deleted.size, 0);
}

async function build(opts: BuildOptions): Promise<BuildReport> {
  const t0 = performance.now();
  cleanIndexDir(opts.indexDir, 1, opts.onWarning);
  let issues = 0;
  const onIssue = (i: IngestIssue) => {
    issues++;
    opts.onIssue?.(i);
  };
  const read = await readAll(loadCorpus(opts.corpus, { maxFileBytes: opts.maxFileBytes, onIssue, signal: opts.signal }), opts);
  const tRead = performance.now();
  checkAbort(opts.signal);
  const prev = previous(opts.indexDir, opts.embedder);
  const live = prev ?? liveAnyModel(opts.indexDir);
  if (live && !opts.force && read.length < liveCount(live) / 2) {
    throw new CorpusError(
      `this build would drop ${liveCount(live) - read.length} of the ${liveCount(live)} statements in ${opts.indexDir} (the corpus now holds ${read.length}); ` +
        'if that is intended, run it again with --force (in the bot: /reindex force); the live index was left as it was',
    );
  }
  if (prev && !opts.force && sameContent(prev, read)) {
    const t = performance.now() - t0;
    const sentences = prev.segments.reduce((a, s) => a + s.data.sentDoc.length, 0);
    return { statements: read.length, sentences, issues, embedded: 0, reused: sentences, changed: false, generation: prev.gen, ms: { read: tRead - t0, index: 0, embed: 0, write: 0, total: t } };
  }
  // Large builds analyse and invert in worker threads (one per core); small ones here, as starting workers costs more.
  const data = read.length < POOL_MIN_STATEMENTS ? buildSegment(await analyzeAll(read, opts)) : await analyzeInPool(read, opts, () => new BuildInterrupted());
  const docs = data.docs;
  const sentences = data.sentDoc.length;
  const base = { statements: docs.length, sentences, issues };
  const tIndex = performance.now();
  let vec: { rows: Float32Array; embedded: number; reused: number } | null = null;
  if (opts.embedder) vec = await embedSegment(data, opts.embedder, reusableVectors(prev, onIssue), opts);
  const tEmbed = performance.now();
  checkAbort(opts.signal);
  opts.onProgress?.({ phase: 'writing', done: 0, total: 1 });
  let generation: string;
  const w = new GenerationWriter(opts.indexDir);
  try {
    const entry = await writeSegment(w, segmentName(1), data, vec && opts.embedder ? { rows: vec.rows, dim: opts.embedder.dim } : null);
    checkAbort(opts.signal);
    generation = w.commit({ format: FORMAT_VERSION, createdAt: new Date().toISOString(), model: modelOf(opts.embedder), segments: [entry], deleted: {} });
  } catch (e) {
    w.abort();
    throw asStorageError(e, opts.indexDir, 'INDEX_DIR');
  }
  cleanIndexDir(opts.indexDir, 1, opts.onWarning);
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
 * Writes a generation that links the segments of `prev` (except those in `drop`), adds the one `addSegment`
 * writes (if any) and carries the new deletion marks, then switches to it.
 */
async function commitChange(
  indexDir: string,
  prev: LoadedIndex,
  deleted: Record<string, number[]>,
  addSegment?: (w: GenerationWriter, name: string) => Promise<SegmentEntry>,
  drop: ReadonlySet<string> = new Set(),
): Promise<string> {
  const w = new GenerationWriter(indexDir);
  try {
    const segments = prev.manifest.segments.filter((e) => !drop.has(e.name)).map((e) => reuseEntry(w, prev.gen, e));
    if (addSegment) {
      // Numbered past every segment of `prev`, folded ones included: a name never stands for two contents.
      const last = Math.max(0, ...prev.manifest.segments.map((seg) => Number(/(\d+)$/.exec(seg.name)![1])));
      segments.push(await addSegment(w, segmentName(last + 1)));
    }
    const marks = Object.fromEntries(Object.entries(deleted).filter(([name]) => !drop.has(name)));
    const generation = w.commit({ ...prev.manifest, createdAt: new Date().toISOString(), segments, deleted: marks });
    cleanIndexDir(indexDir, 1, () => undefined); // leftovers that cannot go now go at the next start
    return generation;
  } catch (e) {
    w.abort();
    throw asStorageError(e, indexDir, 'INDEX_DIR');
  }
}

/**
 * Segments of at most this many statements are folded into the segment an addition writes, so that additions
 * one at a time do not pile up segments (every segment costs each question its own term look-ups). Folding
 * re-analyses their statements (about 0.1 ms each) and reuses their vectors from the rows file; the large
 * segment of a full build is linked unchanged.
 */
export const FOLD_MAX_STATEMENTS = 5000;

/** The statement as it was indexed, from a segment (for re-analysis when folding). */
function storedStatement(seg: LoadedIndex['segments'][number], doc: number): Statement {
  const d = seg.data.docs[doc]!;
  return { id: d.id, title: d.title, publisher: d.publisher, published: d.published, url: d.url, text: seg.data.texts[doc]!, source: d.source, ...(d.updated ? { updated: d.updated } : {}) };
}

/** Statements analysed on this thread (yielding now and then) below this many; above, in worker threads. */
export const CHANGE_POOL_MIN = 1000;

/** What `changeStatements` did. */
export interface ChangeReport {
  /** Statements written (new or replacing an older one of the same id). */
  added: number;
  /** Of those, how many replaced a live statement of the same id. */
  replaced: number;
  /** Live statements taken out by `remove` (not counting those replaced). */
  removed: number;
  /** The new live generation, or null when nothing changed. */
  generation: string | null;
}

export interface ChangeOptions {
  /** The index the caller already has loaded (used when it is still the live generation). */
  held?: LoadedIndex | null;
  /** The index lock, when the caller already holds it; else the change takes it. */
  lock?: IndexLock;
}

/**
 * Changes the live index without a full rebuild, in one new generation: the statements with the ids in
 * `remove` leave it, those in `add` come in (an older statement with the same id is replaced). Added statements
 * go into a new segment together with the live statements of the small segments earlier changes wrote (folded,
 * see FOLD_MAX_STATEMENTS); the other segments' files are linked into the new generation. Large changes are
 * analysed in worker threads (CHANGE_POOL_MIN), so a process that answers questions meanwhile keeps answering.
 */
export async function changeStatements(
  indexDir: string,
  change: { add?: Statement[]; remove?: string[] },
  embedder: Embedder | null,
  opts: ChangeOptions = {},
): Promise<ChangeReport> {
  if (!opts.lock) {
    const lock = await lockIndex(indexDir, { purpose: 'index change' });
    try {
      return await changeStatements(indexDir, change, embedder, { ...opts, lock });
    } finally {
      lock.release();
    }
  }
  const add = change.add ?? [];
  const prev = liveIndex(indexDir, embedder, opts.held);
  const addIds = new Set(add.map((s) => s.id));
  const removeIds = new Set((change.remove ?? []).filter((id) => !addIds.has(id)));
  const { deleted, count: replaced } = markDeleted(prev, addIds);
  const { deleted: marks, count: removed } = markDeleted({ ...prev, manifest: { ...prev.manifest, deleted } }, removeIds);
  if (add.length === 0) {
    if (removed === 0) return { added: 0, replaced: 0, removed: 0, generation: null };
    return { added: 0, replaced: 0, removed, generation: await commitChange(indexDir, prev, marks) };
  }
  const fold = prev.segments.filter((seg) => seg.data.docs.length <= FOLD_MAX_STATEMENTS);
  const read: { s: Statement; hash: string }[] = [];
  for (const seg of fold) {
    const gone = new Set(marks[seg.name] ?? []);
    seg.data.docs.forEach((d, i) => {
      if (!gone.has(i) && !seg.deleted.has(i)) read.push({ s: storedStatement(seg, i), hash: d.hash });
    });
  }
  for (const s of add) read.push({ s, hash: statementHash(s) });
  const data = read.length < CHANGE_POOL_MIN ? buildSegment(await analyzeAll(read, {})) : await analyzeInPool(read, {}, () => new BuildInterrupted());
  const vec = embedder ? await embedSegment(data, embedder, reusableVectors({ ...prev, segments: fold }), {}) : null;
  const generation = await commitChange(
    indexDir,
    prev,
    marks,
    (w, name) => writeSegment(w, name, data, vec && embedder ? { rows: vec.rows, dim: embedder.dim } : null),
    new Set(fold.map((seg) => seg.name)),
  );
  return { added: add.length, replaced, removed, generation };
}

/**
 * Adds (or replaces) statements without a full rebuild (see `changeStatements`). `held` is the index the caller
 * already has loaded (used when it is still the live generation).
 */
export async function addStatements(
  indexDir: string,
  statements: Statement[],
  embedder: Embedder | null,
  held?: LoadedIndex | null,
): Promise<{ added: number; replaced: number; generation: string }> {
  const r = await changeStatements(indexDir, { add: statements }, embedder, { held });
  return { added: r.added, replaced: r.replaced, generation: r.generation! };
}

function reuseEntry(w: GenerationWriter, gen: string, e: SegmentEntry): SegmentEntry {
  w.reuse(gen, e.lexical);
  if (e.vectors) w.reuse(gen, e.vectors);
  if (e.hnsw) w.reuse(gen, e.hnsw);
  return e;
}

/**
 * Marks statements deleted (by id); returns how many were live. `held` is the index the caller already has
 * loaded (used when it is still the live generation, instead of reading the index again).
 */
export async function removeStatements(
  indexDir: string,
  ids: string[],
  embedder: Embedder | null,
  held?: LoadedIndex | null,
): Promise<{ removed: number; generation: string | null }> {
  const r = await changeStatements(indexDir, { remove: ids }, embedder, { held });
  return { removed: r.removed, generation: r.generation };
}
