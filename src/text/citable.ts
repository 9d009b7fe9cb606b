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

  // A pull quote is a paragraph without closing punctuation; only when there is one are the others compared.
  const pullQuote = new Set<number>();
  const candidates = paraTexts.map((p, i) => i).filter((i) => !/[.!?:]["”»]?\s*$/.test(paraTexts[i]!) && paraTexts[i]!.length >= 12);
  if (candidates.length > 0) {
    const normParas = paraTexts.map(normalise);
    for (const i of candidates) {
      const n = normParas[i]!;
      if (n.length < 12) continue;
      if (normParas.some((other, j) => j !== i && other.length > n.length && other.includes(n))) pullQuote.add(i);
    }
  }

  const out: Sentence[] = [];
  for (const s of spans) {
    if (pullQuote.has(s.paragraph)) continue;
    out.push({ start: s.start, end: s.end, paragraph: s.paragraph, speaker: speakers[s.paragraph] ?? null });
  }
  return out;
}
