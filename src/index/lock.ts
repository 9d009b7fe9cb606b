/**
 * One writer at a time on an index folder, across processes: `INDEX_DIR/LOCK` holds the writer's pid, host,
 * purpose and a random token. A build (`npm run index`, /reindex, `npm start`'s refresh) and a change (an
 * upload, /remove, `npm run corpus`) take it for their whole run, so that neither works from a corpus or a
 * generation the other is about to replace. Readers never take it: they see whole generations anyway.
 *
 * The lock file is created complete and in one step (written aside, then hard-linked into place). A lock whose
 * process has died (same host, pid not running) is stale and taken over: it is renamed aside first, and only
 * removed when what was renamed is still that stale lock, so that two processes recovering it at once cannot
 * remove each other's fresh lock. Liveness is judged by the pid, not by a heartbeat: a writer that holds the
 * event loop for a long synchronous step (writing a large graph on a busy machine) is never taken for dead.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { asStorageError } from '../errors.js';
import { checkIndexDir, isAlive } from './store.js';

export interface LockHolder {
  pid: number;
  host: string;
  purpose: string;
  since: string;
  token: string;
}

export interface IndexLock {
  readonly dir: string;
  readonly holder: LockHolder;
  /** Removes the lock (only if it is still this one). */
  release(): void;
}

export interface LockOptions {
  /** What the writer does, shown to whoever waits ("npm run index", "upload"). */
  purpose: string;
  /** Stops waiting (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
  /** Called once when the lock is held by another live writer and this one starts waiting. */
  onWait?: (holder: LockHolder) => void;
  /** How often a waiting writer looks again, in ms (default 100). */
  pollMs?: number;
}

const LOCK = 'LOCK';

function readHolder(path: string): LockHolder | null {
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
    return typeof v.pid === 'number' && typeof v.token === 'string' ? v : null;
  } catch {
    return null;
  }
}

function stale(h: LockHolder | null): boolean {
  // A lock that cannot be read was never written by this code (it writes whole files): treat it as stale.
  return h === null || (h.host === hostname() && !isAlive(h.pid));
}

/** One attempt: the lock, or who holds it. */
export function tryLockIndex(dir: string, purpose: string): IndexLock | LockHolder {
  checkIndexDir(dir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw asStorageError(e, dir, 'INDEX_DIR');
  }
  const holder: LockHolder = { pid: process.pid, host: hostname(), purpose, since: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  const lockPath = join(dir, LOCK);
  const aside = join(dir, `${LOCK}.${process.pid}.${holder.token}`);
  try {
    writeFileSync(aside, JSON.stringify(holder));
  } catch (e) {
    throw asStorageError(e, dir, 'INDEX_DIR');
  }
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(aside, lockPath);
        return {
          dir,
          holder,
          release() {
            if (readHolder(lockPath)?.token === holder.token) rmSync(lockPath, { force: true });
          },
        };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw asStorageError(e, dir, 'INDEX_DIR');
      }
      const other = readHolder(lockPath);
      if (!stale(other)) return other!;
      breakStale(dir, other);
    }
    return readHolder(lockPath) ?? { pid: 0, host: '?', purpose: 'unknown', since: '', token: '' };
  } finally {
    rmSync(aside, { force: true });
  }
}

/** Takes a stale lock out of the way, unless another process replaced it meanwhile (then it is put back). */
function breakStale(dir: string, seen: LockHolder | null): void {
  const lockPath = join(dir, LOCK);
  const grabbed = join(dir, `${LOCK}.stale-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    renameSync(lockPath, grabbed);
  } catch {
    return; // gone meanwhile: someone else broke it
  }
  const got = readHolder(grabbed);
  if (seen === null ? got !== null : got?.token !== seen.token) {
    // A fresh lock was renamed: put it back (fails only if yet another writer took the free place meanwhile).
    try {
      linkSync(grabbed, lockPath);
    } catch {
      // The other writer holds the place now; the one renamed aside finds its lock gone at release (no harm).
    }
  }
  rmSync(grabbed, { force: true });
}

/**
 * Takes the index lock, waiting while another live writer holds it. Leftover files of writers that died while
 * taking it are removed on the way.
 */
export async function lockIndex(dir: string, opts: LockOptions): Promise<IndexLock> {
  let told = false;
  for (;;) {
    opts.signal?.throwIfAborted();
    const got = tryLockIndex(dir, opts.purpose);
    if ('release' in got) {
      removeDeadAsides(dir);
      return got;
    }
    if (!told) {
      told = true;
      opts.onWait?.(got);
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, opts.pollMs ?? 100);
      opts.signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
  }
}

function removeDeadAsides(dir: string): void {
  try {
    for (const f of readdirSync(dir)) {
      const m = /^LOCK\.(?:stale-)?(\d+)[.-]/.exec(f);
      if (m && Number(m[1]) !== process.pid && !isAlive(Number(m[1]))) rmSync(join(dir, f), { force: true });
    }
  } catch {
    // Leftovers are harmless; a read-only folder cannot have any new ones anyway.
  }
}

/** Runs `task` with the index lock held (see `lockIndex`). */
export async function withIndexLock<T>(dir: string, opts: LockOptions, task: (lock: IndexLock) => Promise<T>): Promise<T> {
  const lock = await lockIndex(dir, opts);
  try {
    return await task(lock);
  } finally {
    lock.release();
  }
}

/** A one-line description of a lock holder, for "waiting for …" messages. */
export function describeHolder(h: LockHolder): string {
  return `${h.purpose} (pid ${h.pid}${h.host !== hostname() ? ` on ${h.host}` : ''}, since ${h.since})`;
}
