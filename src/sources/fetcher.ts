/**
 * A polite HTTP client for the sources: it names the app and a contact in its User-Agent, spaces requests to one
 * host, keeps to hourly limits (polisen.se allows 60 an hour), sends `If-None-Match` / `If-Modified-Since`, backs
 * off on 429 and 5xx as `Retry-After` asks, and bounds every response in time and size: a body over the cap is cut
 * off while it streams, never buffered whole.
 *
 * Hosts are scheduled independently, so one slow or failing host never holds up the requests to another. Time
 * comes from a `Clock`, which tests replace with a virtual one so that waits of minutes cost nothing.
 */
import { readCappedBody } from '../http.js';

/** Where time comes from: the wall clock in production, a virtual one in tests. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock's time, or early (resolved) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** The tuning values of the fetcher, with their defaults in `DEFAULT_FETCH_POLICY`. */
export interface FetchPolicy {
  /** Sent with every request; see `userAgent()`. */
  userAgent: string;
  /** Longest a whole response (headers and body) may take. */
  timeoutMs: number;
  /** Largest body read; a longer one is cut off there and the request fails. */
  maxBytes: number;
  /** Least time between the starts of two requests to one host. */
  minIntervalMs: number;
  /** Hosts (a domain covers its subdomains) with a most-requests-per-hour limit. */
  hourlyLimits: Readonly<Record<string, number>>;
  /** Attempts per request when the server answers 429 or 5xx (the first included). */
  maxAttempts: number;
  /** First backoff after a 429/5xx without `Retry-After`; doubled for each further attempt. */
  backoffMs: number;
  /** A server that asks to wait longer than this is not retried in this poll (the wait is remembered). */
  maxRetryWaitMs: number;
}

export const DEFAULT_FETCH_POLICY: Omit<FetchPolicy, 'userAgent'> = {
  timeoutMs: 30_000,
  maxBytes: 10 * 1024 * 1024,
  minIntervalMs: 10_000,
  hourlyLimits: { 'polisen.se': 60 },
  maxAttempts: 3,
  backoffMs: 30_000,
  maxRetryWaitMs: 10 * 60_000,
};

/** `citera (+contact)`: the app and how to reach whoever runs it. */
export function userAgent(contact: string): string {
  const c = contact.replace(/[\x00-\x1f()]/g, ' ').replace(/\s+/g, ' ').trim();
  return c ? `citera (+${c})` : 'citera';
}

/** What a server said about a response's version, sent back to ask "changed since?". */
export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchResult =
  | { status: 'ok'; text: string; url: string; contentType: string | null; validators: Validators }
  | { status: 'not-modified'; url: string; validators: Validators };

/** A request that did not give a usable response; `retryAt` when the server asked to wait (epoch ms). */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    readonly url: string,
    readonly reason: string,
    readonly status?: number,
    readonly retryAt?: number,
  ) {
    super(`${url}: ${reason}`);
  }
}

/** The next free slot for a host is further away than the caller is willing to wait; nothing was sent. */
export class SlotUnavailable extends FetchError {
  override name = 'SlotUnavailable';
  constructor(
    url: string,
    readonly at: number,
  ) {
    super(url, `no request slot for ${new URL(url).host} before ${new Date(at).toISOString()} (spacing and hourly limits)`);
  }
}

export interface FetchOptions {
  validators?: Validators;
  accept?: string;
  /** Fail with SlotUnavailable instead of waiting longer than this for the host's next slot. Default: no bound. */
  maxWaitMs?: number;
  /** Stops waiting and requesting (a FetchError "stopped") when it aborts: the bot is shutting down. */
  signal?: AbortSignal;
}

interface HostState {
  /** Start of the latest request reserved. */
  last: number;
  /** Starts of the requests reserved within the last hour (only for hosts with an hourly limit). */
  recent: number[];
  /** The server asked not to be asked before this time. */
  blockedUntil: number;
}

const HOUR = 3_600_000;

export class PoliteFetcher {
  readonly policy: FetchPolicy;
  private readonly hosts = new Map<string, HostState>();

  constructor(
    policy: Partial<FetchPolicy> & { userAgent: string },
    private readonly clock: Clock = systemClock,
    private readonly fetchImpl: typeof fetch = globalThis.fetch,
  ) {
    this.policy = { ...DEFAULT_FETCH_POLICY, ...policy };
  }

  /** When the server behind `url` asked not to be asked again (epoch ms), or 0. */
  blockedUntil(url: string): number {
    return this.hosts.get(new URL(url).host.toLowerCase())?.blockedUntil ?? 0;
  }

  /** Remembers a server's request to wait (from an earlier run). */
  block(url: string, until: number): void {
    const h = this.host(new URL(url).host.toLowerCase());
    h.blockedUntil = Math.max(h.blockedUntil, until);
  }

  /**
   * GETs `url` politely. 304 → `not-modified`; 2xx → the body decoded as text.
   *
   * @throws FetchError for other statuses, timeouts, network errors and bodies over `maxBytes`; SlotUnavailable
   * when `maxWaitMs` is too short for the host's next slot.
   */
  async fetch(url: string, opts: FetchOptions = {}): Promise<FetchResult> {
    const p = this.policy;
    const hostName = new URL(url).host.toLowerCase();
    for (let attempt = 1; ; attempt++) {
      await this.reserve(url, hostName, attempt === 1 ? (opts.maxWaitMs ?? Infinity) : p.maxRetryWaitMs, opts.signal);
      if (opts.signal?.aborted) throw new FetchError(url, 'stopped');
      const res = await this.request(url, opts);
      if (res.status === 429 || res.status >= 500) {
        await res.body?.cancel().catch(() => undefined);
        const now = this.clock.now();
        const asked = retryAfterMs(res.headers.get('retry-after'), now);
        const wait = asked ?? p.backoffMs * 2 ** (attempt - 1);
        const h = this.host(hostName);
        h.blockedUntil = Math.max(h.blockedUntil, now + wait);
        if (attempt >= p.maxAttempts || wait > p.maxRetryWaitMs) {
          const after = asked !== null ? `; Retry-After ${Math.round(asked / 1000)} s` : '';
          throw new FetchError(url, `HTTP ${res.status}${after} (after ${attempt} attempt${attempt > 1 ? 's' : ''})`, res.status, now + wait);
        }
        continue;
      }
      const validators: Validators = { etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') };
      if (res.status === 304) {
        await res.body?.cancel().catch(() => undefined);
        return { status: 'not-modified', url, validators: { etag: validators.etag ?? opts.validators?.etag, lastModified: validators.lastModified ?? opts.validators?.lastModified } };
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw new FetchError(url, `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, res.status);
      }
      return { status: 'ok', url: res.url || url, contentType: res.headers.get('content-type'), validators, text: res.text };
    }
  }

  private host(name: string): HostState {
    let h = this.hosts.get(name);
    if (!h) this.hosts.set(name, (h = { last: -Infinity, recent: [], blockedUntil: 0 }));
    return h;
  }

  /** Takes the host's next free slot (synchronously, so concurrent callers never share one) and waits for it. */
  private async reserve(url: string, hostName: string, maxWaitMs: number, signal?: AbortSignal): Promise<void> {
    const p = this.policy;
    const h = this.host(hostName);
    const now = this.clock.now();
    let at = Math.max(now, h.last + p.minIntervalMs, h.blockedUntil);
    const limit = hourlyLimit(hostName, p.hourlyLimits);
    if (limit !== null) {
      // Slots only grow, so `recent` is sorted: the slot must leave at most limit-1 requests in the hour before it.
      h.recent = h.recent.filter((t) => t > at - HOUR);
      if (h.recent.length >= limit) at = Math.max(at, h.recent[h.recent.length - limit]! + HOUR);
    }
    if (at - now > maxWaitMs) throw new SlotUnavailable(url, at);
    h.last = at;
    if (limit !== null) h.recent.push(at);
    if (at > now) await this.clock.sleep(at - now, signal);
  }

  /** One request, its whole body read within the timeout and the size cap. */
  private async request(url: string, opts: FetchOptions): Promise<{ status: number; ok: boolean; statusText: string; url: string; headers: Headers; body: ReadableStream<Uint8Array> | null; text: string }> {
    const p = this.policy;
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), p.timeoutMs);
    const stop = () => ac.abort();
    opts.signal?.addEventListener('abort', stop, { once: true });
    const headers: Record<string, string> = { 'user-agent': p.userAgent, accept: opts.accept ?? '*/*' };
    if (opts.validators?.etag) headers['if-none-match'] = opts.validators.etag;
    if (opts.validators?.lastModified) headers['if-modified-since'] = opts.validators.lastModified;
    try {
      const res = await this.fetchImpl(url, { headers, signal: ac.signal, redirect: 'follow' });
      const base = { status: res.status, ok: res.ok, statusText: res.statusText, url: res.url, headers: res.headers, body: res.body };
      if (!res.ok || res.status === 304) return { ...base, text: '' };
      const bytes = await readCapped(res, p.maxBytes, url, ac);
      return { ...base, body: null, text: decode(bytes, res.headers.get('content-type')) };
    } catch (e) {
      if (e instanceof FetchError) throw e;
      if (opts.signal?.aborted) throw new FetchError(url, 'stopped');
      if (ac.signal.aborted) throw new FetchError(url, `no complete response within ${Math.round(p.timeoutMs / 100) / 10} s; gave up`);
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new FetchError(url, `request failed (${cause?.message ?? cause?.code ?? (e as Error).message})`);
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', stop);
    }
  }
}

/** The hourly limit of `host` (a configured domain or one of its subdomains), or null. */
function hourlyLimit(host: string, limits: Readonly<Record<string, number>>): number | null {
  const bare = host.replace(/:\d+$/, '');
  for (const [domain, n] of Object.entries(limits)) if (bare === domain || bare.endsWith(`.${domain}`)) return n;
  return null;
}

/** `Retry-After` as milliseconds from `now`: delta seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const s = header.trim();
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
}

/** Reads a body up to `max` bytes; past that it stops reading, cancels the stream, aborts the request and fails. */
function readCapped(res: Response, max: number, url: string, ac: AbortController): Promise<Uint8Array> {
  return readCappedBody(res, max, () => {
    ac.abort();
    return new FetchError(url, `response larger than ${formatBytes(max)}; cut off there and not used`);
  });
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MiB` : `${Math.round(n / 1024)} KiB`;
}

/** Text by the charset the server names, else the one an XML prolog or HTML meta names, else UTF-8. */
function decode(bytes: Uint8Array, contentType: string | null): string {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const label =
    /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ??
    /^<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head.replace(/^\uFEFF/, ''))?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ??
    'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
