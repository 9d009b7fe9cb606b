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
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import { asStorageError, IndexError } from '../errors.js';
import { afterIndexFileWrite } from './stop-point.js';

/** Bumped whenever the on-disk layout or what analysis stores in it (sentences, speakers) changes; an index of another version is refused. */
export const FORMAT_VERSION = 3;

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

const fileEntrySchema = z.object({ file: z.string().regex(/^seg-\d{6}\.(bin|vec|hnsw)$/), bytes: z.number().int().nonnegative(), crc32: z.number().int().nonnegative() });
/** The manifest's shape: anything else (another program's JSON, a damaged key) is refused, never half-read. */
const manifestSchema = z
  .object({
    format: z.number(),
    createdAt: z.string(),
    model: z.object({ id: z.string().min(1), dim: z.number().int().positive() }).nullable(),
    segments: z.array(
      z.object({
        name: z.string().regex(/^seg-\d{6}$/),
        lexical: fileEntrySchema,
        docs: z.number().int().nonnegative(),
        sentences: z.number().int().nonnegative(),
        vectors: fileEntrySchema.optional(),
        hnsw: fileEntrySchema.optional(),
      }),
    ),
    deleted: z.record(z.string(), z.array(z.number().int().nonnegative())),
  });

/** Refuses an INDEX_DIR that exists but is not a folder (a file, say), with a message that says so. */
export function checkIndexDir(dir: string): void {
  let info;
  try {
    info = statSync(dir);
  } catch {
    return; // missing: the callers say what that means for them
  }
  if (!info.isDirectory()) throw new IndexError(dir, 'this is a file, not a folder', 'point INDEX_DIR (or --index) at a folder');
}

export function currentGeneration(dir: string): string | null {
  const p = join(dir, 'CURRENT');
  if (!existsSync(p)) return null;
  return readFileSync(p, 'utf8').trim() || null;
}

/** Reads and checks the manifest of the live generation; throws IndexError naming the problem. */
export function readManifest(dir: string): { gen: string; manifest: Manifest } {
  if (!existsSync(dir)) throw new IndexError(dir, 'no index here yet', 'build it with `npm run index`');
  checkIndexDir(dir);
  const gen = currentGeneration(dir);
  if (!gen || !GEN_RE.test(gen)) throw new IndexError(dir, 'no CURRENT generation (missing or half-written index)');
  const mpath = join(dir, gen, 'manifest.json');
  if (!existsSync(mpath)) throw new IndexError(dir, `generation ${gen} has no manifest (half-written index)`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(mpath, 'utf8'));
  } catch (e) {
    throw new IndexError(dir, `manifest of ${gen} is not valid JSON (${(e as Error).message})`);
  }
  const format = raw !== null && typeof raw === 'object' ? (raw as { format?: unknown }).format : undefined;
  if (typeof format === 'number' && format !== FORMAT_VERSION) {
    throw new IndexError(dir, `format version ${String(format)}, this program reads version ${FORMAT_VERSION}`);
  }
  const checked = manifestSchema.safeParse(raw);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'top level';
    throw new IndexError(dir, `manifest of ${gen} is not an index manifest (${where}: ${issue.message})`);
  }
  if (checked.data.format !== FORMAT_VERSION) throw new IndexError(dir, `format version ${String(checked.data.format)}, this program reads version ${FORMAT_VERSION}`);
  return { gen, manifest: checked.data as Manifest };
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

/** Checks that a file of the live generation exists and has the size the manifest gives (no read). */
export function checkSize(dir: string, gen: string, entry: FileEntry): void {
  const p = join(dir, gen, entry.file);
  if (!existsSync(p)) throw new IndexError(dir, `${entry.file} is missing (half-written index)`);
  const size = statSync(p).size;
  if (size !== entry.bytes) throw new IndexError(dir, `${entry.file} is ${size} bytes, the manifest says ${entry.bytes} (truncated or half-written)`);
}

/** Read size of `verifyChecksum`: large enough that a syscall's cost vanishes, small enough to stay in cache. */
const CHECK_CHUNK = 4 << 20;

/**
 * Checks a file's size and checksum against the manifest by reading it in chunks, so that a file of hundreds of
 * megabytes is checked without being held in memory, and the event loop (hnswlib reading the same file on a
 * thread of its own, questions being answered) gets turns between chunks.
 */
export async function verifyChecksum(dir: string, gen: string, entry: FileEntry): Promise<void> {
  checkSize(dir, gen, entry);
  const fh = await open(join(dir, gen, entry.file), 'r');
  try {
    const buf = Buffer.allocUnsafe(Math.min(CHECK_CHUNK, Math.max(1, entry.bytes)));
    let crc = 0;
    let total = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      crc = crc32(buf.subarray(0, bytesRead), crc);
      total += bytesRead;
    }
    if (total !== entry.bytes) throw new IndexError(dir, `${entry.file} is ${total} bytes, the manifest says ${entry.bytes} (truncated or half-written)`);
    if (crc !== entry.crc32) throw new IndexError(dir, `${entry.file} fails its checksum (damaged)`);
  } finally {
    await fh.close();
  }
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
    try {
      mkdirSync(dir, { recursive: true });
      let n = 0;
      for (const f of readdirSync(dir)) {
        const m = /^(?:gen|tmp)-(\d{6})/.exec(f);
        if (m) n = Math.max(n, Number(m[1]));
      }
      this.name = `gen-${String(n + 1).padStart(6, '0')}`;
      this.path = join(dir, `tmp-${String(n + 1).padStart(6, '0')}-${process.pid}`);
      mkdirSync(this.path);
    } catch (e) {
      throw asStorageError(e, dir, 'INDEX_DIR');
    }
  }

  write(file: string, buf: Buffer): FileEntry {
    writeSynced(join(this.path, file), buf);
    afterIndexFileWrite();
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
    // The new pointer is written before the folder is renamed into place: while `CURRENT.tmp-<pid>` exists with a
    // live pid, `cleanIndexDir` in another process knows a switch is under way and leaves the new folder alone.
    const tmp = join(this.dir, `CURRENT.tmp-${process.pid}`);
    writeSynced(tmp, this.name + '\n');
    try {
      renameSync(this.path, join(this.dir, this.name));
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
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
 * Returns the names removed. Clean-up is never worth failing for: what cannot be removed (a read-only index,
 * say) is reported through `onWarning` and left.
 */
export function cleanIndexDir(dir: string, keep = 1, onWarning?: (message: string) => void): string[] {
  if (!existsSync(dir)) return [];
  checkIndexDir(dir);
  // Order matters against a builder in another process (see `commit`): list first, then look for a switch under
  // way, then read CURRENT. A generation listed here was renamed after its CURRENT.tmp was written, so either
  // that file is still there (the switch is under way: newer generations are kept) or CURRENT already names it.
  const entries = readdirSync(dir);
  const switching = entries.some((f) => {
    const m = /^CURRENT\.tmp-(\d+)$/.exec(f);
    return m !== null && Number(m[1]) !== process.pid && isAlive(Number(m[1]));
  });
  const live = currentGeneration(dir);
  const removed: string[] = [];
  const remove = (f: string) => {
    try {
      rmSync(join(dir, f), { recursive: true, force: true });
      removed.push(f);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      onWarning?.(`could not remove the leftover ${join(dir, f)} (${code}); it is harmless, remove it by hand when the folder is writable`);
    }
  };
  const gens = entries
    .filter((f) => GEN_RE.test(f) && f !== live)
    .sort()
    .reverse();
  const liveNum = live ? Number(GEN_RE.exec(live)?.[1] ?? 0) : Infinity;
  const older = gens.filter((g) => Number(GEN_RE.exec(g)![1]) < liveNum);
  const newer = gens.filter((g) => Number(GEN_RE.exec(g)![1]) > liveNum); // renamed but never switched to
  for (const f of [...older.slice(keep), ...(switching ? [] : newer)]) remove(f);
  for (const f of entries) {
    if (/^tmp-\d{6}-(\d+)$/.test(f) || f.startsWith('CURRENT.tmp-')) {
      const pid = Number(/(\d+)$/.exec(f)![1]);
      if (pid !== process.pid && isAlive(pid)) continue; // another process is building right now
      remove(f);
    }
  }
  return removed;
}

const HAS_PROC = existsSync('/proc/self/stat');

/** True while `pid` runs. A zombie (killed, not yet reaped by its parent or init) counts as dead. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
  if (!HAS_PROC) return true;
  try {
    // Linux: the state is the field after the parenthesised command name ("1234 (node) Z …").
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ENOENT'; // ENOENT: gone meanwhile
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

