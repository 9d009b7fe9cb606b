/** `npm run verify -- [--index DIR] [--json] [--speaker NAME] "quote"`; batch as JSON lines on stdin. */
import { UsageError } from '../errors.js';
import { parseCommand } from './args.js';
import { formatVerification, verificationJson } from './format.js';
import { openForCli } from './open.js';
import { jsonLines, run } from './run.js';

await run(async () => {
  const usage = 'npm run verify -- [--index DIR] [--json] [--speaker NAME] "quote"';
  const { values, positionals } = parseCommand({
    usage,
    about: 'Checks a quote against the statements: verbatim, altered (and which words) or not found, with the speaker the source names. With --json and no quote: one {"quote", "speaker"?} a line on stdin.',
    options: {
      index: { type: 'string', value: 'DIR', help: 'the index folder (default: INDEX_DIR, .index); it must hold an index' },
      json: { type: 'boolean', help: 'the verdict as JSON (see the README for the shape)' },
      speaker: { type: 'string', value: 'NAME', help: 'who the quote is attributed to (checked against the source)' },
    },
    positionals: true,
  });
  const quote = positionals.join(' ').trim();
  if (!quote && !values.json) throw new UsageError(`usage: ${usage} (--help for more)`);
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
