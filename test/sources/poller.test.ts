import { afterEach, describe, expect, it } from 'vitest';
import { PoliteFetcher, userAgent } from '../../src/sources/fetcher.js';
import { SourcePoller } from '../../src/sources/poller.js';
import type { Source } from '../../src/sources/sources-file.js';
import { FileStateStore, JsonlCorpusSink } from '../../src/sources/store.js';
import type { SourceSummary } from '../../src/sources/sync.js';
import { tempDir } from '../helpers.js';
import { fixture, fixtureServer, timedFetch, VirtualClock, type FixtureServer } from './server.js';

const servers: FixtureServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const feed = (guid: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><link>https://e.org/</link><description>d</description><item><title>${guid}</title><description>Om ${guid}.</description><guid isPermaLink="false">${guid}</guid></item></channel></rss>`;

describe('SourcePoller', () => {
  it('polls each source every everyMinutes after its last poll, keeps the last summaries, hands each on, and stops', async () => {
    // Two loops share the clock: it moves only while both wait, so each loop's polls keep their own pace.
    const clock = new VirtualClock({ actors: 2 });
    const a = await fixtureServer();
    const b = await fixtureServer();
    servers.push(a, b);
    a.route('/feed', fixture(feed('a1'), 'application/rss+xml', { etag: '"a"' }));
    b.route('/feed', fixture(feed('b1'), 'application/rss+xml', { etag: '"b"' }));
    const dir = tempDir();
    const sent: { url: string; at: number }[] = [];
    const sources: Source[] = [
      { name: 'a', kind: 'feed', url: a.url('/feed'), publisher: 'A', everyMinutes: 5 },
      { name: 'b', kind: 'feed', url: b.url('/feed'), publisher: 'B', everyMinutes: 15 },
    ];
    const seen: SourceSummary[] = [];
    let enough: () => void;
    const reached = new Promise<void>((r) => (enough = r));
    const poller = new SourcePoller(sources, {
      fetcher: new PoliteFetcher({ userAgent: userAgent('t@example.org') }, clock, timedFetch(clock, sent)),
      sink: new JsonlCorpusSink(dir),
      state: new FileStateStore(dir),
      clock,
      log: { warn: () => {}, info: () => {} },
      onSynced: (s) => {
        seen.push(s);
        if (seen.filter((x) => x.name === 'b').length >= 3) enough();
        if (s.name === 'a' && seen.length === 2) throw new Error('index busy'); // logged, the loop goes on
      },
    });
    expect(poller.summaries().map((s) => [s.name, s.lastPoll])).toEqual([['a', ''], ['b', '']]);
    poller.start();
    await reached;
    await poller.stop();

    const at = (server: FixtureServer) => sent.filter((r) => r.url.startsWith(server.base)).map((r) => r.at);
    const gaps = (xs: number[]) => xs.slice(1).map((x, i) => x - xs[i]!);
    expect(gaps(at(a)).every((g) => g >= 5 * 60_000)).toBe(true);
    expect(gaps(at(b)).every((g) => g >= 15 * 60_000)).toBe(true);
    expect(at(a).length).toBeGreaterThan(at(b).length); // a polls three times as often
    const [sa, sb] = poller.summaries();
    expect(sa).toMatchObject({ name: 'a', error: null, notModified: true, total: 1 });
    expect(sb).toMatchObject({ name: 'b', error: null, notModified: true, total: 1 });
    expect(seen.find((s) => s.name === 'a')!.new).toBe(1);
    // After stop nothing more is sent.
    const n = sent.length;
    await new Promise((r) => setImmediate(r));
    expect(sent.length).toBe(n);
  });
});

describe('systemClock', () => {
  it('a sleep ends early when its signal aborts (a stopped poller leaves no timer behind)', async () => {
    const { systemClock } = await import('../../src/sources/fetcher.js');
    const ac = new AbortController();
    const sleeping = systemClock.sleep(3_600_000, ac.signal);
    ac.abort();
    await sleeping; // resolves now, not in an hour
    await systemClock.sleep(1_000_000, ac.signal); // already aborted: at once
  });
});
