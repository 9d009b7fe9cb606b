/**
 * `npm run ask -- [--index DIR] [--json] [--explain] [--params FILE] [--now ISO] "question"`; with --json and no
 * question, JSON lines on stdin.
 */
import { loadParams } from '../answer/params.js';
import { UsageError } from '../errors.js';
import { parseCommand } from './args.js';
import { answerJson, formatAnswer, formatExplanation } from './format.js';
import { openForCli } from './open.js';
import { jsonLines, run } from './run.js';

const USAGE = 'usage: npm run ask -- [--index DIR] [--json] [--explain] [--params FILE] [--now ISO] "question"';

await run(async () => {
  const { values, positionals } = parseCommand({
    usage: USAGE.replace(/^usage: /, ''),
    about:
      'Answers a question with sentences quoted word for word from the statements, each with its source. With --json and no question: one {"question": …} a line on stdin, one answer a line on stdout.',
    options: {
      index: { type: 'string', value: 'DIR', help: 'the index folder (default: INDEX_DIR, .index); it must hold an index' },
      json: { type: 'boolean', help: 'answer as JSON (see the README for the shape)' },
      explain: { type: 'boolean', help: 'show every stage of the answer: the question read, candidates, features, the decision' },
      params: { type: 'string', value: 'FILE', help: 'answering parameters to use instead of the shipped ones (JSON)' },
      now: { type: 'string', value: 'ISO', help: 'the time of asking, for "igår", "i lördags" (default: now)' },
    },
    positionals: true,
  });
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
