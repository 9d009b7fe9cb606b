import { afterEach, describe, expect, it } from 'vitest';
import { FetchError, PoliteFetcher, retryAfterMs, SlotUnavailable, userAgent } from '../../src/sources/fetcher.js';
import { failing, fixture, fixtureServer, hang, huge, timedFetch, VirtualClock, type FixtureServer } from './server.js';

const servers: FixtureServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function setup(policy: Record<string, unknown> = {}) {
  const clock = new VirtualClock();
  const a = await fixtureServer();
  const b = await fixtureServer();
  servers.push(a, b);
  const sent: { url: string; at: number }[] = [];
  const fetcher = new PoliteFetcher({ userAgent: userAgent('ops@example.org'), ...policy }, clock, timedFetch(clock, sent));
  /** When the fetcher sent each request to `server`. */
  const times = (server: FixtureServer) => sent.filter((r) => r.url.startsWith(server.base)).map((r) => r.at);
  return { clock, a, b, fetcher, times };
}

describe('PoliteFetcher', () => {
  it('names the app and the contact in the User-Agent; sends validators and honours 304', async () => {
    const { a, fetcher } = await setup();
    a.route('/feed', fixture('<rss/>', 'application/rss+xml', { etag: '"v1"', lastModified: 'Fri, 02 Jan 2026 10:00:00 GMT' }));
    const first = await fetcher.fetch(a.url('/feed'));
    expect(first).toMatchObject({ status: 'ok', text: '<rss/>', validators: { etag: '"v1"', lastModified: 'Fri, 02 Jan 2026 10:00:00 GMT' } });
    const second = await fetcher.fetch(a.url('/feed'), { validators: first.validators });
    expect(second.status).toBe('not-modified');
    expect(second.validators.etag).toBe('"v1"');
    expect(a.requests[0]!.headers['user-agent']).toBe('citera (+ops@example.org)');
    expect(a.requests[1]!.headers['if-none-match']).toBe('"v1"');
    expect(a.requests[1]!.headers['if-modified-since']).toBe('Fri, 02 Jan 2026 10:00:00 GMT');
  });

  it('spaces requests to one host by at least 10 s; another host is not held up by it', async () => {
    const { a, b, clock, fetcher, times } = await setup();
    a.route('/x', fixture('a', 'text/plain'));
    b.route('/y', fixture('b', 'text/plain'));
    const t0 = clock.now();
    await Promise.all([fetcher.fetch(a.url('/x')), fetcher.fetch(a.url('/x')), fetcher.fetch(a.url('/x')), fetcher.fetch(b.url('/y'))]);
    const at = times(a);
    expect(at).toHaveLength(3);
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(10_000);
    expect(at[0]).toBe(t0);
    // b's only request went out at once, before a's second: a's spacing did not hold it up.
    expect(times(b)).toEqual([t0]);
    expect(clock.sleeps).toEqual([10_000, 20_000]);
  });

  it('keeps to an hourly limit (60 an hour, as polisen.se asks)', async () => {
    const { a, fetcher, times } = await setup({ hourlyLimits: { '127.0.0.1': 60 } });
    a.route('/e', fixture('[]', 'application/json'));
    for (let i = 0; i < 62; i++) await fetcher.fetch(a.url('/e'));
    const at = times(a);
    expect(at[59]! - at[0]!).toBe(590_000); // the first 60 only spaced by 10 s
    expect(at[60]! - at[0]!).toBeGreaterThanOrEqual(3_600_000); // the 61st waits for the first to leave the hour
    for (let i = 60; i < at.length; i++) expect(at.filter((t) => t > at[i]! - 3_600_000 && t <= at[i]!).length).toBeLessThanOrEqual(60);
  });

  it('a 429 with Retry-After (seconds or a date) is waited out, then retried', async () => {
    const { a, clock, fetcher, times } = await setup();
    a.route('/s', failing(1, 429, { 'retry-after': '120' }, fixture('ok', 'text/plain')));
    expect(await fetcher.fetch(a.url('/s'))).toMatchObject({ status: 'ok', text: 'ok' });
    expect(times(a)[1]! - times(a)[0]!).toBeGreaterThanOrEqual(120_000);

    const date = new Date(clock.now() + 300_000).toUTCString();
    a.route('/d', failing(1, 429, { 'retry-after': date }, fixture('ok', 'text/plain')));
    await fetcher.fetch(a.url('/d'));
    expect(times(a)).toHaveLength(4);
    expect(times(a)[3]!).toBeGreaterThanOrEqual(Date.parse(date));
  });

  it('5xx without Retry-After backs off exponentially, then gives up with the status', async () => {
    const { a, fetcher, times } = await setup({ maxAttempts: 3, backoffMs: 30_000 });
    a.route('/down', failing(99, 503, {}, fixture('never', 'text/plain')));
    const err = await fetcher.fetch(a.url('/down')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).status).toBe(503);
    expect((err as FetchError).reason).toBe('HTTP 503 (after 3 attempts)');
    const at = times(a);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(30_000);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(60_000);
  });

  it('a Retry-After longer than it will wait fails now and keeps the host blocked until then', async () => {
    const { a, clock, fetcher } = await setup({ maxRetryWaitMs: 600_000 });
    a.route('/slow', failing(1, 429, { 'retry-after': '7200' }, fixture('ok', 'text/plain')));
    const t0 = clock.now();
    const err = (await fetcher.fetch(a.url('/slow')).catch((e: unknown) => e)) as FetchError;
    expect(err.reason).toBe('HTTP 429; Retry-After 7200 s (after 1 attempt)');
    expect(err.retryAt).toBe(t0 + 7_200_000);
    expect(fetcher.blockedUntil(a.url('/'))).toBe(t0 + 7_200_000);
    await expect(fetcher.fetch(a.url('/slow'), { maxWaitMs: 60_000 })).rejects.toBeInstanceOf(SlotUnavailable);
    expect(a.requests).toHaveLength(1); // nothing was sent while blocked
  });

  it('a 50 MB body is cut at the cap while it streams, never read whole', async () => {
    const { a, fetcher } = await setup({ maxBytes: 1024 * 1024 });
    a.route('/big', huge('/big', 50 * 1024 * 1024, a.written));
    const err = (await fetcher.fetch(a.url('/big')).catch((e: unknown) => e)) as FetchError;
    expect(err).toBeInstanceOf(FetchError);
    expect(err.reason).toBe('response larger than 1 MiB; cut off there and not used');
    // The server stopped sending soon after the client left: far less than 50 MB went out.
    expect(a.written.get('/big')!).toBeLessThan(16 * 1024 * 1024);
  });

  it('a declared Content-Length over the cap is refused before reading', async () => {
    const { a, fetcher } = await setup({ maxBytes: 1000 });
    a.route('/cl', (_req, res) => res.writeHead(200, { 'content-length': '5000' }).end('x'.repeat(5000)));
    await expect(fetcher.fetch(a.url('/cl'))).rejects.toThrow(/larger than 1 KiB/);
  });

  it('a server that never answers times out', async () => {
    const { a, fetcher } = await setup({ timeoutMs: 500 });
    a.route('/hang', hang);
    await expect(fetcher.fetch(a.url('/hang'))).rejects.toThrow(/no complete response within 0\.5 s/);
  });

  it('other errors: 404, a closed port', async () => {
    const { a, fetcher } = await setup();
    await expect(fetcher.fetch(a.url('/nothing'))).rejects.toThrow(/HTTP 404/);
    const closed = await fixtureServer();
    const port = new URL(closed.base).port;
    await closed.close();
    await expect(fetcher.fetch(`http://127.0.0.1:${port}/x`)).rejects.toThrow(/request failed \(connect ECONNREFUSED/);
  });

  it('decodes by the charset the server or the XML prolog names', async () => {
    const { a, fetcher } = await setup();
    const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>Kävlinge</title></rss>', 'latin1');
    a.route('/l1', (_req, res) => res.writeHead(200, { 'content-type': 'application/xml' }).end(latin1));
    a.route('/h', (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' }).end(Buffer.from('<p>Malmö</p>', 'latin1')));
    expect(((await fetcher.fetch(a.url('/l1'))) as { text: string }).text).toContain('Kävlinge');
    expect(((await fetcher.fetch(a.url('/h'))) as { text: string }).text).toBe('<p>Malmö</p>');
  });

  it('Retry-After parsing', () => {
    expect(retryAfterMs('120', 0)).toBe(120_000);
    expect(retryAfterMs('Fri, 02 Jan 2026 12:01:00 GMT', Date.parse('2026-01-02T12:00:00Z'))).toBe(60_000);
    expect(retryAfterMs('soon', 0)).toBeNull();
    expect(retryAfterMs(null, 0)).toBeNull();
  });
});
