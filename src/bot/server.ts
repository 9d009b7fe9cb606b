/**
 * Running the bot: long polling through @grammyjs/runner (per-chat order from `sequentialize` in bot.ts,
 * concurrency across chats), or a webhook on node's http server behind HTTPS, with a health endpoint.
 */
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { webhookCallback, type Bot, type Transformer } from 'grammy';
import type { Update } from 'grammy/types';
import { log } from '../log.js';
import type { SourceSummary } from '../sources/sync.js';
import { ALLOWED_UPDATES, type BotBackend } from './bot.js';
import { errorFields, type BotLogger } from './safe-log.js';

export interface PollingOptions {
  /**
   * Pause after an empty getUpdates answer, in ms. Telegram holds a long poll open for 30 s, so 0 (the default)
   * is right there; a test server that answers at once needs a short pause to avoid a busy loop.
   */
  idleDelayMs?: number;
  /** Long-polling timeout in seconds (default 30). */
  timeoutSeconds?: number;
}

/** Starts long polling; `stop()` on the handle waits for the updates in progress. */
export function startPolling(bot: Bot, opts: PollingOptions = {}): RunnerHandle {
  const idle = opts.idleDelayMs ?? 0;
  if (idle > 0) {
    const pause: Transformer = async (prev, method, payload, signal) => {
      const res = await prev(method, payload, signal);
      if (method === 'getUpdates' && res.ok && Array.isArray(res.result) && res.result.length === 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, idle);
          signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        });
      }
      return res;
    };
    bot.api.config.use(pause);
  }
  return run(bot, {
    runner: {
      // The runner prints fetch errors with console.error, URLs (and so the token) included; bot.ts logs them redacted.
      silent: true,
      // After a failed getUpdates, wait 100 ms more each time (0.1 s, 0.2 s, … about 27 s after an hour down).
      retryInterval: 'quadratic',
      fetch: { timeout: opts.timeoutSeconds ?? 30, allowed_updates: [...ALLOWED_UPDATES] },
    },
  });
}

export interface WebhookOptions {
  /** Value Telegram sends in X-Telegram-Bot-Api-Secret-Token (set with setWebhook's secret_token). Required. */
  secret: string;
  /** Path updates are POSTed to (the path of WEBHOOK_URL), e.g. "/telegram". */
  path: string;
  port: number;
  host?: string;
  backend: BotBackend;
  logger?: BotLogger;
  /** Largest update body accepted, in bytes (default 1 MiB), however it is sent (with Content-Length or chunked). */
  maxBodyBytes?: number;
  /** Refused requests (wrong secret, too large) are logged once per this many ms, with a count (default 60 s). */
  refusalLogMs?: number;
  /** The sources' last polls, for /healthz (when sources are polled). */
  sources?: () => readonly SourceSummary[];
}

/** A request body over the limit (found out while reading it when the sender gave no Content-Length). */
class PayloadTooLarge extends Error {
  override name = 'PayloadTooLarge';
}

/**
 * grammY's adapter for node's http server, with a byte cap while reading the body: a chunked request without
 * Content-Length cannot send more than `max` bytes.
 */
function cappedHttp(max: number) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const header = req.headers['x-telegram-bot-api-secret-token'];
    return {
      get update(): Promise<Update> {
        return new Promise<Update>((resolve, reject) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const onData = (chunk: Buffer) => {
            size += chunk.length;
            if (size > max) {
              req.off('data', onData);
              reject(new PayloadTooLarge(`request body over ${max} bytes`));
              return;
            }
            chunks.push(chunk);
          };
          req.on('data', onData);
          req.once('end', () => {
            if (size > max) return;
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Update);
            } catch (e) {
              reject(e);
            }
          });
          req.once('error', reject);
        });
      },
      header: Array.isArray(header) ? header[0] : header,
      end: () => res.end(),
      respond: (json: string) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(json),
      unauthorized: () => res.writeHead(401).end('secret token is wrong'),
    };
  };
}

/**
 * Logs a kind of refused request at most once per `windowMs`: the first at once, later ones as a count with
 * the next line. A flood of bad requests (a scanner, a misconfigured proxy) costs a few log lines, not one each.
 */
export function sampledWarn(logger: BotLogger, msg: string, windowMs: number): (fields: Record<string, unknown>) => void {
  let last = -Infinity;
  let skipped = 0;
  return (fields) => {
    const now = Date.now();
    if (now - last < windowMs) {
      skipped++;
      return;
    }
    logger.warn({ ...fields, ...(skipped ? { alsoRefusedSinceLastLine: skipped } : {}) }, msg);
    last = now;
    skipped = 0;
  };
}

/** The path part of WEBHOOK_URL ("/" when it has none). */
export function webhookPath(url: string): string {
  try {
    return new URL(url).pathname || '/';
  } catch {
    return '/';
  }
}

function sameSecret(given: string | string[] | undefined, secret: string): boolean {
  const g = Buffer.from(Array.isArray(given) ? (given[0] ?? '') : (given ?? ''));
  const s = Buffer.from(secret);
  return g.length === s.length && timingSafeEqual(g, s);
}

/**
 * Health as JSON: what the index holds, how long the bot has been up, and (when sources are polled) each
 * source's last poll: when, whether it answered, what it brought, its error.
 */
export function health(backend: BotBackend, sources?: () => readonly SourceSummary[]): Record<string, unknown> {
  const s = backend.engine.status();
  return {
    status: 'ok',
    statements: s.statements,
    sentences: s.sentences,
    newest: s.newest,
    indexBuiltAt: s.builtAt,
    embeddingModel: s.embeddingModel,
    uptimeSeconds: Math.round((Date.now() - backend.startedAt.getTime()) / 1000),
    ...(sources
      ? {
          sources: sources().map((x) => ({
            name: x.name,
            kind: x.kind,
            lastPoll: x.lastPoll || null,
            ok: x.lastPoll ? x.error === null : null,
            items: x.items,
            new: x.new,
            updated: x.updated,
            pending: x.pending,
            statements: x.total,
            lastError: x.error,
          })),
        }
      : {}),
  };
}

/**
 * Serves the webhook: POST `path` with the right secret header → the update goes to the bot (401 without it);
 * GET /healthz → 200 and the health JSON. Resolves once listening (port 0 picks a free port: see `address()`).
 */
export async function startWebhookServer(bot: Bot, o: WebhookOptions): Promise<http.Server> {
  if (!o.secret) throw new Error('a webhook needs a secret (WEBHOOK_SECRET)');
  const logger = o.logger ?? log;
  const maxBody = o.maxBodyBytes ?? 1024 * 1024;
  const handle = webhookCallback(bot, cappedHttp(maxBody), { secretToken: o.secret, onTimeout: 'return', timeoutMilliseconds: 9000 });
  const refusalMs = o.refusalLogMs ?? 60_000;
  const warnSecret = sampledWarn(logger, 'webhook request without the right secret token refused', refusalMs);
  const warnLarge = sampledWarn(logger, 'webhook request over the size limit refused', refusalMs);
  const tooLarge = (req: http.IncomingMessage, res: http.ServerResponse) => {
    warnLarge({ remote: req.socket.remoteAddress });
    // Stop reading what is left of it: answer, then close the connection.
    res.writeHead(413, { 'Content-Type': 'application/json', Connection: 'close' }).end(JSON.stringify({ error: 'payload too large' }), () => req.socket.destroy());
  };
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/healthz') {
        if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'method not allowed' });
        try {
          return json(res, 200, health(o.backend, o.sources));
        } catch (e) {
          logger.error({ err: errorFields(e) }, 'health check failed');
          return json(res, 503, { status: 'error' });
        }
      }
      if (url.pathname !== o.path) return json(res, 404, { error: 'not found' });
      if (req.method !== 'POST') return json(res, 405, { error: 'method not allowed' });
      if (!sameSecret(req.headers['x-telegram-bot-api-secret-token'], o.secret)) {
        warnSecret({ remote: req.socket.remoteAddress });
        return json(res, 401, { error: 'unauthorized' });
      }
      const length = Number(req.headers['content-length'] ?? 0);
      if (length > maxBody) return tooLarge(req, res);
      await handle(req, res);
    } catch (e) {
      if (e instanceof PayloadTooLarge) return tooLarge(req, res);
      logger.error({ err: errorFields(e) }, 'webhook request failed');
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
      else res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

export function serverPort(server: http.Server): number {
  return (server.address() as AddressInfo).port;
}
