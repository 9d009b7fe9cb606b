/**
 * Loading a corpus: files and folders of statements in any supported format, each input checked on its own so
 * that one bad file costs one issue and never the rest.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { TextDecoder } from 'node:util';
import { IngestError } from '../errors.js';
import type { IngestIssue, Statement } from '../types.js';
import { decodeText, sniffEncoding } from './encoding.js';
import { HTML_EXTENSIONS, parseHtmlStatement } from './html.js';
import { JSONL_EXTENSIONS, readJsonLines } from './jsonl.js';
import { parseTextStatement, TEXT_EXTENSIONS } from './text.js';

export interface LoadOptions {
  /** Largest file read whole, in bytes; a larger one is skipped unread. JSON Lines are streamed and exempt. */
  maxFileBytes: number;
  /** Called once per skipped (or cut) input, with the file, the line for JSON Lines, and the reason. */
  onIssue: (issue: IngestIssue) => void;
  /** Stops reading when aborted (between files, and between chunks of a JSON Lines file). */
  signal?: AbortSignal;
}

type Format = 'text' | 'html' | 'jsonl';

/** Every extension the loader reads, lower case, longest first. */
export const SUPPORTED_EXTENSIONS: readonly string[] = [...JSONL_EXTENSIONS, ...HTML_EXTENSIONS, ...TEXT_EXTENSIONS].sort(
  (a, b) => b.length - a.length,
);

/** The format of a file by its name, or null when the loader does not read it. */
export function formatOf(file: string): Format | null {
  const name = file.toLowerCase();
  const ext = SUPPORTED_EXTENSIONS.find((e) => name.endsWith(e));
  if (!ext) return null;
  if ((JSONL_EXTENSIONS as readonly string[]).includes(ext)) return 'jsonl';
  if ((HTML_EXTENSIONS as readonly string[]).includes(ext)) return 'html';
  return 'text';
}

/**
 * Streams the statements of a corpus. Each path is a file or a folder (recursed in sorted order; hidden entries
 * and files of other types are passed over). A statement's id is its JSON Lines `id` (or front matter `id`),
 * else its path relative to the folder argument it was found under (a file argument: its base name).
 * Duplicate ids keep the first; every problem is one call to `onIssue`.
 *
 * @example
 * for await (const s of loadCorpus(['corpus'], { maxFileBytes: 20e6, onIssue: (i) => log.warn(i) })) add(s);
 */
export async function* loadCorpus(paths: string[], opts: LoadOptions): AsyncGenerator<Statement> {
  const seen = new Map<string, string>();
  for (const arg of paths) {
    let info;
    try {
      info = await stat(arg);
    } catch (err) {
      opts.onIssue({ file: arg, reason: describeFsError(err) });
      continue;
    }
    if (info.isDirectory()) {
      for await (const file of walk(arg, new Set(), opts)) {
        if (opts.signal?.aborted) return;
        yield* unique(loadFile(file, toPosix(path.relative(arg, file)), opts), seen, opts);
      }
    } else if (formatOf(arg) === null) {
      opts.onIssue({ file: arg, reason: `unsupported file type (supported: ${[...SUPPORTED_EXTENSIONS].sort().join(', ')})` });
    } else {
      yield* unique(loadFile(arg, path.basename(arg), opts), seen, opts);
    }
  }
}

/**
 * Loads one file on its own (an uploaded document, say): its statements, duplicates within the file dropped.
 * `id` is the statement id for a single-statement file (default: the base name); `source` replaces the path in
 * messages and `Statement.source` (useful when `file` is a temporary copy).
 */
export async function* loadStatementsFromFile(
  file: string,
  opts: LoadOptions & { id?: string; source?: string },
): AsyncGenerator<Statement> {
  const onIssue = opts.source ? (i: IngestIssue) => opts.onIssue({ ...i, file: opts.source! }) : opts.onIssue;
  if (formatOf(opts.source ?? file) === null && formatOf(file) === null) {
    onIssue({ file, reason: `unsupported file type (supported: ${[...SUPPORTED_EXTENSIONS].sort().join(', ')})` });
    return;
  }
  const inner = loadFile(file, opts.id ?? path.basename(opts.source ?? file), { ...opts, onIssue }, opts.source);
  yield* unique(inner, new Map(), { ...opts, onIssue });
}

/**
 * A fingerprint of everything a statement contributes to the index (not `source`, which only says where it was
 * read): equal hashes mean nothing to re-index.
 */
export function statementHash(s: Statement): string {
  // `updated` only when there is one, so that the hashes of all other statements stay what they were.
  const fields = [s.id, s.title, s.publisher, s.published, s.url, s.text];
  return createHash('sha1')
    .update(JSON.stringify(s.updated ? [...fields, s.updated] : fields))
    .digest('hex');
}

async function* unique(
  statements: AsyncIterable<Statement>,
  seen: Map<string, string>,
  opts: LoadOptions,
): AsyncGenerator<Statement> {
  for await (const s of statements) {
    const first = seen.get(s.id);
    if (first !== undefined) {
      const { file, line } = splitSource(s.source);
      opts.onIssue(issue(file, `duplicate id "${s.id}" (already loaded from ${first}); skipped`, line));
      continue;
    }
    seen.set(s.id, s.source);
    yield s;
  }
}

function issue(file: string, reason: string, line?: number): IngestIssue {
  return line === undefined ? { file, reason } : { file, line, reason };
}

function splitSource(source: string): { file: string; line?: number } {
  const m = /^(.*):(\d+)$/.exec(source);
  return m ? { file: m[1]!, line: Number(m[2]) } : { file: source };
}

/**
 * The file a statement was read from, and its line for JSON Lines: `Statement.source` is the file's path as the
 * corpus was walked ("corpus/a.md"), with `:<line>` for a JSON Lines record ("corpus/n.jsonl:12").
 */
export function sourceLocation(source: string): { file: string; line?: number } {
  const at = splitSource(source);
  return at.line !== undefined && formatOf(at.file) === 'jsonl' ? at : { file: source };
}

/** Files under `dir`, sorted by code point for the same order everywhere; hidden entries skipped. */
async function* walk(dir: string, visited: Set<string>, opts: LoadOptions): AsyncGenerator<string> {
  let entries;
  try {
    const real = await realpath(dir);
    if (visited.has(real)) return; // a symlink loop
    visited.add(real);
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    opts.onIssue({ file: dir, reason: `folder not readable: ${describeFsError(err)}` });
    return;
  }
  entries = entries
    .filter((e) => !e.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    let isDir = e.isDirectory();
    if (e.isSymbolicLink()) {
      try {
        isDir = (await stat(full)).isDirectory();
      } catch (err) {
        // A dangling link: reported when it names a corpus file (others are passed over like any other type).
        if (formatOf(e.name) !== null) opts.onIssue({ file: full, reason: `broken symbolic link (${describeFsError(err)} at its target)` });
        continue;
      }
    }
    if (isDir) yield* walk(full, visited, opts);
    else if (formatOf(e.name) !== null) yield full;
  }
}

async function* loadFile(file: string, id: string, opts: LoadOptions, source = file): AsyncGenerator<Statement> {
  const format = formatOf(source) ?? formatOf(file)!;
  try {
    const info = await stat(file);
    // A pipe or device could block forever or never end.
    if (!info.isFile()) throw new IngestError(source, 'not a regular file');
    if (format === 'jsonl') {
      // Streamed, so exempt from maxFileBytes.
      // A single line is still bounded, by the same limit (at least 1 MiB, so no real record is ever cut).
      const maxLineChars = Math.max(opts.maxFileBytes, 1024 * 1024);
      const stream = readJsonLines(file, { onIssue: opts.onIssue, fileId: id, maxLineChars, signal: opts.signal });
      for await (const s of stream) yield source === file ? s : { ...s, source: s.source.replace(file, source) };
      return;
    }
    const { size } = info;
    if (size === 0) throw new IngestError(source, 'empty file');
    if (size > opts.maxFileBytes) {
      throw new IngestError(source, `file too large: ${formatBytes(size)} exceeds the limit of ${formatBytes(opts.maxFileBytes)} (MAX_FILE_BYTES); not read`);
    }
    const bytes = await readFile(file);
    const content = decode(bytes, source, format, opts);
    if (content.trim() === '') throw new IngestError(source, 'empty file (only whitespace)');
    yield format === 'html' ? parseHtmlStatement(content, source, id) : parseTextStatement(content, source, id);
  } catch (err) {
    if (err instanceof IngestError) opts.onIssue(issue(err.file, err.reason, err.line));
    else opts.onIssue({ file: source, reason: describeFsError(err) });
  }
}

function decode(bytes: Buffer, file: string, format: Format, opts: LoadOptions): string {
  const sniffed = sniffEncoding(bytes, true);
  if (sniffed.kind === 'binary') throw new IngestError(file, sniffed.reason);
  if (sniffed.fallback && format === 'html') {
    // A page that names its legacy charset is read in it, silently: that is not a fault of the file.
    const declared = declaredCharset(bytes);
    if (declared) return declared.decode(bytes);
  }
  if (sniffed.fallback) opts.onIssue({ file, reason: sniffed.fallback });
  return decodeText(bytes, sniffed);
}

function declaredCharset(bytes: Buffer): TextDecoder | null {
  const head = bytes.subarray(0, 2048).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head);
  if (!m || /^utf-?8$/i.test(m[1]!)) return null;
  try {
    return new TextDecoder(m[1]!.toLowerCase());
  } catch {
    return null;
  }
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  const units = ['KiB', 'MiB', 'GiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]} (${n} bytes)`;
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return err instanceof Error ? err.message : String(err);
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
