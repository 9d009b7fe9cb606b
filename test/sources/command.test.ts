import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { IndexManager } from '../../src/index/manager.js';
import { syncCommand } from '../../src/sources/command.js';
import { ROOT, seedConfig, tempDir } from '../helpers.js';
import { fixture, fixtureServer, VirtualClock, type FixtureServer } from './server.js';

const servers: FixtureServer[] = [];
afterAll(async () => {
  for (const s of servers.splice(0)) await s.close();
});

function rss(items: { guid: string; link?: string; title: string; description: string }[]): string {
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>F</title><link>https://example.org/</link><description>d</description>${items
    .map((i) => `<item><title>${i.title}</title>${i.link ? `<link>${i.link}</link>` : ''}<description>${i.description}</description><guid isPermaLink="false">${i.guid}</guid></item>`)
    .join('')}</channel></rss>`;
}
const page = (title: string, ps: string[]) => `<!doctype html><html><head><title>${title}</title></head><body><main><article><h1>${title}</h1>${ps.map((p) => `<p>${p}</p>`).join('')}</article></main></body></html>`;

describe('syncCommand: fetched statements reach the index through the corpus service', () => {
  it('a new item is answerable after one poll; after an edit the old text is no longer cited', async () => {
    const server = await fixtureServer();
    servers.push(server);
    let version = 1;
    server.route('/feed', (req, res) => fixture(rss([{ guid: 'brand-1', link: server.url('/brand'), title: 'Brand i förskola i Kävlinge', description: 'Det brinner i en förskola.' }]), 'application/rss+xml', { etag: `"${version}"` })(req, res));
    server.route('/brand', (req, res) =>
      fixture(
        page('Brand i förskola i Kävlinge', [
          'Det brinner i en förskola i Kävlinge.',
          version === 1 ? 'Räddningstjänsten evakuerade 45 barn från förskolan Solrosen.' : 'Räddningstjänsten evakuerade 52 barn från förskolan Solrosen.',
        ]),
        'text/html',
      )(req, res),
    );
    const config = seedConfig({ SOURCES_CONTACT: 'ops@example.org' });
    const sourcesFile = join(tempDir(), 'sources.json');
    writeFileSync(sourcesFile, JSON.stringify({ sources: [{ name: 'kavlinge', kind: 'feed', url: server.url('/feed'), publisher: 'Räddningstjänsten Syd', everyMinutes: 15 }] }));
    let manager: IndexManager | null = null;
    const out: string[] = [];
    const clock = new VirtualClock();
    const run = () =>
      syncCommand(config, {
        sourcesFile,
        openIndex: async () => (manager ??= await IndexManager.open(config, { buildIfMissing: true })),
        out: (l) => out.push(l),
        log: { warn: () => {}, info: () => {} },
        clock,
      });

    expect(await run()).toBe(0);
    expect(out[0]).toMatch(/^kavlinge \(feed\): ok; items 1, new 1, updated 0, completed 0, pages pending 0, total 1; polled /);
    const a = await manager!.engine.ask('Vilken förskola evakuerades i Kävlinge?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]).toMatchObject({
      text: 'Räddningstjänsten evakuerade 45 barn från förskolan Solrosen.',
      docId: 'kavlinge:brand-1',
      url: server.url('/brand'),
      publisher: 'Räddningstjänsten Syd',
    });

    // The page is edited; the feed's entry stays the same. Two hours on, the page is read again (a revisit).
    version = 2;
    clock.t += 2 * 3_600_000;
    out.length = 0;
    expect(await run()).toBe(0);
    expect(out[0]).toMatch(/new 0, updated 1/);
    const b = await manager!.engine.ask('Vilken förskola evakuerades i Kävlinge?');
    expect(b.citations[0]!.text).toBe('Räddningstjänsten evakuerade 52 barn från förskolan Solrosen.');
    // The answer says when the statement was updated (the poll that saw the edit).
    expect(Date.parse(b.citations[0]!.updated!)).toBeGreaterThanOrEqual(clock.t - 3_600_000);
    const all = [...b.citations, ...(await manager!.engine.ask('45 barn Solrosen')).citations];
    expect(all.some((c) => c.text.includes('45 barn'))).toBe(false);
  }, 60_000);
});

describe('npm run sync', () => {
  it('prints one line per source and exits 2 when one failed while the other synced; 0 when all answered', async () => {
    const server = await fixtureServer();
    servers.push(server);
    // Items without a page link: the listing is the only request, so the real 10 s spacing never comes into play.
    server.route('/feed', fixture(rss([{ guid: 'n1', title: 'Ny vägbom', description: 'En ny vägbom sätts upp på Bygatan.' }]), 'application/rss+xml'));
    const closed = await fixtureServer();
    const closedUrl = closed.url('/feed');
    await closed.close();
    const config = seedConfig();
    const dir = tempDir();
    const both = join(dir, 'both.json');
    const one = join(dir, 'one.json');
    const src = (name: string, url: string) => ({ name, kind: 'feed', url, publisher: 'Exempels kommun', everyMinutes: 30 });
    writeFileSync(both, JSON.stringify({ sources: [src('good', server.url('/feed')), src('down', closedUrl)] }));
    writeFileSync(one, JSON.stringify({ sources: [src('good', server.url('/feed'))] }));
    // --index names a folder that must hold an index already (a typo must not build one).
    (await IndexManager.open(config, { buildIfMissing: true })).close();
    const env = { ...process.env, CORPUS_PATHS: config.CORPUS_PATHS.join(','), INDEX_DIR: config.INDEX_DIR, EMBEDDING_MODEL: 'none', SOURCES_CONTACT: 'ops@example.org', LOG_LEVEL: 'silent' };
    const sync = (args: string[]) =>
      promisify(execFile)(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'src/cli/sync.ts'), ...args], { cwd: ROOT, env, encoding: 'utf8' }).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
      );

    const failed = await sync(['--sources', both, '--index', config.INDEX_DIR]);
    expect(failed.code).toBe(2);
    const lines = failed.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^good \(feed\): ok; items 1, new 1, /);
    expect(lines[1]).toMatch(/^down \(feed\): FAILED: request failed \(connect ECONNREFUSED /);
    expect(lines).toHaveLength(2);
    // Progress on stderr, one line as each source finishes.
    expect(failed.stderr).toMatch(/^\[\d\/2\] down: failed$/m);
    expect(failed.stderr).toMatch(/^\[\d\/2\] good: 1 new, 0 updated$/m);

    const ok = await sync(['--sources', one]);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim().split('\n')).toHaveLength(1);
    expect(ok.stdout).toMatch(/^good \(feed\): ok; items 1, new 0, /);
  }, 60_000);
});
