import type { Sentence, Statement } from '../types.js';
import { paragraphs, splitSentences } from './sentences.js';
import { attributeParagraphs } from './speakers.js';

function normalise(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The sentences of a statement that may be cited, each with its speaker. A paragraph that only repeats a
 * sentence of the body (a pull quote set as a heading) is left out, so that it never outranks the sentence in
 * its context.
 */
export function citableSentences(statement: Pick<Statement, 'text'>): Sentence[] {
  const { text } = statement;
  const paras = paragraphs(text);
  const paraTexts = paras.map((p) => text.slice(p.start, p.end));
  const speakers = attributeParagraphs(paraTexts);
  const spans = splitSentences(text);

  const pullQuote = new Set<number>();
  const normParas = paraTexts.map(normalise);
  paraTexts.forEach((p, i) => {
    if (/[.!?:]["”»]?\s*$/.test(p)) return;
    const n = normParas[i]!;
    if (n.length < 12) return;
    if (normParas.some((other, j) => j !== i && other.length > n.length && other.includes(n))) pullQuote.add(i);
  });

  const out: Sentence[] = [];
  for (const s of spans) {
    if (pullQuote.has(s.paragraph)) continue;
    out.push({ start: s.start, end: s.end, paragraph: s.paragraph, speaker: speakers[s.paragraph] ?? null });
  }
  return out;
}
