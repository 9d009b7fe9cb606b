/**
 * Guarantee 2: a re-index (`npm run index -- --corpus … --index DIR --force`, a child process group) killed with SIGKILL at seeded random points — during startup, reading, indexing and embedding, and in writing
 * where the build stops itself after its first file (src/index/stop-point.ts: timing alone misses that phase on a busy machine) —
 * leaves an index that loads and answers exactly as before (or exactly as the new corpus, when the kill came
 * after the switch), and what the killed build left behind is removed at the next start. A reader in another
 * process checks the live index's files all along. More kills: `npx tsx scripts/crash-reindex.ts --kills 40`.
 *
 * The child runs the compiled command (`node dist/src/cli/index.js`, built from the current sources by
 * test/dist.ts) rather than tsx: the same build code, killed at the same points, but each run starts in about a
 * second instead of three to five, and the killed group is one process instead of two.
 */
import { describe, expect, it } from 'vitest';
import { crashReindex, type CrashReport } from '../../scripts/crash-reindex.js';
import { distCli } from '../dist.js';
import { bulkNotice } from './gen.js';

function summary(name: string, r: CrashReport) {
  const killedIn: Record<string, number> = {};
  for (const run of r.runs) killedIn[run.phaseAtKill] = (killedIn[run.phaseAtKill] ?? 0) + 1;
  const s = {
    kills: r.runs.length,
    killedIn,
    leftoversCleaned: r.runs.filter((x) => x.leftovers.length > 0).length,
    switchedBeforeKill: r.runs.filter((x) => x.result === 'after').length,
    readerChecks: r.runs.reduce((a, x) => a + x.readerChecks, 0),
    completion: r.completion,
    problems: r.problems.length,
  };
  console.log(`[reliability] crash during re-index (${name}, ${r.statements} statements): ${JSON.stringify(s)}`);
  return s;
}

describe('crash during re-index', () => {
  it('lexical index: an uninterrupted run, then 6 kills (startup, reading, indexing, writing)', async () => {
    const r = await crashReindex({ bulk: 8_000, kills: 6, seed: 20_261_124, command: await distCli('index.ts'), log: (l) => console.log(`  ${l}`) });
    bulkNotice(r.bulkSource, 8_000);
    const s = summary('lexical', r);
    expect(r.problems).toEqual([]);
    expect(r.runs).toHaveLength(6);
    // Most kills land before the switch (otherwise the test would not be testing much), and the writing phase,
    // with a half-written folder, is among them.
    expect(r.runs.filter((x) => x.result === 'before').length).toBeGreaterThanOrEqual(3);
    expect(r.runs.some((x) => x.writingStarted && !x.finished)).toBe(true);
    expect(Object.keys(s.killedIn).length).toBeGreaterThanOrEqual(3);
    expect(r.completion).toMatchObject({ exitCode: 0, result: 'after' });
  }, 600_000);

  it('index with vectors (generated tiny model): an uninterrupted run, then 3 kills (indexing, embedding, writing of .vec/.hnsw)', async () => {
    const r = await crashReindex({ bulk: 120, kills: 3, seed: 7, dense: true, triggers: ['indexing', 'embedding', 'writing'], command: await distCli('index.ts'), log: (l) => console.log(`  ${l}`) });
    summary('vectors', r);
    expect(r.problems).toEqual([]);
    expect(r.runs).toHaveLength(3);
    expect(r.completion).toMatchObject({ exitCode: 0, result: 'after' });
  }, 600_000);
});
