import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JSON_KEYS } from '../../scripts/bench/keys.js';
import { builtDist } from '../dist.js';
import { HAS_SHARED, ROOT, SHARED } from '../helpers.js';

// Smoke test of `npm run bench`: the quick mode (first 300 notices, a 40-notice slice embedded with the e5-shaped
// model, 150 questions) runs every phase end to end and prints a table and one JSON object with every key a
// finite number. The repo's own corpus (one press release) cannot feed the question generator or a slice, so
// without the shared data the test is skipped with a notice.
const CORPUS = join(SHARED, 'data', 'polisen-events.jsonl.gz');
const CAN_RUN = HAS_SHARED && existsSync(CORPUS);
if (!CAN_RUN) console.warn(`⚠ ${CORPUS} is absent: the benchmark smoke test is skipped (the repo's corpus/ is too small to benchmark)`);

describe.skipIf(!CAN_RUN)('npm run bench -- --quick --json', () => {
  it('measures every phase and prints all keys as finite numbers', async () => {
    // The benchmark compiles to dist/ itself; built here first (test/dist.ts, one build for all test files), its
    // own build finds nothing to do and writes nothing, so it cannot change dist/ under another test's commands.
    await builtDist();
    // Run as a child process and awaited (not spawnSync): the test worker stays responsive however long it takes
    // on a busy machine.
    const r = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'bench.ts'), '--quick', '--json', '--corpus', CORPUS], {
        cwd: ROOT,
        env: { ...process.env, LOG_LEVEL: 'silent' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const json = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
    for (const k of JSON_KEYS) {
      expect(typeof json[k], k).toBe('number');
      expect(Number.isFinite(json[k]), k).toBe(true);
    }
    expect(json.statements).toBe(300);
    expect(json.sentences as number).toBeGreaterThan(json.statements as number);
    expect(json.recallAt10 as number).toBeGreaterThan(0);
    expect(json.recallAt10 as number).toBeLessThanOrEqual(1);
    expect(json.questions as number).toBeGreaterThanOrEqual(150);
    // The readable table comes before the JSON, and progress lines went to stderr.
    expect(r.stdout).toContain('question → answer p50');
    expect(r.stderr).toContain('[bench]');
  }, 600_000);
});
