/**
 * JSON Lines statements (.jsonl, .ndjson, optionally gzipped), streamed line by line: a file of any size is read
 * in constant memory, and one bad line costs only that line.
 *
 * A line is an object with `title`, the body as `text` or as `preamble` + `paragraphs`, and optionally `id`,
 * `url`, `published` (ISO 8601) and `publisher`. Every line break inside the body starts a new paragraph (it
 * was a `<br>` on the page), exactly as the HTML reader does, so a page and its JSON record give the same text.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { createGunzip } from 'node:zlib';
import { IngestError } from '../errors.js';
import type { IngestIssue, Statement } from '../types.js';
import { cleanParagraphs } from './boilerplate.js';
import { SNIFF_BYTES, sniffEncoding } from './encoding.js';
import { isIsoDate } from './text.js';

/** File extensions this module reads, lower case. */
export const JSONL_EXTENSIONS = ['.jsonl', '.ndjson', '.jsonl.gz', '.ndjson.gz'] as const;

export interface JsonLinesOptions {
  onIssue: (issue: IngestIssue) => void;
  /** Id of the file in the corpus; a line without `id` gets `<fileId>:<line>`. Default: the path. */
  fileId?: string;
  /** A longer line is skipped with an issue (protects memory from a file with no line breaks). Default 16 MiB. */
  maxLineChars?: number;
  /** Stops reading (between chunks) when aborted; the statements read so far stay yielded. */
  signal?: AbortSignal;
}

/** A line longer than the limit, in `LineSplitter`'s output. */
export const TOO_LONG = null;

/**
 * Splits streamed text into lines. Each character is looked at once (a line spread over many chunks is kept as
 * its pieces, joined when its end arrives), and a line longer than `maxChars` is dropped as it streams: none of
 * it is kept, however long it runs. `scanned` and `held` say what it did (for tests and diagnostics).
 */
export class LineSplitter {
  private parts: string[] = [];
  private partsChars = 0;
  private skipping = false;
  /** Characters searched for line breaks so far. */
  scanned = 0;

  constructor(readonly maxChars: number) {}

  /** Characters kept of the line not yet ended. */
  get held(): number {
    return this.partsChars;
  }

  /** The lines that `text` completes, in order: each a string without its "\n", or TOO_LONG. */
  push(text: string): (string | typeof TOO_LONG)[] {
    const out: (string | typeof TOO_LONG)[] = [];
    let start = 0;
    let nl: number;
    while ((nl = text.indexOf('\n', start)) !== -1) {
      if (this.skipping || this.partsChars + (nl - start) > this.maxChars) out.push(TOO_LONG);
      else out.push(this.parts.length ? this.parts.join('') + text.slice(start, nl) : text.slice(start, nl));
      this.parts = [];
      this.partsChars = 0;
      this.skipping = false;
      start = nl + 1;
    }
    this.scanned += text.length;
    const rest = text.length - start;
    if (this.skipping || rest === 0) return out;
    if (this.partsChars + rest > this.maxChars) {
      this.skipping = true;
      this.parts = [];
      this.partsChars = 0;
    } else {
      this.parts.push(start === 0 ? text : text.slice(start));
      this.partsChars += rest;
    }
    return out;
  }

  /** The last line, when the text does not end with a line break (or nothing). */
  end(): (string | typeof TOO_LONG)[] {
    const out = this.skipping ? [TOO_LONG] : this.partsChars > 0 ? [this.parts.join('')] : [];
    this.parts = [];
    this.partsChars = 0;
    this.skipping = false;
    return out;
  }
}

/** Bytes decoded before the encoding is decided. */
const SNIFF_AT_LEAST = 8 * 1024;

/**
 * Streams the statements of a JSON Lines file (gzip detected by its magic bytes). Malformed lines are reported
 * through `onIssue` with their line number and skipped; a file that is not text, or a gzip stream that breaks
 * off, ends with one issue.
 *
 * @example
 * for await (const s of readJsonLines('events.jsonl.gz', { onIssue: console.warn })) index.add(s);
 */
export async function* readJsonLines(file: string, opts: JsonLinesOptions): AsyncGenerator<Statement> {
  const fileId = opts.fileId ?? file;
  const maxLine = opts.maxLineChars ?? 16 * 1024 * 1024;
  // The file is opened (and its first bytes read) before any stream exists: an unreadable file rejects here,
  // once, instead of emitting an `error` event that nobody listens to yet.
  const fh = await open(file, 'r');
  let input: Readable;
  let source: Readable;
  try {
    const gzip = await isGzip(fh);
    input = fh.createReadStream({ start: 0, highWaterMark: 1 << 20 });
    source = gzip ? pipeline(input, createGunzip({ chunkSize: 1 << 20 }), () => {}) : input;
  } catch (e) {
    await fh.close();
    throw e;
  }

  // Bytes are held back until enough are in to decide the encoding; then decoded chunk by chunk.
  let decoder: TextDecoder | undefined;
  let head: Buffer[] = [];
  let headBytes = 0;
  const splitter = new LineSplitter(maxLine);
  let lineNo = 0;
  /** Lines that held anything but whitespace: a file of none is reported as empty. */
  let contentLines = 0;

  function* emit(lines: (string | typeof TOO_LONG)[]): Generator<Statement> {
    for (const raw of lines) {
      lineNo++;
      if (raw === TOO_LONG) {
        contentLines++;
        opts.onIssue({ file, line: lineNo, reason: `line longer than ${maxLine} characters; skipped` });
        continue;
      }
      const s = handle(raw);
      if (s) yield s;
    }
  }

  function handle(raw: string): Statement | null {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return null;
    contentLines++;
    try {
      return parseJsonLine(line, file, lineNo, fileId);
    } catch (err) {
      if (!(err instanceof IngestError)) throw err;
      opts.onIssue({ file, line: lineNo, reason: err.reason });
      return null;
    }
  }

  /** Decides the encoding from the held-back bytes; undefined (after one issue) when they are not text. */
  function startDecoding(complete: boolean): { decoder?: TextDecoder; text: string } {
    const bytes = Buffer.concat(head);
    head = [];
    const sniffed = sniffEncoding(bytes.subarray(0, SNIFF_BYTES), complete);
    if (sniffed.kind === 'binary') {
      opts.onIssue({ file, reason: sniffed.reason });
      return { text: '' };
    }
    if (sniffed.fallback) opts.onIssue({ file, reason: sniffed.fallback });
    const d = new TextDecoder(sniffed.encoding); // strips a BOM itself
    return { decoder: d, text: d.decode(bytes, { stream: true }) };
  }

  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (opts.signal?.aborted) return;
      if (decoder) {
        yield* emit(splitter.push(decoder.decode(chunk, { stream: true })));
        continue;
      }
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes < SNIFF_AT_LEAST) continue;
      const started = startDecoding(false);
      if (!started.decoder) return;
      decoder = started.decoder;
      yield* emit(splitter.push(started.text));
    }
    if (!decoder) {
      if (headBytes === 0) {
        opts.onIssue({ file, reason: 'empty file' });
        return;
      }
      const started = startDecoding(true);
      if (!started.decoder) return;
      decoder = started.decoder;
      yield* emit(splitter.push(started.text));
    }
    yield* emit(splitter.push(decoder.decode()));
    yield* emit(splitter.end());
    if (contentLines === 0) opts.onIssue({ file, reason: 'empty file (only whitespace)' });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    // What arrived before the break is still read: its complete lines, also while they were held back for the
    // encoding (the first 8 KiB); the line the break cut is dropped.
    if (!decoder && headBytes > 0) {
      const started = startDecoding(false);
      if (!started.decoder) return;
      decoder = started.decoder;
      yield* emit(splitter.push(started.text));
    }
    opts.onIssue({ file, line: lineNo + 1, reason: `unreadable (${msg}); stopped after line ${lineNo}` });
  } finally {
    input.destroy();
    source.destroy();
    await fh.close().catch(() => undefined);
  }
}

async function isGzip(fh: FileHandle): Promise<boolean> {
  const { bytesRead, buffer } = await fh.read(Buffer.alloc(2), 0, 2, 0);
  return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
}

/**
 * Parses one JSON line into a statement (`source` is `<file>:<line>`).
 *
 * @throws IngestError naming the line when it is not a JSON object, lacks a title or body, or has a field of
 * the wrong type.
 */
export function parseJsonLine(line: string, file: string, lineNo: number, fileId: string = file): Statement {
  const fail = (reason: string): never => {
    throw new IngestError(file, reason, lineNo);
  };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    fail(`invalid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('not a JSON object');
  const o = value as Record<string, unknown>;

  let id: string;
  if (o.id === undefined || o.id === null) id = `${fileId}:${lineNo}`;
  else if (typeof o.id === 'number' && Number.isFinite(o.id)) id = String(o.id);
  else if (typeof o.id === 'string' && o.id.trim() !== '') id = o.id.trim();
  else return fail(`\`id\` must be a string or number, got ${typeName(o.id)}`);

  if (o.title === undefined || o.title === null) return fail('missing `title`');
  if (typeof o.title !== 'string') return fail(`\`title\` must be a string, got ${typeName(o.title)}`);
  const title = o.title.trim();
  if (title === '') return fail('empty `title`');

  const url = optionalString(o, 'url', fail);
  const publisher = optionalString(o, 'publisher', fail);
  const published = optionalString(o, 'published', fail);
  if (published !== null && !isIsoDate(published)) fail(`\`published\` must be an ISO date, got "${published}"`);
  const updated = optionalString(o, 'updated', fail);
  if (updated !== null && !isIsoDate(updated)) fail(`\`updated\` must be an ISO date, got "${updated}"`);

  let blocks: string[];
  if (o.text !== undefined && o.text !== null) {
    if (typeof o.text !== 'string') return fail(`\`text\` must be a string, got ${typeName(o.text)}`);
    blocks = [o.text];
  } else {
    const preamble = optionalString(o, 'preamble', fail);
    const paragraphs = o.paragraphs ?? null;
    if (preamble === null && paragraphs === null) return fail('missing body (`text`, or `preamble` and `paragraphs`)');
    if (paragraphs !== null && (!Array.isArray(paragraphs) || paragraphs.some((p) => typeof p !== 'string'))) {
      return fail('`paragraphs` must be a list of strings');
    }
    blocks = preamble === null ? [] : [preamble];
    if (paragraphs) blocks.push(...(paragraphs as string[]));
  }
  const text = cleanParagraphs(blocks).join('\n\n');
  if (text === '') return fail('no text (empty body, or only boilerplate)');

  return {
    id,
    title,
    publisher: publisher?.trim() || null,
    published: published ? published.replace(' ', 'T') : null,
    url: url?.trim() || null,
    text,
    source: `${file}:${lineNo}`,
    ...(updated ? { updated: updated.replace(' ', 'T') } : {}),
  };
}

function optionalString(o: Record<string, unknown>, key: string, fail: (reason: string) => never): string | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') return fail(`\`${key}\` must be a string, got ${typeName(v)}`);
  return v;
}

function typeName(v: unknown): string {
  return Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
