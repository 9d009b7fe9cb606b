/** `npm run ask -- [--index DIR] [--json] "question"`; with --json and no question, JSON lines on stdin. */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { answerJson, formatAnswer } from './format.js';
import { openForCli } from './open.js';
import { jsonLines, run } from './run.js';

await run(async () => {
  const { values, positionals } = parseArgs({ options: { index: { type: 'string' }, json: { type: 'boolean' } }, allowPositionals: true });
  const question = positionals.join(' ').trim();
  if (!question && !values.json) throw new UsageError('usage: npm run ask -- [--index DIR] [--json] "question"');
  const m = await openForCli({ INDEX_DIR: values.index });
  if (question) {
    const a = await m.engine.ask(question);
    process.stdout.write((values.json ? JSON.stringify(answerJson(a)) : formatAnswer(a)) + '\n');
    return;
  }
  for await (const { value, error } of jsonLines()) {
    const q = (value as { question?: unknown } | null)?.question;
    if (error || typeof q !== 'string') {
      process.stdout.write(JSON.stringify({ error: error ?? 'expected {"question": "…"}' }) + '\n');
      continue;
    }
    process.stdout.write(JSON.stringify(answerJson(await m.engine.ask(q))) + '\n');
  }
});
