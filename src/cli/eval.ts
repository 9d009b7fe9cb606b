/**
 * `npm run eval -- --questions FILE... [--tune FILE...] [--quotes FILE...] [--half tune|check|both] [--corpus PATH]...
 *  [--index DIR] [--params FILE] [--now ISO] [--json] [--verbose]`
 *
 * Questions of `--questions` files are split by the fixed rule of evaluate.ts (SHA-256 of the id) into a tune and
 * a check half; `--tune` files go wholly into the tune half (the old dev set). Each half is reported apart:
 * hit@1, hit@3, short answers, refusals, the loss per stage (right statement in the top 3, right sentence in
 * the top 3, answered), answer precision and recall, by language and by question type.
 * With --corpus, the corpus is indexed first (into --index, default a folder under the system's temp dir that
 * is reused while the corpus is unchanged).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { evaluateQuestions, evaluateQuotes, splitOf, type QuestionCase, type QuoteCase, type Summary } from '../answer/evaluate.js';
import { loadParams } from '../answer/params.js';
import { loadConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { IndexManager } from '../index/manager.js';
import { parseCommand } from './args.js';
import { readJsonlFile as readJsonl, run } from './run.js';

const USAGE =
  'usage: npm run eval -- --questions FILE... [--tune FILE...] [--quotes FILE...] [--half tune|check|both] [--corpus PATH]... [--index DIR] [--params FILE] [--now ISO] [--json] [--verbose]';

const pct = (x: number | null) => (x === null ? '   –' : `${(x * 100).toFixed(0).padStart(3)}%`);

function table(rows: [string, Summary][]): string[] {
  const head = 'set                 n  stmt@3  sent@3  answered  hit@3  hit@1  short  refusals  precision';
  return [
    head,
    ...rows.map(
      ([name, s]) =>
        `${name.padEnd(17)} ${String(s.questions).padStart(3)}  ${pct(s.statementAt3)}    ${pct(s.sentenceAt3)}    ${pct(s.answeredWhenAnswerable)}     ${pct(s.hitAt3)}   ${pct(s.hitAt1)}   ${pct(s.shortAnswerAccuracy)}   ${pct(s.refusalAccuracy)}      ${pct(s.answerPrecision)}`,
    ),
  ];
}

await run(async () => {
  const { values } = parseCommand({
    usage: USAGE.replace(/^usage: /, ''),
    about:
      'Scores question sets (hit@1, hit@3, short answers, refusals, loss per stage; tune and check halves apart) and quote sets (verdicts, speakers) against the index.',
    options: {
      questions: { type: 'string', value: 'FILE', multiple: true, help: 'JSON Lines of questions, split into a tune and a check half by id' },
      tune: { type: 'string', value: 'FILE', multiple: true, help: 'JSON Lines of questions that all go into the tune half' },
      quotes: { type: 'string', value: 'FILE', multiple: true, help: 'JSON Lines of quotes with the expected verdict and speaker' },
      half: { type: 'string', value: 'tune|check|both', help: 'which half to report (default both)' },
      corpus: { type: 'string', value: 'PATH', multiple: true, help: 'index this corpus first (into --index, default a temporary folder)' },
      index: { type: 'string', value: 'DIR', help: 'the index folder (default: INDEX_DIR)' },
      params: { type: 'string', value: 'FILE', help: 'answering parameters to use instead of the shipped ones (JSON)' },
      now: { type: 'string', value: 'ISO', help: 'the time of asking for relative dates' },
      json: { type: 'boolean', help: 'the summaries as one JSON object' },
      verbose: { type: 'boolean', help: 'every question and quote, with what went wrong' },
    },
  });
  if (!values.questions?.length && !values.tune?.length && !values.quotes?.length) throw new UsageError(USAGE);
  const half = values.half ?? 'both';
  if (!['tune', 'check', 'both'].includes(half)) throw new UsageError(`--half must be tune, check or both\n${USAGE}`);
  const now = values.now ? new Date(values.now) : undefined;
  if (now && Number.isNaN(now.getTime())) throw new UsageError(`--now ${values.now}: not a date (ISO 8601, e.g. 2026-06-01T12:00:00+02:00)`);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (values.corpus?.length) {
    env.CORPUS_PATHS = values.corpus.join(',');
    env.INDEX_DIR = values.index ?? join(tmpdir(), `citera-eval-${createHash('sha1').update(values.corpus.join('\n')).digest('hex').slice(0, 10)}`);
  } else if (values.index) env.INDEX_DIR = values.index;
  const config = loadConfig(env);
  let issues = 0;
  const m = await IndexManager.open(config, { buildIfMissing: true, refresh: Boolean(values.corpus?.length), onIssue: () => issues++ });
  if (m.notice) process.stderr.write(`${m.notice}\n`);
  const engine = values.params ? m.withParams(loadParams(values.params)) : m.engine;

  const sets: Record<'tune' | 'check', QuestionCase[]> = { tune: [], check: [] };
  for (const f of values.tune ?? []) sets.tune.push(...readJsonl<QuestionCase>(f));
  for (const f of values.questions ?? []) for (const c of readJsonl<QuestionCase>(f)) sets[splitOf(c.id)].push(c);
  const out: Record<string, unknown> = {};
  const lines: string[] = [];
  const summaries: [string, Summary][] = [];
  for (const name of ['tune', 'check'] as const) {
    if (half !== 'both' && half !== name) continue;
    if (sets[name].length === 0) continue;
    const q = await evaluateQuestions(engine, sets[name], { now });
    out[name] = { summary: q.summary, byLang: q.byLang, byType: q.byType };
    summaries.push([name, q.summary]);
    for (const [k, s] of Object.entries(q.byLang)) summaries.push([`  ${name} ${k}`, s]);
    for (const [k, s] of Object.entries(q.byType)) summaries.push([`  ${name} ${k}`, s]);
    if (values.verbose) {
      lines.push(`— ${name} half —`);
      for (const r of q.results) {
        const mark = r.answerable ? (r.answered && r.rank === 1 ? '✓1' : r.answered && r.rank && r.rank <= 3 ? `✓${r.rank}` : '✗ ') : r.answered ? '✗R' : '✓R';
        const stage = r.answerable ? ` [stmt ${r.statementRank ?? '–'} sent ${r.sentenceRank ?? '–'}]` : '';
        lines.push(`${mark} ${r.id.padEnd(7)}${stage} ${r.answered ? `answer=${JSON.stringify(r.answer)}` : `refused (${r.reason})`}${r.expectedAnswer ? ` want ${JSON.stringify(r.expectedAnswer)}${r.answerRight ? ' ✓' : ''}` : ''}  ${r.question}`);
        if (r.answerable && !(r.answered && r.rank === 1)) lines.push(`      top: ${r.top?.slice(0, 150)}`);
      }
    }
  }
  if (summaries.length) lines.push(...table(summaries));
  for (const f of values.quotes ?? []) {
    const q = await evaluateQuotes(m.engine, readJsonl<QuoteCase>(f));
    out[`quotes ${f}`] = q.summary;
    if (values.verbose) for (const r of q.results) lines.push(`${r.verdictRight && r.speakerRight ? '✓' : '✗'} ${r.id} ${r.verdict} (want ${r.expected}), speaker ${r.speaker} (want ${r.expectedSpeaker})`);
    lines.push(`quotes ${f}: verdicts ${pct(q.summary.verdictAccuracy)}, speakers ${pct(q.summary.speakerAccuracy)} of ${q.summary.quotes}`);
  }
  process.stdout.write((values.json ? JSON.stringify(out) : lines.join('\n')) + '\n');
});
