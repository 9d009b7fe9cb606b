/**
 * 1,000 followers of one topic are alerted within Telegram's limits: about 30 messages a second in all, one a
 * second per chat, 20 a minute per group. The alerts go through the real throttler (limitAlertApi) to
 * telegram-test-api on localhost, whose stored messages carry the time each arrived.
 *
 * Time is virtual (vitest's fake timers for setTimeout/setInterval/Date): the throttler's waits cost nothing, and
 * the clock moves only when no request is in flight, to the throttler's next timer, as if the network answered at
 * once. The emulator runs in this process, so the times it records are the virtual ones: the schedule checked is
 * exactly the one the throttler produced, whatever the machine's speed.
 */
import { join } from 'node:path';
import { Api, type Transformer } from 'grammy';
import TTA from 'telegram-test-api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AlertSender, limitAlertApi, type AlertReport } from '../../src/follow/alerts.js';
import { EngineFollowMatcher } from '../../src/follow/matcher.js';
import { FollowStore } from '../../src/follow/store.js';
import type { IndexManager } from '../../src/index/manager.js';
import { freePort, TOKEN } from '../bot/helpers.js';
import { tempDir } from '../helpers.js';
import { followEngine } from './engine.js';

type ServerCtor = typeof import('telegram-test-api/lib/telegramServer.js').TelegramServer;
type Server = InstanceType<ServerCtor>;
const TelegramServer = ((TTA as unknown as { default?: ServerCtor }).default ?? TTA) as unknown as ServerCtor;

vi.setConfig({ testTimeout: 120_000 });

let tg: Server;
let manager: IndexManager;
let store: FollowStore;

beforeAll(async () => {
  tg = new TelegramServer({ port: await freePort(), host: '127.0.0.1', storeTimeout: 3600 });
  await tg.start();
  manager = await followEngine();
  store = FollowStore.open(join(tempDir('citera-limits-'), 'follows.sqlite'));
}, 120_000);

afterAll(async () => {
  vi.useRealTimers();
  store?.close();
  await tg?.stop();
});

/** Lets I/O callbacks run (setImmediate is not faked). */
const turn = () => new Promise<void>((r) => setImmediate(r));

describe('1,000 followers of one topic', () => {
  it('are alerted within 30 messages a second in all, 1 a second per chat and 20 a minute per group', async () => {
    // 980 private chats and 20 groups follow "Kävlinge", which the new statement k:1 answers. The groups and ten of
    // the private chats also follow the library's opening hours, which the other new statement (k:3) answers: they
    // get two alerts, which their own limits space out.
    const chats = [...Array.from({ length: 980 }, (_, i) => 10_000 + i), ...Array.from({ length: 20 }, (_, i) => -100_000 - i)];
    const twice = new Set([...chats.slice(0, 10), ...chats.slice(980)]);
    for (const c of chats) store.follow(c, 'Kävlinge', 'sv');
    for (const c of twice) store.follow(c, 'bibliotek öppettider', 'en');

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const start = Date.now();
    let inFlight = 0;
    const track: Transformer = async (prev, method, payload, signal) => {
      inFlight++;
      try {
        return await prev(method, payload, signal);
      } finally {
        inFlight--;
      }
    };
    const api = new Api(TOKEN, { apiRoot: tg.config.apiURL });
    api.config.use(track); // innermost: counts the requests the throttler lets out
    const sender = new AlertSender(limitAlertApi(api), store, new EngineFollowMatcher(() => manager.engine), { maxPerTopic: 3 });

    let report: AlertReport | undefined;
    let failure: unknown;
    sender.alert(['k:1', 'k:3']).then((r) => (report = r), (e) => (failure = e));
    let idleRounds = 0;
    while (!report && !failure) {
      // Wait until every request let out has been answered, then move the clock to the throttler's next timer.
      while (inFlight > 0) await turn();
      await turn();
      if (inFlight > 0) continue;
      const before = Date.now();
      await vi.advanceTimersToNextTimerAsync();
      idleRounds = Date.now() === before && inFlight === 0 ? idleRounds + 1 : 0;
      if (idleRounds > 10_000) throw new Error('no timer and no request: the sending is stuck');
    }
    vi.useRealTimers();
    if (failure) throw failure;
    const total = chats.length + twice.size;
    expect(report).toMatchObject({ topics: 2, matched: 2, sent: total, failed: 0, dropped: [] });

    const msgs = tg.storage.botMessages.filter((m) => m.botToken === TOKEN).map((m) => ({ chat: Number(m.message.chat_id), at: m.time - start, text: String(m.message.text) }));
    expect(msgs).toHaveLength(total);
    const byChat = new Map<number, number[]>();
    for (const m of msgs) byChat.set(m.chat, [...(byChat.get(m.chat) ?? []), m.at]);
    expect(byChat.size).toBe(1000);
    for (const [chat, times] of byChat) {
      expect(times, `chat ${chat}`).toHaveLength(twice.has(chat) ? 2 : 1);
      // One a second per chat.
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!, `chat ${chat}`).toBeGreaterThanOrEqual(1000);
      // 20 a minute per group.
      if (chat < 0) for (let i = 20; i < times.length; i++) expect(times[i]! - times[i - 20]!).toBeGreaterThanOrEqual(60_000);
    }
    expect(msgs.filter((m) => m.text.includes('Det brinner i en förskola i Kävlinge.'))).toHaveLength(1000);
    // At most 30 in any second (every window of 1,000 ms that starts at a message).
    const at = msgs.map((m) => m.at).sort((x, y) => x - y);
    let most = 0;
    for (let i = 0, j = 0; i < at.length; i++) {
      while (at[j]! < at[i]! - 999) j++;
      most = Math.max(most, i - j + 1);
    }
    expect(most).toBeLessThanOrEqual(30);
    // And no slower than the limits require: 1,030 messages at 30 a second take a little over half a minute.
    const span = at.at(-1)! - at[0]!;
    expect(span).toBeGreaterThanOrEqual(Math.floor(total / 30 - 1) * 1000);
    expect(span).toBeLessThan(45_000);
    console.info(`${total} alerts to 1,000 chats: ${(span / 1000).toFixed(1)} s of Telegram time, at most ${most} in any second`);
  });
});
