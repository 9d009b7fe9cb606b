/**
 * Alerts end to end: telegram-test-api on localhost plays Telegram, the app (src/app.ts) polls a feed served by a
 * local fixture server, writes what it brings through the corpus service, and alerts the chats that follow a
 * topic. Users follow through the emulator's client and read their chats from it. A blocked chat is simulated
 * at the alert Api's transport (the emulator cannot answer 403).
 *
 * The sources' clock is virtual: the wait between polls ends when a test calls `nextPoll()`, so a test says
 * when "a statement arrives", and nothing waits for real minutes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Api, type Transformer } from 'grammy';
import TTA from 'telegram-test-api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { limitAlertApi } from '../../src/follow/alerts.js';
import type { Clock } from '../../src/sources/fetcher.js';
import { botConfig, checkTelegramHtml, freePort, recordingLogger, removeTempDirs, TOKEN } from '../bot/helpers.js';
import { fixture, fixtureServer, type FixtureServer } from '../sources/server.js';

type ServerCtor = typeof import('telegram-test-api/lib/telegramServer.js').TelegramServer;
type Server = InstanceType<ServerCtor>;
const TelegramServer = ((TTA as unknown as { default?: ServerCtor }).default ?? TTA) as unknown as ServerCtor;

vi.setConfig({ testTimeout: 120_000 });

/**
 * A virtual clock for the sources: short waits (request spacing) pass at once, the wait between two polls of a
 * source (minutes) lasts until `nextPoll()`.
 */
class PollClock implements Clock {
  t = Date.parse('2026-01-02T12:00:00Z');
  private waiting: (() => void)[] = [];
  now() {
    return this.t;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (ms < 60_000 || signal?.aborted) {
      this.t += Math.max(0, ms);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const wake = () => {
        this.t += ms;
        resolve();
      };
      this.waiting.push(wake);
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });
  }
  /** Ends the wait of every source between polls. */
  nextPoll(): void {
    for (const w of this.waiting.splice(0)) w();
  }
}

interface Item {
  guid: string;
  path: string;
  title: string;
  paragraphs: string[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

let tg: Server;
let feed: FixtureServer;
const items: Item[] = [];
let config: ReturnType<typeof botConfig>['config'];
let app: App;
let clock: PollClock;
let logger: ReturnType<typeof recordingLogger>;
/** Chats the alert Api answers with 403 (as Telegram does for a user who blocked the bot). */
const blocked = new Set<number>();

function publish(item: Item): void {
  items.push(item);
  const page = `<!doctype html><html><head><title>${esc(item.title)}</title></head><body><nav><a href="/">Start</a></nav><main><article><h1>${esc(item.title)}</h1>${item.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('')}</article></main></body></html>`;
  feed.route(item.path, fixture(page, 'text/html'));
}

function rss(): string {
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Kommunen</title><link>${feed.base}/</link><description>Nyheter</description>${items
    .map((i) => `<item><title>${esc(i.title)}</title><link>${feed.url(i.path)}</link><description>${esc(i.paragraphs[0]!)}</description><guid isPermaLink="false">${i.guid}</guid></item>`)
    .join('')}</channel></rss>`;
}

async function startApp(): Promise<App> {
  clock = new PollClock();
  const api = new Api(TOKEN, { apiRoot: tg.config.apiURL });
  const simulateBlocked: Transformer = async (prev, method, payload, signal) => {
    const chat = Number((payload as { chat_id?: number }).chat_id);
    if (method === 'sendMessage' && blocked.has(chat)) return { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } as never;
    return prev(method, payload, signal);
  };
  api.config.use(simulateBlocked); // innermost: behind the throttler and auto-retry, where Telegram's answer would come from
  const a = await openApp(config, {
    logger,
    sources: { clock, fetchPolicy: { minIntervalMs: 0, timeoutMs: 10_000 } },
    alertsApi: limitAlertApi(api),
    polling: { idleDelayMs: 15 },
  });
  const polled = polls();
  await a.start();
  await waitFor('the first poll', () => polls() > polled);
  return a;
}

const polls = () => logger.lines.filter((l) => l.includes(' source polled') || l.includes(' source poll failed')).length;
const alertLines = () => logger.lines.filter((l) => l.endsWith(' alerts sent'));

async function waitFor(what: string, probe: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Publishes nothing or one item, lets the source poll once, and waits until that poll (and its alerts) are done. */
async function poll(item?: Item): Promise<Record<string, number>> {
  if (item) publish(item);
  const before = polls();
  const alerted = alertLines().length;
  clock.nextPoll();
  await waitFor('a poll', () => polls() > before);
  const line = logger.lines.filter((l) => l.includes(' source polled') || l.includes(' source poll failed')).at(-1)!;
  const fields = JSON.parse(line.slice(line.indexOf('{'), line.lastIndexOf('}') + 1)) as Record<string, number>;
  if (fields.new || fields.updated) await waitFor('the alerts of the poll', () => alertLines().length > alerted);
  return fields;
}

/** The last alert report. */
function lastReport(): { sent: number; matched: number; dropped: number[]; alreadyAlerted: number } {
  const line = alertLines().at(-1)!;
  return JSON.parse(line.slice(line.indexOf('{'), line.lastIndexOf('}') + 1));
}

/** A user in a chat with the bot, through the emulator. */
class Chat {
  private readonly client;
  private seen = 0;
  constructor(
    readonly userId: number,
    readonly chatId = userId,
    type: 'private' | 'group' = 'private',
  ) {
    this.client = tg.getClient(TOKEN, { userId, chatId, firstName: `U${userId}`, userName: `u${userId}`, type });
  }
  async command(text: string): Promise<void> {
    await this.client.sendCommand(this.client.makeCommand(text, { from: { language_code: 'en' } } as never));
  }
  /** Every message the bot sent to this chat so far, as the emulator stored them. */
  all(): string[] {
    return tg.storage.botMessages.filter((m) => m.botToken === TOKEN && Number(m.message.chat_id) === this.chatId).map((m) => String(m.message.text));
  }
  /** The messages that arrived since the last call. */
  fresh(): string[] {
    const all = this.all();
    const out = all.slice(this.seen);
    this.seen = all.length;
    return out;
  }
  async reply(): Promise<string> {
    await waitFor(`a reply in chat ${this.chatId}`, () => this.all().length > this.seen);
    return this.fresh()[0]!;
  }
}

const FIRE: Item = {
  guid: 'brand-1',
  path: '/nyheter/brand-forskola',
  title: 'Brand i förskola i Kävlinge',
  paragraphs: ['Det brinner i en förskola i Kävlinge.', 'Räddningstjänsten evakuerade 45 barn från förskolan Solrosen.'],
};
const LIBRARY: Item = { guid: 'bibliotek-1', path: '/nyheter/bibliotek', title: 'Nya öppettider för biblioteket i Lund', paragraphs: ['Stadsbiblioteket i Lund har nya öppettider från och med februari.'] };
const FLOOD: Item = { guid: 'vatten-1', path: '/nyheter/vattenlacka', title: 'Vattenläcka i Kävlinge centrum', paragraphs: ['En vattenläcka har stängt av vattnet i Kävlinge centrum.', 'Reparationen väntas vara klar under eftermiddagen.'] };
const ROAD: Item = { guid: 'vag-1', path: '/nyheter/vagarbete', title: 'Vägarbete i Kävlinge', paragraphs: ['Vägarbetet på Storgatan i Kävlinge pågår till fredag.'] };

beforeAll(async () => {
  tg = new TelegramServer({ port: await freePort(), host: '127.0.0.1', storeTimeout: 3600 });
  await tg.start();
  feed = await fixtureServer();
  feed.route('/feed', (req, res) => fixture(rss(), 'application/rss+xml')(req, res));
  // Before anyone follows, the feed holds one notice: the first poll backfills it and alerts nobody.
  publish({ guid: 'start-1', path: '/nyheter/start', title: 'Ny cykelbana i Lomma', paragraphs: ['Den nya cykelbanan mellan Lomma och Bjärred öppnar i maj.'] });
  const own = botConfig({ TELEGRAM_API_ROOT: tg.config.apiURL, SOURCES_CONTACT: 'ops@example.org' });
  const sourcesFile = join(own.dir, 'sources.json');
  writeFileSync(sourcesFile, JSON.stringify({ sources: [{ name: 'kommunen', kind: 'feed', url: feed.url('/feed'), publisher: 'Kävlinge kommun', everyMinutes: 15 }] }));
  config = { ...own.config, SOURCES_FILE: sourcesFile, FOLLOWS_DB: join(own.dir, 'data', 'follows.sqlite') };
  logger = recordingLogger();
  app = await startApp();
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await feed?.close();
  await tg?.stop();
  removeTempDirs();
});

describe('alerts through telegram-test-api', () => {
  const alice = () => new Chat(501);
  let a: Chat;
  let group: Chat;

  it('follow, then a matching statement arrives: one alert with the verbatim sentence and its link, in a group too', async () => {
    a = alice();
    await a.command('/follow Kävlinge');
    expect(await a.reply()).toContain('Following “Kävlinge” (1 of 20)');
    group = new Chat(502, -100_777, 'group');
    await group.command('/follow kävlinge');
    expect(await group.reply()).toContain('Following “kävlinge”');

    expect(await poll(FIRE)).toMatchObject({ new: 1 });
    expect(lastReport()).toMatchObject({ matched: 1, sent: 2, dropped: [] });
    const [alert, ...more] = a.fresh();
    expect(more).toEqual([]);
    expect(alert).toContain('🔔 <b>New statement on “Kävlinge”</b>');
    expect(alert).toContain('“Det brinner i en förskola i Kävlinge.”');
    expect(alert).toContain(`<a href="${feed.url(FIRE.path)}#:~:text=Det%20brinner%20i%20en%20f%C3%B6rskola%20i%20K%C3%A4vlinge.">`);
    expect(checkTelegramHtml(alert!)).toBeNull();
    // The group's follow alerts the group.
    expect(group.fresh()).toEqual([expect.stringContaining('“Det brinner i en förskola i Kävlinge.”')]);

    // The next poll brings nothing new: no second alert about it.
    expect(await poll()).toMatchObject({ new: 0, updated: 0 });
    expect(a.fresh()).toEqual([]);
  });

  it('a statement that does not match: no alert', async () => {
    expect(await poll(LIBRARY)).toMatchObject({ new: 1 });
    expect(lastReport()).toMatchObject({ matched: 0, sent: 0 });
    expect(a.fresh()).toEqual([]);
    expect(group.fresh()).toEqual([]);
    // It is in the index all the same (the engine answers from it).
    expect((await app.manager.engine.ask('Vilka öppettider har stadsbiblioteket i Lund?')).citations[0]!.url).toBe(feed.url(LIBRARY.path));
  });

  it('a restart keeps the follows, and they still alert', async () => {
    await app.stop();
    app = await startApp();
    await a.command('/following');
    expect(await a.reply()).toContain('1. Kävlinge');
    expect(await poll(FLOOD)).toMatchObject({ new: 1 });
    expect(lastReport()).toMatchObject({ matched: 1, sent: 2 });
    expect(a.fresh()).toEqual([expect.stringContaining('“En vattenläcka har stängt av vattnet i Kävlinge centrum.”')]);
    group.fresh();
  });

  it('a chat that blocked the bot (403) is dropped; the others get their alert', async () => {
    const bob = new Chat(503);
    await bob.command('/follow Kävlinge');
    expect(await bob.reply()).toContain('Following “Kävlinge”');
    blocked.add(bob.chatId);
    expect(await poll(ROAD)).toMatchObject({ new: 1 });
    expect(lastReport()).toMatchObject({ matched: 1, sent: 2, dropped: [bob.chatId] });
    expect(app.follows!.list(bob.chatId)).toEqual([]);
    expect(app.follows!.list(a.chatId).map((f) => f.words)).toEqual(['Kävlinge']);
    expect(a.fresh()).toEqual([expect.stringContaining('Kävlinge')]);
    expect(bob.fresh()).toEqual([]);
  });
});
