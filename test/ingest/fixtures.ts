/** Shared helpers for the ingest tests: where the real data lives, temporary folders, collecting a load. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus, type LoadOptions } from '../../src/ingest/load.js';
import type { IngestIssue, Statement } from '../../src/types.js';
import { tempDir as makeTempDir } from '../helpers.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The shared data folder next to the repository; absent when the repository is cloned alone. */
export const SHARED = path.resolve(REPO_ROOT, '../shared');
export const HAVE_SHARED = existsSync(SHARED);
export const POLISEN_HTML = path.join(SHARED, 'data/polisen-html');
export const EVENTS_GZ = path.join(SHARED, 'data/polisen-events.jsonl.gz');
export const SEED_CORPUS_FILE = path.join(REPO_ROOT, 'corpus/press-release-stockholm-gang-violence.md');

/** Says, once per file, why the cases that read the shared data are skipped. */
export function warnIfNoShared(what: string): void {
  if (!HAVE_SHARED) console.warn(`[skipped] ${what}: ${SHARED} not found (the shared data sits beside the repository)`);
}

/**
 * A fresh temporary folder, removed after the file's tests (test/helpers.ts keeps the list: a hook registered here,
 * inside a running test, was never run, and the folders stayed behind).
 */
export async function tempDir(): Promise<string> {
  return makeTempDir('citera-ingest-');
}

/** Loads `paths` fully, returning the statements and the issues. */
export async function loadAll(
  paths: string[],
  opts: Partial<LoadOptions> = {},
): Promise<{ statements: Statement[]; issues: IngestIssue[] }> {
  const issues: IngestIssue[] = [];
  const statements: Statement[] = [];
  for await (const s of loadCorpus(paths, { maxFileBytes: 20 * 1024 * 1024, onIssue: (i) => issues.push(i), ...opts })) {
    statements.push(s);
  }
  return { statements, issues };
}

/** The paragraphs of a statement's text. */
export function paragraphs(s: Statement): string[] {
  return s.text.split('\n\n');
}
