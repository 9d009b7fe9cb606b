import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, expect } from 'vitest';
import { loadConfig, type Config } from '../src/config.js';
import { encodeSegment } from '../src/index/container.js';
import { IndexManager } from '../src/index/manager.js';
import type { SegmentData } from '../src/search/segment.js';

export const ROOT = resolve(import.meta.dirname, '..');
/** The shared data beside the clone; absent for someone who cloned the repo alone. */
export const SHARED = resolve(ROOT, '../shared');
export const HAS_SHARED = existsSync(join(SHARED, 'eval'));
if (!HAS_SHARED) console.warn(`⚠ ${SHARED} is absent: tests that read the shared data set are skipped`);

const made: string[] = [];
// Each test file gets its own copy of this module, so this runs after each file that made folders.
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary folder, removed when the test process exits. */
export function tempDir(prefix = 'citera-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
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

/** A lexical index of one fixture file (test/fixtures/NAME) alone, built in a temp folder. */
export async function fixtureManager(name: string): Promise<IndexManager> {
  const dir = tempDir();
  mkdirSync(join(dir, 'corpus'));
  cpSync(join(ROOT, 'test/fixtures', name), join(dir, 'corpus', name));
  return IndexManager.open(loadConfig({ CORPUS_PATHS: join(dir, 'corpus'), INDEX_DIR: join(dir, 'index'), EMBEDDING_MODEL: 'none', LOG_LEVEL: 'silent' }), { buildIfMissing: true });
}

/** Two segments are the same: equal field by field, and encoded to the same bytes. */
export function expectSameSegment(got: SegmentData, want: SegmentData): void {
  // isDeepStrictEqual first (fast on typed arrays), then vitest's for a readable difference.
  if (!isDeepStrictEqual(got, want)) expect(got).toStrictEqual(want);
  expect(Buffer.compare(encodeSegment(got), encodeSegment(want))).toBe(0);
}

/**
 * Runs `node ARGS` in ROOT and awaits it, so the test worker's event loop stays free while the child runs (a
 * synchronous spawn blocks it, and a worker blocked past vitest's 60-second heartbeat fails the whole run on a busy
 * machine). `env` is the child's whole environment; `input` goes to its stdin, which is then closed.
 */
export function runNode(
  args: string[],
  env: NodeJS.ProcessEnv,
  input = '',
  timeoutMs = 120_000,
): Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    // (A child that hangs is killed, not left behind; its status is then null and its signal SIGKILL.)
    const child = spawn(process.execPath, args, { cwd: ROOT, env, timeout: timeoutMs, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status, signal) => resolvePromise({ status, signal, stdout, stderr }));
    child.stdin.end(input);
  });
}
