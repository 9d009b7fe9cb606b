/**
 * Where fetched statements and each source's polling state are kept.
 *
 * Statements go to one JSON Lines file per source in the first corpus folder (`<corpus>/<name>.jsonl`, the
 * project's statement format with `updated` when the source edited one), so that a full `npm run index`
 * rebuilds the same index. They are written through a `CorpusSink`: `CorpusServiceSink` hands them to the corpus
 * service, which writes the file and changes the live index together (what the bot and `npm run sync` use);
 * `JsonlCorpusSink` writes the file only (tests of the polling itself, tools without an index).
 * The polling state (validators, what each item looked like, pages still to fetch) is kept beside it, in
 * `<corpus>/.sources/<name>.json`: hidden, so the corpus loader never reads it.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { IngestError } from '../errors.js';
import { parseJsonLine } from '../ingest/jsonl.js';
import type { StatementRecord } from '../corpus/service.js';
import type { Statement } from '../types.js';
import type { Validators } from './fetcher.js';
import type { SourceItem } from './items.js';

/** A statement as a source's file holds it: the loader's fields and when the source last changed it. */
export interface SourceStatement extends Omit<Statement, 'source' | 'updated'> {
  /** When an edit of the statement was seen (ISO); null while it is as first fetched. */
  updated: string | null;
}

/** Where a source's statements are written. */
export interface CorpusSink {
  /** The statements the source's file holds now; empty when it has none. */
  readSourceFile(name: string): Promise<SourceStatement[]>;
  /** Replaces the source's statements with `statements` (all of them, in order), atomically. */
  putSourceFile(name: string, statements: SourceStatement[]): Promise<{ path: string }>;
}

/** The file of a source's statements inside the corpus folder: `<name>.jsonl`. */
export function sourceFileName(name: string): string {
  return `${name}.jsonl`;
}

/** A source's statements as its JSON Lines file holds them; none when there is no file. Damaged lines are left out. */
export async function readSourceStatements(file: string): Promise<SourceStatement[]> {
  const out: SourceStatement[] = [];
  let input;
  try {
    input = createReadStream(file, 'utf8');
    await new Promise<void>((resolve, reject) => input!.once('open', () => resolve()).once('error', reject));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  let n = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    n++;
    if (!line.trim()) continue;
    try {
      const { source: _source, updated, ...rest } = parseJsonLine(line, file, n);
      out.push({ ...rest, updated: updated ?? null });
    } catch (e) {
      // A damaged line is dropped from the rewritten file; the item is fetched again while the source lists it.
      if (!(e instanceof IngestError)) throw e;
    }
  }
  return out;
}

/** What the corpus service must offer a sink (CorpusService is one). */
export interface StatementWriter {
  putStatements(name: string, statements: readonly StatementRecord[]): Promise<{ path: string }>;
}

/**
 * Writes a source's statements through the corpus service: the file `<folder>/<name>.jsonl` and the live index
 * change together, under the index lock, and only the statements that changed are indexed again (answers go on
 * meanwhile). `writer` is asked for on the first write, so that a poll that finds nothing new never opens an index.
 *
 * @example
 * const sink = new CorpusServiceSink(manager.corpus.folder, async () => manager.corpus);
 */
export class CorpusServiceSink implements CorpusSink {
  private opened: Promise<StatementWriter> | null = null;

  constructor(
    /** The corpus folder the service writes to (its `folder`: the first of CORPUS_PATHS). */
    readonly folder: string,
    private readonly writer: () => Promise<StatementWriter>,
  ) {}

  readSourceFile(name: string): Promise<SourceStatement[]> {
    return readSourceStatements(path.join(this.folder, sourceFileName(name)));
  }

  async putSourceFile(name: string, statements: SourceStatement[]): Promise<{ path: string }> {
    this.opened ??= this.writer();
    const writer = await this.opened.catch((e) => {
      this.opened = null;
      throw e;
    });
    return writer.putStatements(sourceFileName(name), statements.map(toRecord));
  }
}

function toRecord(s: SourceStatement): StatementRecord {
  return { id: s.id, title: s.title, url: s.url, published: s.published, publisher: s.publisher, updated: s.updated, text: s.text };
}

/**
 * Writes statements as `<dir>/<name>.jsonl` only (no index), through a temporary file and a rename: readers see
 * old or new. For the tests of polling and for tools; the bot and `npm run sync` use `CorpusServiceSink`.
 */
export class JsonlCorpusSink implements CorpusSink {
  constructor(readonly dir: string) {}

  fileOf(name: string): string {
    return path.join(this.dir, sourceFileName(name));
  }

  readSourceFile(name: string): Promise<SourceStatement[]> {
    return readSourceStatements(this.fileOf(name));
  }

  async putSourceFile(name: string, statements: SourceStatement[]): Promise<{ path: string }> {
    const file = this.fileOf(name);
    const lines = statements.map((s) => JSON.stringify(toRecord(s)));
    await writeAtomically(file, lines.length ? `${lines.join('\n')}\n` : '');
    return { path: file };
  }
}

/** What is remembered about one item between polls. */
export interface ItemState {
  /** The statement id it was written under. */
  id: string;
  /** Content hash of the statement as written; null while nothing could be written (no text yet). */
  hash: string | null;
  /** Hash of what the listing said about it (title, link, summary, dates): a change means "fetch the page again". */
  listingHash: string;
  /** The statement's text is the page's, not only the listing's summary. */
  full: boolean;
  /** The page still has to be fetched (new, changed in the listing, or failed before). */
  pagePending: boolean;
  /** Failed page fetches in a row; after `maxPageFailures` the summary stays the text. */
  pageFailures: number;
  /** What the listing said, for fetching the page in a later poll when the listing is unchanged (304). */
  item: SourceItem;
  /** When it was first seen (ISO). */
  firstSeen: string;
  /** Revisits of the page done so far (see `SyncOptions.revisitAfterMs`). */
  revisits: number;
}

export interface SourceState {
  version: 1;
  validators: Validators;
  /** The last poll (ISO), whatever its outcome. */
  lastPoll: string | null;
  lastError: string | null;
  /** The server asked not to be asked before this time (epoch ms). */
  retryAt: number | null;
  items: Record<string, ItemState>;
}

export function emptyState(): SourceState {
  return { version: 1, validators: {}, lastPoll: null, lastError: null, retryAt: null, items: {} };
}

/** Keeps each source's polling state. */
export interface SourceStateStore {
  load(name: string): Promise<SourceState>;
  save(name: string, state: SourceState): Promise<void>;
}

/** State files in `<dir>/.sources/<name>.json`; an unreadable one starts over (the next poll backfills again). */
export class FileStateStore implements SourceStateStore {
  constructor(readonly dir: string) {}

  private fileOf(name: string): string {
    return path.join(this.dir, '.sources', `${name}.json`);
  }

  async load(name: string): Promise<SourceState> {
    try {
      const v = JSON.parse(await readFile(this.fileOf(name), 'utf8')) as SourceState;
      return v && v.version === 1 && typeof v.items === 'object' ? v : emptyState();
    } catch {
      return emptyState();
    }
  }

  async save(name: string, state: SourceState): Promise<void> {
    await writeAtomically(this.fileOf(name), JSON.stringify(state));
  }
}

/** Writes `text` to a hidden temporary file beside `file`, syncs it and renames it over `file`. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.tmp-${randomBytes(4).toString('hex')}`);
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
