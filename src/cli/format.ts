/** Plain-text rendering of answers and verifications for the terminal. */
import type { Answer, Citation, Verification } from '../types.js';

function source(c: Pick<Citation, 'docId' | 'title' | 'publisher' | 'published' | 'url'>): string[] {
  return [
    `    Statement: ${c.title} [${c.docId}]`,
    `    Published by ${c.publisher ?? 'unknown publisher'}, ${c.published ?? 'date unknown'}`,
    `    Read it at: ${c.url ?? '(no public address)'}`,
  ];
}

export function formatAnswer(a: Answer): string {
  const lines: string[] = [];
  if (!a.answered) {
    lines.push(a.lang === 'sv' ? 'Uttalandena besvarar inte frågan.' : 'The statements do not answer this question.');
    if (a.citations.length) lines.push(a.lang === 'sv' ? 'Närmaste meningar (inte svar):' : 'Nearest sentences found (not answers):');
  } else if (a.answer) {
    lines.push(`${a.lang === 'sv' ? 'Svar' : 'Answer'}: ${a.answer}`);
  }
  a.citations.forEach((c, i) => {
    lines.push('', `${i + 1}. “${c.text}”`);
    if (c.speaker) lines.push(`    — ${c.speaker}`);
    lines.push(...source(c));
  });
  return lines.join('\n');
}

export function formatVerification(v: Verification, claimed?: string | null): string {
  const lines: string[] = [];
  const label = { verbatim: 'VERBATIM: the words appear in a statement.', altered: 'ALTERED: a statement says nearly this, with words changed.', not_found: 'NOT FOUND in the statements.' };
  lines.push(label[v.verdict]);
  if (v.match) {
    lines.push(`  Source: “${v.match.text}”`);
    if (v.verdict === 'altered') {
      for (const c of v.changes) {
        if (c.kind === 'changed') lines.push(`    quote says “${c.quote}”, source says “${c.source}”`);
        else if (c.kind === 'added') lines.push(`    quote adds “${c.quote}”`);
        else lines.push(`    quote leaves out “${c.source}”`);
      }
      lines.push(`  Similarity: ${v.match.similarity}`);
    }
    lines.push(`  Speaker named by the source: ${v.match.speaker ?? 'none'}`);
    if (claimed && v.speakerMatches === false) lines.push(`  ⚠ Attributed to ${claimed}, but the source ${v.match.speaker ? `names ${v.match.speaker}` : 'names no speaker'}.`);
    lines.push(...source(v.match));
  }
  return lines.join('\n');
}

/** The CLI's JSON shape of a citation (the fields other tools rely on, in order). */
export function citationJson(c: Citation) {
  return { text: c.text, docId: c.docId, title: c.title, publisher: c.publisher, published: c.published, url: c.url, speaker: c.speaker, score: c.score };
}

export function answerJson(a: Answer) {
  return { question: a.question, lang: a.lang, answered: a.answered, answer: a.answer, citations: a.citations.map(citationJson) };
}

export function verificationJson(v: Verification) {
  return { quote: v.quote, verdict: v.verdict, match: v.match, speakerMatches: v.speakerMatches, changes: v.changes };
}
