/**
 * Flood: one user sending 100 messages within a second is rate-limited (RATE_LIMIT_MESSAGES answered, one polite
 * "slow down", the rest dropped without touching the engine or the API) and other users keep getting prompt
 * answers. Measured twice: with updates handed to `bot.handleUpdate` concurrently (as a webhook would), and
 * through the real long-polling runner (`startPolling`) fed by a local fake Bot API. Every Bot API call is
 * answered locally after a simulated network delay; nothing leaves the process.
 *
 * The limiter (@grammyjs/ratelimiter's memory store) counts in fixed windows that start when the bot is created,
 * so each flood starts right after its bot is created and ends well inside the first window.
 */
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AnswerEngine } from '../../src/answer/api.js';
import { createBot, type BotBackend } from '../../src/bot/bot.js';
import { startPolling } from '../../src/bot/server.js';
import { IndexManager } from '../../src/index/manager.js';
import { BOT_INFO, botConfig, recordingLogger, removeTempDirs } from './helpers.js';
import { fakeApi, messageUpdate, privateChat, sleep, textMessage, user, type Call, type ChatSpec, type Person } from './harness.js';

vi.setConfig({ testTimeout: 120_000 });

const LIMIT = 5;
const WINDOW_MS = 3000;
/** Simulated network round trip of each Bot API call. */
const LATENCY_MS = 15;
/** Generous bound on another user's answer time while the flood runs. */
const PROMPT_MS = 5000;
const QUESTION = 'How many are remanded?';

let manager: IndexManager;
let seed: ReturnType<typeof botConfig>;

beforeAll(async () => {
  seed = botConfig({ RATE_LIMIT_MESSAGES: String(LIMIT), RATE_LIMIT_WINDOW_MS: String(WINDOW_MS) });
  manager = await IndexManager.open(seed.config, { buildIfMissing: true });
}, 120_000);
afterAll(() => removeTempDirs());

/** The manager with its engine's `ask` counted per question. */
function countingBackend(): { backend: BotBackend; asked: string[] } {
  const asked: string[] = [];
  const backend: BotBackend = {
    get engine() {
      const e = manager.engine;
      const wrapped: AnswerEngine = {
        ask: (q, o) => {
          asked.push(q);
          return e.ask(q, o);
        },
        verify: (q, s) => e.verify(q, s),
        context: (d, s, n) => e.context(d, s, n),
        status: () => e.status(),
      };
      return wrapped;
    },
    notice: manager.notice,
    startedAt: manager.startedAt,
    reindex: (o) => manager.reindex(o),
    corpus: manager.corpus,
  };
  return { backend, asked };
}

function floodBot(extra: Record<string, string> = {}) {
  const { config } = Object.keys(extra).length ? botConfig({ RATE_LIMIT_MESSAGES: String(LIMIT), RATE_LIMIT_WINDOW_MS: String(WINDOW_MS), ...extra }) : seed;
  const { backend, asked } = countingBackend();
  const logger = recordingLogger();
  const bot = createBot(backend, config, { botInfo: BOT_INFO, logger });
  const api = fakeApi(bot, { latencyMs: (m) => (m === 'getUpdates' ? 0 : LATENCY_MS) });
  return { bot, api, asked, logger };
}

const sentTo = (calls: Call[], chatId: number) => calls.filter((c) => c.method === 'sendMessage' && c.payload.chat_id === chatId);
const isAnswer = (c: Call) => /^<b>(Answer|Svar):<\/b> 380/.test(String(c.payload.text));
const isSlowDown = (c: Call) => /^Please slow down/.test(String(c.payload.text));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');

let probeId = 70_000;

/** Sends `n` messages from `from` in `chat`, spread evenly over `spanMs`; resolves with every handling promise. */
function flood(send: (u: Update) => Promise<void>, chat: ChatSpec, from: Person, n: number, spanMs: number, text: (i: number) => string): Promise<void[]> {
  return Promise.all(
    Array.from({ length: n }, (_, i) =>
      sleep((i * spanMs) / n).then(() => send(textMessage(chat, from, text(i)))),
    ),
  );
}

describe('flood from one user', () => {
  it('100 messages in a second: 5 answered, one "slow down", 94 dropped; other users answered promptly (handleUpdate, concurrent)', async () => {
    const { bot, api, asked, logger } = floodBot();
    const flooder = user(61_001, { language_code: 'en' });
    const fchat = privateChat(flooder);

    /** One question from a new user; resolves with the time until the answer was handed to the API. */
    const probe = async (chat?: ChatSpec): Promise<number> => {
      const u = user(probeId++, { language_code: 'en' });
      const c = chat ?? privateChat(u);
      const start = performance.now();
      const from = api.calls.length;
      await bot.handleUpdate(textMessage(c, u, chat ? `@${BOT_INFO.username} ${QUESTION}` : QUESTION));
      const answer = api.calls.slice(from).find((x) => x.method === 'sendMessage' && x.payload.chat_id === c.id && isAnswer(x));
      expect(answer, `user ${u.id} got no answer`).toBeDefined();
      return answer!.done! - start;
    };

    const floodStart = performance.now();
    const flooding = flood((u) => bot.handleUpdate(u), fchat, flooder, 100, 500, () => QUESTION);
    // Other users ask while the flood runs.
    const during: number[] = [];
    for (let i = 0; i < 8; i++) {
      await sleep(50);
      during.push(await probe());
    }
    await flooding;
    const floodMs = performance.now() - floodStart;

    // The same question from new users once the flood is over.
    const alone: number[] = [];
    for (let i = 0; i < 8; i++) alone.push(await probe());

    const toFlooder = sentTo(api.calls, fchat.id);
    const answers = toFlooder.filter(isAnswer);
    const notices = toFlooder.filter(isSlowDown);
    const flooderAsks = asked.slice(0, asked.length - during.length - alone.length);
    const flooderCalls = api.calls.filter((c) => c.payload.chat_id === fchat.id);
    console.log(
      `[flood] handleUpdate: 100 messages in ${floodMs.toFixed(0)} ms → ${answers.length} answers, ${notices.length} slow-down notice, ${100 - flooderAsks.length - notices.length} dropped (engine asked ${flooderAsks.length}×, ${flooderCalls.length} API calls for the flooder); ` +
        `another user's answer during the flood: median ${median(during).toFixed(0)} ms (${fmt(during)}), alone: median ${median(alone).toFixed(0)} ms (${fmt(alone)}); simulated API latency ${LATENCY_MS} ms`,
    );
    expect(floodMs).toBeLessThan(WINDOW_MS);
    expect(answers).toHaveLength(LIMIT);
    expect(notices).toHaveLength(1);
    expect(toFlooder).toHaveLength(LIMIT + 1);
    expect(flooderAsks).toHaveLength(LIMIT);
    // The answered messages each cost one sendMessage and one typing action; the notice one sendMessage; nothing else.
    expect(flooderCalls).toHaveLength(2 * LIMIT + 1);
    for (const t of during) expect(t).toBeLessThan(PROMPT_MS);
    // Not slower than alone, give or take scheduling noise.
    expect(median(during)).toBeLessThan(median(alone) + 500);
    expect(logger.lines.filter((l) => l.startsWith('error'))).toEqual([]);
  });

  it('a flood in a group does not hold up the other members beyond a bound (per-chat order)', async () => {
    const { bot, api } = floodBot();
    const group: ChatSpec = { id: -7_000_001, type: 'supergroup', title: 'Busy group' };
    const flooder = user(61_002, { language_code: 'en' });
    const floodStart = performance.now();
    const flooding = flood((u) => bot.handleUpdate(u), group, flooder, 100, 500, () => `@${BOT_INFO.username} ${QUESTION}`);
    const during: number[] = [];
    for (let i = 0; i < 6; i++) {
      await sleep(60);
      const member = user(probeId++, { language_code: 'en' });
      const start = performance.now();
      const from = api.calls.length;
      await bot.handleUpdate(textMessage(group, member, `@${BOT_INFO.username} ${QUESTION}`));
      const answer = api.calls.slice(from).find((x) => x.method === 'sendMessage' && isAnswer(x) && (x.payload.reply_parameters as { message_id?: number } | undefined)?.message_id !== undefined);
      expect(answer).toBeDefined();
      during.push(performance.now() - start);
    }
    await flooding;
    const floodMs = performance.now() - floodStart;
    const notices = sentTo(api.calls, group.id).filter(isSlowDown);
    console.log(`[flood] group: 100 mentions in ${floodMs.toFixed(0)} ms → ${notices.length} slow-down notice; another member's answer during the flood: median ${median(during).toFixed(0)} ms (${fmt(during)})`);
    expect(notices).toHaveLength(1);
    expect(sentTo(api.calls, group.id).filter(isAnswer)).toHaveLength(LIMIT + during.length);
    for (const t of during) expect(t).toBeLessThan(PROMPT_MS);
  });

  it('through the real polling runner: the flood is limited and another user is answered promptly', async () => {
    const { bot, api, asked } = floodBot();
    const runner = startPolling(bot, { timeoutSeconds: 1 });
    try {
      let nextId = 1;
      const push = (u: Update) => {
        api.queue.push({ ...u, update_id: nextId++ } as Update);
        api.poke();
      };
      const flooder = user(61_003, { language_code: 'en' });
      const fchat = privateChat(flooder);
      /** Pushes one question from a new user into getUpdates; resolves with the time until its answer was sent. */
      const probe = async (): Promise<number> => {
        const u = user(probeId++, { language_code: 'en' });
        const start = performance.now();
        push(textMessage(privateChat(u), u, QUESTION));
        for (;;) {
          const answer = sentTo(api.calls, u.id).find(isAnswer);
          if (answer?.done) return answer.done - start;
          if (performance.now() - start > 5000) throw new Error(`user ${u.id} got no answer within 5 s`);
          await sleep(2);
        }
      };
      const floodStart = performance.now();
      const pushing = (async () => {
        for (let i = 0; i < 100; i++) {
          push(textMessage(fchat, flooder, QUESTION));
          await sleep(5);
        }
      })();
      const during: number[] = [];
      for (let i = 0; i < 6; i++) {
        await sleep(40);
        during.push(await probe());
      }
      await pushing;
      // Wait until the flooder's six replies are out.
      for (let t = 0; t < 200 && sentTo(api.calls, fchat.id).length < LIMIT + 1; t++) await sleep(10);
      await sleep(100);
      const floodMs = performance.now() - floodStart;
      const alone: number[] = [];
      for (let i = 0; i < 6; i++) alone.push(await probe());

      const toFlooder = sentTo(api.calls, fchat.id);
      console.log(
        `[flood] runner: 100 messages (pushed over ${floodMs.toFixed(0)} ms incl. settling) → ${toFlooder.filter(isAnswer).length} answers, ${toFlooder.filter(isSlowDown).length} slow-down notice; ` +
          `another user's answer during the flood: median ${median(during).toFixed(0)} ms (${fmt(during)}), alone: median ${median(alone).toFixed(0)} ms (${fmt(alone)})`,
      );
      expect(toFlooder.filter(isAnswer)).toHaveLength(LIMIT);
      expect(toFlooder.filter(isSlowDown)).toHaveLength(1);
      expect(toFlooder).toHaveLength(LIMIT + 1);
      expect(asked).toHaveLength(LIMIT + during.length + alone.length);
      for (const t of during) expect(t).toBeLessThan(PROMPT_MS);
      expect(median(during)).toBeLessThan(median(alone) + 500);
    } finally {
      await runner.stop();
    }
  });

  it('the next window serves the flooder again, with at most one notice per window', async () => {
    const { bot, api } = floodBot({ RATE_LIMIT_WINDOW_MS: '400' });
    const flooder = user(61_004, { language_code: 'en' });
    const fchat = privateChat(flooder);
    await flood((u) => bot.handleUpdate(u), fchat, flooder, 30, 100, () => QUESTION);
    expect(sentTo(api.calls, fchat.id).filter(isSlowDown)).toHaveLength(1);
    expect(sentTo(api.calls, fchat.id).filter(isAnswer)).toHaveLength(LIMIT);
    await sleep(450);
    await bot.handleUpdate(textMessage(fchat, flooder, QUESTION));
    expect(sentTo(api.calls, fchat.id).filter(isAnswer)).toHaveLength(LIMIT + 1);
  });

  it('in a group, a flood of messages not addressed to the bot never earns a "slow down" (nor any other call)', async () => {
    const { bot, api, asked } = floodBot();
    const group: ChatSpec = { id: -7_000_002, type: 'supergroup', title: 'Other bots live here' };
    const u = user(61_006, { language_code: 'en' });
    const sticker = { sticker: { file_id: 's', file_unique_id: 's', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false }, reply_to_message: { message_id: 1, date: 0, chat: group, from: BOT_INFO, text: 'x' } };
    const photo = { photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }], caption: `@${BOT_INFO.username} look`, caption_entities: [{ type: 'mention', offset: 0, length: BOT_INFO.username.length + 1 }] };
    const updates: Update[] = [];
    for (let i = 0; i < 20; i++) {
      updates.push(textMessage(group, u, '/start@OtherBot'), textMessage(group, u, '/settings'), textMessage(group, u, 'just chatting'));
      updates.push(messageUpdate(group, u, sticker), messageUpdate(group, u, photo));
    }
    await Promise.all(updates.map((x) => bot.handleUpdate(x)));
    expect(api.calls.map((c) => c.method)).toEqual([]);
    expect(asked).toEqual([]);
    // The same user, addressing the bot now, is answered: none of the above counted against the limit.
    await bot.handleUpdate(textMessage(group, u, `@${BOT_INFO.username} ${QUESTION}`));
    expect(sentTo(api.calls, group.id).filter(isAnswer)).toHaveLength(1);
  });

  it('pressing a button 100 times: callback queries are limited too (one notice, no engine work for the rest)', async () => {
    const { bot, api } = floodBot();
    const presser = user(61_005, { language_code: 'en' });
    const chat = privateChat(presser);
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        bot.handleUpdate({ update_id: 900_000 + i, callback_query: { id: `cq${i}`, from: presser, chat_instance: 'ci', data: 'm:nope', message: { message_id: 1, date: 0, chat, from: BOT_INFO, text: 'x' } } } as unknown as Update),
      ),
    );
    const answers = api.calls.filter((c) => c.method === 'answerCallbackQuery');
    expect(answers.filter((c) => /expired/.test(String(c.payload.text)))).toHaveLength(LIMIT);
    expect(answers.filter((c) => /slow down/.test(String(c.payload.text)))).toHaveLength(1);
    expect(api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(0);
  });
});
