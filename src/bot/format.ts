/**
 * Pure rendering for Telegram: answers, verifications and context as HTML (parse_mode "HTML") in Swedish or
 * English, and splitting under Telegram's length limit. Every string from the corpus or from a user passes
 * through `escapeHtml`; the only markup is the bot's own. Cited sentences are rendered character for character.
 */
import type { SentenceContext } from '../answer/api.js';
import { refusalText } from '../answer/refusal.js';
import { formatDay } from '../text/dates.js';
import type { Answer, Citation, DayDate, Lang, QuoteMatch, Verification } from '../types.js';
import { t, type Messages } from './messages.js';

/** Telegram's limit for one message's text. */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

/** Escapes text for Telegram's HTML parse mode (and for attribute values). */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Cuts `s` to at most `max` characters (code points kept whole), adding "…" when cut. */
export function truncate(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : chars.slice(0, Math.max(0, max - 1)).join('').trimEnd() + '…';
}

/**
 * Percent-encodes one part of a URL text directive (`#:~:text=`): like encodeURIComponent, plus `-`, which
 * (with `&` and `,`, already encoded) is syntax inside a text directive.
 */
export function encodeTextDirective(s: string): string {
  return encodeURIComponent(s).replace(/-/g, '%2D');
}

/** Sentences longer than this are addressed by their first and last words (`text=start,end`). */
const FRAGMENT_WHOLE_MAX = 120;
const FRAGMENT_EDGE_WORDS = 5;

/**
 * The statement's address, pointing at the sentence with a URL text fragment so that a browser scrolls to it
 * and highlights it. Null when the statement has no http(s) address.
 *
 * @example
 * textFragmentUrl('https://polisen.se/a', 'Just nu sitter 380 personer häktade.')
 * // 'https://polisen.se/a#:~:text=Just%20nu%20sitter%20380%20personer%20h%C3%A4ktade.'
 */
export function textFragmentUrl(url: string | null, sentence: string): string | null {
  if (!url || !/^https?:\/\//i.test(url)) return null;
  const text = sentence.replace(/[ \t\r\n]+/g, ' ').trim();
  if (!text) return url;
  let directive: string;
  const words = text.split(' ');
  if (text.length <= FRAGMENT_WHOLE_MAX || words.length <= 2 * FRAGMENT_EDGE_WORDS) directive = encodeTextDirective(text);
  else {
    const start = words.slice(0, FRAGMENT_EDGE_WORDS).join(' ');
    const end = words.slice(-FRAGMENT_EDGE_WORDS).join(' ');
    directive = `${encodeTextDirective(start)},${encodeTextDirective(end)}`;
  }
  const hash = url.indexOf('#');
  if (hash < 0) return `${url}#:~:text=${directive}`;
  // Keep an existing fragment: the directive follows it after ":~:" (or joins an existing directive with "&").
  return url.includes(':~:', hash) ? `${url}&text=${directive}` : `${url}:~:text=${directive}`;
}

/** An ISO date or date-time as a reader sees it ("2024-05-02", "2024-05-02 18:57"); unknown when null. */
export function formatDate(iso: string | null, lang: Lang): string {
  if (!iso) return t(lang).unknownDate;
  const m = /^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[T ](\d{2}:\d{2}))?/.exec(iso);
  if (!m) return escapeHtml(iso);
  return m[2] ? `${m[1]} ${m[2]}` : m[1]!;
}

function quoted(text: string, m: Messages): string {
  return `${m.quote[0]}${escapeHtml(text)}${m.quote[1]}`;
}

function link(url: string, label: string): string {
  return `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
}

type SourceFields = Pick<Citation, 'title' | 'publisher' | 'published' | 'url' | 'updated'> & { date?: DayDate | null };

/**
 * A statement's date as people read it: "2 maj 2024 18:57" from a publication time, "21 mars (år ej angivet)"
 * when its title gives only day and month, "datum okänt" when nothing does.
 */
export function statementDateText(c: Pick<SourceFields, 'published' | 'date'>, lang: Lang): string {
  if (c.published) {
    const time = /T(\d{2}:\d{2})/.exec(c.published)?.[1];
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(c.published);
    if (m) return `${formatDay({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, lang)}${time ? ` ${time}` : ''}`;
    return formatDate(c.published, lang);
  }
  return c.date ? escapeHtml(formatDay(c.date, lang)) : t(lang).unknownDate;
}

/** Two lines: the statement's title, then publisher · date · link (at the cited sentence). */
function sourceLines(c: SourceFields, sentence: string, lang: Lang, linkLabel?: string): string[] {
  const m = t(lang);
  const url = textFragmentUrl(c.url, sentence);
  return [
    `<i>${escapeHtml(c.title)}</i>`,
    [
      escapeHtml(c.publisher ?? m.unknownPublisher),
      statementDateText(c, lang) + (c.updated ? `, ${m.updatedAt(statementDateText({ published: c.updated }, lang))}` : ''),
      url ? link(url, linkLabel ?? m.readSource) : m.noLink,
    ].join(' · '),
  ];
}

/** One cited sentence: the quote, the speaker when it is a quote, and where it comes from. */
export function formatCitation(c: Citation, lang: Lang, prefix = ''): string[] {
  const m = t(lang);
  const lines = [`${prefix}${quoted(c.text, m)}`];
  if (c.speaker) lines.push(`— ${escapeHtml(c.speaker)}`);
  lines.push(...sourceLines(c, c.text, lang));
  return lines;
}

export interface RenderedAnswer {
  html: string;
  /** Citations not shown in `html` (offered behind the "more sources" button). */
  more: Citation[];
}

/** Longest echo of the question in a "not answered" reply. */
const ECHO_MAX = 100;
/** Nearest sentences a "not answered" reply lists, and the longest shown of each (short and scannable). */
const REFUSAL_NEAREST = 2;
const REFUSAL_SENTENCE_MAX = 160;

/**
 * The reply to a question. Answered: the short answer (when there is one) and the best cited sentence; the
 * other citations are left for "more sources". Not answered: says so plainly, lists the nearest sentences marked
 * as not answering, and suggests how to rephrase.
 */
export function formatAnswer(a: Answer, lang: Lang = a.lang): RenderedAnswer {
  const m = t(lang);
  const lines: string[] = [];
  if (a.answered && a.citations.length > 0) {
    lines.push(a.answer ? `<b>${m.answer}:</b> ${escapeHtml(a.answer)}` : `<b>${m.fromStatements}:</b>`, '');
    lines.push(...formatCitation(a.citations[0]!, lang));
    // Other statements that answer too (a general question): shown as earlier sources, newest first.
    const also = a.citations.filter((c) => c.role === 'also');
    if (also.length > 0) {
      lines.push('', `<b>${m.alsoAnswered}</b>`);
      also.forEach((c, i) => lines.push('', ...formatCitation(c, lang, `${i + 2}. `)));
    }
    return { html: lines.join('\n'), more: a.citations.filter((c) => c.role === 'near') };
  }
  const q = a.question.replace(/\s+/g, ' ').trim();
  lines.push(q ? m.notAnsweredEcho(escapeHtml(truncate(q, ECHO_MAX))) : m.notAnswered);
  if (a.reason) lines.push(escapeHtml(refusalText(a.reason, lang)));
  if (a.citations.length > 0) {
    // Short and scannable: the two nearest, each one sentence (cut) and one line of source, no title.
    lines.push('', m.nearest);
    a.citations.slice(0, REFUSAL_NEAREST).forEach((c, i) => {
      const url = textFragmentUrl(c.url, c.text);
      lines.push(
        '',
        `${i + 1}. ${quoted(truncate(c.text, REFUSAL_SENTENCE_MAX), m)}`,
        [escapeHtml(c.publisher ?? m.unknownPublisher), statementDateText(c, lang), url ? link(url, m.readSource) : m.noLink].join(' · '),
      );
    });
  } else {
    lines.push('', m.nothingNear);
  }
  lines.push('', m.rephrase);
  return { html: lines.join('\n'), more: [] };
}

/** The further sources of an answer, numbered after the one already shown. */
export function formatMoreSources(citations: Citation[], lang: Lang, firstNumber = 2): string {
  const m = t(lang);
  if (citations.length === 0) return m.noMore;
  const lines = [`<b>${m.moreHeader}</b>`];
  citations.forEach((c, i) => lines.push('', ...formatCitation(c, lang, `${firstNumber + i}. `)));
  return lines.join('\n');
}

/** The sentences around a cited one, the cited sentence in bold. */
export function formatContext(c: SentenceContext, lang: Lang, publisher?: { publisher: string | null; published: string | null; date?: DayDate | null }): string {
  const m = t(lang);
  const lines = [`<b>${m.contextHeader}</b> — <i>${escapeHtml(c.title)}</i>`, ''];
  for (const s of c.before) lines.push(escapeHtml(s));
  lines.push(`<b>${quoted(c.sentence, m)}</b>`);
  for (const s of c.after) lines.push(escapeHtml(s));
  const url = textFragmentUrl(c.url, c.sentence);
  const tail: string[] = [];
  if (publisher) tail.push(escapeHtml(publisher.publisher ?? m.unknownPublisher), statementDateText(publisher, lang));
  tail.push(url ? link(url, m.readWhole) : m.noLink);
  lines.push('', tail.join(' · '));
  return lines.join('\n');
}

/** The answer to /verify: the verdict, the source sentence and speaker, what changed, and a speaker warning. */
export function formatVerification(v: Verification, lang: Lang, p: { claimed?: string | null; statements: number }): string {
  const m = t(lang);
  const lines: string[] = [];
  if (v.verdict === 'not_found' || !v.match) {
    lines.push(m.notFound(p.statements));
    if (v.nearest) {
      lines.push('', m.translationNote, '', `<b>${m.nearestOriginal}:</b> ${quoted(v.nearest.text, m)}`);
      if (v.nearest.speaker) lines.push(m.speakerNamed(escapeHtml(v.nearest.speaker)));
      lines.push('', ...sourceLines(v.nearest, v.nearest.text, lang));
    }
    return lines.join('\n');
  }
  const match: QuoteMatch = v.match;
  lines.push(v.verdict === 'verbatim' ? m.verbatim : m.altered);
  if (p.claimed && v.speakerMatches === false) lines.push('', m.speakerMismatch(escapeHtml(p.claimed), match.speaker ? escapeHtml(match.speaker) : null));
  lines.push('', `<b>${m.sourceSentence}:</b> ${quoted(match.text, m)}`);
  lines.push(match.speaker ? m.speakerNamed(escapeHtml(match.speaker)) : m.speakerNone);
  if (p.claimed && v.speakerMatches === true && match.speaker) lines.push(m.speakerMatches(escapeHtml(match.speaker)));
  if (v.verdict === 'altered') {
    if (v.changes.length > 0) {
      lines.push('', m.changesHeader);
      for (const c of v.changes) {
        if (c.kind === 'changed') lines.push(m.changeChanged(`<b>${escapeHtml(c.quote)}</b>`, `<b>${escapeHtml(c.source)}</b>`));
        else if (c.kind === 'added') lines.push(m.changeAdded(`<b>${escapeHtml(c.quote)}</b>`));
        else lines.push(m.changeRemoved(`<b>${escapeHtml(c.source)}</b>`));
      }
    }
    lines.push(m.similarity(Math.round(match.similarity * 100)));
  }
  lines.push('', ...sourceLines(match, match.text, lang));
  return lines.join('\n');
}

/** A cited sentence to share in any chat (inline mode): the quote, speaker and source. */
export function formatShare(c: Citation, lang: Lang): string {
  return formatCitation(c, lang).join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Splitting

interface Token {
  s: string;
  open?: string;
  close?: string;
}

const TOKEN = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);|[\s\S]/gu;

function tokenize(html: string): Token[] {
  const out: Token[] = [];
  for (const m of html.matchAll(TOKEN)) {
    if (m[2]) out.push(m[1] ? { s: m[0], close: m[2].toLowerCase() } : { s: m[0], open: m[2].toLowerCase() });
    else out.push({ s: m[0] });
  }
  return out;
}

interface Open {
  name: string;
  tag: string;
}

function apply(stack: Open[], tok: Token): void {
  if (tok.open) stack.push({ name: tok.open, tag: tok.s });
  else if (tok.close) {
    const i = stack.map((o) => o.name).lastIndexOf(tok.close);
    if (i >= 0) stack.splice(i, 1);
  }
}

const openLen = (st: Open[]) => st.reduce((n, o) => n + o.tag.length, 0);
const closeLen = (st: Open[]) => st.reduce((n, o) => n + o.name.length + 3, 0);
const opening = (st: Open[]) => st.map((o) => o.tag).join('');
const closing = (st: Open[]) => [...st].reverse().map((o) => `</${o.name}>`).join('');

/**
 * Splits HTML into messages of at most `limit` characters (UTF-16 units, which is never less than Telegram's
 * count). It cuts at a line break when one leaves the part at least a third full, else at a space, else
 * anywhere between characters; never inside a tag, an entity or a surrogate pair. Tags open at a cut are closed
 * at the end of the part and opened again at the start of the next, so every part is valid on its own.
 */
export function splitHtml(html: string, limit = TELEGRAM_MESSAGE_LIMIT): string[] {
  if (html.length <= limit) return [html];
  const parts: string[] = [];
  let startStack: Open[] = [];
  let toks: Token[] = [];
  let len = 0;
  const stack: Open[] = [];

  const emit = (k: number, endStack: Open[]) => {
    const body = toks
      .slice(0, k)
      .map((x) => x.s)
      .join('');
    const part = (opening(startStack) + body.replace(/\s+$/u, '') + closing(endStack)).trim();
    if (part) parts.push(part);
    let rest = toks.slice(k);
    // A part starts after the line break or space it was cut at.
    while (rest.length && !rest[0]!.open && !rest[0]!.close && /^\s$/u.test(rest[0]!.s)) rest = rest.slice(1);
    toks = rest;
    len = toks.reduce((n, x) => n + x.s.length, 0);
    startStack = endStack;
  };

  for (const tok of tokenize(html)) {
    toks.push(tok);
    len += tok.s.length;
    apply(stack, tok);
    while (openLen(startStack) + len + closeLen(stack) > limit && toks.length > 1) {
      // Find the best cut k (the part is toks[0..k)), replaying the tags from the part's start.
      const st = startStack.map((o) => ({ ...o }));
      let size = openLen(startStack);
      let best = -1;
      let bestStack: Open[] = [];
      let line = -1;
      let lineStack: Open[] = [];
      let space = -1;
      let spaceStack: Open[] = [];
      for (let k = 1; k < toks.length; k++) {
        const x = toks[k - 1]!;
        size += x.s.length;
        apply(st, x);
        if (size + closeLen(st) > limit) break;
        best = k;
        bestStack = st.map((o) => ({ ...o }));
        if (x.s === '\n') {
          line = k;
          lineStack = bestStack;
        } else if (x.s === ' ') {
          space = k;
          spaceStack = bestStack;
        }
      }
      const third = limit / 3;
      const sizeAt = (k: number) => openLen(startStack) + toks.slice(0, k).reduce((n, x) => n + x.s.length, 0);
      if (line > 0 && sizeAt(line) >= third) emit(line, lineStack);
      else if (space > 0 && sizeAt(space) >= third) emit(space, spaceStack);
      else if (best > 0) emit(best, bestStack);
      else emit(1, (() => { const s2 = startStack.map((o) => ({ ...o })); apply(s2, toks[0]!); return s2; })());
    }
  }
  if (toks.length) emit(toks.length, stack.map((o) => ({ ...o })));
  return parts;
}
