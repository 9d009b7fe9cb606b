/**
 * Loading the live index generation: manifest checks, checksums, segments viewed in place, vectors and their
 * graph. Anything that does not add up is refused with an IndexError that says what and how to fix it.
 */
import { IndexError } from '../errors.js';
import type { SearchSegment } from '../search/searcher.js';
import { decodeSegment } from './container.js';
import { readChecked, readManifest, type Manifest } from './store.js';
import { loadSegmentVectors, type SegmentVectors } from './vectors.js';

export interface IndexSegment extends SearchSegment {
  vectors: SegmentVectors | null;
  /** Checked vector rows waiting for `attachVectors`. */
  vecBytes: Buffer | null;
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
}

export function describeModel(m: Manifest['model']): string {
  return m ? `${m.id} (dimension ${m.dim})` : 'no embedding model (lexical only)';
}

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
  const segments: IndexSegment[] = manifest.segments.map((entry) => {
    const buf = readChecked(dir, gen, entry.lexical);
    let data;
    try {
      data = decodeSegment(buf);
    } catch (e) {
      throw new IndexError(dir, `${entry.lexical.file}: ${(e as Error).message}`);
    }
    if (data.docs.length !== entry.docs) {
      throw new IndexError(dir, `${entry.lexical.file} holds ${data.docs.length} statements, the manifest says ${entry.docs}`);
    }
    if (data.sentDoc.length !== entry.sentences) {
      throw new IndexError(dir, `${entry.lexical.file} holds ${data.sentDoc.length} sentences, the manifest says ${entry.sentences}`);
    }
    let vecBytes: Buffer | null = null;
    // An index built with a model has vectors in every segment; without them the dense search would be lost silently.
    if (want && manifest.model && !(entry.vectors && entry.hnsw)) throw new IndexError(dir, `${entry.name} lacks its vector files (.vec, .hnsw) in the manifest`);
    if (want && manifest.model && entry.vectors && entry.hnsw) {
      vecBytes = readChecked(dir, gen, entry.vectors);
      readChecked(dir, gen, entry.hnsw);
      if (vecBytes.length !== entry.sentences * manifest.model.dim * 4) {
        throw new IndexError(dir, `${entry.vectors.file} holds ${vecBytes.length / 4 / manifest.model.dim} vectors for ${entry.sentences} sentences`);
      }
    }
    return { name: entry.name, data, deleted: new Set(manifest.deleted[entry.name] ?? []), vectors: null, vecBytes };
  });
  return { dir, gen, manifest, segments };
}

/** Attaches the vectors (graph included) of an index opened with a model; lexical-only indexes are unchanged. */
export async function attachVectors(index: LoadedIndex): Promise<LoadedIndex> {
  for (const seg of index.segments) {
    const entry = index.manifest.segments.find((e) => e.name === seg.name)!;
    if (seg.vecBytes && index.manifest.model) {
      try {
        seg.vectors = await loadSegmentVectors(index.dir, index.gen, entry, index.manifest.model.dim, seg.vecBytes);
      } catch (e) {
        throw new IndexError(index.dir, `${entry.hnsw!.file}: ${(e as Error).message}`);
      }
      seg.vecBytes = null;
    }
  }
  return index;
}

export { readChecked };
