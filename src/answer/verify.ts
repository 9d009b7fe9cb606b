/**
 * Quote checking: is a quote in the statements word for word, nearly (and what differs), or not at all?
 * Comparison is on words, ignoring case, quotation marks, dashes and spacing.
 */
import { isStopword, tokenSpans } from '../text/analyze.js';
import type { Verdict, WordChange } from '../types.js';

export interface Tok {
  token: string;
  start: number;
  end: number;
}

/** Share of the quote's weight that must survive for a sentence to count as the quote, altered. */
export const ALTERED_THRESHOLD = 0.6;

const weightOf = (t: string) => (isStopword(t) ? 0.3 : 1);

/** Position of `needle` as a contiguous run in `hay`, or -1. */
export function findRun(hay: Tok[], needle: Tok[]): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j]!.token !== needle[j]!.token) continue outer;
    return i;
  }
  return -1;
}

export interface Alignment {
  similarity: number;
  /** Source token range [from, to) the quote aligns with. */
  from: number;
  to: number;
  changes: WordChange[];
}

/**
 * Aligns the quote's words with a sentence's words (longest common subsequence, weighted so that function
 * words count less) and lists the differences inside the aligned stretch.
 */
export function align(quote: Tok[], source: Tok[], sourceText: string, quoteText: string): Alignment | null {
  const n = quote.length;
  const m = source.length;
  if (n === 0 || m === 0) return null;
  const dp: Float64Array[] = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i]![j] =
        quote[i]!.token === source[j]!.token ? dp[i + 1]![j + 1]! + weightOf(quote[i]!.token) : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (quote[i]!.token === source[j]!.token) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) i++;
    else j++;
  }
  if (pairs.length === 0) return null;
  const from = pairs[0]![1];
  const to = pairs[pairs.length - 1]![1] + 1;
  const qWeight = quote.reduce((a, t) => a + weightOf(t.token), 0);
  let windowWeight = 0;
  for (let j = from; j < to; j++) windowWeight += weightOf(source[j]!.token);
  const common = dp[0]![0]!;
  const similarity = common / Math.max(qWeight, windowWeight);

  const changes: WordChange[] = [];
  const words = (toks: Tok[], a: number, b: number, text: string) => (a < b ? text.slice(toks[a]!.start, toks[b - 1]!.end) : '');
  let qi = 0;
  let sj = from;
  for (const [pi, pj] of [...pairs, [n, to] as [number, number]]) {
    const q = words(quote, qi, pi, quoteText);
    const s = words(source, sj, pj, sourceText);
    if (q && s) changes.push({ kind: 'changed', quote: q, source: s });
    else if (q) changes.push({ kind: 'added', quote: q, source: '' });
    else if (s) changes.push({ kind: 'removed', quote: '', source: s });
    qi = pi + 1;
    sj = pj + 1;
  }
  return { similarity, from, to, changes };
}

/** The words of a text, lower-cased, with their offsets; quotation marks and dashes are not words. */
export function words(text: string): Tok[] {
  return tokenSpans(text);
}

/** Normalises a person's name for comparison. */
function nameTokens(name: string): string[] {
  return name
    .toLowerCase()
    .normalize('NFC')
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length > 1);
}

/**
 * Whether a claimed speaker is the person the source names: the same name, or a part of it ("Löfving" for
 * "Mats Löfving"). Null when no one was claimed.
 */
export function sameSpeaker(claimed: string | null | undefined, source: string | null): boolean | null {
  if (!claimed || !claimed.trim()) return null;
  if (!source) return false;
  const a = nameTokens(claimed);
  const b = nameTokens(source);
  if (a.length === 0) return null;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.every((w) => long.includes(w));
}

export function verdictFor(similarity: number): Verdict {
  return similarity >= 0.999 ? 'verbatim' : similarity >= ALTERED_THRESHOLD ? 'altered' : 'not_found';
}
