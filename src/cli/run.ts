/**
 * The one place where the command line turns errors into a message: `✗ message` on stderr, exit code 1.
 */
import { readFileSync } from 'node:fs';
import { CorpusRefusal } from '../corpus/service.js';
import { asStorageError, ConfigError, CorpusError, IndexError, IngestError, ModelError, StorageError, UsageError } from '../errors.js';
import { redactSecrets } from '../log.js';
import { BuildInterrupted } from '../index/build.js';
import { HelpRequested } from './args.js';

export async function run(main: () => Promise<number | void>): Promise<void> {
  try {
    process.exitCode = (await main()) ?? 0;
  } catch (e0) {
    if (e0 instanceof HelpRequested) {
      process.stdout.write(e0.text + '\n');
      process.exitCode = 0;
      return;
    }
    // A system error about a place (a full disk, a read-only folder) is worded as one, whatever raised it.
    const path = (e0 as NodeJS.ErrnoException | null)?.path;
    const e = path ? asStorageError(e0, path, 'the setting that names it') : e0;
    const known = [ConfigError, IndexError, IngestError, ModelError, UsageError, BuildInterrupted, StorageError, CorpusError, CorpusRefusal].some((C) => e instanceof C);
    const msg = e instanceof Error ? (known ? e.message : (e.stack ?? e.message)) : String(e);
    process.stderr.write(`✗ ${redactSecrets(msg)}\n`);
    process.exitCode = 1;
  }
}

/** A JSON Lines file's objects (blank lines skipped), for question and quote sets. */
export function readJsonlFile<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** Reads stdin as JSON lines, one parsed object at a time (blank lines skipped). */
export async function* jsonLines(input: NodeJS.ReadableStream = process.stdin): AsyncGenerator<{ line: number; value: unknown; error?: string }> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const raw of rl) {
    n++;
    if (!raw.trim()) continue;
    try {
      yield { line: n, value: JSON.parse(raw) };
    } catch (e) {
      yield { line: n, value: null, error: `line ${n}: not JSON (${(e as Error).message})` };
    }
  }
}
