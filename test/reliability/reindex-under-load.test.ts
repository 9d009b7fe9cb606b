/**
 * Guarantee 1: while a full re-index runs, questions keep being answered, from the previous index, and the
 * switch to the new one is atomic. Corpus v1 and v2 differ in marker statements read first (a Markdown file),
 * last (the last line of the bulk JSON Lines file), and in a file only one of them has: every answer set is
 * classified wholly v1 or wholly v2 (a mix, or a marker missing, is a failure), and once v2 is seen it stays.
 */
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { IndexManager } from '../../src/index/manager.js';
import type { BuildProgress } from '../../src/index/build.js';
import { tempDir } from '../helpers.js';
import { bulkNotice, classify, ROOT, VERSION_PROBES, writeBulk, writeVersion, type Version } from './gen.js';

/** Big enough that a build takes a few seconds (about 1.5 s read + analysis on a laptop core for 20k). */
const BULK = 20_000;
const USERS = 4;

const dir = tempDir('citera-reload-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('re-index under load', () => {
  it('answers every question during a forced re-index, each wholly from v1 or v2, and v2 stays once live', async () => {
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    cpSync(join(ROOT, 'corpus'), corpus, { recursive: true });
    const src = await writeBulk(join(dir, 'bulk-src.jsonl'), BULK);
    bulkNotice(src, BULK);
    const bulk = readFileSync(join(dir, 'bulk-src.jsonl'), 'utf8').trimEnd().split('\n');
    writeVersion(corpus, bulk, 'v1');

    const config = loadConfig({ CORPUS_PATHS: corpus, INDEX_DIR: join(dir, 'index'), EMBEDDING_MODEL: 'none', LOG_LEVEL: 'silent' });
    const m = await IndexManager.open(config, { buildIfMissing: true });

    // An ordinary question about a statement both versions share: its citations never change.
    const ORDINARY = 'How many are remanded?';
    const cited = async () => (await m.engine.ask(ORDINARY)).citations.map((c) => c.text).join('\n');
    const ordinary = await cited();
    expect(ordinary).not.toBe('');

    // Probe answers of one engine (held for the whole set, as a request holds it).
    const probe = async () => {
      const engine = m.engine;
      const answers = [];
      for (const p of VERSION_PROBES) {
        const a = await engine.ask(p.q);
        answers.push({ q: p.q, texts: a.citations.map((c) => c.text) });
      }
      const seed = await engine.ask(ORDINARY);
      return { version: classify(answers), seedOk: seed.citations.map((c) => c.text).join('\n') === ordinary };
    };
    expect((await probe()).version).toBe('v1');

    writeVersion(corpus, bulk, 'v2');
    let phase: BuildProgress['phase'] | 'before' = 'before';
    const byPhase: Record<string, number> = {};
    const failures: string[] = [];
    let answered = 0;
    let maxStall = 0;
    let sawV2 = false;
    let building = true;

    const user = async (n: number) => {
      let last = performance.now();
      let seenV2 = false;
      for (;;) {
        const now = performance.now();
        maxStall = Math.max(maxStall, now - last);
        last = now;
        if (!building) break;
        try {
          const r = await probe();
          answered += VERSION_PROBES.length + 1;
          byPhase[phase] = (byPhase[phase] ?? 0) + 1;
          if (r.version !== 'v1' && r.version !== 'v2') failures.push(`user ${n} in ${phase}: ${r.version}`);
          if (!r.seedOk) failures.push(`user ${n} in ${phase}: the ordinary question cited other sentences`);
          if (r.version === 'v2') seenV2 = sawV2 = true;
          else if (seenV2) failures.push(`user ${n} in ${phase}: v1 after v2`);
          if (r.version === 'v2' && phase !== 'done' && phase !== 'writing') failures.push(`user ${n}: v2 while still ${phase}`);
        } catch (e) {
          failures.push(`user ${n} in ${phase}: ${(e as Error).message}`);
        }
        await new Promise((r) => setImmediate(r));
      }
    };

    const t0 = performance.now();
    const users = Array.from({ length: USERS }, (_, i) => user(i));
    const report = await m.reindex({ force: true, onProgress: (p) => (phase = p.phase) });
    const buildMs = performance.now() - t0;
    phase = 'done';
    // The users go on after the switch until each has had a few rounds more (v2 only from now on).
    const doneBefore = byPhase.done ?? 0;
    while ((byPhase.done ?? 0) < doneBefore + 3 * USERS) await new Promise((r) => setImmediate(r));
    building = false;
    const after = await Promise.all([probe(), probe()]);
    await Promise.all(users);

    const stats = { bulk: src, statements: report.statements, buildMs: Math.round(buildMs), answered, rounds: byPhase, failures: failures.length, maxStallMs: Math.round(maxStall), sawV2 };
    console.log(`[reliability] re-index under load: ${JSON.stringify(stats)}`);
    expect(report.changed).toBe(true);
    expect(failures).toEqual([]);
    expect(after.map((a) => a.version as Version)).toEqual(['v2', 'v2']);
    // Questions were answered all through the build, the analysis phase included (not queued behind it).
    expect(byPhase.reading ?? 0).toBeGreaterThan(0);
    // Every few milliseconds, not only every 5,000 statements (which let 16 rounds through where this lets ~200).
    expect(byPhase.indexing ?? 0).toBeGreaterThanOrEqual(40);
    expect(byPhase.done ?? 0).toBeGreaterThan(0);
    expect(sawV2).toBe(true);
    expect(answered).toBeGreaterThan(100);
  }, 120_000);
});
