/**
 * A segment's vectors on disk: `.vec` holds the unit vectors row by row, `.hnsw` the hnswlib graph over them.
 *
 * Serving keeps exactly one copy of the vectors in memory: the graph's (hnswlib stores each vector beside its
 * links). The rows file is not loaded; the few rows a question needs beyond the graph's nearest neighbours (the
 * cosine of a lexical candidate) are read from it with `pread`, from the page cache. A full copy of the rows
 * is 1.5 KB a sentence, 768 MiB for the 524k sentences of the police notices, and held twice it put the
 * serving process at 2.3 GiB. Re-indexing reads the rows whole (`readRows`), checksum first.
 */
import { closeSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hnswHeader, VectorIndex, type VectorHit } from '../search/vectors.js';
import { readChecked, type SegmentEntry } from './store.js';

export interface SegmentVectors {
  dim: number;
  count: number;
  /** The k sentences nearest to `query` (a unit vector), best first, with their cosine (`ef`: see VectorIndex). */
  search(query: Float32Array, k: number, ef?: number): VectorHit[];
  /** Cosine of sentence `row` with `query` (both unit length: the dot product), read from the rows file. */
  cosine(row: number, query: Float32Array): number;
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

/** Closes a rows file once the segment that read it is garbage (an engine swapped out by a re-index). */
const closeWhenUnreachable = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});

/** Reads single rows of a `.vec` file by offset. The file stays readable even after its generation is removed. */
class RowsFile {
  private readonly fd: number;
  private readonly row: Float32Array;
  private readonly bytes: Buffer;

  constructor(path: string, readonly dim: number) {
    this.fd = openSync(path, 'r');
    this.row = new Float32Array(dim);
    this.bytes = Buffer.from(this.row.buffer);
    closeWhenUnreachable.register(this, this.fd);
  }

  dot(row: number, q: Float32Array): number {
    const n = readSync(this.fd, this.bytes, 0, this.bytes.length, row * this.bytes.length);
    if (n !== this.bytes.length) throw new Error(`row ${row} is beyond the end of the rows file`);
    const r = this.row;
    let s = 0;
    for (let i = 0; i < this.dim; i++) s += r[i]! * q[i]!;
    return s;
  }
}

/**
 * Loads a segment's graph. The caller has checked both files' sizes against the manifest and checks their
 * checksums while hnswlib reads (see `attachVectors`); the header is checked here first, so that a damaged
 * header cannot make hnswlib allocate for a count the manifest does not have.
 */
export async function loadSegmentVectors(dir: string, gen: string, entry: SegmentEntry, dim: number): Promise<SegmentVectors> {
  const file = join(dir, gen, entry.hnsw!.file);
  const h = hnswHeader(file);
  const expected = Math.max(1, entry.sentences);
  if (h.dim !== dim) throw new Error(`index holds ${h.dim}-dimensional vectors, expected ${dim}`);
  if (h.count !== entry.sentences || h.maxElements !== expected || h.offsetLevel0 !== 0) {
    throw new Error(`graph holds ${h.count} vectors (room for ${h.maxElements}), the manifest says ${entry.sentences} sentences`);
  }
  const graph = await VectorIndex.load(file, dim);
  const rows = new RowsFile(join(dir, gen, entry.vectors!.file), dim);
  return { dim, count: entry.sentences, search: (q, k, ef) => graph.search(q, k, ef), cosine: (row, q) => rows.dot(row, q) };
}

/** All rows of a segment's `.vec`, checked against the manifest (for reuse when re-indexing). */
export function readRows(dir: string, gen: string, entry: SegmentEntry, dim: number): Float32Array {
  const buf = readChecked(dir, gen, entry.vectors!);
  if (buf.length !== entry.sentences * dim * 4) throw new Error(`${entry.vectors!.file} holds ${buf.length / 4 / dim} vectors for ${entry.sentences} sentences`);
  if (buf.byteOffset % 4 !== 0) return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
  return new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4);
}
