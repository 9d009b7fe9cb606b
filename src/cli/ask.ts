/**
 * `npm run ask -- [--index DIR] [--json] [--explain] [--params FILE] [--now ISO] "question"`; with --json and no
 * question, JSON lines on stdin.
 */
import { parseArgs } from 'node:util';
import { loadParams } from '../answer/params.js';
import { UsageError } from '../errors.js';
import { answerJson, formatAnswer, formatExplanation } from './format.js';
import { openForCli } from './open.js';
import { jsonLines, run } from './run.js';

const USAGE = 'usage: npm run ask -- [--index DIR] [--json] [--explain] [--params FILE] [--now ISO] "question"';

await run(async () => {
  const { values, positionals } = parseArgs({
    options: {
      index: { type: 'string' },
      json: { type: 'boolean' },
      explain: { type: 'boolean' },
      params: { type: 'string' },
      now: { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const question = positionals.join(' ').trim();
  if (!question && !values.json) throw new UsageError(USAGE);
  const now = values.now ? new Date(values.now) : undefined;
  if (now && Number.isNaN(now.getTime())) throw new UsageError(`--now ${values.now}: not a date (ISO 8601, e.g. 2026-06-01T12:00:00+02:00)`);
  const m = await openForCli({ INDEX_DIR: values.index });
  const engine = values.params ? m.withParams(loadParams(values.params)) : m.engine;
  if (question) {
    if (values.explain) {
      const x = await engine.explain(question, { now });
      process.stdout.write((values.json ? JSON.stringify(x, (k, v) => (k === 'hits' ? undefined : v)) : formatExplanation(x)) + '\n');
      return;
    }
    const a = await engine.ask(question, { now });
    process.stdout.write((values.json ? JSON.stringify(answerJson(a)) : formatAnswer(a)) + '\n');
    return;
  }
  for await (const { value, error } of jsonLines()) {
    const q = (value as { question?: unknown } | null)?.question;
    if (error || typeof q !== 'string') {
      process.stdout.write(JSON.stringify({ error: error ?? 'expected {"question": "…"}' }) + '\n');
      continue;
    }
    process.stdout.write(JSON.stringify(answerJson(await engine.ask(q, { now }))) + '\n');
  }
});
