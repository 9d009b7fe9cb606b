/**
 * Loading the live index generation: manifest checks, checksums, segments viewed in place, vectors and their
 * graph. Anything that does not add up is refused with an IndexError that says what and how to fix it.
 */
import { IndexError } from '../errors.js';
import type { SearchSegment } from '../search/searcher.js';
import { join } from 'node:path';
import { readSegmentFile, SegmentReadError } from './container.js';
import { checkSize, readManifest, verifyChecksum, type Manifest, type SegmentEntry } from './store.js';
import { loadSegmentVectors, type SegmentVectors } from './vectors.js';

export interface IndexSegment extends SearchSegment {
  vectors: SegmentVectors | null;
  /** The segment has vectors that `attachVectors` is still to load. */
  vectorsPending: boolean;
  /** The manifest entry the segment was loaded from (what a later generation is compared with). */
  entry: SegmentEntry;
}

export interface LoadedIndex {
  dir: string;
  gen: string;
  manifest: Manifest;
  segments: IndexSegment[];
}

export interface OpenOptions {
  /** The embedding model in use (null: lexical only). An index built with another model is refused. */
  model: { id: string; dim: number } | null;
  /** Skip loading vectors even if the index has them (lexical only by choice). */
  lexicalOnly?: boolean;
  /**
   * An index loaded before (the one serving now): segments whose files are unchanged in the new generation
   * (same name, sizes and checksums; the files are hard links of the same bytes) are taken over from it
   * instead of being read again. Only its deletion marks are new. It is not modified.
   */
  reuse?: LoadedIndex | null;
}

export function describeModel(m: Manifest['model']): string {
  return m ? `${m.id} (dimension ${m.dim})` : 'no embedding model (lexical only)';
}

function sameFiles(a: SegmentEntry, b: SegmentEntry): boolean {
  const same = (x?: { file: string; bytes: number; crc32: number }, y?: { file: string; bytes: number; crc32: number }) =>
    (!x && !y) || (x !== undefined && y !== undefined && x.file === y.file && x.bytes === y.bytes && x.crc32 === y.crc32);
  return a.name === b.name && a.docs === b.docs && a.sentences === b.sentences && same(a.lexical, b.lexical) && same(a.vectors, b.vectors) && same(a.hnsw, b.hnsw);
}

/**
 * Opens the live generation: the manifest and every lexical segment, checked and decoded. Vectors are only
 * size-checked here; `attachVectors` loads them (asynchronously: the graph is read on a thread of its own).
 */
export function openIndex(dir: string, opts: OpenOptions): LoadedIndex {
  const { gen, manifest } = readManifest(dir);
  const want = opts.lexicalOnly ? null : opts.model;
  if (want) {
    if (!manifest.model) {
      throw new IndexError(dir, `built without vectors, but ${describeModel(want)} is configured`, 'rebuild it with `npm run index` (or set EMBEDDING_MODEL=none)');
    }
    if (manifest.model.id !== want.id || manifest.model.dim !== want.dim) {
      throw new IndexError(dir, `built with ${describeModel(manifest.model)}, but ${describeModel(want)} is configured`);
    }
  }
  const reuse = opts.reuse && opts.reuse.dir === dir && sameModel(opts.reuse.manifest.model, manifest.model) ? opts.reuse : null;
  const segments: IndexSegment[] = manifest.segments.map((entry) => {
    const deleted = new Set(manifest.deleted[entry.name] ?? []);
    const withVectors = Boolean(want && manifest.model);
    // An index built with a model has vectors in every segment; without them the dense search would be lost silently.
    if (withVectors && !(entry.vectors && entry.hnsw)) throw new IndexError(dir, `${entry.name} lacks its vector files (.vec, .hnsw) in the manifest`);
    const old = reuse?.segments.find((s) => sameFiles(s.entry, entry));
    if (old && (!withVectors || old.vectors)) {
      return { name: entry.name, data: old.data, deleted, vectors: withVectors ? old.vectors : null, vectorsPending: false, entry };
    }
    checkSize(dir, gen, entry.lexical);
    let data;
    try {
      data = readSegmentFile(join(dir, gen, entry.lexical.file), entry.lexical);
    } catch (e) {
      if (e instanceof SegmentReadError && e.damaged) throw new IndexError(dir, `${entry.lexical.file} ${e.message}`);
      throw new IndexError(dir, `${entry.lexical.file}: ${(e as Error).message}`);
    }
    if (data.docs.length !== entry.docs) {
      throw new IndexError(dir, `${entry.lexical.file} holds ${data.docs.length} statements, the manifest says ${entry.docs}`);
    }
    if (data.sentDoc.length !== entry.sentences) {
      throw new IndexError(dir, `${entry.lexical.file} holds ${data.sentDoc.length} sentences, the manifest says ${entry.sentences}`);
    }
    if (withVectors) {
      checkSize(dir, gen, entry.vectors!);
      checkSize(dir, gen, entry.hnsw!);
      if (entry.vectors!.bytes !== entry.sentences * manifest.model!.dim * 4) {
        throw new IndexError(dir, `${entry.vectors!.file} holds ${entry.vectors!.bytes / 4 / manifest.model!.dim} vectors for ${entry.sentences} sentences`);
      }
    }
    return { name: entry.name, data, deleted, vectors: null, vectorsPending: withVectors, entry };
  });
  return { dir, gen, manifest, segments };
}

function sameModel(a: Manifest['model'], b: Manifest['model']): boolean {
  return a === b || (a !== null && b !== null && a.id === b.id && a.dim === b.dim);
}

/** Graph loads already under way, by segment name (see `loadIndex`). */
type StartedGraphs = Map<string, Promise<SegmentVectors>>;

/**
 * Loads the vectors (graph included) of the segments `openIndex` left pending. hnswlib reads each graph on a
 * thread of its own while this thread checks the checksums of both vector files in chunks; a graph is only
 * used once its files have passed (hnswlib does not check what it reads, and a damaged graph could send a
 * search out of bounds). Lexical-only indexes are unchanged.
 */
export async function attachVectors(index: LoadedIndex, started?: StartedGraphs): Promise<LoadedIndex> {
  const model = index.manifest.model;
  for (const seg of index.segments) {
    if (!seg.vectorsPending || !model) continue;
    const { entry } = seg;
    const [graph, ...sums] = await Promise.allSettled([
      started?.get(seg.name) ?? loadSegmentVectors(index.dir, index.gen, entry, model.dim),
      verifyChecksum(index.dir, index.gen, entry.hnsw!),
      verifyChecksum(index.dir, index.gen, entry.vectors!),
    ]);
    // A damaged file is reported as such even when hnswlib tripped over it first.
    for (const r of sums) if (r.status === 'rejected') throw r.reason;
    if (graph.status === 'rejected') {
      const e = graph.reason as Error;
      throw e instanceof IndexError ? e : new IndexError(index.dir, `${entry.hnsw!.file}: ${e.message}`);
    }
    seg.vectors = graph.value;
    seg.vectorsPending = false;
  }
  return index;
}

/**
 * `openIndex` and `attachVectors` overlapped: hnswlib starts reading the graphs (on the thread pool) before this
 * thread decodes the lexical segments and checks the vector files' checksums, so a cold load costs about the
 * longer of the two rather than their sum. Graphs are still used only after their checksums pass.
 */
export async function loadIndex(dir: string, opts: OpenOptions): Promise<LoadedIndex> {
  const started: StartedGraphs = new Map();
  let gen: string | null = null;
  const want = opts.lexicalOnly ? null : opts.model;
  if (want) {
    try {
      const live = readManifest(dir);
      gen = live.gen;
      const reusable = (e: SegmentEntry) => opts.reuse?.dir === dir && opts.reuse.segments.some((s) => s.vectors && sameFiles(s.entry, e));
      if (live.manifest.model?.id === want.id && live.manifest.model.dim === want.dim) {
        for (const e of live.manifest.segments) {
          if (!e.vectors || !e.hnsw || reusable(e)) continue;
          checkSize(dir, live.gen, e.vectors);
          checkSize(dir, live.gen, e.hnsw);
          const p = loadSegmentVectors(dir, live.gen, e, want.dim);
          p.catch(() => undefined); // reported by attachVectors, or dropped with the generation
          started.set(e.name, p);
        }
      }
    } catch {
      // openIndex below reports what is wrong, with its full checks.
      started.clear();
    }
  }
  const index = openIndex(dir, opts);
  return attachVectors(index, index.gen === gen ? started : undefined);
}

