/**
 * `npm run corpus -- add FILE... | remove ID... | remove-file NAME... | list [--json]`: changes the corpus and
 * the index together, through the corpus service (the same one the bot's uploads and /remove use), without a
 * rebuild. Another writer (a running bot, `npm run index`) is waited for.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { IndexManager } from '../index/manager.js';
import { parseCommand } from './args.js';
import { run } from './run.js';

const usage = 'npm run corpus -- add FILE... | remove ID... | remove-file NAME... | list [--json]';

await run(async () => {
  const { values, positionals } = parseCommand({
    usage,
    about: [
      'Changes the corpus folder (the first CORPUS_PATHS entry) and the index together, without a rebuild:',
      '  add FILE...         copies each file into the corpus folder and indexes its statements (a file of the same name is replaced, all its statements)',
      '  remove ID...        takes statements out: a statement’s own file moves to .removed/, a JSON Lines record has its line blanked',
      '  remove-file NAME... takes a file of the corpus folder and all its statements out',
      '  list                the files the index holds statements of, with their ids',
    ].join('\n'),
    options: {
      index: { type: 'string', value: 'DIR', help: 'the index folder (default: INDEX_DIR)' },
      json: { type: 'boolean', help: 'list: one JSON object per file' },
    },
    positionals: true,
  });
  const [command, ...args] = positionals;
  if (!command || !['add', 'remove', 'remove-file', 'list'].includes(command) || (command !== 'list' && args.length === 0)) {
    throw new UsageError(`usage: ${usage} (--help for more)`);
  }
  const env: NodeJS.ProcessEnv = { ...process.env, ...(values.index ? { INDEX_DIR: values.index } : {}) };
  const config = loadConfig(env);
  const m = await IndexManager.open(config, {
    buildIfMissing: true,
    onIssue: (i) => process.stderr.write(`skipped ${i.file}${i.line !== undefined ? `:${i.line}` : ''}: ${i.reason}\n`),
    onWarning: (w) => process.stderr.write(`warning: ${w}\n`),
  });
  if (command === 'list') {
    for (const f of m.corpus.files()) process.stdout.write((values.json ? JSON.stringify(f) : `${f.file}\t${f.ids.length}\t${f.ids.join(' ')}`) + '\n');
    return;
  }
  let failed = 0;
  for (const arg of args) {
    if (command === 'add') {
      const r = await m.corpus.putFile(path.basename(arg), await readFile(arg));
      for (const i of r.issues) process.stderr.write(`skipped ${i.file}${i.line !== undefined ? `:${i.line}` : ''}: ${i.reason}\n`);
      process.stdout.write(`added ${r.path}: ${r.added} statements (${r.replaced} replaced, ${r.removed} no longer in the file removed)\n`);
    } else {
      const r = command === 'remove' ? await m.corpus.removeStatement(arg) : await m.corpus.removeFile(arg);
      if (!r) {
        process.stderr.write(`✗ no statement ${command === 'remove' ? `with id ${arg}` : `from ${arg}`} in the index; nothing changed\n`);
        failed++;
        continue;
      }
      process.stdout.write(`removed ${r.ids.join(', ')} (${r.linesOnly ? `lines of ${r.file}` : r.file}${r.keptAt ? `, kept in ${r.keptAt}` : ''})\n`);
    }
  }
  return failed ? 1 : 0;
});
