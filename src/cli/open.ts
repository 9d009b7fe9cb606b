import { loadConfig, type Config } from '../config.js';
import { IndexManager } from '../index/manager.js';

/** Opens the index for a command; prints the model notice (if any) once on stderr. */
export async function openForCli(overrides: Partial<Record<keyof Config, string>>): Promise<IndexManager> {
  const env = { ...process.env, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
  const config = loadConfig(env);
  const m = await IndexManager.open(config);
  if (m.notice) process.stderr.write(`${m.notice}\n`);
  return m;
}
