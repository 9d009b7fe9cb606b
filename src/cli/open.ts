import { loadConfig, type Config } from '../config.js';
import { IndexManager } from '../index/manager.js';
import { currentGeneration } from '../index/store.js';

/**
 * Opens the index for a command; prints the model notice (if any) once on stderr. When there is no index at
 * all yet it is built from the corpus first (a damaged one is refused, never rebuilt behind the user's back).
 */
export async function openForCli(overrides: Partial<Record<keyof Config, string>>): Promise<IndexManager> {
  const env = { ...process.env, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
  const config = loadConfig(env);
  const missing = !currentGeneration(config.INDEX_DIR);
  if (missing) process.stderr.write(`no index in ${config.INDEX_DIR} yet: building it from ${config.CORPUS_PATHS.join(', ')}\n`);
  const m = await IndexManager.open(config, {
    buildIfMissing: missing,
    onIssue: (i) => process.stderr.write(`skipped ${i.file}${i.line !== undefined ? `:${i.line}` : ''}: ${i.reason}\n`),
  });
  if (m.notice) process.stderr.write(`${m.notice}\n`);
  return m;
}
