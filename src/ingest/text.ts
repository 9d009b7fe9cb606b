/**
 * Markdown and plain-text statements (.md, .markdown, .txt) with optional YAML front matter.
 *
 * The statement's text is what a reader reads: Markdown markers (`#`, `*`, `_`, link syntax) are removed, so
 * citations quote the rendered words, not the source characters. Paragraphs are separated by blank lines; a
 * single newline inside a paragraph is a soft wrap and becomes one space. Everything else is kept exactly.
 */
import path from 'node:path';
import { decodeHTMLStrict } from 'entities';
import matter from 'gray-matter';
import { z } from 'zod';
import { IngestError } from '../errors.js';
import type { Statement } from '../types.js';
import { isBoilerplate } from './boilerplate.js';

/** File extensions this module reads, lower case. */
export const TEXT_EXTENSIONS = ['.md', '.markdown', '.txt'] as const;

/** ISO 8601 date or date-time as the project accepts it: `2023`, `2023-03`, `2023-03-21`, `2023-03-21T18:57`, … */
export const ISO_DATE = /^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

const ISO_PARTS = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?)?)?$/;

/** `ISO_DATE`, and a time that exists: `2023-13-45` or `2023-02-30T25:00` has the shape of a date but is none. */
export function isIsoDate(s: string): boolean {
  const m = ISO_PARTS.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, se, zh, zm] = m.slice(1).map((x) => (x === undefined ? undefined : Number(x)));
  if (mo !== undefined && (mo < 1 || mo > 12)) return false;
  if (d !== undefined && (d < 1 || d > new Date(Date.UTC(y!, mo!, 0)).getUTCDate())) return false;
  if (h !== undefined && (h > 23 || mi! > 59)) return false;
  if (se !== undefined && se > 60) return false; // 60: a leap second
  return zh === undefined || (zh <= 14 && zm! <= 59);
}

const nullableString = z.string().nullable().optional();
const dateValue = z.union([z.string(), z.date()]).nullable().optional();

const frontMatterSchema = z.object({
  title: nullableString,
  publisher: nullableString,
  date: dateValue,
  published: dateValue,
  url: nullableString,
  source_url: nullableString,
  id: z.union([z.string().min(1), z.number()]).optional(),
});

type FrontMatter = z.infer<typeof frontMatterSchema>;

// gray-matter can evaluate `---js` front matter; a corpus file must never run code.
const NO_CODE = () => {
  throw new Error('only YAML front matter is allowed');
};
const MATTER_OPTIONS = { engines: { javascript: NO_CODE, coffee: NO_CODE } };

/**
 * Parses one Markdown or plain-text file into a statement. `file` is the path (its extension decides whether
 * Markdown syntax is stripped, its base name is the last-resort title); `id` is used unless the front matter
 * has its own `id`.
 *
 * @throws IngestError when the front matter is invalid or no text is left.
 * @example
 * parseTextStatement('---\ntitle: Hej\n---\nFörsta stycket.\n\nAnnons:\n', 'corpus/a.md', 'a.md')
 * // → { id: 'a.md', title: 'Hej', text: 'Första stycket.', … }
 */
export function parseTextStatement(content: string, file: string, id: string): Statement {
  const { data, body, rawMatter } = splitFrontMatter(content, file);
  const markdown = /\.(md|markdown)$/i.test(file);

  let paragraphs = markdown ? markdownParagraphs(body) : plainParagraphs(body);
  let title = data.title?.trim() || null;
  if (markdown) {
    const firstH1 = paragraphs.findIndex((p) => p.h1);
    if (firstH1 >= 0) {
      // The top heading is the title: it is not repeated as a paragraph of the text.
      if (title === null) title = paragraphs[firstH1]!.text;
      if (paragraphs[firstH1]!.text === title) paragraphs = paragraphs.filter((_, i) => i !== firstH1);
    }
  }
  const text = paragraphs
    .map((p) => p.text)
    .filter((p) => p.length > 0 && !isBoilerplate(p))
    .join('\n\n');
  if (text.length === 0) throw new IngestError(file, 'no text (empty body, or only boilerplate)');

  return {
    id: data.id !== undefined ? String(data.id) : id,
    title: title ?? path.basename(file).replace(/\.[^.]+$/, ''),
    publisher: data.publisher?.trim() || null,
    published: frontMatterDate(data, rawMatter, file),
    url: frontMatterUrl(data, file),
    text,
    source: file,
  };
}

function splitFrontMatter(content: string, file: string): { data: FrontMatter; body: string; rawMatter: string } {
  const normalized = content.replace(/\r\n?/g, '\n');
  if (!/^---[^\n-]*\n/.test(normalized)) return { data: {}, body: normalized, rawMatter: '' };
  if (!/\n---[ \t]*(\n|$)/.test(normalized.slice(3))) {
    throw new IngestError(file, 'invalid front matter: no closing `---` line');
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(normalized, MATTER_OPTIONS);
  } catch (err) {
    const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new IngestError(file, `invalid front matter: ${msg}`);
  }
  const raw: unknown = parsed.data;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new IngestError(file, 'invalid front matter: expected `key: value` pairs');
  }
  const checked = frontMatterSchema.safeParse(raw);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new IngestError(
      file,
      `invalid front matter: \`${issue.path.join('.')}\` ${describeType(issue.path, raw as Record<string, unknown>)}`,
    );
  }
  return { data: checked.data, body: parsed.content, rawMatter: parsed.matter };
}

function describeType(p: PropertyKey[], raw: Record<string, unknown>): string {
  const key = String(p[0]);
  const value = raw[key];
  const got = Array.isArray(value) ? 'a list' : value === null ? 'null' : value === '' ? 'an empty string' : typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
  const expected =
    key === 'id' ? 'a non-empty string or a number' : key === 'date' || key === 'published' ? 'an ISO date' : 'a string';
  return `must be ${expected}, got ${got}`;
}

function frontMatterDate(data: FrontMatter, rawMatter: string, file: string): string | null {
  const key = data.published != null ? 'published' : data.date != null ? 'date' : null;
  if (key === null) return null;
  const value = data[key]!;
  let iso: string;
  if (value instanceof Date) {
    // YAML turned it into a Date (as UTC): take the author's own characters instead, so no zone is invented.
    const m = new RegExp(`^${key}\\s*:\\s*['"]?([^'"#\\n]+?)['"]?\\s*(#.*)?$`, 'm').exec(rawMatter);
    iso = m ? m[1]!.trim() : value.toISOString();
  } else {
    iso = value.trim();
  }
  if (iso === '') return null;
  if (!isIsoDate(iso)) throw new IngestError(file, `invalid front matter: \`${key}\` must be an ISO date (2023-03-21 or 2023-03-21T18:57), got "${iso}"`);
  return iso.replace(' ', 'T');
}

function frontMatterUrl(data: FrontMatter, file: string): string | null {
  const key = data.url != null ? 'url' : data.source_url != null ? 'source_url' : null;
  if (key === null) return null;
  const value = data[key]!.trim();
  if (value === '') return null;
  let ok = false;
  try {
    ok = /^https?:$/.test(new URL(value).protocol);
  } catch {
    ok = false;
  }
  if (!ok) throw new IngestError(file, `invalid front matter: \`${key}\` must be an http(s) URL, got "${value}"`);
  return value;
}

interface Para {
  text: string;
  /** A level-1 heading (`# Title` or `Title\n===`). */
  h1: boolean;
}

/** Splits on blank lines; boilerplate lines are dropped before the soft wraps are joined. */
function plainParagraphs(body: string): Para[] {
  return body
    .split(/\n[ \t]*\n/)
    .map((block) => joinLines(block.split('\n')))
    .filter((text) => text.length > 0)
    .map((text) => ({ text, h1: false }));
}

function joinLines(lines: string[]): string {
  return lines
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !isBoilerplate(l))
    .join(' ');
}

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+/;
const FENCE = /^ {0,3}(```|~~~)/;
const LINK_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*\S+/;
const BLOCKQUOTE = /^ {0,3}>[ \t]?/;

/**
 * Markdown body → paragraphs of rendered text. Headings, list items and quoted blocks start their own paragraph;
 * thematic breaks, code fences' markers, link definitions and HTML comments are dropped.
 */
function markdownParagraphs(body: string): Para[] {
  const out: Para[] = [];
  let lines: string[] = [];
  const flush = () => {
    const text = joinLines(lines.map(stripInline));
    if (text.length > 0) out.push({ text, h1: false });
    lines = [];
  };
  const src = body.replace(/<!--[\s\S]*?-->/g, '').split('\n');
  let inFence = false;
  for (let i = 0; i < src.length; i++) {
    let line = src[i]!;
    if (FENCE.test(line)) {
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      // Code is shown as written, one line per paragraph.
      if (line.trim()) out.push({ text: line.trim(), h1: false });
      continue;
    }
    while (BLOCKQUOTE.test(line)) line = line.replace(BLOCKQUOTE, '');
    if (line.trim() === '') {
      flush();
      continue;
    }
    const atx = ATX_HEADING.exec(line);
    if (atx) {
      flush();
      const text = stripInline(atx[2] ?? '').trim();
      if (text) out.push({ text, h1: atx[1]!.length === 1 });
      continue;
    }
    const next = src[i + 1];
    if (lines.length === 0 && next !== undefined && SETEXT_UNDERLINE.test(next) && !LIST_ITEM.test(line)) {
      const text = stripInline(line).trim();
      if (text) out.push({ text, h1: next.trim().startsWith('=') });
      i++;
      continue;
    }
    if (THEMATIC_BREAK.test(line) || LINK_DEFINITION.test(line)) {
      flush();
      continue;
    }
    if (LIST_ITEM.test(line)) {
      flush();
      line = line.replace(LIST_ITEM, '');
    }
    lines.push(line);
  }
  flush();
  return out;
}

/**
 * Removes inline Markdown syntax, leaving the words a reader sees: character references (`&amp;`, `&#8211;`)
 * are decoded too, as a Markdown renderer shows them, so that a cited sentence matches the page.
 */
export function stripInline(s: string): string {
  return (
    s
      // Backslash escapes are protected first, and restored at the end without the backslash.
      .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, (_, c: string) => `\u0000${c.charCodeAt(0)}\u0000`)
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
      .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1')
      .replace(/<\/?[a-zA-Z][^>]*>/g, '')
      .replace(/`([^`]+)`/g, '$1')
      .replace(/(^|[^\w*])(\*{1,3})(?=\S)([^*]*?\S)\2(?![\w*])/g, '$1$3')
      .replace(/(^|[^\w*])(\*{1,3})(?=\S)([^*]*?\S)\2(?![\w*])/g, '$1$3')
      .replace(/(^|[^\p{L}\p{N}_])(_{1,3})(?=\S)([^_]*?\S)\2(?![\p{L}\p{N}_])/gu, '$1$3')
      .replace(/~~(?=\S)([^~]*?\S)~~/g, '$1')
      .replace(/&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/gi, (ref) => decodeHTMLStrict(ref))
      .replace(/\u0000(\d+)\u0000/g, (_, n: string) => String.fromCharCode(Number(n)))
  );
}
