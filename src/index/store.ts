/**
 * The index folder on disk. Each build writes a new generation folder beside the live one, syncs it, and then
 * switches the `CURRENT` pointer with an atomic rename: a reader sees the old index or the new one, never a
 * mix. Every file carries a CRC-32 in the manifest, so a truncated, flipped or foreign file is refused.
 *
 *   INDEX_DIR/CURRENT            "gen-000003"
 *   INDEX_DIR/gen-000003/manifest.json
 *   INDEX_DIR/gen-000003/seg-000001.bin     lexical segment (statements, sentences, postings)
 *   INDEX_DIR/gen-000003/seg-000001.vec     sentence vectors (Float32, row per sentence), when embedded
 *   INDEX_DIR/gen-000003/seg-000001.hnsw    hnswlib graph over those vectors
 */
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { IndexError } from '../errors.js';

/** Bumped whenever the on-disk layout changes; an index of another version is refused. */
export const FORMAT_VERSION = 1;

export interface FileEntry {
  file: string;
  bytes: number;
  crc32: number;
}

export interface SegmentEntry {
  name: string;
  lexical: FileEntry;
  docs: number;
  sentences: number;
  /** Present when the segment's sentences are embedded. */
  vectors?: FileEntry;
  hnsw?: FileEntry;
}

export interface Manifest {
  format: number;
  createdAt: string;
  /** The embedding model the vectors come from; null for a lexical-only index. */
  model: { id: string; dim: number } | null;
  segments: SegmentEntry[];
  /** Statements removed since their segment was written: segment name → doc numbers. */
  deleted: Record<string, number[]>;
}

const GEN_RE = /^gen-(\d{6})$/;

export function currentGeneration(dir: string): string | null {
  const p = join(dir, 'CURRENT');
  if (!existsSync(p)) return null;
  return readFileSync(p, 'utf8').trim() || null;
}

/** Reads and checks the manifest of the live generation; throws IndexError naming the problem. */
export function readManifest(dir: string): { gen: string; manifest: Manifest } {
  if (!existsSync(dir)) throw new IndexError(dir, 'no index here yet', 'build it with `npm run index`');
  const gen = currentGeneration(dir);
  if (!gen || !GEN_RE.test(gen)) throw new IndexError(dir, 'no CURRENT generation (missing or half-written index)');
  const mpath = join(dir, gen, 'manifest.json');
  if (!existsSync(mpath)) throw new IndexError(dir, `generation ${gen} has no manifest (half-written index)`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(mpath, 'utf8')) as Manifest;
  } catch (e) {
    throw new IndexError(dir, `manifest of ${gen} is not valid JSON (${(e as Error).message})`);
  }
  if (manifest.format !== FORMAT_VERSION) {
    throw new IndexError(dir, `format version ${String(manifest.format)}, this program reads version ${FORMAT_VERSION}`);
  }
  if (!Array.isArray(manifest.segments)) throw new IndexError(dir, 'manifest lists no segments');
  return { gen, manifest };
}

/** Reads one file of the live generation and checks its size and checksum against the manifest. */
export function readChecked(dir: string, gen: string, entry: FileEntry): Buffer {
  const p = join(dir, gen, entry.file);
  if (!existsSync(p)) throw new IndexError(dir, `${entry.file} is missing (half-written index)`);
  const buf = readFileSync(p);
  if (buf.length !== entry.bytes) {
    throw new IndexError(dir, `${entry.file} is ${buf.length} bytes, the manifest says ${entry.bytes} (truncated or half-written)`);
  }
  if (crc32(buf) !== entry.crc32) throw new IndexError(dir, `${entry.file} fails its checksum (damaged)`);
  return buf;
}

export function fileEntry(file: string, buf: Buffer): FileEntry {
  return { file, bytes: buf.length, crc32: crc32(buf) };
}

function writeSynced(path: string, buf: Buffer | string): void {
  const fd = openSync(path, 'w');
  try {
    const b = typeof buf === 'string' ? Buffer.from(buf) : buf;
    let off = 0;
    while (off < b.length) off += writeSync(fd, b, off, b.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncDir(path: string): void {
  try {
    const fd = openSync(path, 'r');
    fsyncSync(fd);
    closeSync(fd);
  } catch {
    // Some platforms cannot fsync a directory; the rename below is still atomic.
  }
}

/** A generation being written: files go in, then `commit` makes it the live one in one atomic step. */
export class GenerationWriter {
  readonly name: string;
  readonly path: string;
  private committed = false;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    let n = 0;
    for (const f of readdirSync(dir)) {
      const m = /^(?:gen|tmp)-(\d{6})/.exec(f);
      if (m) n = Math.max(n, Number(m[1]));
    }
    this.name = `gen-${String(n + 1).padStart(6, '0')}`;
    this.path = join(dir, `tmp-${String(n + 1).padStart(6, '0')}-${process.pid}`);
    mkdirSync(this.path);
  }

  write(file: string, buf: Buffer): FileEntry {
    writeSynced(join(this.path, file), buf);
    return fileEntry(file, buf);
  }

  /** Reuses an unchanged file of the live generation (hard link, copy where links are not possible). */
  reuse(fromGen: string, entry: FileEntry): FileEntry {
    const src = join(this.dir, fromGen, entry.file);
    const dst = join(this.path, entry.file);
    try {
      linkSync(src, dst);
    } catch {
      writeSynced(dst, readFileSync(src));
    }
    return entry;
  }

  /** Writes the manifest, renames the folder into place, and switches CURRENT to it. */
  commit(manifest: Manifest): string {
    writeSynced(join(this.path, 'manifest.json'), JSON.stringify(manifest));
    syncDir(this.path);
    renameSync(this.path, join(this.dir, this.name));
    const tmp = join(this.dir, `CURRENT.tmp-${process.pid}`);
    writeSynced(tmp, this.name + '\n');
    renameSync(tmp, join(this.dir, 'CURRENT'));
    syncDir(this.dir);
    this.committed = true;
    return this.name;
  }

  /** Removes the unfinished folder (on error or interrupt). */
  abort(): void {
    if (!this.committed) rmSync(this.path, { recursive: true, force: true });
  }
}

/**
 * Removes what crashed or superseded builds left behind: unfinished `tmp-*` folders, stray CURRENT.tmp files,
 * and generations older than the live one (keeping `keep` of them for readers still holding them open).
 * Returns the names removed.
 */
export function cleanIndexDir(dir: string, keep = 1): string[] {
  if (!existsSync(dir)) return [];
  const live = currentGeneration(dir);
  const removed: string[] = [];
  const gens = readdirSync(dir)
    .filter((f) => GEN_RE.test(f) && f !== live)
    .sort()
    .reverse();
  const liveNum = live ? Number(GEN_RE.exec(live)?.[1] ?? 0) : Infinity;
  const older = gens.filter((g) => Number(GEN_RE.exec(g)![1]) < liveNum);
  const newer = gens.filter((g) => Number(GEN_RE.exec(g)![1]) > liveNum); // renamed but never switched to
  for (const f of [...older.slice(keep), ...newer]) {
    rmSync(join(dir, f), { recursive: true, force: true });
    removed.push(f);
  }
  for (const f of readdirSync(dir)) {
    if (/^tmp-\d{6}-(\d+)$/.test(f) || f.startsWith('CURRENT.tmp-')) {
      const pid = Number(/(\d+)$/.exec(f)![1]);
      if (pid !== process.pid && isAlive(pid)) continue; // another process is building right now
      rmSync(join(dir, f), { recursive: true, force: true });
      removed.push(f);
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Size on disk of the live generation, in bytes. */
export function indexBytes(dir: string): number {
  const gen = currentGeneration(dir);
  if (!gen) return 0;
  let total = 0;
  for (const f of readdirSync(join(dir, gen))) total += statSync(join(dir, gen, f)).size;
  return total;
}

