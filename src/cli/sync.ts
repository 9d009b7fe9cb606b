/**
 * `npm run sync -- [--sources FILE] [--index DIR]`: polls every source once (for cron); progress on stderr, one summary
 * line per source on stdout; exit 0, or 2 when some failed.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { log } from '../log.js';
import { syncCommand } from '../sources/command.js';
import { openForCli } from './open.js';
import { run } from './run.js';

await run(async () => {
  const { values } = parseArgs({ options: { sources: { type: 'string' }, index: { type: 'string' } } });
  const config = loadConfig();
  return syncCommand(config, {
    sourcesFile: values.sources ?? config.SOURCES_FILE,
    openIndex: () => openForCli({ INDEX_DIR: values.index }),
    out: (line) => process.stdout.write(`${line}\n`),
    progress: (line) => process.stderr.write(`${line}\n`),
    log,
  });
});
