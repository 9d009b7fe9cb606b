/**
 * Named errors that carry the context a person needs to act. Each surface (CLI runner, bot.catch) is the one
 * place that turns them into a message.
 */

/** A configuration value is missing or invalid. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`${key}: ${message}`);
  }
}

/** The index folder cannot be used as it is; `fix` says what to run. */
export class IndexError extends Error {
  override name = 'IndexError';
  constructor(
    readonly dir: string,
    readonly problem: string,
    readonly fix = 'rebuild it with `npm run index`',
  ) {
    super(`index at ${dir}: ${problem}; ${fix}`);
  }
}

/** One corpus input could not be read; the others are unaffected. */
export class IngestError extends Error {
  override name = 'IngestError';
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly line?: number,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${reason}`);
  }
}

/** The embedding model could not be loaded or run. */
export class ModelError extends Error {
  override name = 'ModelError';
  constructor(
    readonly model: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`embedding model ${model}: ${message}`, options);
  }
}

/** A usage error on the command line. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** What a person can do about a failed write, by the system's error code. */
const STORAGE_PROBLEMS: Record<string, { problem: string; fix: (key: string) => string }> = {
  ENOSPC: { problem: 'the disk is full', fix: () => 'free some space, then try again' },
  EDQUOT: { problem: 'the disk quota is used up', fix: () => 'free some space or raise the quota, then try again' },
  EROFS: { problem: 'the file system is read-only', fix: (key) => `make it writable, or point ${key} at a writable folder` },
  EACCES: { problem: 'permission denied', fix: (key) => `give the user running citera write access, or point ${key} at a folder it may write` },
  EPERM: { problem: 'operation not permitted', fix: (key) => `give the user running citera write access, or point ${key} at a folder it may write` },
  ENOTDIR: { problem: 'a part of the path is a file, not a folder', fix: (key) => `point ${key} at a folder` },
  EISDIR: { problem: 'a folder is in the way of a file', fix: (key) => `point ${key} at another folder` },
};

/**
 * A file could not be written (or moved, or removed) because of the place: a full disk, a read-only file system,
 * missing permissions. `place` is the folder (or file) concerned, `code` the system's code (ENOSPC, EROFS, …);
 * the message says what to do. Nothing was changed by the operation that failed.
 */
export class StorageError extends Error {
  override name = 'StorageError';
  constructor(
    readonly place: string,
    readonly code: string,
    readonly problem: string,
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot write to ${place}: ${problem} (${code}); ${fix}`, options);
  }
}

/**
 * `e` as a StorageError about `place` when its code is one a person can fix (full disk, read-only, permissions);
 * otherwise `e` unchanged. `key` names the setting that chooses the place (INDEX_DIR, CORPUS_PATHS).
 */
export function asStorageError(e: unknown, place: string, key: string): unknown {
  if (e instanceof StorageError) return e;
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const known = code ? STORAGE_PROBLEMS[code] : undefined;
  if (!code || !known) return e;
  return new StorageError(place, code, known.problem, known.fix(key), { cause: e });
}

/** A build or change that would lose the live index's content by mistake (a typo in a path, half the corpus gone). */
export class CorpusError extends Error {
  override name = 'CorpusError';
}
