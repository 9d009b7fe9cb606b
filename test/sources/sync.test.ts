import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { extractPage } from '../../src/ingest/html.js';
import { PoliteFetcher, userAgent, type FetchPolicy } from '../../src/sources/fetcher.js';
import type { Source } from '../../src/sources/sources-file.js';
import { FileStateStore, JsonlCorpusSink, type CorpusSink, type SourceStatement } from '../../src/sources/store.js';
import { statementId, syncOnce, syncSource, type SyncOptions } from '../../src/sources/sync.js';
import { HAS_SHARED, SHARED, tempDir } from '../helpers.js';
import { polisenEventPage } from './pages.js';
import { failing, fixture, fixtureServer, hang, huge, VirtualClock, type FixtureServer } from './server.js';

const FIX = join(import.meta.dirname, 'fixtures');
const servers: FixtureServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

interface LogLine {
  level: 'warn' | 'info';
  obj: Record<string, unknown>;
  msg: string;
}

async function setup(o: { policy?: Partial<FetchPolicy>; options?: Partial<SyncOptions>; sink?: (s: CorpusSink) => CorpusSink } = {}) {
  const clock = new VirtualClock();
  const server = await fixtureServer();
  servers.push(server);
  const dir = tempDir('citera-sync-');
  const files = new JsonlCorpusSink(dir);
  const logs: LogLine[] = [];
  const log = {
    warn: (obj: object, msg: string) => void logs.push({ level: 'warn', obj: obj as Record<string, unknown>, msg }),
    info: (obj: object, msg: string) => void logs.push({ level: 'info', obj: obj as Record<string, unknown>, msg }),
  };
  const deps = () => ({
    // A new fetcher per poll, as each `npm run sync` is a new process; the state on disk carries over.
    fetcher: new PoliteFetcher({ userAgent: userAgent('test@example.org'), timeoutMs: 2000, ...o.policy }, clock),
    sink: o.sink ? o.sink(files) : files,
    state: new FileStateStore(dir),
    clock,
    log,
    options: o.options,
  });
  const source = (name: string, path: string, kind: Source['kind'] = 'feed', publisher = 'Exempels kommun'): Source => ({ name, kind, url: server.url(path), publisher, everyMinutes: 15 });
  return { clock, server, dir, files, logs, deps, source };
}

const fixtureText = (f: string, base: string) => readFileSync(join(FIX, f), 'utf8').replaceAll('{{BASE}}', base);

/** A one-channel RSS feed of `items`. */
function rss(items: { guid?: string; link: string; title: string; description: string; pubDate?: string }[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed</title><link>https://example.org/</link><description>d</description>${items
    .map(
      (i) =>
        `<item><title>${esc(i.title)}</title><link>${esc(i.link)}</link><description>${esc(i.description)}</description>${i.guid ? `<guid isPermaLink="false">${i.guid}</guid>` : ''}${i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : ''}</item>`,
    )
    .join('')}</channel></rss>`;
}

function page(title: string, paragraphs: string[]): string {
  return `<!doctype html><html><head><title>${title}</title></head><body><nav><a href="/">Start</a></nav><main><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></main></body></html>`;
}

describe('syncing a source', () => {
  it('a new item is written after one poll: the page text, the item URL, the feed publisher', async () => {
    const { server, files, deps, source } = await setup();
    server.route('/nyheter.atom', fixture(() => fixtureText('city-atom.xml', server.base), 'application/atom+xml', { etag: '"a1"' }));
    server.route('/nyheter/vattenlacka-storgatan', fixture(readFileSync(join(FIX, 'vattenlacka.html'), 'utf8'), 'text/html'));
    server.route('/nyheter/bibliotek-oppettider', fixture(readFileSync(join(FIX, 'bibliotek.html'), 'utf8'), 'text/html'));
    const [s] = await syncOnce([source('city', '/nyheter.atom')], deps());
    expect(s).toMatchObject({ name: 'city', answered: true, error: null, items: 2, new: 2, updated: 0, pending: 0, total: 2 });
    const written = await files.readSourceFile('city');
    expect(written).toHaveLength(2);
    expect(written[0]).toEqual({
      id: statementId('city', 'urn:uuid:6a1c-vattenlacka'),
      title: 'Vattenläcka på Storgatan',
      url: server.url('/nyheter/vattenlacka-storgatan'),
      published: '2026-01-02T08:15:00+01:00',
      publisher: 'Exempels kommun',
      updated: null,
      text: [
        'En vattenläcka har stängt av Storgatan.',
        'Vattenläckan upptäcktes vid sjutiden på morgonen vid korsningen mot Kyrkogatan. Omkring 40 hushåll är utan vatten medan läckan lagas.',
        '– Vi räknar med att arbetet är klart till klockan 15, säger Eva Ek, driftchef på VA-avdelningen.',
        'Tappvatten finns att hämta vid tankbilen på Torget.',
      ].join('\n\n'),
    });
    expect(s!.changed).toEqual(written.map((w) => w.id));
    // The file is the project's JSON Lines: the corpus loader reads it as it is.
    expect(readFileSync(s!.file!, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it.skipIf(!HAS_SHARED)('reads the real polisen.se pages a county feed links to, exactly as the HTML loader does', async () => {
    const { server, files, deps, source } = await setup();
    server.route('/rss/skane', fixture(() => fixtureText('polisen-rss.xml', server.base), 'application/rss+xml'));
    const pages = { '410793': '/aktuellt/handelser/2023/mars/21/21-mars-1832-brand-astorp/', '411217': '/aktuellt/handelser/2023/mars/25/25-mars-0238-skadegorelse-sala/' };
    for (const [id, path] of Object.entries(pages)) server.route(path, fixture(readFileSync(join(SHARED, 'data/polisen-html', `${id}.html`), 'utf8'), 'text/html'));
    const [s] = await syncOnce([source('polisen-skane', '/rss/skane', 'feed', 'Polisen')], deps());
    expect(s).toMatchObject({ error: null, new: 2 });
    const written = await files.readSourceFile('polisen-skane');
    for (const [id, path] of Object.entries(pages)) {
      const st = written.find((w) => w.id === `polisen-skane:${id}`)!;
      const want = extractPage(readFileSync(join(SHARED, 'data/polisen-html', `${id}.html`), 'utf8'));
      expect(want.layout).toBe('polisen');
      expect(st.text).toBe(want.paragraphs.join('\n\n'));
      expect(st.url).toBe(server.url(path));
      expect(st.publisher).toBe('Polisen');
    }
    expect(written.find((w) => w.id === 'polisen-skane:411217')!.text.split('\n\n')[0]).toBe('Skadegörelse på hotell.');
  });

  it('an edited item replaces its earlier text under the same id and keeps the time of the edit', async () => {
    const { server, files, deps, source, clock } = await setup();
    let version = 1;
    const feed = () => rss([{ guid: 'n1', link: server.url('/n1'), title: 'Bilbrand i Kävlinge', description: version === 1 ? 'En bil har brunnit.' : 'Uppdaterad: en bil har brunnit.' }]);
    server.route('/feed', (req, res) => fixture(feed(), 'application/rss+xml', { etag: `"v${version}"` })(req, res));
    server.route('/n1', (req, res) =>
      fixture(version === 1 ? page('Bilbrand i Kävlinge', ['En bil har brunnit på Storgatan i Kävlinge.', 'Ingen person skadades.']) : page('Bilbrand i Kävlinge', ['En bil har brunnit på Storgatan i Kävlinge.', 'En man i 40-årsåldern har gripits misstänkt för mordbrand.']), 'text/html')(req, res),
    );
    await syncOnce([source('c', '/feed')], deps());
    const before = await files.readSourceFile('c');
    expect(before[0]!.text).toContain('Ingen person skadades.');

    version = 2;
    const [s] = await syncOnce([source('c', '/feed')], deps());
    expect(s).toMatchObject({ error: null, new: 0, updated: 1, total: 1, changed: [before[0]!.id] });
    const after = await files.readSourceFile('c');
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(before[0]!.id);
    expect(after[0]!.text).toBe('En bil har brunnit på Storgatan i Kävlinge.\n\nEn man i 40-årsåldern har gripits misstänkt för mordbrand.');
    expect(after[0]!.text).not.toContain('Ingen person skadades.');
    expect(after[0]!.updated).not.toBeNull();
    expect(Date.parse(after[0]!.updated!)).toBeLessThanOrEqual(clock.now());
  });

  it('304: an unchanged feed is not read again and no page is fetched', async () => {
    const { server, files, deps, source } = await setup();
    server.route('/feed', fixture(rss([{ guid: 'a', link: server.url('/a'), title: 'A', description: 'Kort.' }]), 'application/rss+xml', { etag: '"e1"' }));
    server.route('/a', fixture(page('A', ['Hela texten om A.']), 'text/html'));
    await syncOnce([source('c', '/feed')], deps());
    const fileBefore = readFileSync(files.fileOf('c'), 'utf8');
    const n = server.requests.length;
    const [s] = await syncOnce([source('c', '/feed')], deps());
    expect(s).toMatchObject({ answered: true, notModified: true, error: null, new: 0, updated: 0, changed: [], file: null, total: 1 });
    expect(server.requests.slice(n).map((r) => [r.path, r.headers['if-none-match']])).toEqual([['/feed', '"e1"']]);
    expect(readFileSync(files.fileOf('c'), 'utf8')).toBe(fileBefore);
  });

  it('a 429 with Retry-After is waited out; a longer one fails this poll and the next run waits until then', async () => {
    const { server, deps, source, clock } = await setup({ options: { listingWaitMs: 600_000 } });
    server.route('/feed', failing(1, 429, { 'retry-after': '120' }, fixture(rss([{ guid: 'a', link: server.url('/a'), title: 'A', description: 'Kort om A.' }]), 'application/rss+xml')));
    server.route('/a', fixture(page('A', ['Hela texten om A.']), 'text/html'));
    const [ok] = await syncOnce([source('c', '/feed')], deps());
    expect(ok).toMatchObject({ error: null, new: 1 });

    server.route('/feed2', failing(1, 429, { 'retry-after': '7200' }, fixture(rss([]), 'application/rss+xml')));
    const t0 = clock.now();
    const [limited] = await syncOnce([source('d', '/feed2')], deps());
    expect(limited!.error).toBe('HTTP 429; Retry-After 7200 s (after 1 attempt)');
    const n = server.requests.length;
    const [next] = await syncOnce([source('d', '/feed2')], deps()); // a new process, as cron would start it
    expect(next!.error).toMatch(/^no request slot for 127\.0\.0\.1:\d+ before /);
    expect(Date.parse(next!.error!.split(' before ')[1]!.split(' ')[0]!)).toBeGreaterThanOrEqual(t0 + 7_200_000);
    expect(server.requests.length).toBe(n); // nothing was sent
  });

  it('malformed XML and JSON are skipped with one log line naming the source; the other sources sync', async () => {
    const { server, deps, source, logs, dir } = await setup();
    server.route('/bad.xml', fixture('<?xml version="1.0"?><rss version="2.0"><channel><item><title>Avbr', 'application/rss+xml', { etag: '"x"' }));
    server.route('/bad.json', fixture('[{"id": 1, "datetime": "2026-01-02 9:00:00 +01:00",', 'application/json', { etag: '"j"' }));
    server.route('/good', fixture(rss([{ guid: 'g', link: server.url('/g'), title: 'G', description: 'Kort om G.' }]), 'application/rss+xml'));
    server.route('/g', fixture(page('G', ['Hela texten om G.']), 'text/html'));
    const out = await syncOnce([source('bad-feed', '/bad.xml'), source('bad-events', '/bad.json', 'polisen-events'), source('good', '/good')], deps());
    expect(out.map((s) => [s.name, s.error === null])).toEqual([['bad-feed', false], ['bad-events', false], ['good', true]]);
    expect(out[0]!.error).toMatch(/malformed feed|not an RSS/);
    expect(out[1]!.error).toMatch(/^malformed JSON/);
    expect(out[2]!.new).toBe(1);
    const lines = logs.filter((l) => l.level === 'warn');
    expect(lines.map((l) => l.obj.source)).toEqual(['bad-feed', 'bad-events']);
    // The validators of an unreadable listing are not kept: next time it is asked for in full.
    const state = JSON.parse(readFileSync(join(dir, '.sources', 'bad-feed.json'), 'utf8'));
    expect(state.validators).toEqual({});
    expect(state.lastError).toBe(out[0]!.error);
  });

  it('a 50 MB response is cut at the cap; the other source syncs', async () => {
    const { server, deps, source } = await setup({ policy: { maxBytes: 2 * 1024 * 1024 } });
    server.route('/huge', huge('/huge', 50 * 1024 * 1024, server.written));
    server.route('/good', fixture(rss([{ guid: 'g', title: 'G', link: server.url('/g'), description: 'Kort om G.' }]), 'application/rss+xml'));
    server.route('/g', fixture(page('G', ['Hela texten om G.']), 'text/html'));
    const out = await syncOnce([source('huge', '/huge'), source('good', '/good')], deps());
    expect(out[0]!.error).toBe('response larger than 2 MiB; cut off there and not used');
    expect(server.written.get('/huge')!).toBeLessThan(16 * 1024 * 1024);
    expect(out[1]).toMatchObject({ error: null, new: 1 });
  });

  it('statements that could not be written (the index refused them) are fetched and written again by the next poll', async () => {
    let refuse = true;
    const { server, deps, source, files } = await setup({
      sink: (inner) => ({
        readSourceFile: (n) => inner.readSourceFile(n),
        putSourceFile: (n, s) => (refuse ? Promise.reject(new Error('disk full')) : inner.putSourceFile(n, s)),
      }),
    });
    server.route('/feed', fixture(rss([{ guid: 'g', title: 'G', link: server.url('/g'), description: 'Kort om G.' }]), 'application/rss+xml', { etag: '"1"' }));
    server.route('/g', fixture(page('G', ['Hela texten om G.']), 'text/html'));
    const failed = await syncSource(source('city', '/feed'), deps());
    expect(failed).toMatchObject({ error: 'disk full', new: 0, changed: [], file: null });
    refuse = false;
    // The listing is asked for in full again (no 304 from the validators of the failed poll), and its item written.
    const next = await syncSource(source('city', '/feed'), deps());
    expect(next).toMatchObject({ error: null, notModified: false, new: 1 });
    expect((await files.readSourceFile('city'))[0]!.text).toBe('Hela texten om G.');
  });

  it('a hanging source times out while another source still syncs', async () => {
    const puts: string[] = [];
    const { server, deps, source, files } = await setup({
      policy: { timeoutMs: 1500 },
      sink: (inner) => ({ readSourceFile: (n) => inner.readSourceFile(n), putSourceFile: (n, s) => (puts.push(n), inner.putSourceFile(n, s)) }),
    });
    const hangServer = await fixtureServer();
    servers.push(hangServer);
    hangServer.route('/feed', hang);
    server.route('/good', fixture(rss([{ guid: 'g', title: 'G', link: server.url('/g'), description: 'Kort om G.' }]), 'application/rss+xml'));
    server.route('/g', fixture(page('G', ['Hela texten om G.']), 'text/html'));
    const d = deps();
    let hangDone = false;
    const hanging = syncSource({ name: 'hangs', kind: 'feed', url: hangServer.url('/feed'), publisher: 'X', everyMinutes: 5 }, d).then((s) => ((hangDone = true), s));
    const good = await syncSource(source('good', '/good'), d);
    // The good source finished (and wrote its file) while the hanging one was still waiting.
    expect(hangDone).toBe(false);
    expect(good).toMatchObject({ error: null, new: 1 });
    expect(puts).toEqual(['good']);
    expect((await files.readSourceFile('good'))[0]!.text).toBe('Hela texten om G.');
    const h = await hanging;
    expect(h.error).toBe('no complete response within 1.5 s; gave up');
    expect(h.answered).toBe(false);
  });

  it("the events API: relative URLs are resolved, one-digit hours read, each event's page fetched", async () => {
    const { server, files, deps, source } = await setup();
    server.route('/api/events', fixture(readFileSync(join(FIX, 'events.json'), 'utf8'), 'application/json'));
    server.route(
      '/aktuellt/handelser/2026/januari/2/02-januari-0930-misshandel-linkoping/',
      fixture(polisenEventPage({ title: '02 januari 09.30, Misshandel, Linköping', preamble: 'En man i 30-årsåldern har misshandlats på Trädgårdstorget.', paragraphs: ['Mannen fördes till sjukhus med lindriga skador.', 'Polisen söker vittnen.'], publisher: 'Polisen Östergötland', published: '02 januari 10:12' }), 'text/html'),
    );
    server.route(
      '/aktuellt/handelser/2026/januari/2/02-januari-1845-trafikolycka-kavlinge/',
      fixture(polisenEventPage({ title: '02 januari 18.45, Trafikolycka, Kävlinge', preamble: 'Två bilar har krockat på väg 104.', paragraphs: ['Ingen person ska ha skadats allvarligt.'], publisher: 'Polisen Skåne', published: '02 januari 19:05' }), 'text/html'),
    );
    const [s] = await syncOnce([source('polisen-events', '/api/events', 'polisen-events', 'Polisen')], deps());
    expect(s).toMatchObject({ error: null, items: 2, new: 2, skipped: 0 });
    const [first] = await files.readSourceFile('polisen-events');
    expect(first).toEqual({
      id: 'polisen-events:598123',
      title: '02 januari 09.30, Misshandel, Linköping',
      url: server.url('/aktuellt/handelser/2026/januari/2/02-januari-0930-misshandel-linkoping/'),
      published: '2026-01-02T09:56:53+01:00',
      publisher: 'Polisen',
      updated: null,
      text: 'En man i 30-årsåldern har misshandlats på Trädgårdstorget.\n\nMannen fördes till sjukhus med lindriga skador.\n\nPolisen söker vittnen.',
    });
  });

  it('dedup by id, else by canonical URL; an item that drops out of the feed is kept', async () => {
    const { server, files, deps, source } = await setup();
    let items = [
      { guid: 'x1', link: server.url('/x1'), title: 'X1', description: 'Om X1.' },
      { guid: 'x1', link: server.url('/x1'), title: 'X1', description: 'Om X1.' },
      { link: server.url('/x2?utm_source=rss'), title: 'X2', description: 'Om X2.' },
    ];
    server.route('/feed', (req, res) => fixture(rss(items), 'application/rss+xml')(req, res));
    server.route('/x1', fixture(page('X1', ['Texten om X1.']), 'text/html'));
    server.route('/x2', fixture(page('X2', ['Texten om X2.']), 'text/html'));
    server.route('/x3', fixture(page('X3', ['Texten om X3.']), 'text/html'));
    expect((await syncOnce([source('c', '/feed')], deps()))[0]).toMatchObject({ new: 2, total: 2 });

    // The window moves: X1 drops out, X2 comes back with another tracking parameter, X3 is new.
    items = [
      { link: server.url('/x2?utm_source=newsletter'), title: 'X2', description: 'Om X2.' },
      { guid: 'x3', link: server.url('/x3'), title: 'X3', description: 'Om X3.' },
    ];
    const [s] = await syncOnce([source('c', '/feed')], deps());
    expect(s).toMatchObject({ new: 1, updated: 0, total: 3 });
    expect((await files.readSourceFile('c')).map((w) => w.text)).toEqual(['Texten om X1.', 'Texten om X2.', 'Texten om X3.']);
  });

  it('pages beyond the budget are written from the summary first and completed by a later poll', async () => {
    const { server, files, deps, source } = await setup({ options: { maxPagesPerPoll: 1 } });
    server.route('/feed', fixture(rss(['p1', 'p2'].map((p) => ({ guid: p, link: server.url(`/${p}`), title: p.toUpperCase(), description: `Kort om ${p}.` }))), 'application/rss+xml', { etag: '"f"' }));
    server.route('/p1', fixture(page('P1', ['Hela texten om p1.']), 'text/html'));
    server.route('/p2', fixture(page('P2', ['Hela texten om p2.']), 'text/html'));
    const [first] = await syncOnce([source('c', '/feed')], deps());
    expect(first).toMatchObject({ new: 2, pending: 1 });
    expect((await files.readSourceFile('c')).map((w) => w.text)).toEqual(['Hela texten om p1.', 'Kort om p2.']);
    const [second] = await syncOnce([source('c', '/feed')], deps());
    expect(second).toMatchObject({ notModified: true, new: 0, updated: 0, completed: 1, pending: 0, changed: ['c:p2'] });
    expect((await files.readSourceFile('c')).map((w) => w.text)).toEqual(['Hela texten om p1.', 'Hela texten om p2.']);
  });

  it("a page answered with a long Retry-After is no failure of the page: it stays pending, and that poll fetches no more pages", async () => {
    const { server, files, deps, source } = await setup();
    server.route('/feed', fixture(rss(['a', 'b'].map((p) => ({ guid: p, link: server.url(`/${p}`), title: p, description: `Kort om ${p}.` }))), 'application/rss+xml', { etag: '"ab"' }));
    server.route('/a', failing(1, 429, { 'retry-after': '3600' }, fixture(page('A', ['Hela texten om a.']), 'text/html')));
    server.route('/b', fixture(page('B', ['Hela texten om b.']), 'text/html'));
    const [first] = await syncOnce([source('c', '/feed')], deps());
    expect(first).toMatchObject({ error: null, new: 2, pending: 2 });
    expect(server.requests.map((r) => r.path)).toEqual(['/feed', '/a']);
    expect((await files.readSourceFile('c')).map((w) => w.text)).toEqual(['Kort om a.', 'Kort om b.']);
    const [second] = await syncOnce([source('c', '/feed')], deps());
    expect(second).toMatchObject({ notModified: true, completed: 2, pending: 0 });
    expect((await files.readSourceFile('c')).map((w) => w.text)).toEqual(['Hela texten om a.', 'Hela texten om b.']);
  });

  it('a page that cannot be read leaves the summary as the text, with a log line; it is retried a few times only', async () => {
    const { server, files, deps, source, logs } = await setup({ options: { maxPageFailures: 2 } });
    server.route('/feed', fixture(rss([{ guid: 'q', link: server.url('/gone'), title: 'Q', description: 'Kort om Q.' }]), 'application/rss+xml', { etag: '"q"' }));
    const [s] = await syncOnce([source('c', '/feed')], deps());
    expect(s).toMatchObject({ error: null, new: 1, pending: 1 });
    expect((await files.readSourceFile('c'))[0]!.text).toBe('Kort om Q.');
    expect(logs.filter((l) => l.msg.startsWith('page not read')).map((l) => [l.obj.source, l.obj.err])).toEqual([['c', 'HTTP 404 Not Found']]);
    await syncOnce([source('c', '/feed')], deps());
    const n = server.requests.length;
    const [third] = await syncOnce([source('c', '/feed')], deps());
    expect(third!.pending).toBe(0);
    expect(server.requests.slice(n).map((r) => r.path)).toEqual(['/feed']);
  });
});

describe('revisits', () => {
  it('a page is read again at the ages set (1 h, 6 h, 24 h by default), whatever the listing says', async () => {
    const { server, deps, source, clock, dir } = await setup();
    server.route('/feed', fixture(rss([{ guid: 'r', link: server.url('/r'), title: 'R', description: 'Kort om R.' }]), 'application/rss+xml', { etag: '"r"' }));
    server.route('/r', fixture(page('R', ['Hela texten om R.']), 'text/html'));
    const pageReads = () => server.requests.filter((r) => r.path === '/r').length;
    await syncOnce([source('c', '/feed')], deps());
    expect(pageReads()).toBe(1);
    const start = Date.parse('2026-01-02T12:00:00Z');
    const at = async (hours: number) => {
      clock.t = Math.max(clock.t, start + hours * 3_600_000);
      return (await syncOnce([source('c', '/feed')], deps()))[0]!;
    };
    await at(0.5);
    expect(pageReads()).toBe(1);
    expect((await at(2)).updated).toBe(0); // read again, unchanged
    expect(pageReads()).toBe(2);
    await at(3);
    expect(pageReads()).toBe(2);
    const stateOf = () => JSON.parse(readFileSync(join(dir, '.sources', 'c.json'), 'utf8')).items.r;
    expect(stateOf().item.summary).toEqual(['Kort om R.']);
    await at(30); // the 6 h and 24 h ages were both missed: one read covers them
    expect(pageReads()).toBe(3);
    // Read as often as it will be: the state keeps no summary text for it any more.
    expect(stateOf()).toMatchObject({ revisits: 3, full: true, item: { summary: [] } });
    await at(50);
    expect(pageReads()).toBe(3);
  });
});

// The statements a source file holds are what the corpus loader reads: the ids, texts and fields round-trip.
describe('JsonlCorpusSink', () => {
  it('writes atomically and reads back what it wrote, `updated` included', async () => {
    const sink = new JsonlCorpusSink(tempDir());
    const s: SourceStatement = { id: 'a:1', title: 'T', url: 'https://e.org/1', published: '2026-01-02T09:00:00+01:00', publisher: 'P', text: 'Ett.\n\nTvå.', updated: '2026-01-02T10:00:00Z' };
    const { path } = await sink.putSourceFile('a', [s]);
    expect(path).toBe(sink.fileOf('a'));
    expect(await sink.readSourceFile('a')).toEqual([s]);
    expect(await sink.readSourceFile('none')).toEqual([]);
  });
});
