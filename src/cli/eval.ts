/**
 * `npm run eval -- --questions FILE [--quotes FILE] [--corpus PATH]... [--index DIR] [--json]`
 * With --corpus, the corpus is indexed first (into --index, default a folder under the system's temp dir that
 * is reused while the corpus is unchanged).
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { evaluateQuestions, evaluateQuotes, type QuestionCase, type QuoteCase } from '../answer/evaluate.js';
import { loadConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { IndexManager } from '../index/manager.js';
import { run } from './run.js';

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

await run(async () => {
  const { values } = parseArgs({
    options: { questions: { type: 'string' }, quotes: { type: 'string' }, corpus: { type: 'string', multiple: true }, index: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (!values.questions && !values.quotes) throw new UsageError('usage: npm run eval -- --questions FILE [--quotes FILE] [--corpus PATH]... [--index DIR] [--json]');
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (values.corpus?.length) {
    env.CORPUS_PATHS = values.corpus.join(',');
    env.INDEX_DIR = values.index ?? join(tmpdir(), `citera-eval-${createHash('sha1').update(values.corpus.join('\n')).digest('hex').slice(0, 10)}`);
  } else if (values.index) env.INDEX_DIR = values.index;
  const config = loadConfig(env);
  let issues = 0;
  const m = await IndexManager.open(config, { buildIfMissing: true, refresh: Boolean(values.corpus?.length), onIssue: () => issues++ });
  if (m.notice) process.stderr.write(`${m.notice}\n`);
  const out: Record<string, unknown> = {};
  const lines: string[] = [];
  if (values.questions) {
    const q = await evaluateQuestions(m.engine, readJsonl<QuestionCase>(values.questions));
    out.questions = q.summary;
    for (const r of q.results) {
      const mark = r.answerable ? (r.rank === 1 ? '✓1' : r.rank ? `✓${r.rank}` : '✗ ') : r.answered ? '✗R' : '✓R';
      lines.push(`${mark} ${r.id.padEnd(7)} answered=${r.answered} answer=${JSON.stringify(r.answer)}${r.expectedAnswer ? ` (want ${JSON.stringify(r.expectedAnswer)})` : ''}  ${r.question}`);
      if (!r.rank && r.answerable) lines.push(`      top: ${r.top?.slice(0, 140)}`);
    }
    lines.push(`questions: ${JSON.stringify(q.summary)}`);
  }
  if (values.quotes) {
    const q = await evaluateQuotes(m.engine, readJsonl<QuoteCase>(values.quotes));
    out.quotes = q.summary;
    for (const r of q.results) lines.push(`${r.verdictRight && r.speakerRight ? '✓' : '✗'} ${r.id} ${r.verdict} (want ${r.expected}), speaker ${r.speaker}`);
    lines.push(`quotes: ${JSON.stringify(q.summary)}`);
  }
  process.stdout.write((values.json ? JSON.stringify(out) : lines.join('\n')) + '\n');
});
