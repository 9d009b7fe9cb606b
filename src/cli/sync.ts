/**
 * `npm run sync -- [--sources FILE] [--index DIR]`: polls every source once (for cron); progress on stderr, one summary
 * line per source on stdout; exit 0, or 2 when some failed.
 */
import { loadConfig } from '../config.js';
import type { IndexManager } from '../index/manager.js';
import { log } from '../log.js';
import { syncCommand } from '../sources/command.js';
import { parseCommand } from './args.js';
import { openForCli } from './open.js';
import { run } from './run.js';

await run(async () => {
  const { values } = parseCommand({
    usage: 'npm run sync -- [--sources FILE] [--index DIR]',
    about: 'Polls every source of the sources file once, writes what it fetched into the first CORPUS_PATHS folder and the index (only what changed), and prints one line per source. Exit 0 when every source answered, 2 when some failed (the others still synced).',
    options: {
      sources: { type: 'string', value: 'FILE', help: 'the sources file (default SOURCES_FILE, sources.json)' },
      index: { type: 'string', value: 'DIR', help: 'the index folder (default INDEX_DIR); it must hold an index' },
    },
  });
  const config = loadConfig();
  let manager: IndexManager | null = null;
  try {
    return await syncCommand(config, {
      sourcesFile: values.sources ?? config.SOURCES_FILE,
      openIndex: async () => (manager ??= await openForCli({ INDEX_DIR: values.index })),
      out: (line) => process.stdout.write(`${line}\n`),
      progress: (line) => process.stderr.write(`${line}\n`),
      log,
    });
  } finally {
    (manager as IndexManager | null)?.close();
  }
});
