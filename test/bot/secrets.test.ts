/**
 * Secrets: the bot token is in no log line and no reply — when a request fails on the network (the API root a
 * closed localhost port: node-fetch's error message holds the request URL, and so the token), when Telegram
 * answers with an error whose description holds the URL (GrammyError), when a download fails, while long polling
 * fails, when `npm start` runs against a Bot API that refuses everything, and in /status. The project logger
 * (pino on fd 2) is captured from child processes; in-process checks use the bot's logger injection.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { GrammyError, HttpError } from 'grammy';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBot } from '../../src/bot/bot.js';
import { errorFields, redact } from '../../src/bot/safe-log.js';
import { telegramDownloader } from '../../src/bot/upload.js';
import { IndexManager } from '../../src/index/manager.js';
import { ADMIN_ID, BOT_INFO, botConfig, closedPort, recordingLogger, removeTempDirs, ROOT, TOKEN, TOKEN_SECRET_PART } from './helpers.js';
import { fakeApi, privateChat, textMessage, user } from './harness.js';
import { runNode } from '../helpers.js';

vi.setConfig({ testTimeout: 120_000 });

afterAll(() => removeTempDirs());

/** The token in every shape a leak could take: whole, its secret part, URL-encoded. */
function leaks(text: string, token = TOKEN): string[] {
  const secret = token.split(':')[1]!;
  return [token, secret, encodeURIComponent(token), secret.slice(0, 20)].filter((s) => text.includes(s));
}

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { config, dir } = botConfig();
  return {
    ...process.env,
    CORPUS_PATHS: config.CORPUS_PATHS.join(','),
    INDEX_DIR: join(dir, 'index'),
    EMBEDDING_MODEL: 'none',
    TELEGRAM_BOT_TOKEN: TOKEN,
    ADMIN_USER_IDS: String(ADMIN_ID),
    LOG_LEVEL: 'debug',
    WEBHOOK_URL: '',
    ...extra,
  };
}

describe('the project logger, captured from a child process', () => {
  it('with Telegram unreachable (closed localhost port): question, upload, /status, getMe and polling all fail — no token in stderr or stdout', () => {
    let port = 0;
    const env = () => childEnv({ TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` });
    return closedPort().then(async (p) => {
      port = p;
      const r = await runNode(['--import', 'tsx', 'test/bot/secrets-child.ts'], env());
      const out = `${r.stdout}\n${r.stderr}`;
      const lines = r.stderr.split('\n').filter(Boolean);
      const count = (s: string) => lines.filter((l) => l.includes(s)).length;
      console.log(
        `[secrets] unreachable: ${lines.length} log lines (${count('Telegram API request failed')} failed requests, ${count('failed to handle an update')} handler errors, ${count('[redacted-token]')} with "[redacted-token]" where a URL held the token); token found: ${leaks(out).length}`,
      );
      expect(r.status, r.stderr.slice(-2000)).toBe(0);
      expect(out).toContain('child done');
      // The failures really happened, with the URL (redacted) in them…
      expect(count('ECONNREFUSED')).toBeGreaterThan(3);
      expect(count('failed to handle an update')).toBeGreaterThanOrEqual(1);
      expect(out).toMatch(/\/bot\[redacted-token\]\/(sendMessage|getMe|getUpdates|getFile)/);
      for (const m of ['sendMessage', 'sendChatAction', 'getFile', 'getMe', 'getUpdates']) expect(out, m).toContain(`"method":"${m}"`);
      // …and the token is nowhere.
      expect(leaks(out)).toEqual([]);
    });
  });

  it('npm start against a Bot API that echoes the request URL (with the token) in every error: no token in its output, nor in what it sends', async () => {
    const bodies: string[] = [];
    const seen: string[] = [];
    let getUpdates = 0;
    const echo = (res: http.ServerResponse, url: string, code = 400) =>
      res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: code, description: `Bad Request: no such thing at ${url} (token ${TOKEN})` }));
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const method = (req.url ?? '').split('/').pop()!;
        seen.push(method);
        bodies.push(body);
        if (method === 'getMe') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: BOT_INFO }));
        if (method === 'getUpdates') {
          getUpdates++;
          if (getUpdates === 1) {
            const u = textMessage(privateChat(user(5002, { language_code: 'en' })), user(5002, { language_code: 'en' }), 'How many are remanded?');
            return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: [{ ...u, update_id: 1 }] }));
          }
          if (getUpdates <= 3) return echo(res, req.url ?? '');
          return setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: [] })), 200);
        }
        echo(res, req.url ?? '');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/bot/main.ts'], { cwd: ROOT, env: childEnv({ TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` }), stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c) => (stdout += c));
      child.stderr.on('data', (c) => (stderr += c));
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      // Wait until the answer and the apology were both refused, and polling failed twice, then stop it.
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && !(seen.filter((m) => m === 'sendMessage').length >= 2 && getUpdates >= 4)) await new Promise((r) => setTimeout(r, 50));
      child.kill('SIGTERM');
      const code = await exited;
      const out = `${stdout}\n${stderr}`;
      const lines = stderr.split('\n').filter(Boolean);
      console.log(`[secrets] npm start vs an echoing API: ${seen.length} requests (${seen.filter((m) => m === 'sendMessage').length} sendMessage), ${lines.length} log lines, ${lines.filter((l) => l.includes('[redacted-token]')).length} with "[redacted-token]"; exit ${code}; token found: ${leaks(out).length}`);
      expect(seen.filter((m) => m === 'sendMessage').length).toBeGreaterThanOrEqual(2);
      expect(code).toBe(0);
      expect(stderr).toContain('failed to handle an update');
      expect(stderr).toContain('Bad Request: no such thing at /bot[redacted-token]/sendMessage (token [redacted-token])');
      expect(leaks(out)).toEqual([]);
      // What the bot sent (message texts, commands) never holds the token either.
      expect(leaks(bodies.join('\n'))).toEqual([]);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('in-process', () => {
  let manager: IndexManager;
  let seed: ReturnType<typeof botConfig>;
  beforeAll(async () => {
    seed = botConfig();
    manager = await IndexManager.open(seed.config, { buildIfMissing: true });
  }, 120_000);

  it('errorFields / redact: GrammyError and HttpError carrying the URL, causes, stacks, a token of any shape once registered', async () => {
    const url = `http://127.0.0.1:1/bot${TOKEN}/sendMessage`;
    const fetchError = Object.assign(new Error(`request to ${url} failed, reason: connect ECONNREFUSED 127.0.0.1:1`), { name: 'FetchError', code: 'ECONNREFUSED', cause: new Error(`inner ${url}`) });
    fetchError.stack = `FetchError: request to ${url} failed\n    at ${url}\n    at x`;
    const http = new HttpError(`Network request for 'sendMessage' failed! request to ${url}`, fetchError);
    const grammy = new GrammyError(`Call to 'sendMessage' failed! (400: Bad Request: ${url})`, { ok: false, error_code: 400, description: `Bad Request: ${url}` }, 'sendMessage', { chat_id: 1, text: TOKEN });
    for (const e of [http, grammy, fetchError, `plain string ${url}`, { toString: () => url }]) {
      const fields = JSON.stringify(errorFields(e));
      expect(leaks(fields), fields).toEqual([]);
    }
    expect(JSON.stringify(errorFields(http))).toContain('[redacted-token]');
    // A token that does not look like one (a local Bot API server may use any): redacted once createBot saw it.
    const odd = 'local-test:short';
    const { config } = botConfig({ TELEGRAM_BOT_TOKEN: odd });
    createBot(manager, config, { botInfo: BOT_INFO, logger: recordingLogger() });
    expect(redact(`http://x/bot${odd}/getMe`)).toBe('http://x/bot[redacted-token]/getMe');
  });

  it('the real downloader: its errors (network, HTTP, cut-off stream) never carry the file URL', async () => {
    const port = await closedPort();
    const server = http.createServer((req, res) => {
      if (req.url?.endsWith('/cut.md')) {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100000' });
        res.write('x'.repeat(1000));
        setTimeout(() => res.destroy(), 20);
      } else res.writeHead(404).end(`not found: ${req.url}`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const apiFor = (path: string) => ({ getFile: async () => ({ file_id: 'f', file_unique_id: 'f', file_path: path }) }) as never;
      const roots = [`http://127.0.0.1:${port}`, `http://127.0.0.1:${(server.address() as AddressInfo).port}`];
      const errors: unknown[] = [];
      for (const [root, path] of [[roots[0]!, 'documents/a.md'], [roots[1]!, 'documents/missing.md'], [roots[1]!, 'documents/cut.md']] as const) {
        await telegramDownloader({ token: TOKEN, apiRoot: root })(apiFor(path), 'f', 1_000_000).then(
          () => errors.push(new Error('no error')),
          (e) => errors.push(e),
        );
      }
      const text = errors.map((e) => `${String(e)} ${(e as Error).stack} ${JSON.stringify(errorFields(e))}`).join('\n');
      expect(errors.map((e) => (e as Error).name)).toEqual(['DownloadError', 'DownloadError', 'DownloadError']);
      expect(text).toMatch(/ECONNREFUSED/);
      expect(leaks(text)).toEqual([]);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('/status, /help and the apology hold no token; the bot logs the failure redacted', async () => {
    const logger = recordingLogger();
    const bot = createBot(manager, seed.config, { botInfo: BOT_INFO, logger });
    const url = `https://api.telegram.org/bot${TOKEN}/sendMessage`;
    let fail = false;
    const api = fakeApi(bot);
    // Between the fake API and the bot: one sendMessage fails as node-fetch would, the URL in the message.
    bot.api.config.use(async (prev, method, payload, signal) => {
      if (fail && method === 'sendMessage') {
        fail = false;
        throw new HttpError(`Network request for 'sendMessage' failed! request to ${url} failed`, Object.assign(new Error(`request to ${url} failed, reason: socket hang up`), { name: 'FetchError' }));
      }
      return prev(method, payload, signal);
    });
    const admin = user(ADMIN_ID, { language_code: 'en' });
    await bot.handleUpdate(textMessage(privateChat(admin), admin, '/status'));
    await bot.handleUpdate(textMessage(privateChat(admin), admin, '/help'));
    fail = true;
    await bot.handleUpdate(textMessage(privateChat(admin), admin, 'How many are remanded?'));
    const sent = api.calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text));
    expect(sent[0]).toMatch(/^<b>Status<\/b>/);
    expect(sent.at(-1)).toBe('Sorry, something went wrong while answering. Please try again in a moment.');
    expect(leaks(JSON.stringify(api.calls))).toEqual([]);
    const logs = logger.lines.join('\n');
    expect(logs).toContain('failed to handle an update');
    expect(logs).toContain('/bot[redacted-token]/sendMessage');
    expect(leaks(logs)).toEqual([]);
  });
});
