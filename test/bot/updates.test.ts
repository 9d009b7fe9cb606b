/**
 * What the emulator cannot play, fed to the bot as crafted updates through `bot.handleUpdate`: inline mode,
 * stale buttons, the error boundary, the rate limit, per-chat ordering, uploads (size and content checks, the
 * real downloader against a local file server), a network failure (the token in no log line), the webhook
 * server's secret check and health endpoint, and `npm start` without a token.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Bot } from 'grammy';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AnswerEngine, IndexStatus } from '../../src/answer/api.js';
import { createBot, type BotBackend } from '../../src/bot/bot.js';
import { sampledWarn, serverPort, startWebhookServer } from '../../src/bot/server.js';
import { IndexManager } from '../../src/index/manager.js';
import type { Answer } from '../../src/types.js';
import {
  ADMIN_ID,
  BOT_INFO,
  botConfig,
  callbackUpdate,
  captureApi,
  checkTelegramHtml,
  closedPort,
  documentUpdate,
  inlineUpdate,
  recordingLogger,
  removeTempDirs,
  ROOT,
  SEED_SENTENCE,
  textUpdate,
  TOKEN,
  TOKEN_SECRET_PART,
  type ApiCall,
} from './helpers.js';

// Spawning `npm start` and waiting out network deadlines take a few seconds on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

let manager: IndexManager;
let seed: ReturnType<typeof botConfig>;

afterAll(() => removeTempDirs());

beforeAll(async () => {
  seed = botConfig();
  manager = await IndexManager.open(seed.config, { buildIfMissing: true });
}, 120_000);

const sent = (calls: ApiCall[], chatId?: number) =>
  calls.filter((c) => c.method === 'sendMessage' && (chatId === undefined || c.payload.chat_id === chatId)).map((c) => String(c.payload.text));

function seedBot(extra: Record<string, string> = {}, backend: BotBackend = manager) {
  const { config } = Object.keys(extra).length ? botConfig(extra) : seed;
  const logger = recordingLogger();
  const bot = createBot(backend, config, { botInfo: BOT_INFO, logger });
  const calls = captureApi(bot);
  return { bot, calls, logger };
}

/** A backend whose engine answers with a stub (for failures and timing). */
function stubBackend(ask: (q: string) => Promise<Answer>): BotBackend {
  const status: IndexStatus = { statements: 1, sentences: 1, oldest: null, newest: null, builtAt: new Date().toISOString(), embeddingModel: null };
  const engine: AnswerEngine = {
    ask,
    verify: async () => ({ quote: '', verdict: 'not_found', match: null, speakerMatches: null, changes: [] }),
    context: () => null,
    status: () => status,
  };
  return {
    engine,
    notice: null,
    startedAt: new Date(),
    reindex: async () => {
      throw new Error('not here');
    },
    corpus: {
      putFile: async () => {
        throw new Error('not here');
      },
      removeStatement: async () => null,
    },
  };
}

const notAnswered = (question: string): Answer => ({ question, lang: 'en', answered: false, answer: null, type: 'other', asks: [], citations: [] });

describe('inline mode', () => {
  it('offers the cited sentences to share, as HTML messages with the source', async () => {
    const { bot, calls } = seedBot();
    await bot.handleUpdate(inlineUpdate({ id: 1, lang: 'en' }, 'How many are remanded?'));
    const call = calls.find((c) => c.method === 'answerInlineQuery')!;
    expect(call).toBeDefined();
    const results = call.payload.results as { type: string; id: string; title: string; input_message_content: { message_text: string; parse_mode: string } }[];
    expect(results.length).toBeGreaterThan(0);
    expect(results[0]!.title).toBe('Answer: 380');
    expect(results[0]!.input_message_content.parse_mode).toBe('HTML');
    expect(results[0]!.input_message_content.message_text).toContain(`“${SEED_SENTENCE}”\n— Mats Löfving`);
    for (const r of results) expect(checkTelegramHtml(r.input_message_content.message_text)).toBeNull();
    expect(new Set(results.map((r) => r.id)).size).toBe(results.length);
  });

  it('offers nothing (and a help button) for a question the statements do not answer', async () => {
    const { bot, calls } = seedBot();
    await bot.handleUpdate(inlineUpdate({ id: 1, lang: 'en' }, 'What is the weather in Paris?'));
    const call = calls.find((c) => c.method === 'answerInlineQuery')!;
    expect(call.payload.results).toEqual([]);
    expect(call.payload.button).toEqual({ text: 'The statements do not answer this', start_parameter: 'help' });
  });
});

describe('buttons', () => {
  it('answers stale or foreign callback data with "this button has expired", and sends nothing', async () => {
    const { bot, calls } = seedBot();
    for (const data of ['c:AAAAAAAAAAA:0', 'm:nope', 'ctx:press-release-stockholm-gang-violence.md:3', '']) {
      await bot.handleUpdate(callbackUpdate({ id: 5, lang: 'en' }, data));
    }
    const answers = calls.filter((c) => c.method === 'answerCallbackQuery');
    expect(answers).toHaveLength(4);
    for (const a of answers) expect(a.payload.text).toBe('This button has expired. Ask the question again to get fresh buttons.');
    expect(sent(calls)).toEqual([]);
  });
});

describe('reliability', () => {
  it('catches a failing handler: logs it, and tells the user only a short apology', async () => {
    const backend = stubBackend(async () => {
      throw new Error('index file /srv/secret/path is corrupt: hunter2');
    });
    const { bot, calls, logger } = seedBot({}, backend);
    await bot.handleUpdate(textUpdate({ id: 7, lang: 'sv' }, 'Hur många sitter häktade?'));
    expect(sent(calls)).toEqual(['Förlåt, något gick fel när jag skulle svara. Försök igen om en stund.']);
    expect(logger.lines.some((l) => l.startsWith('error') && l.includes('failed to handle an update') && l.includes('hunter2'))).toBe(true);
  });

  it('limits each user: one polite "slow down" per window, others unaffected', async () => {
    const { bot, calls } = seedBot({ RATE_LIMIT_MESSAGES: '2', RATE_LIMIT_WINDOW_MS: '60000' });
    for (let i = 0; i < 5; i++) await bot.handleUpdate(textUpdate({ id: 11, lang: 'en' }, 'How many are remanded?'));
    await bot.handleUpdate(textUpdate({ id: 12, lang: 'en' }, 'How many are remanded?'));
    const a = sent(calls, 11);
    expect(a).toHaveLength(3);
    expect(a.slice(0, 2).every((t) => t.startsWith('<b>Answer:</b> 380'))).toBe(true);
    expect(a[2]).toMatch(/^Please slow down/);
    expect(sent(calls, 12)).toHaveLength(1);
    expect(sent(calls, 12)[0]).toMatch(/^<b>Answer:<\/b> 380/);
  });

  it('keeps the order of one chat while other chats go on concurrently', async () => {
    const delays: Record<string, number> = { 'first slow': 250, 'second fast': 0, 'other chat': 0 };
    const backend = stubBackend(async (q) => {
      await new Promise((r) => setTimeout(r, delays[q] ?? 0));
      return notAnswered(q);
    });
    const { bot, calls } = seedBot({}, backend);
    const order: string[] = [];
    bot.api.config.use(async (prev, method, payload, signal) => {
      if (method === 'sendMessage') order.push(`${(payload as { chat_id: number }).chat_id}:${/“(.*?)”/.exec(String((payload as { text: string }).text))?.[1]}`);
      return prev(method, payload, signal);
    });
    const p1 = bot.handleUpdate(textUpdate({ id: 21, lang: 'en' }, 'first slow'));
    const p2 = bot.handleUpdate(textUpdate({ id: 21, lang: 'en' }, 'second fast'));
    const p3 = bot.handleUpdate(textUpdate({ id: 22, lang: 'en' }, 'other chat'));
    await Promise.all([p1, p2, p3]);
    expect(order).toEqual(['22:other chat', '21:first slow', '21:second fast']);
    expect(sent(calls)).toHaveLength(3);
  });

  it('never puts the token in a log line or a reply when Telegram cannot be reached', async () => {
    const port = await closedPort();
    const { config } = botConfig({ TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` });
    const logger = recordingLogger();
    const bot = createBot(manager, config, { botInfo: BOT_INFO, logger, apiDeadlineMs: 600 });
    const payloads: string[] = [];
    bot.api.config.use((prev, method, payload, signal) => {
      payloads.push(`${method} ${JSON.stringify(payload)}`);
      return prev(method, payload, signal);
    });
    const started = Date.now();
    await bot.handleUpdate(textUpdate({ id: 31, lang: 'en' }, 'How many are remanded?'));
    expect(Date.now() - started).toBeLessThan(5000);
    // The answer and the apology were attempted, and both failed on the network.
    expect(payloads.filter((p) => p.startsWith('sendMessage'))).toHaveLength(2);
    const all = logger.lines.join('\n');
    expect(all).toContain('ECONNREFUSED');
    expect(all).toContain('failed to handle an update');
    expect(all).not.toContain(TOKEN_SECRET_PART);
    for (const p of payloads) expect(p).not.toContain(TOKEN_SECRET_PART);
  });
});

describe('admin', () => {
  it('/status shows statements, sentences, newest, index age, lexical-only search and uptime; /help lists admin commands', async () => {
    const { bot, calls } = seedBot();
    await bot.handleUpdate(textUpdate({ id: ADMIN_ID, lang: 'en' }, '/status'));
    const [s] = sent(calls);
    expect(s).toMatch(/^<b>Status<\/b>\nStatements: 1\nSentences: 21\nNewest statement: date unknown\nOldest statement: date unknown\nIndex built \d+ s ago\nSearch: lexical only \(no embedding model\)\nUptime: \d+ s$/);
    await bot.handleUpdate(textUpdate({ id: ADMIN_ID, lang: 'en' }, '/help'));
    expect(sent(calls)[1]).toContain('<b>Admin:</b> /status, /reindex');
  });

  it('/remove takes a statement out of the index and moves its file aside, so a re-index does not bring it back', async () => {
    const own = botConfig();
    const m = await IndexManager.open(own.config, { buildIfMissing: true });
    const bot = createBot(m, own.config, { botInfo: BOT_INFO, logger: recordingLogger() });
    const calls = captureApi(bot);
    await bot.handleUpdate(textUpdate({ id: 41, lang: 'en' }, '/remove press-release-stockholm-gang-violence.md'));
    expect(sent(calls)[0]).toMatch(/^Sorry, that command is only for/);
    expect(m.engine.status().statements).toBe(1);

    await bot.handleUpdate(textUpdate({ id: ADMIN_ID, lang: 'en' }, '/remove press-release-stockholm-gang-violence.md'));
    expect(sent(calls)[1]).toContain('<code>press-release-stockholm-gang-violence.md</code> is removed from the index.');
    expect(m.engine.status().statements).toBe(0);
    expect(existsSync(join(own.corpus, 'press-release-stockholm-gang-violence.md'))).toBe(false);
    expect(existsSync(join(own.corpus, '.removed', 'press-release-stockholm-gang-violence.md'))).toBe(true);
    await m.reindex({ force: true });
    expect(m.engine.status().statements).toBe(0);

    await bot.handleUpdate(textUpdate({ id: ADMIN_ID, lang: 'en' }, '/remove no-such-id.md'));
    expect(sent(calls)[2]).toBe('There is no statement with id <code>no-such-id.md</code>. Nothing was changed.');
  });
});

describe('uploads', () => {
  const PAGE = `<!doctype html><html><head><title>Drönare stoppade flygtrafiken vid Arlanda</title>
<link rel="canonical" href="https://polisen.se/aktuellt/dronare-arlanda/"></head>
<body><main><h1>Drönare stoppade flygtrafiken vid Arlanda</h1>
<p>Flygtrafiken vid Arlanda stoppades i två timmar på fredagen efter att en drönare observerats nära landningsbanan.</p>
<p>Polisen utreder händelsen som grovt sabotage.</p></main></body></html>`;

  let files: http.Server;
  let filePort: number;
  const served: string[] = [];
  beforeAll(async () => {
    // Plays the Bot API's file endpoint: GET /file/bot<token>/<file_path>.
    files = http.createServer((req, res) => {
      served.push(req.url ?? '');
      if (req.url === `/file/bot${TOKEN}/documents/file_7.html`) res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(PAGE);
      else if (req.url === `/file/bot${TOKEN}/documents/huge.txt`) {
        // No content-length: the size is found out while streaming.
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('Hej hej. '.repeat(2000));
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
    filePort = (files.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => files.close(() => r())));

  function uploadBot(extra: Record<string, string> = {}) {
    const own = botConfig({ TELEGRAM_API_ROOT: `http://127.0.0.1:${filePort}`, ...extra });
    return { own, open: () => IndexManager.open(own.config, { buildIfMissing: true }) };
  }

  it('downloads with the real downloader, judges the content (HTML, though named .txt), saves and indexes it', async () => {
    const { own, open } = uploadBot();
    const m = await open();
    const logger = recordingLogger();
    const bot = createBot(m, own.config, { botInfo: BOT_INFO, logger });
    const calls = captureApi(bot, { getFile: (p) => ({ file_id: p.file_id, file_unique_id: 'u7', file_size: PAGE.length, file_path: 'documents/file_7.html' }) });
    await bot.handleUpdate(documentUpdate({ id: ADMIN_ID, lang: 'en' }, { file_id: 'f7', file_name: 'notes.txt', file_size: PAGE.length }));
    expect(sent(calls)).toEqual(['✅ Saved as <code>notes.html</code> and indexed: 1 statement added.']);
    expect(readFileSync(join(own.corpus, 'notes.html'), 'utf8')).toBe(PAGE);
    expect(m.engine.status().statements).toBe(2);

    await bot.handleUpdate(textUpdate({ id: ADMIN_ID, lang: 'sv' }, 'Hur länge stoppades flygtrafiken vid Arlanda?'));
    expect(sent(calls)[1]).toContain('”Flygtrafiken vid Arlanda stoppades i två timmar på fredagen efter att en drönare observerats nära landningsbanan.”');
    expect(logger.lines.join('\n')).not.toContain(TOKEN_SECRET_PART);
  });

  it('refuses a file over MAX_UPLOAD_BYTES before downloading it', async () => {
    const { own, open } = uploadBot({ MAX_UPLOAD_BYTES: '1000' });
    const m = await open();
    const bot = createBot(m, own.config, { botInfo: BOT_INFO, logger: recordingLogger() });
    const calls = captureApi(bot);
    await bot.handleUpdate(documentUpdate({ id: ADMIN_ID, lang: 'en' }, { file_id: 'big', file_name: 'big.md', file_size: 5000 }));
    expect(sent(calls)).toEqual(['The file is too large (4.9 KiB; the limit is 1000 B, MAX_UPLOAD_BYTES). It was not downloaded.']);
    expect(calls.some((c) => c.method === 'getFile')).toBe(false);
  });

  it('stops a download that turns out larger than the limit, and saves nothing', async () => {
    const { own, open } = uploadBot({ MAX_UPLOAD_BYTES: '1000' });
    const m = await open();
    const bot = createBot(m, own.config, { botInfo: BOT_INFO, logger: recordingLogger() });
    const calls = captureApi(bot, { getFile: (p) => ({ file_id: p.file_id, file_unique_id: 'uh', file_path: 'documents/huge.txt' }) });
    await bot.handleUpdate(documentUpdate({ id: ADMIN_ID, lang: 'en' }, { file_id: 'huge', file_name: 'huge.txt' }));
    expect(sent(calls)).toEqual(['The file is too large (> 1000 B; the limit is 1000 B, MAX_UPLOAD_BYTES). It was not downloaded.']);
    expect(readdirSync(own.corpus)).toEqual(['press-release-stockholm-gang-violence.md']);
  });

  it('refuses a binary file whatever its name, and saves nothing', async () => {
    const { own, open } = uploadBot();
    const m = await open();
    const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >>\nendobj\n');
    const bot = createBot(m, own.config, { botInfo: BOT_INFO, logger: recordingLogger(), download: async () => pdf });
    const calls = captureApi(bot);
    await bot.handleUpdate(documentUpdate({ id: ADMIN_ID, lang: 'en' }, { file_id: 'pdf', file_name: 'statement.md', file_size: pdf.length }));
    expect(sent(calls)).toEqual(['The file was not added: its content is not text, HTML or JSON Lines (PDF document).']);
    expect(readdirSync(own.corpus)).toEqual(['press-release-stockholm-gang-violence.md']);
    expect(m.engine.status().statements).toBe(1);
  });
});

describe('webhook mode', () => {
  it('accepts updates only with the right secret header, and serves GET /healthz', async () => {
    const { bot, calls, logger } = seedBot();
    const server = await startWebhookServer(bot, { secret: 'the-Secret_123', path: '/tg', port: 0, host: '127.0.0.1', backend: manager, logger });
    const base = `http://127.0.0.1:${serverPort(server)}`;
    try {
      const update = JSON.stringify(textUpdate({ id: 51, lang: 'en' }, 'How many are remanded?'));
      const post = (headers: Record<string, string>) => fetch(`${base}/tg`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: update });

      expect((await post({})).status).toBe(401);
      expect((await post({ 'X-Telegram-Bot-Api-Secret-Token': 'wrong' })).status).toBe(401);
      expect(sent(calls)).toEqual([]);

      const ok = await post({ 'X-Telegram-Bot-Api-Secret-Token': 'the-Secret_123' });
      expect(ok.status).toBe(200);
      expect(sent(calls, 51)[0]).toMatch(/^<b>Answer:<\/b> 380/);

      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', statements: 1, sentences: 21, embeddingModel: null });
      expect((await fetch(`${base}/tg`)).status).toBe(405);
      expect((await fetch(`${base}/elsewhere`, { method: 'POST' })).status).toBe(404);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('webhook limits (issue 11, finding 9)', () => {
  /** POSTs `body` in chunks, without Content-Length (Transfer-Encoding: chunked). */
  function postChunked(port: number, secret: string, chunks: string[]): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/tg', method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret } });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      // The server may close the connection before the whole body is sent: that is the point.
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' || (e as NodeJS.ErrnoException).code === 'EPIPE' ? undefined : reject(e)));
      for (const c of chunks) req.write(c);
      req.end();
    });
  }

  it('a chunked request without Content-Length cannot pass the 1 MiB cap', async () => {
    const { bot, calls, logger } = seedBot();
    const server = await startWebhookServer(bot, { secret: 's3cret', path: '/tg', port: 0, host: '127.0.0.1', backend: manager, logger });
    try {
      const update = JSON.stringify(textUpdate({ id: 61, lang: 'en' }, 'How many are remanded?'));
      // A valid update padded with 2 MiB of spaces, sent in 64 KiB chunks.
      const body = update.slice(0, -1) + ' '.repeat(2 << 20) + '}';
      const chunks = Array.from({ length: Math.ceil(body.length / 65536) }, (_, i) => body.slice(i * 65536, (i + 1) * 65536));
      expect(await postChunked(serverPort(server), 's3cret', chunks)).toBe(413);
      expect(sent(calls, 61)).toEqual([]);
      // Under the cap, chunked is fine.
      expect(await postChunked(serverPort(server), 's3cret', [update.slice(0, 10), update.slice(10)])).toBe(200);
      expect(sent(calls, 61)[0]).toMatch(/^<b>Answer:<\/b> 380/);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('refused requests are logged once per window with a count, not once each', async () => {
    const { bot, logger } = seedBot();
    const server = await startWebhookServer(bot, { secret: 's3cret', path: '/tg', port: 0, host: '127.0.0.1', backend: manager, logger, refusalLogMs: 60_000 });
    try {
      for (let i = 0; i < 50; i++) {
        const r = await fetch(`http://127.0.0.1:${serverPort(server)}/tg`, { method: 'POST', headers: { 'x-telegram-bot-api-secret-token': `wrong${i}` }, body: '{}' });
        expect(r.status).toBe(401);
      }
      expect(logger.lines.filter((l) => l.includes('secret token refused'))).toHaveLength(1);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
    const fields: Record<string, unknown>[] = [];
    let now = 0;
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => now);
    try {
      const warn = sampledWarn({ warn: (f: Record<string, unknown>) => fields.push(f) } as never, 'refused', 1000);
      for (now = 0; now < 2500; now += 100) warn({ n: now });
    } finally {
      clock.mockRestore();
    }
    expect(fields).toEqual([{ n: 0 }, { n: 1000, alsoRefusedSinceLastLine: 9 }, { n: 2000, alsoRefusedSinceLastLine: 9 }]);
  });
});

describe('npm start', () => {
  it('without TELEGRAM_BOT_TOKEN exits with one line saying where to get one', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/bot/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, TELEGRAM_BOT_TOKEN: '', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^✗ TELEGRAM_BOT_TOKEN is not set: .*@BotFather/);
    expect(r.stdout).toBe('');
  });

  it('says so before compiling anything (scripts/start.mjs, what `npm start` runs), with the same line', () => {
    const env = { ...process.env, TELEGRAM_BOT_TOKEN: '', LOG_LEVEL: 'silent' };
    const r = spawnSync(process.execPath, ['scripts/start.mjs'], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(1);
    // Compiling would first say "compiling src/ to dist/ …" on stderr.
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^✗ TELEGRAM_BOT_TOKEN is not set: .*@BotFather/)]);
    const direct = spawnSync(process.execPath, ['--import', 'tsx', 'src/bot/main.ts'], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe(direct.stderr);
    const help = spawnSync(process.execPath, ['scripts/start.mjs', '--help'], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm start/);
  });
});

export type { Bot };
