/**
 * A local HTTP server on 127.0.0.1 serving recorded fixtures for the source tests, with the behaviours the
 * fetcher must handle (validators and 304, 429 with Retry-After, endless bodies, no answer at all). Every
 * request is recorded with its headers; `timedFetch` records when the fetcher sent it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../src/sources/fetcher.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface Recorded {
  path: string;
  headers: IncomingMessage['headers'];
}

export interface FixtureServer {
  base: string;
  url(path: string): string;
  requests: Recorded[];
  /** Sets (or replaces) what a path serves. */
  route(path: string, handler: Handler): void;
  /** Bytes written by `huge` handlers, by path. */
  written: Map<string, number>;
  close(): Promise<void>;
}

export async function fixtureServer(): Promise<FixtureServer> {
  const routes = new Map<string, Handler>();
  const requests: Recorded[] = [];
  const written = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push({ path: req.url ?? '/', headers: req.headers });
    const h = routes.get(path);
    if (!h) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    h(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    url: (p) => `${base}${p}`,
    requests,
    written,
    route: (p, h) => void routes.set(p, h),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Serves `body` with an ETag and Last-Modified; a request carrying either validator gets 304. */
export function fixture(body: string | (() => string), type: string, v: { etag?: string; lastModified?: string } = {}): Handler {
  return (req, res) => {
    const etag = v.etag;
    if ((etag && req.headers['if-none-match'] === etag) || (v.lastModified && req.headers['if-modified-since'] === v.lastModified)) {
      res.writeHead(304, { ...(etag ? { etag } : {}) }).end();
      return;
    }
    const headers: Record<string, string> = { 'content-type': type };
    if (etag) headers.etag = etag;
    if (v.lastModified) headers['last-modified'] = v.lastModified;
    res.writeHead(200, headers).end(typeof body === 'function' ? body() : body);
  };
}

/** Answers with `status` and headers for the first `times` requests, then hands over to `then`. */
export function failing(times: number, status: number, headers: Record<string, string>, then: Handler): Handler {
  let n = 0;
  return (req, res) => {
    if (n++ < times) res.writeHead(status, headers).end(`status ${status}`);
    else then(req, res);
  };
}

/** Streams `bytes` of feed-like text without ever holding it, recording how much went out before the client left. */
export function huge(path: string, bytes: number, written: Map<string, number>): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    const chunk = Buffer.alloc(64 * 1024, '<item><title>x</title></item>\n');
    let sent = 0;
    written.set(path, 0);
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        written.set(path, sent);
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    res.on('close', () => res.removeAllListeners('drain'));
    pump();
  };
}

/** Never answers (until the server closes). */
export const hang: Handler = () => {};

/**
 * A virtual clock: `sleep` advances time instead of waiting, so spacing of 10 s or an hourly limit costs nothing
 * in a test. Sleepers wake one at a time in the order of their wake times (one per turn of the event loop), the
 * clock set to each one's wake time; it never goes back. While real I/O is in flight the clock may run ahead,
 * which only ever makes measured gaps longer, unless `actors` says how many loops share the clock: it then moves
 * only while every one of them sleeps (as if I/O took no time).
 */
export class VirtualClock implements Clock {
  t = Date.parse('2026-01-02T12:00:00Z');
  readonly sleeps: number[] = [];
  private queue: { wake: number; resolve: () => void }[] = [];
  private scheduled = false;

  constructor(private readonly opts: { actors?: number } = {}) {}

  now(): number {
    return this.t;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const entry = { wake: this.t + Math.max(0, ms), resolve };
      signal?.addEventListener(
        'abort',
        () => {
          this.queue = this.queue.filter((e) => e !== entry);
          resolve();
        },
        { once: true },
      );
      this.queue.push(entry);
      this.queue.sort((a, b) => a.wake - b.wake);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.opts.actors && this.queue.length < this.opts.actors) return; // someone is still at work
      const next = this.queue.shift();
      if (!next) return;
      this.t = Math.max(this.t, next.wake);
      next.resolve();
      if (this.queue.length) this.schedule();
    });
  }
}

/** A fetch that records, for every request, the clock's time when the fetcher sent it. */
export function timedFetch(clock: Clock, log: { url: string; at: number }[]): typeof fetch {
  return (input, init) => {
    log.push({ url: String(input), at: clock.now() });
    return fetch(input, init);
  };
}
