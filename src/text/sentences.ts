/**
 * Sentence splitting for Swedish and English statements. Every sentence is a span of the statement's text, so
 * a citation is always the source's own characters.
 */

export interface Span {
  start: number;
  end: number;
  paragraph: number;
}

/** Abbreviations after which a full stop does not end a sentence (lower case, without the final dot). */
const ABBREVIATIONS = new Set(
  [
    // Swedish
    'kl', 'ca', 'cirka', 'bl.a', 'bla', 't.ex', 'tex', 'dvs', 'd.v.s', 'm.m', 'mm', 'osv', 'o.s.v', 'resp', 'jfr', 'fr.o.m', 't.o.m',
    'p.g.a', 'pga', 'nr', 'st', 'tel', 'inkl', 'exkl', 'ang', 'avd', 'f.d', 'fd', 'e.d', 'o.d', 'm.fl', 'mfl', 'bl', 'ev', 'enl', 'forts',
    'kr', 'milj', 'mdr', 'ungef', 'vard', 'kap', 'prop', 'sek', 'e.kr', 'f.kr', 'gr', 'lv', 'rv', 'väg', 'jan', 'feb', 'febr', 'mar',
    'apr', 'aug', 'sep', 'sept', 'okt', 'nov', 'dec', 'tf', 'v', 's', 'f', 'd', 'ff',
    // English
    'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'vs', 'etc', 'e.g', 'i.e', 'approx', 'inc', 'ltd', 'co', 'corp', 'gov', 'dept',
    'u.s', 'u.k', 'a.m', 'p.m', 'ft', 'mt',
  ].map((a) => a.toLowerCase()),
);

const OPENING_DASH = /^[–—-]\s+|^[„"“”»«']\s*/;
/** What may start a new sentence after a terminator and white space. */
const SENTENCE_START = /[\p{Lu}\p{N}–—"“”„»«'(\[]/u;

/** Paragraph spans of `text` (separated by blank lines or single line breaks), trimmed, non-empty. */
export function paragraphs(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /[^\n]+/g;
  for (const m of text.matchAll(re)) {
    let start = m.index!;
    let end = start + m[0].length;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) out.push({ start, end });
  }
  return out;
}

function wordBefore(text: string, dot: number, floor: number): string {
  let i = dot;
  while (i > floor && /[\p{L}\p{N}.]/u.test(text[i - 1]!)) i--;
  return text.slice(i, dot).toLowerCase();
}

/**
 * Splits `text` into sentence spans. A sentence ends at `.`, `!`, `?` or `…` (with closing quotes or
 * brackets) followed by white space and a capital, digit, dash or quote, unless the dot closes a known
 * abbreviation or a single initial. A quote's opening dash (`– `) is left out of the span.
 */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  paragraphs(text).forEach((p, paragraph) => {
    let s = p.start;
    const push = (end: number) => {
      let start = s;
      const lead = OPENING_DASH.exec(text.slice(start, Math.min(end, start + 4)));
      if (lead && /^[–—-]/.test(lead[0])) start += lead[0].length;
      while (start < end && /\s/.test(text[start]!)) start++;
      let e = end;
      while (e > start && /\s/.test(text[e - 1]!)) e--;
      if (e > start && /[\p{L}\p{N}]/u.test(text.slice(start, e))) out.push({ start, end: e, paragraph });
    };
    for (let i = p.start; i < p.end; i++) {
      const c = text[i]!;
      if (c !== '.' && c !== '!' && c !== '?' && c !== '…') continue;
      let j = i + 1;
      while (j < p.end && /[.!?…"”’'»)\]]/.test(text[j]!)) j++;
      if (j >= p.end || !/\s/.test(text[j]!)) continue;
      let k = j;
      while (k < p.end && /\s/.test(text[k]!)) k++;
      if (k >= p.end || !SENTENCE_START.test(text[k]!)) continue;
      if (c === '.' && j === i + 1) {
        const w = wordBefore(text, i, s);
        if (ABBREVIATIONS.has(w) || ABBREVIATIONS.has(w.replace(/^.*\./, ''))) {
          // "kl. 19.59", "bl.a. Polisen": still an abbreviation, unless a capitalised word follows "nr"/"st"-like
          // tokens at the end of a clause; the conservative reading (no break) keeps citations whole.
          continue;
        }
        if (/^\p{L}$/u.test(w) && /\p{Lu}/u.test(text[i - 1]!)) continue; // an initial: "J. Smith"
      }
      push(j);
      s = k;
      i = k - 1;
    }
    push(p.end);
  });
  return out;
}
