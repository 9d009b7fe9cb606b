/** `npm run verify -- [--index DIR] [--json] [--speaker NAME] "quote"`; batch as JSON lines on stdin. */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { formatVerification, verificationJson } from './format.js';
import { openForCli } from './open.js';
import { jsonLines, run } from './run.js';

await run(async () => {
  const { values, positionals } = parseArgs({
    options: { index: { type: 'string' }, json: { type: 'boolean' }, speaker: { type: 'string' } },
    allowPositionals: true,
  });
  const quote = positionals.join(' ').trim();
  if (!quote && !values.json) throw new UsageError('usage: npm run verify -- [--index DIR] [--json] [--speaker NAME] "quote"');
  const m = await openForCli({ INDEX_DIR: values.index });
  if (quote) {
    const v = await m.engine.verify(quote, values.speaker ?? null);
    process.stdout.write((values.json ? JSON.stringify(verificationJson(v)) : formatVerification(v, values.speaker)) + '\n');
    return;
  }
  for await (const { value, error } of jsonLines()) {
    const o = value as { quote?: unknown; speaker?: unknown } | null;
    if (error || typeof o?.quote !== 'string') {
      process.stdout.write(JSON.stringify({ error: error ?? 'expected {"quote": "…", "speaker"?: "…"}' }) + '\n');
      continue;
    }
    const speaker = typeof o.speaker === 'string' ? o.speaker : null;
    process.stdout.write(JSON.stringify(verificationJson(await m.engine.verify(o.quote, speaker))) + '\n');
  }
});
