/**
 * A segment's vectors on disk: `.vec` holds the unit vectors row by row (for exact re-scoring of lexical
 * candidates and for reuse when re-indexing), `.hnsw` the hnswlib graph over them (for nearest neighbours).
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VectorIndex } from '../search/vectors.js';
import type { SegmentEntry } from './store.js';

export interface SegmentVectors {
  dim: number;
  count: number;
  /** Row i is sentence i's unit vector. */
  rows: Float32Array;
  search(query: Float32Array, k: number): { label: number; score: number }[];
}

/**
 * Builds the graph over `rows` and returns both files' bytes. `scratchDir` holds the graph's temporary file
 * (the generation being written, so that a killed build leaves nothing behind outside the index folder).
 */
export async function buildSegmentVectors(rows: Float32Array, dim: number, scratchDir = tmpdir()): Promise<{ vec: Buffer; hnsw: Buffer }> {
  const n = rows.length / dim;
  const index = VectorIndex.create(dim, Math.max(1, n));
  const batch = 1000;
  for (let i = 0; i < n; i += batch) {
    const vs: Float32Array[] = [];
    const labels: number[] = [];
    for (let j = i; j < Math.min(n, i + batch); j++) {
      vs.push(rows.subarray(j * dim, (j + 1) * dim));
      labels.push(j);
    }
    index.add(vs, labels);
    // Inserting is synchronous native work: a process that also answers questions gets a turn between batches.
    await new Promise((r) => setImmediate(r));
  }
  const tmp = join(scratchDir, `citera-hnsw-${process.pid}-${Date.now()}.bin`);
  try {
    await index.save(tmp);
    return { vec: Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength), hnsw: readFileSync(tmp) };
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Loads a segment's vectors whose bytes were already checked against the manifest. */
export async function loadSegmentVectors(dir: string, gen: string, entry: SegmentEntry, dim: number, vec: Buffer): Promise<SegmentVectors> {
  const rows = new Float32Array(vec.buffer.slice(vec.byteOffset, vec.byteOffset + vec.byteLength));
  const graph = await VectorIndex.load(join(dir, gen, entry.hnsw!.file), dim);
  return { dim, count: rows.length / dim, rows, search: (q, k) => graph.search(q, k) };
}
