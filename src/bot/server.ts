/**
 * Running the bot: long polling through @grammyjs/runner (per-chat order from `sequentialize` in bot.ts,
 * concurrency across chats), or a webhook on node's http server behind HTTPS, with a health endpoint.
 */
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { webhookCallback, type Bot, type Transformer } from 'grammy';
import { log } from '../log.js';
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
  /** Largest update body accepted, in bytes (default 1 MiB). */
  maxBodyBytes?: number;
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

/** Health as JSON: what the index holds and how long the bot has been up. */
export function health(backend: BotBackend): Record<string, unknown> {
  const s = backend.engine.status();
  return {
    status: 'ok',
    statements: s.statements,
    sentences: s.sentences,
    newest: s.newest,
    indexBuiltAt: s.builtAt,
    embeddingModel: s.embeddingModel,
    uptimeSeconds: Math.round((Date.now() - backend.startedAt.getTime()) / 1000),
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
  const handle = webhookCallback(bot, 'http', { secretToken: o.secret, onTimeout: 'return', timeoutMilliseconds: 9000 });
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/healthz') {
        if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'method not allowed' });
        try {
          return json(res, 200, health(o.backend));
        } catch (e) {
          logger.error({ err: errorFields(e) }, 'health check failed');
          return json(res, 503, { status: 'error' });
        }
      }
      if (url.pathname !== o.path) return json(res, 404, { error: 'not found' });
      if (req.method !== 'POST') return json(res, 405, { error: 'method not allowed' });
      if (!sameSecret(req.headers['x-telegram-bot-api-secret-token'], o.secret)) {
        logger.warn({ remote: req.socket.remoteAddress }, 'webhook request without the right secret token refused');
        return json(res, 401, { error: 'unauthorized' });
      }
      const length = Number(req.headers['content-length'] ?? 0);
      if (length > maxBody) return json(res, 413, { error: 'payload too large' });
      await handle(req, res);
    } catch (e) {
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
