import { loadConfig, type Config } from '../config.js';
import { IndexError } from '../errors.js';
import { IndexManager } from '../index/manager.js';
import { checkIndexDir, currentGeneration } from '../index/store.js';

/**
 * Opens the index for a command; prints the model notice (if any) once on stderr. When the configured index
 * (INDEX_DIR) does not exist yet it is built from the corpus first; an index folder named with --index must
 * hold an index (a typo must not build a new one), and a damaged one is refused, never rebuilt behind the
 * user's back.
 */
export async function openForCli(overrides: Partial<Record<keyof Config, string>>): Promise<IndexManager> {
  const env = { ...process.env, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
  const config = loadConfig(env);
  checkIndexDir(config.INDEX_DIR);
  const missing = !currentGeneration(config.INDEX_DIR);
  if (missing && overrides.INDEX_DIR !== undefined) {
    throw new IndexError(config.INDEX_DIR, 'no index here', 'check the folder given with --index, or build one there with `npm run index -- --index DIR`');
  }
  if (missing) process.stderr.write(`no index in ${config.INDEX_DIR} yet: building it from ${config.CORPUS_PATHS.join(', ')}\n`);
  const m = await IndexManager.open(config, {
    buildIfMissing: missing,
    onIssue: (i) => process.stderr.write(`skipped ${i.file}${i.line !== undefined ? `:${i.line}` : ''}: ${i.reason}\n`),
    onWarning: (w) => process.stderr.write(`warning: ${w}\n`),
  });
  if (m.notice) process.stderr.write(`${m.notice}\n`);
  return m;
}
