import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig, type Config } from '../src/config.js';
import { IndexManager } from '../src/index/manager.js';

export const ROOT = resolve(import.meta.dirname, '..');
/** The shared data beside the clone; absent for someone who cloned the repo alone. */
export const SHARED = resolve(ROOT, '../shared');
export const HAS_SHARED = existsSync(join(SHARED, 'eval'));
if (!HAS_SHARED) console.warn(`⚠ ${SHARED} is absent: tests that read the shared data set are skipped`);

export function tempDir(prefix = 'citera-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A copy of the project's corpus in a temp folder, with a config pointing at it (lexical only). */
export function seedConfig(extra: Record<string, string> = {}): Config {
  const dir = tempDir();
  cpSync(join(ROOT, 'corpus'), join(dir, 'corpus'), { recursive: true });
  return loadConfig({ CORPUS_PATHS: join(dir, 'corpus'), INDEX_DIR: join(dir, 'index'), EMBEDDING_MODEL: 'none', LOG_LEVEL: 'silent', ...extra });
}

export async function seedManager(extra: Record<string, string> = {}): Promise<IndexManager> {
  return IndexManager.open(seedConfig(extra), { buildIfMissing: true });
}
