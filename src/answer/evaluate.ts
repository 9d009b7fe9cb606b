/** Scoring the engine against question and quote sets (the format of shared/eval/dev-*.jsonl). */
import type { AnswerEngine } from './api.js';

export interface QuestionCase {
  id: string;
  question: string;
  expect: string[] | null;
  answer: string | null;
}

export interface QuoteCase {
  id: string;
  quote: string;
  speaker: string | null;
  verdict: string;
  source_speaker: string | null;
}

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** A short answer is right when it contains the expected one or is contained in it. */
export function shortAnswerRight(got: string | null, want: string): boolean {
  if (!got) return false;
  const g = norm(got);
  const w = norm(want);
  return g.length > 0 && (g.includes(w) || w.includes(g));
}

export interface QuestionResult {
  id: string;
  question: string;
  answerable: boolean;
  rank: number | null;
  answered: boolean;
  answer: string | null;
  expectedAnswer: string | null;
  answerRight: boolean | null;
  top: string | null;
}

export async function evaluateQuestions(engine: AnswerEngine, cases: QuestionCase[]) {
  const results: QuestionResult[] = [];
  for (const c of cases) {
    const a = await engine.ask(c.question, { limit: 3 });
    const rankIdx = c.expect ? a.citations.findIndex((ci) => c.expect!.some((e) => ci.text.includes(e))) : -1;
    results.push({
      id: c.id,
      question: c.question,
      answerable: c.expect !== null,
      rank: rankIdx >= 0 ? rankIdx + 1 : null,
      answered: a.answered,
      answer: a.answer,
      expectedAnswer: c.answer,
      answerRight: c.answer ? shortAnswerRight(a.answer, c.answer) : null,
      top: a.citations[0]?.text ?? null,
    });
  }
  const answerable = results.filter((r) => r.answerable);
  const refusals = results.filter((r) => !r.answerable);
  const withShort = results.filter((r) => r.answerRight !== null);
  const ratio = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : null);
  return {
    results,
    summary: {
      questions: results.length,
      hitAt1: ratio(answerable.filter((r) => r.rank === 1).length, answerable.length),
      hitAt3: ratio(answerable.filter((r) => r.rank !== null).length, answerable.length),
      answeredWhenAnswerable: ratio(answerable.filter((r) => r.answered).length, answerable.length),
      shortAnswerAccuracy: ratio(withShort.filter((r) => r.answerRight).length, withShort.length),
      refusalAccuracy: ratio(refusals.filter((r) => !r.answered).length, refusals.length),
    },
  };
}

export async function evaluateQuotes(engine: AnswerEngine, cases: QuoteCase[]) {
  const results = [];
  for (const c of cases) {
    const v = await engine.verify(c.quote, c.speaker);
    const speakerRight = (v.match?.speaker ?? null) === c.source_speaker;
    results.push({ id: c.id, quote: c.quote, verdict: v.verdict, expected: c.verdict, verdictRight: v.verdict === c.verdict, speaker: v.match?.speaker ?? null, speakerRight });
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
