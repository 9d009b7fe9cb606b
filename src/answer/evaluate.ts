/**
 * Scoring the engine against question and quote sets (the format of shared/eval/dev-*.jsonl), stage by stage:
 * was the right statement among the top 3 candidates, the right sentence among the top 3, was it answered with
 * it (hit@3) and first (hit@1), was the short answer right, were the unanswerable refused.
 *
 * The tune/check split: a question is in the tune half when the first byte of SHA-256 of its id is even, else in
 * the check half (`splitOf`). Tuning looks only at the tune half; the check half is for reporting.
 */
import { createHash } from 'node:crypto';
import type { AskOptions } from './api.js';
import type { Explanation } from './engine.js';

export interface QuestionCase {
  id: string;
  question: string;
  expect: string[] | null;
  answer: string | null;
  lang?: string;
  qtype?: string;
  /** The statement that answers: a notice id, or "seed" for the project's first statement. */
  doc?: string | number | null;
}

export interface QuoteCase {
  id: string;
  quote: string;
  speaker: string | null;
  verdict: string;
  source_speaker: string | null;
}

export type Half = 'tune' | 'check';

/** The fixed split: SHA-256 of the id, first byte even → tune. */
export function splitOf(id: string): Half {
  return createHash('sha256').update(id).digest()[0]! % 2 === 0 ? 'tune' : 'check';
}

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** A short answer is right when it contains the expected one or is contained in it. */
export function shortAnswerRight(got: string | null, want: string): boolean {
  if (!got) return false;
  const g = norm(got);
  const w = norm(want);
  return g.length > 0 && (g.includes(w) || w.includes(g));
}

/** The eval files name the seed press release "seed"; in the index it is the first file of corpus/. */
export function sameDoc(docId: string, doc: string | number | null | undefined): boolean {
  if (doc === null || doc === undefined) return false;
  if (doc === 'seed') return docId.startsWith('press-release-stockholm-gang-violence');
  return docId === String(doc);
}

export interface QuestionResult {
  id: string;
  question: string;
  lang: string;
  qtype: string;
  answerable: boolean;
  /** 1-based rank of the right statement among the candidate statements (null: not in the top 3). */
  statementRank: number | null;
  /** 1-based rank of the right sentence among the ranked sentences, answered or not (null: not in the top 3). */
  sentenceRank: number | null;
  /** 1-based rank of the right sentence among the answer's citations (null: not cited). */
  rank: number | null;
  answered: boolean;
  answer: string | null;
  expectedAnswer: string | null;
  answerRight: boolean | null;
  reason: string | null;
  top: string | null;
}

export interface Summary {
  questions: number;
  /** Answered, with the right sentence first. */
  hitAt1: number | null;
  /** Answered, with the right sentence among the first 3 citations. */
  hitAt3: number | null;
  /** The right statement among the top 3 candidate statements (answered or not). */
  statementAt3: number | null;
  /** The right sentence among the top 3 ranked sentences (answered or not). */
  sentenceAt3: number | null;
  answeredWhenAnswerable: number | null;
  shortAnswerAccuracy: number | null;
  refusalAccuracy: number | null;
  /** Of the questions answered, the share answered with the right sentence in the top 3 (unanswerable ones count as wrong). */
  answerPrecision: number | null;
  /** Of the answerable questions, the share answered with the right sentence in the top 3 (= hitAt3). */
  answerRecall: number | null;
}

const ratio = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : null);

export function summarize(results: QuestionResult[]): Summary {
  const answerable = results.filter((r) => r.answerable);
  const refusals = results.filter((r) => !r.answerable);
  const withShort = results.filter((r) => r.answerRight !== null);
  const answered = results.filter((r) => r.answered);
  const good = answerable.filter((r) => r.answered && r.rank !== null && r.rank <= 3);
  return {
    questions: results.length,
    hitAt1: ratio(answerable.filter((r) => r.answered && r.rank === 1).length, answerable.length),
    hitAt3: ratio(good.length, answerable.length),
    statementAt3: ratio(answerable.filter((r) => r.statementRank !== null).length, answerable.length),
    sentenceAt3: ratio(answerable.filter((r) => r.sentenceRank !== null).length, answerable.length),
    answeredWhenAnswerable: ratio(answerable.filter((r) => r.answered).length, answerable.length),
    shortAnswerAccuracy: ratio(withShort.filter((r) => r.answerRight).length, withShort.length),
    refusalAccuracy: ratio(refusals.filter((r) => !r.answered).length, refusals.length),
    answerPrecision: ratio(good.length, answered.length),
    answerRecall: ratio(good.length, answerable.length),
  };
}

/** Summaries by a key (language, question type). */
export function breakdown(results: QuestionResult[], key: (r: QuestionResult) => string): Record<string, Summary> {
  const groups = new Map<string, QuestionResult[]>();
  for (const r of results) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return Object.fromEntries([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, summarize(v)]));
}

export interface Explainer {
  explain(question: string, options?: AskOptions): Promise<Explanation>;
}

/** Asks every case (3 citations, as the bot shows) and scores each stage. */
export async function evaluateQuestions(engine: Explainer, cases: QuestionCase[], options: AskOptions = {}) {
  const results: QuestionResult[] = [];
  for (const c of cases) {
    const x = await engine.explain(c.question, { limit: 3, ...options });
    const a = x.answer;
    const holds = (text: string) => c.expect!.some((e) => text.includes(e));
    const rankIn = (list: { text: string }[], n: number) => {
      if (!c.expect) return null;
      const i = list.slice(0, n).findIndex((ci) => holds(ci.text));
      return i >= 0 ? i + 1 : null;
    };
    const docs: string[] = [];
    for (const s of x.statements) {
      if (docs.length >= 3) break;
      if (!docs.includes(s.docId)) docs.push(s.docId);
    }
    const si = docs.findIndex((d) => sameDoc(d, c.doc));
    results.push({
      id: c.id,
      question: c.question,
      lang: c.lang ?? a.lang,
      qtype: c.qtype ?? a.type,
      answerable: c.expect !== null,
      statementRank: c.expect && si >= 0 ? si + 1 : null,
      sentenceRank: rankIn(x.sentences, 3),
      rank: rankIn(a.citations, a.citations.length),
      answered: a.answered,
      answer: a.answer,
      expectedAnswer: c.answer,
      answerRight: c.answer ? a.answered && shortAnswerRight(a.answer, c.answer) : null,
      reason: a.reason ? `${a.reason.code}${a.reason.detail ? `: ${a.reason.detail}` : ''}` : null,
      top: a.citations[0]?.text ?? null,
    });
  }
  return { results, summary: summarize(results), byLang: breakdown(results, (r) => r.lang), byType: breakdown(results, (r) => r.qtype) };
}

export interface QuoteVerifier {
  verify(quote: string, speaker?: string | null): Promise<{ verdict: string; match: { speaker: string | null } | null }>;
}

export async function evaluateQuotes(engine: QuoteVerifier, cases: QuoteCase[]) {
  const results = [];
  for (const c of cases) {
    const v = await engine.verify(c.quote, c.speaker);
    const speakerRight = (v.match?.speaker ?? null) === c.source_speaker;
    results.push({ id: c.id, quote: c.quote, verdict: v.verdict, expected: c.verdict, verdictRight: v.verdict === c.verdict, speaker: v.match?.speaker ?? null, expectedSpeaker: c.source_speaker, speakerRight });
  }
  const n = results.length || 1;
  return {
    results,
    summary: {
      quotes: results.length,
      verdictAccuracy: Math.round((results.filter((r) => r.verdictRight).length / n) * 1000) / 1000,
      speakerAccuracy: Math.round((results.filter((r) => r.speakerRight).length / n) * 1000) / 1000,
    },
  };
}
