/** Plain-text rendering of answers, explanations and verifications for the terminal, in the answer's language. */
import type { Explanation } from '../answer/engine.js';
import { formatDay } from '../text/dates.js';
import { refusalText } from '../answer/refusal.js';
import type { Answer, Citation, Lang, Verification } from '../types.js';

const LABELS = {
  en: {
    statement: 'Statement',
    publishedBy: 'Published by',
    unknownPublisher: 'unknown publisher',
    dateUnknown: 'date unknown',
    readAt: 'Read it at',
    noAddress: '(no public address)',
    answer: 'Answer',
    notAnswered: 'The statements do not answer this question.',
    nearest: 'Nearest sentences found (not answers):',
    alsoHeader: 'Also answered by (newest first):',
    earlier: 'earlier',
    updated: 'updated',
  },
  sv: {
    statement: 'Uttalande',
    publishedBy: 'Publicerat av',
    unknownPublisher: 'okänd utgivare',
    dateUnknown: 'datum okänt',
    readAt: 'Läs det på',
    noAddress: '(ingen offentlig adress)',
    answer: 'Svar',
    notAnswered: 'Uttalandena besvarar inte frågan.',
    nearest: 'Närmaste meningar (inte svar):',
    alsoHeader: 'Besvaras också av (nyast först):',
    earlier: 'tidigare',
    updated: 'uppdaterad',
  },
} as const;

/** A citation's date as people read it ("21 mars 2025", "21 March (year not given)"). */
export function citationDate(c: Pick<Citation, 'date'>, lang: Lang): string {
  return c.date ? formatDay(c.date, lang) : LABELS[lang].dateUnknown;
}

function source(c: Pick<Citation, 'docId' | 'title' | 'publisher' | 'date' | 'url' | 'updated'>, lang: Lang): string[] {
  const l = LABELS[lang];
  return [
    `    ${l.statement}: ${c.title} [${c.docId}]`,
    `    ${l.publishedBy} ${c.publisher ?? l.unknownPublisher}, ${citationDate(c, lang)}${c.updated ? ` (${l.updated} ${c.updated.replace('T', ' ').slice(0, 16)})` : ''}`,
    `    ${l.readAt}: ${c.url ?? l.noAddress}`,
  ];
}

export function formatAnswer(a: Answer): string {
  const l = LABELS[a.lang];
  const lines: string[] = [];
  if (!a.answered) {
    lines.push(l.notAnswered);
    if (a.reason) lines.push(refusalText(a.reason, a.lang));
    if (a.citations.length) lines.push(l.nearest);
  } else if (a.answer) {
    lines.push(`${l.answer}: ${a.answer}`);
  }
  let alsoShown = false;
  a.citations.forEach((c, i) => {
    if (c.role === 'also' && !alsoShown) {
      lines.push('', l.alsoHeader);
      alsoShown = true;
    }
    lines.push('', `${i + 1}. “${c.text}”`);
    if (c.speaker) lines.push(`    — ${c.speaker}`);
    lines.push(...source(c, a.lang));
  });
  return lines.join('\n');
}

const num = (x: number) => (Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));
const feats = (f: object) =>
  Object.entries(f)
    .filter(([, v]) => v !== 0)
    .map(([k, v]) => `${k}=${num(v as number)}`)
    .join(' ');

/** Every stage of one answer: the question read, its concepts, the best statements and sentences with their features, the decision. */
export function formatExplanation(x: Explanation, top = 5): string {
  const a = x.analysis;
  const lines: string[] = [];
  lines.push(`question: ${JSON.stringify(a.text)}  (${a.lang})`);
  lines.push(`asks for: ${a.types.length ? a.types.join(' | ') : 'open question'}${a.cue ? `  (from "${a.cue}")` : ''}${a.yesNo ? '  yes/no' : ''}`);
  if (a.date) {
    const when = a.date.kind === 'month' ? `month ${a.date.month}${a.date.year ? ` ${a.date.year}` : ''}` : a.date.kind === 'year' ? `year ${a.date.year}` : a.date.days.map((d) => formatDay(d, 'en')).join(', ');
    lines.push(`date: ${when}${a.date.relative ? ' (relative to the time of asking)' : ''}`);
  }
  if (a.events.length) lines.push(`events: ${a.events.map((e) => `${e.kind} ("${e.words.join(' ')}")`).join(', ')}`);
  lines.push('concepts:');
  for (const c of x.concepts) lines.push(`  ${c.role.padEnd(7)} ${c.surface.padEnd(22)} weight ${c.weight.toFixed(2)}${c.found ? '' : ' (not in the index)'}  → ${c.terms.slice(0, 8).join(', ')}`);
  lines.push('', `statements (${x.statements.length} candidates, best ${Math.min(top, x.statements.length)}):`);
  for (const s of x.statements.slice(0, top)) {
    lines.push(`  ${s.p.toFixed(3)}  ${s.title} [${s.docId}]${s.date ? `  ${formatDay(s.date, 'en')}` : ''}`);
    lines.push(`         ${feats(s.features)}`);
  }
  lines.push('', `sentences (${x.sentences.length} candidates, best ${Math.min(top, x.sentences.length)}):`);
  for (const s of x.sentences.slice(0, top)) {
    lines.push(`  ${s.p.toFixed(3)}  “${s.text.length > 160 ? `${s.text.slice(0, 157)}…` : s.text}”`);
    lines.push(`         ${feats(s.features)}${s.fact ? `  fact: ${s.fact.type} "${s.fact.text}"` : ''}`);
  }
  const d = x.decision;
  lines.push('', `decision: ${d.answered ? 'answered' : `refused: ${d.reason.code}${d.reason.detail ? ` (${d.reason.detail})` : ''}`}  p=${d.p.toFixed(3)} threshold=${d.threshold.toFixed(2)}`);
  if (d.features) lines.push(`         ${feats(d.features)}`);
  lines.push('', formatAnswer(x.answer));
  return lines.join('\n');
}

export function formatVerification(v: Verification, claimed?: string | null): string {
  const lines: string[] = [];
  const label = { verbatim: 'VERBATIM: the words appear in a statement.', altered: 'ALTERED: a statement says nearly this, with words changed.', not_found: 'NOT FOUND in the statements.' };
  lines.push(label[v.verdict]);
  if (v.note) lines.push(`  ${v.note}`);
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
    const who = claimed ?? v.claimedSpeaker;
    if (who && v.speakerMatches === false) lines.push(`  ⚠ Attributed to ${who}, but the source ${v.match.speaker ? `names ${v.match.speaker}` : 'names no speaker'}.`);
    lines.push(...source({ ...v.match, date: v.match.date ?? null }, 'en'));
  }
  if (v.nearest) {
    lines.push(`  Nearest Swedish sentence (not a match): “${v.nearest.text}”`);
    lines.push(...source({ ...v.nearest, date: v.nearest.date ?? null }, 'en'));
  }
  return lines.join('\n');
}

/** The CLI's JSON shape of a citation (the fields other tools rely on, in order, then the additions). */
export function citationJson(c: Citation) {
  return { text: c.text, docId: c.docId, title: c.title, publisher: c.publisher, published: c.published, url: c.url, speaker: c.speaker, score: c.score, date: c.date, role: c.role, ...(c.updated ? { updated: c.updated } : {}) };
}

export function answerJson(a: Answer) {
  return {
    question: a.question,
    lang: a.lang,
    answered: a.answered,
    answer: a.answer,
    citations: a.citations.map(citationJson),
    asks: a.asks,
    ...(a.reason ? { reason: a.reason.code, reasonDetail: a.reason.detail, reasonText: refusalText(a.reason, a.lang) } : {}),
  };
}

export function verificationJson(v: Verification) {
  return { quote: v.quote, verdict: v.verdict, match: v.match, speakerMatches: v.speakerMatches, changes: v.changes, ...(v.note ? { note: v.note } : {}), ...(v.claimedSpeaker ? { claimedSpeaker: v.claimedSpeaker } : {}) };
}
