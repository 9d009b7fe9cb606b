/**
 * Admin uploads: fetching a document from Telegram within a size limit, deciding what it is by its bytes (never
 * by the name the sender gave), and choosing a safe file name in the corpus folder.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Api } from 'grammy';
import { decodeText, sniffEncoding, SNIFF_BYTES } from '../ingest/encoding.js';
import { readCappedBody } from '../http.js';
import { redact } from './safe-log.js';

export type UploadKind = 'text' | 'html' | 'jsonl';

export type Sniffed = { ok: true; kind: UploadKind } | { ok: false; reason: string };

/** Formats that are plainly not statements, by their first bytes. */
const MAGIC: [number[], string][] = [
  [[0x1f, 0x8b], 'gzip archive'],
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'PDF document'],
  [[0x50, 0x4b, 0x03, 0x04], 'ZIP archive or Office document'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'legacy Office document'],
  [[0x89, 0x50, 0x4e, 0x47], 'PNG image'],
  [[0xff, 0xd8, 0xff], 'JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF image'],
  [[0x52, 0x49, 0x46, 0x46], 'RIFF media file'],
  [[0x7b, 0x5c, 0x72, 0x74, 0x66], 'RTF document'],
  [[0x37, 0x7a, 0xbc, 0xaf], '7-Zip archive'],
  [[0x52, 0x61, 0x72, 0x21], 'RAR archive'],
  [[0x7f, 0x45, 0x4c, 0x46], 'executable'],
];

const HTML_START = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|main|section|div|p|h[1-6]|table|ul|span|a)\b/i;

/**
 * What an uploaded file is, judged by its content: JSON Lines (every line a JSON object), HTML (it starts as
 * a page or fragment does, or has <html>/<body>), or plain text/Markdown; anything binary is refused.
 */
export function sniffUpload(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  for (const [magic, name] of MAGIC) {
    if (magic.every((b, i) => bytes[i] === b)) return { ok: false, reason: name };
  }
  const head = bytes.subarray(0, SNIFF_BYTES);
  const enc = sniffEncoding(head, head.length === bytes.length);
  if (enc.kind === 'binary') return { ok: false, reason: enc.reason };
  // A UTF-16 byte order mark is taken at its word by sniffEncoding; binary bytes behind one decode to lone
  // surrogates, unassigned and private-use code points, which text does not hold.
  if (enc.encoding !== 'utf-8' && enc.encoding !== 'windows-1252' && !plausibleUtf16(head.subarray(enc.bom), enc.encoding, head.length === bytes.length)) {
    return { ok: false, reason: 'binary data behind a UTF-16 byte order mark, not text' };
  }
  const text = decodeText(head, enc).replace(/^\uFEFF/, '');
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, reason: 'empty file (only whitespace)' };

  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const lines = text.split(/\r?\n/).filter((l) => l.trim());
    // The head may end inside a line: judge only complete lines (at least the first).
    const complete = head.length === bytes.length ? lines : lines.slice(0, Math.max(1, lines.length - 1));
    const sample = complete.slice(0, 50);
    const objects = sample.filter((l) => {
      try {
        const v: unknown = JSON.parse(l);
        return typeof v === 'object' && v !== null && !Array.isArray(v);
      } catch {
        return false;
      }
    }).length;
    if (objects > 0 && objects === sample.length) return { ok: true, kind: 'jsonl' };
    return { ok: false, reason: 'JSON, but not JSON Lines (one statement object per line)' };
  }
  if (HTML_START.test(trimmed) || /<(?:html|body)[\s>]/i.test(trimmed.slice(0, 4096))) return { ok: true, kind: 'html' };
  return { ok: true, kind: 'text' };
}

/** Whether bytes after a UTF-16 BOM are text: valid UTF-16, and at most 1% control, unassigned or private-use characters. */
function plausibleUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', complete: boolean): boolean {
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(complete ? bytes : bytes.subarray(0, bytes.length - (bytes.length % 2)), { stream: !complete });
  } catch {
    return false;
  }
  const odd = text.match(/[\p{Cn}\p{Co}\p{Cs}]|(?![\t\n\r\f])\p{Cc}/gu)?.length ?? 0;
  return odd <= Math.max(1, text.length * 0.01);
}

const EXTENSION: Record<UploadKind, string> = { text: '.txt', html: '.html', jsonl: '.jsonl' };

/**
 * A safe file name for an upload: the sender's base name (letters, digits, `.`, `_`, `-` only, never hidden,
 * at most 80 characters), its extension replaced by the one of the sniffed kind (Markdown names keep `.md`).
 */
export function uploadFileName(senderName: string | undefined, kind: UploadKind, now = new Date()): string {
  const base = path.posix.basename((senderName ?? '').replace(/\\/g, '/'));
  const ext = kind === 'text' && /\.(md|markdown)$/i.test(base) ? '.md' : EXTENSION[kind];
  let stem = base
    .replace(/(\.(md|markdown|txt|html?|xhtml|jsonl|ndjson|json|gz))+$/i, '')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '');
  stem = Array.from(stem).slice(0, 80).join('');
  if (!stem) stem = `upload-${now.toISOString().replace(/[:.]/g, '-')}`;
  return stem + ext;
}

export class UploadTooLargeError extends Error {
  override name = 'UploadTooLargeError';
  constructor(readonly size: number | null, readonly max: number) {
    super(`file larger than ${max} bytes`);
  }
}

export class DownloadError extends Error {
  override name = 'DownloadError';
}

/** Fetches a Telegram file's bytes, refusing more than `maxBytes`. Injectable so tests can serve a file. */
export type FileDownloader = (api: Api, fileId: string, maxBytes: number) => Promise<Uint8Array>;

/**
 * The standard download: `getFile`, then GET `{apiRoot}/file/bot{token}/{file_path}` streamed with a byte cap
 * (a local Bot API server in `--local` mode gives an absolute path, read from disk instead). Errors never carry
 * the URL, which holds the token.
 */
export function telegramDownloader(opts: { token: string; apiRoot: string; timeoutMs?: number }): FileDownloader {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  return async (api, fileId, maxBytes) => {
    const file = await api.getFile(fileId);
    if (file.file_size !== undefined && file.file_size > maxBytes) throw new UploadTooLargeError(file.file_size, maxBytes);
    if (!file.file_path) throw new DownloadError('Telegram gave no file_path (the file may be over the Bot API download limit)');
    if (path.isAbsolute(file.file_path)) {
      const info = await stat(file.file_path);
      if (info.size > maxBytes) throw new UploadTooLargeError(info.size, maxBytes);
      return new Uint8Array(await readFile(file.file_path));
    }
    const url = `${opts.apiRoot}/file/bot${opts.token}/${file.file_path.split('/').map(encodeURIComponent).join('/')}`;
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      throw new DownloadError(`network error: ${redact(describeCause(e)).split(url).join('[file url]')}`);
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel().catch(() => undefined);
      throw new DownloadError(`HTTP ${res.status}`);
    }
    try {
      return await readCappedBody(res, maxBytes, (declared) => new UploadTooLargeError(declared, maxBytes));
    } catch (e) {
      if (e instanceof UploadTooLargeError) throw e;
      throw new DownloadError(`network error: ${redact(describeCause(e))}`);
    }
  };
}

function describeCause(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: unknown }).cause;
  const code = cause && typeof cause === 'object' && 'code' in cause ? String((cause as { code: unknown }).code) : '';
  return [e.message, code].filter(Boolean).join(' ');
}
