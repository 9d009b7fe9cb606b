/**
 * One writer at a time on an index folder, across processes (issue 11, finding 5): a build in one process and a
 * change in another both land, in some order, instead of one replacing the other; a stale lock (its process is
 * gone) is taken over; and a running manager picks up a generation another process switched to.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { IndexManager } from '../../src/index/manager.js';
import { lockIndex, tryLockIndex } from '../../src/index/lock.js';
import { openIndex } from '../../src/index/open.js';
import { currentGeneration } from '../../src/index/store.js';
import { waitUntil } from '../bot/helpers.js';
import { ROOT, seedConfig } from '../helpers.js';

// Child processes start the TypeScript loader; builds of a few thousand statements run beside them.
vi.setConfig({ testTimeout: 90_000 });

const liveIds = (dir: string) => {
  const index = openIndex(dir, { model: null });
  return new Set(index.segments.flatMap((s) => s.data.docs.filter((_, i) => !s.deleted.has(i)).map((d) => d.id)));
};

/** `npm run index` in a child process; resolves when it exits; `onLine` sees each stderr line as it comes. */
function indexInChild(env: Record<string, string>, args: string[], onLine: (line: string) => void = () => {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/index.ts'), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  let err = '';
  child.stderr.on('data', (d: Buffer) => {
    const before = err.length;
    err += d.toString();
    for (const line of err.slice(err.lastIndexOf('\n', before - 1) + 1).split('\n').slice(0, -1)) onLine(line);
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (status) => resolve({ status, stdout: out, stderr: err })));
}

describe('the index lock', () => {
  it('lets one writer in at a time, and takes over a lock whose process is gone', async () => {
    const dir = join(seedConfig().INDEX_DIR);
    const a = tryLockIndex(dir, 'first');
    expect('release' in a).toBe(true);
    const b = tryLockIndex(dir, 'second');
    expect(b).toMatchObject({ pid: process.pid, purpose: 'first' });
    let waited = '';
    const third = lockIndex(dir, { purpose: 'third', onWait: (h) => (waited = h.purpose), pollMs: 20 });
    await waitUntil('the third writer to wait', () => (waited ? true : undefined));
    (a as { release(): void }).release();
    const got = await third;
    expect(got.holder.purpose).toBe('third');
    got.release();

    // A lock left by a process that died: the next writer takes it over at once.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(dir, 'LOCK'), JSON.stringify({ pid: Number(dead.stdout), host: (await import('node:os')).hostname(), purpose: 'crashed build', since: '', token: 'old' }));
    const after = tryLockIndex(dir, 'after a crash');
    expect('release' in after).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'LOCK'), 'utf8')).purpose).toBe('after a crash');
    (after as { release(): void }).release();
  });

  it('a build in another process and an upload here both land (neither replaces the other), and the manager catches up', async () => {
    const config = seedConfig();
    const corpus = config.CORPUS_PATHS[0]!;
    const notices = Array.from({ length: 4000 }, (_, i) => JSON.stringify({ id: `n${i}`, title: `Notis ${i}`, text: `Polisen rapporterar händelse nummer ${i} i Lund. Ingen skadades.` }));
    const m = await IndexManager.open(config, { buildIfMissing: true, watch: true, watchMs: 100 });
    writeFileSync(join(corpus, 'bulk.jsonl'), notices.join('\n') + '\n');
    const env = { CORPUS_PATHS: corpus, INDEX_DIR: config.INDEX_DIR, EMBEDDING_MODEL: 'none' };
    let upload: Promise<unknown> | null = null;
    // The upload starts once the build has read the corpus (it reports the indexing phase): without a lock, the
    // build would switch to a generation without the upload's statement.
    const build = indexInChild(env, [], (line) => {
      if (!upload && line.startsWith('indexing')) upload = m.corpus.putFile('bot.md', '---\ntitle: Från boten\n---\n\nBoten lade till den här texten om Ystad.\n');
    });
    const built = await build;
    expect(built.status, built.stderr).toBe(0);
    expect(upload).not.toBeNull();
    await upload;
    const ids = liveIds(config.INDEX_DIR);
    expect(ids.has('bot.md')).toBe(true);
    expect(ids.has('n3999')).toBe(true);
    expect(ids.size).toBe(4002);
    await waitUntil('the manager to serve the live generation', () => (m.engine.index.gen === currentGeneration(config.INDEX_DIR) ? true : undefined), 30_000);
    expect(m.engine.status().statements).toBe(4002);

    // A generation another process switches to is picked up without any call here.
    const r = await indexInChild(env, ['--force']);
    expect(r.status, r.stderr).toBe(0);
    const gen = currentGeneration(config.INDEX_DIR);
    await waitUntil('the manager to pick up the new generation', () => (m.engine.index.gen === gen ? true : undefined), 30_000);
    m.close();
  });
});
