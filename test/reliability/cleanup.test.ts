/**
 * Guarantee 2, the windows a random kill rarely hits, set up exactly: a build killed between renaming its folder
 * into place and switching CURRENT; a build in another process that is in the middle of that switch right
 * now (its folder must not be taken away); a killed builder that is still a zombie (dead, not yet reaped).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { IndexManager } from '../../src/index/manager.js';
import { cleanIndexDir, currentGeneration, isAlive } from '../../src/index/store.js';
import { tempDir } from '../helpers.js';
import { ROOT } from './gen.js';

const work = tempDir('citera-cleanup-');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  return r.pid!;
}

async function indexWith(name: string, extra?: string) {
  const corpus = join(work, `${name}-corpus`);
  cpSync(join(ROOT, 'corpus'), corpus, { recursive: true });
  if (extra) writeFileSync(join(corpus, 'extra.md'), `---\ntitle: Extra\n---\n\n${extra}\n`);
  const config = loadConfig({ CORPUS_PATHS: corpus, INDEX_DIR: join(work, `${name}-index`), EMBEDDING_MODEL: 'none', LOG_LEVEL: 'silent' });
  const m = await IndexManager.open(config, { buildIfMissing: true });
  return { config, m, dir: config.INDEX_DIR };
}

const EXTRA = 'Ordet zqhhhhx finns bara i den nya generationen.';
const cites = async (m: IndexManager) => (await m.engine.ask('zqhhhhx')).citations.map((c) => c.text);

describe('cleanup of interrupted switches', () => {
  it('a build killed between renaming its folder and switching CURRENT: the next start removes it and answers as before', async () => {
    const { config, m, dir } = await indexWith('a');
    const newer = await indexWith('a-newer', EXTRA);
    const before = await m.engine.ask('How many are remanded?');
    // The state right after `renameSync(tmp → gen-000002)`, before `renameSync(CURRENT.tmp → CURRENT)`.
    cpSync(join(newer.dir, currentGeneration(newer.dir)!), join(dir, 'gen-000002'), { recursive: true });
    const pid = deadPid();
    writeFileSync(join(dir, `CURRENT.tmp-${pid}`), 'gen-000002\n');
    const m2 = await IndexManager.open(config);
    expect(readdirSync(dir).sort()).toEqual(['CURRENT', 'gen-000001']);
    expect(await m2.engine.ask('How many are remanded?')).toEqual(before);
    expect(await cites(m2)).not.toContain(EXTRA);
  });

  it('a switch under way in another (live) process is left alone, and completes', async () => {
    const { config, dir } = await indexWith('b');
    const newer = await indexWith('b-newer', EXTRA);
    // A live process stands in for the builder; it has written CURRENT.tmp-<pid> and renamed its folder.
    const builder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    children.push(builder);
    cpSync(join(newer.dir, currentGeneration(newer.dir)!), join(dir, 'gen-000002'), { recursive: true });
    writeFileSync(join(dir, `CURRENT.tmp-${builder.pid}`), 'gen-000002\n');
    // Another process starts (the bot, `npm run ask`) and cleans up meanwhile.
    const reader = await IndexManager.open(config);
    expect(existsSync(join(dir, 'gen-000002', 'manifest.json'))).toBe(true);
    expect(await cites(reader)).not.toContain(EXTRA);
    // The builder finishes its switch: the new generation is whole and live.
    renameSync(join(dir, `CURRENT.tmp-${builder.pid}`), join(dir, 'CURRENT'));
    builder.kill('SIGKILL');
    const after = await IndexManager.open(config);
    expect(currentGeneration(dir)).toBe('gen-000002');
    expect(await cites(after)).toContain(EXTRA);
  });

  it('a tmp folder of a killed builder that is still a zombie is removed; one of a live builder is kept', async () => {
    if (!existsSync('/proc/self/stat')) return console.warn('[skipped] zombie case: no /proc on this system');
    const { dir } = await indexWith('c');
    // `sh` starts `sleep 0.1` in the background and becomes `sleep 60`, which never waits for it: a zombie.
    const parent = spawn('sh', ['-c', 'sleep 0.1 & echo $!; exec sleep 60'], { stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(parent);
    const zombie = Number(await new Promise<string>((r) => parent.stdout!.once('data', (d: Buffer) => r(d.toString().trim()))));
    for (let i = 0; i < 100 && !/\) Z/.test(readFileSync(`/proc/${zombie}/stat`, 'utf8')); i++) await new Promise((r) => setTimeout(r, 20));
    expect(readFileSync(`/proc/${zombie}/stat`, 'utf8')).toMatch(/\) Z /);
    expect(isAlive(zombie)).toBe(false);
    expect(isAlive(parent.pid!)).toBe(true);
    mkdirSync(join(dir, `tmp-000002-${zombie}`));
    writeFileSync(join(dir, `tmp-000002-${zombie}`, 'seg-000001.bin'), 'partial');
    writeFileSync(join(dir, `CURRENT.tmp-${zombie}`), 'gen-000002\n');
    mkdirSync(join(dir, `tmp-000003-${parent.pid}`));
    const removed = cleanIndexDir(dir);
    expect(removed.sort()).toEqual([`CURRENT.tmp-${zombie}`, `tmp-000002-${zombie}`]);
    expect(existsSync(join(dir, `tmp-000003-${parent.pid}`))).toBe(true);
    parent.kill('SIGKILL');
  });
});
