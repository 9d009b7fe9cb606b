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
