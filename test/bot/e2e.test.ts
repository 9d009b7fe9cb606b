/**
 * End to end: telegram-test-api on localhost plays Telegram, the bot long-polls it through TELEGRAM_API_ROOT,
 * and the tests talk as users through the emulator's client. What the emulator cannot do (file download) is
 * fed with a crafted update through `bot.handleUpdate`, replies still going through the emulator.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunnerHandle } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import TTA from 'telegram-test-api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBot } from '../../src/bot/bot.js';
import { startPolling } from '../../src/bot/server.js';
import type { Config } from '../../src/config.js';
import { IndexManager } from '../../src/index/manager.js';
import { ADMIN_ID, botConfig, removeTempDirs, checkTelegramHtml, documentUpdate, freePort, recordingLogger, SEED_SENTENCE, TOKEN, TOKEN_SECRET_PART, waitUntil, writeStatement } from './helpers.js';

type ServerCtor = typeof import('telegram-test-api/lib/telegramServer.js').TelegramServer;
type Server = InstanceType<ServerCtor>;
type Client = ReturnType<Server['getClient']>;
const TelegramServer = ((TTA as unknown as { default?: ServerCtor }).default ?? TTA) as unknown as ServerCtor;

/** A bot message as the emulator stores it. */
interface BotMessage {
  id: number;
  text: string;
  buttons: { text: string; callback_data: string }[];
  replyTo?: number;
}

const MALMO = `---
title: Stort kokainbeslag i Malmö hamn
publisher: Polisen region Syd
published: 2024-05-02
url: https://polisen.se/aktuellt/nyheter/2024/maj/stort-kokainbeslag-i-malmo-hamn/
---
Tullverket och Polisen beslagtog under tisdagen 42 kilo kokain i Malmö hamn.

– Det här är ett av de största beslagen i år, säger polisområdeschef Petra Stenkula.
`;

const HISINGEN = `---
title: Tre gripna för grovt vapenbrott på Hisingen
publisher: Polisen region Väst
published: 2024-06-12
url: https://polisen.se/aktuellt/nyheter/2024/juni/tre-gripna-hisingen/
---
Polisen i Göteborg grep på onsdagskvällen tre personer som misstänks för grovt vapenbrott på Hisingen.

Vid en husrannsakan hittades två pistoler och ammunition.
`;

/**
 * A statement of five sentences of about 1,000 characters each (made-up words, `&` and quotes included); the
 * middle one answers a question. Its context (two sentences either side) is too long for one message.
 */
function longStatement(): string {
  const animals = ['älg', 'räv', 'hare', 'lo', 'varg', 'björn', 'grävling', 'utter', 'mård', 'iller', 'ekorre', 'igelkott'];
  const colors = ['röd', 'blå', 'grön', 'gul', 'vit', 'svart', 'grå', 'brun'];
  const openers = ['Under kvällen', 'Tidigt på morgonen', '', 'Strax efter midnatt', 'På eftermiddagen'];
  const words = (i: number, n: number) => Array.from({ length: n }, (_, j) => `${colors[(i + j) % 8]}${animals[(i * 7 + j) % 12]}${i}x${j}`).join(' ');
  const sentence = (i: number) =>
    i === 2
      ? `Under valborgsfirandet i Uppsala omhändertogs 14 personer för fylleri, meddelar polisen & ${words(i, 70)}.`
      : `${openers[i]} ${words(i, 70)} & "slut" ${i}.`;
  return `---
title: Valborg i Uppsala
publisher: Polisen region Mitt
published: 2024-05-01
url: https://polisen.se/aktuellt/valborg-uppsala/
---
${[0, 1, 2, 3, 4].map(sentence).join(' ')}
`;
}

// Waits below give up after 60 s (generous for a busy machine) with a message saying what was awaited; the test timeout is above that.
vi.setConfig({ testTimeout: 120_000 });

let server: Server;
let bot: Bot;
let runner: RunnerHandle;
let manager: IndexManager;
let config: Config;
let corpus: string;
const logger = recordingLogger();
const files = new Map<string, Uint8Array>();
const downloads: string[] = [];
let nextUser = 200;

function toBotMessage(u: { messageId: number; message: Record<string, unknown> }): BotMessage {
  const m = u.message as { text: string; reply_markup?: { inline_keyboard?: { text: string; callback_data: string }[][] }; reply_parameters?: { message_id: number } };
  return { id: u.messageId, text: m.text, buttons: m.reply_markup?.inline_keyboard?.flat() ?? [], replyTo: m.reply_parameters?.message_id };
}

/** A user in a chat with the bot, through the emulator's client. */
class User {
  readonly client: Client;
  readonly received: BotMessage[] = [];
  constructor(
    readonly id: number,
    opts: { chatId?: number; type?: 'private' | 'group'; lang?: string } = {},
  ) {
    this.chatId = opts.chatId ?? id;
    this.client = server.getClient(TOKEN, { userId: id, chatId: this.chatId, firstName: `User${id}`, userName: `user${id}`, type: opts.type ?? 'private' });
    this.lang = opts.lang;
  }
  readonly chatId: number;
  private readonly lang?: string;
  private get extra() {
    return this.lang ? { from: { language_code: this.lang } } : {};
  }
  async say(text: string, extra: Record<string, unknown> = {}) {
    await this.client.sendMessage(this.client.makeMessage(text, { ...this.extra, ...extra } as never));
  }
  async command(text: string, extra: Record<string, unknown> = {}) {
    await this.client.sendCommand(this.client.makeCommand(text, { ...this.extra, ...extra } as never));
  }
  async press(data: string, onMessage: number) {
    await this.client.sendCallback(this.client.makeCallbackQuery(data, { message: { message_id: onMessage } } as never));
  }
  /** Waits (with a deadline) until the bot has sent `n` new messages to this chat; returns them. */
  async replies(n = 1, ms = 60_000): Promise<BotMessage[]> {
    const start = this.received.length;
    await waitUntil(`${n} bot message(s) in chat of user ${this.id}`, async () => {
      // One request to the client API's getUpdates (the client's own getUpdates() keeps polling in the
      // background after its timeout and would swallow later messages).
      const res = await fetch(`${server.config.apiURL}/getUpdates`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: TOKEN, chatId: this.chatId }),
      });
      const body = (await res.json()) as { result: { messageId: number; message: Record<string, unknown> }[] };
      this.received.push(...body.result.map(toBotMessage));
      return this.received.length - start >= n ? true : undefined;
    }, ms, 20);
    return this.received.slice(start);
  }
  async reply(ms?: number): Promise<BotMessage> {
    return (await this.replies(1, ms))[0]!;
  }
}

function expectCleanHtml(text: string) {
  expect(checkTelegramHtml(text)).toBeNull();
  expect(text.length).toBeLessThanOrEqual(4096);
}

beforeAll(async () => {
  const port = await freePort();
  server = new TelegramServer({ port, host: '127.0.0.1' });
  await server.start();
  ({ config, corpus } = botConfig({ TELEGRAM_API_ROOT: server.config.apiURL }));
  manager = await IndexManager.open(config, { buildIfMissing: true });
  bot = createBot(manager, config, {
    logger,
    progressIntervalMs: 20,
    download: async (_api, fileId) => {
      downloads.push(fileId);
      const bytes = files.get(fileId);
      if (!bytes) throw new Error(`no such file ${fileId}`);
      return bytes;
    },
  });
  runner = startPolling(bot, { idleDelayMs: 15 });
  await waitUntil('the bot to start polling', () => (runner.isRunning() && bot.isInited() ? true : undefined), 60_000);
}, 120_000);

afterAll(async () => {
  if (runner?.isRunning()) await runner.stop();
  await server?.stop();
  removeTempDirs();
});

describe('a citizen in a private chat', () => {
  it('asks in English and gets the short answer, the verbatim sentence, its speaker and source, in English', async () => {
    const u = new User(nextUser++, { lang: 'en' });
    await u.say('How many are remanded?');
    const r = await u.reply();
    expect(r.text).toMatch(/^<b>Answer:<\/b> 380/);
    expect(r.text).toContain(`“${SEED_SENTENCE}”`);
    expect(r.text).toContain('— Mats Löfving');
    expect(r.text).toContain('Stockholms stad och Polisregion Stockholm intensifierar arbetet mot det dödliga gängvåldet');
    expect(r.text).toContain('Polisen · date unknown · no public link');
    expectCleanHtml(r.text);
    expect(r.buttons.map((b) => b.text)).toEqual(['📄 Show context', '📚 More sources']);
    for (const b of r.buttons) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);

    // The buttons: surrounding sentences, then further sources.
    await u.press(r.buttons[0]!.callback_data, r.id);
    const ctx = await u.reply();
    expect(ctx.text).toContain(`<b>“${SEED_SENTENCE}”</b>`);
    expect(ctx.text).toContain('Tillsammans går vi nu på offensiven');
    expect(ctx.text).toContain('Vi har en vår med många rättegångar framför oss');
    expect(ctx.replyTo).toBe(r.id);
    expectCleanHtml(ctx.text);

    await u.press(r.buttons[1]!.callback_data, r.id);
    const more = await u.reply();
    expect(more.text).toMatch(/^<b>Further sources/);
    expect(more.text).toMatch(/\n2\. “/);
    expectCleanHtml(more.text);
  });

  it('asks in Swedish and is answered in Swedish with the same sentence', async () => {
    const u = new User(nextUser++, { lang: 'sv' });
    await u.say('Hur många sitter häktade?');
    const r = await u.reply();
    expect(r.text).toMatch(/^<b>Svar:<\/b> 380/);
    expect(r.text).toContain(`”${SEED_SENTENCE}”`);
    expect(r.text).toContain('— Mats Löfving');
    expect(r.text).toContain('Polisen · datum okänt · ingen offentlig länk');
    expect(r.buttons[0]!.text).toBe('📄 Visa sammanhang');
  });

  it('is told plainly when the statements do not answer, with a suggestion how to rephrase', async () => {
    const u = new User(nextUser++, { lang: 'en' });
    await u.say('What is the weather like in Paris tomorrow?');
    const r = await u.reply();
    expect(r.text).toContain('The statements I know do not answer “What is the weather like in Paris tomorrow?”');
    expect(r.text).toContain('Tip:');
    expect(r.text).not.toContain('Answer:');
    expect(r.buttons).toEqual([]);
  });

  it('gets /help with what the bot knows and example questions', async () => {
    const u = new User(nextUser++, { lang: 'en' });
    await u.command('/help');
    const r = await u.reply();
    expect(r.text).toContain('I know <b>1</b> statement (21 sentences), publication dates unknown.');
    expect(r.text).toContain('How many are remanded?');
    expect(r.text).toContain('@TestNameBot');
    expect(r.text).not.toContain('Admin');
    expectCleanHtml(r.text);
  });

  it('gets a well-formed answer to a message full of markup, and to a 5,000-character message', async () => {
    const u = new User(nextUser++, { lang: 'en' });
    const markup = '<b>&amp; <i>What about</b> the <script>alert("&&&")</script> <a href="x">&lt;';
    await u.say(markup);
    const r = await u.reply();
    expectCleanHtml(r.text);
    expect(r.text).toContain('&lt;b&gt;&amp;amp; &lt;i&gt;What about&lt;/b&gt; the &lt;script&gt;');

    const long = `Hur många sitter häktade? ${'och så vidare med en lång fråga <b>&amp; '.repeat(130)}`.slice(0, 5000);
    expect(long.length).toBe(5000);
    await u.say(long);
    const replies = await u.replies(1);
    for (const m of replies) expectCleanHtml(m.text);
  });
});

describe('a journalist', () => {
  const QUOTE = 'de som trodde de var onåbara är nu frihetsberövade';

  it('verifies a quote with its speaker: verbatim, Mats Löfving', async () => {
    const u = new User(nextUser++, { lang: 'en' });
    await u.command(`/verify Mats Löfving: ${QUOTE}`);
    const r = await u.reply();
    expect(r.text).toMatch(/^✅ <b>Verbatim<\/b>/);
    expect(r.text).toContain(`<b>Source:</b> “${QUOTE}”`);
    expect(r.text).toContain('Speaker named by the source: Mats Löfving');
    expect(r.text).toContain('✓ The speaker matches: Mats Löfving.');
    expect(r.text).not.toContain('Wrong speaker');
    expectCleanHtml(r.text);
  });

  it('is warned when the claimed speaker is not the one the source names', async () => {
    const u = new User(nextUser++, { lang: 'en' });
    await u.command(`/verify Anna König Jerlmyr: ${QUOTE}`);
    const r = await u.reply();
    expect(r.text).toMatch(/^✅ <b>Verbatim<\/b>/);
    expect(r.text).toContain('⚠️ <b>Wrong speaker?</b> The quote is attributed to Anna König Jerlmyr, but the source names Mats Löfving.');
  });

  it('checks the text of the message /verify replies to, and hears "not found" for an invented quote', async () => {
    const u = new User(nextUser++, { lang: 'sv' });
    await u.command('/verify', { reply_to_message: { message_id: 1, date: 0, chat: { id: u.id, type: 'private' }, text: `”${QUOTE}”` } });
    const r = await u.reply();
    expect(r.text).toMatch(/^✅ <b>Ordagrant<\/b>/);
    await u.command('/verify Polisen har i dag gripit en man för stöld av trettio cyklar i Luleå');
    const nf = await u.reply();
    expect(nf.text).toMatch(/^❌ <b>Hittades inte<\/b>/);
  });
});

describe('an admin and everyone else', () => {
  it('refuses /reindex, /status and /remove to a non-admin, politely, and changes nothing', async () => {
    const engineBefore = manager.engine;
    const u = new User(nextUser++, { lang: 'en' });
    for (const c of ['/reindex', '/status', '/remove press-release-stockholm-gang-violence.md']) {
      await u.command(c);
      const r = await u.reply();
      expect(r.text).toBe('Sorry, that command is only for the bot’s administrators. Nothing was changed.');
    }
    expect(manager.engine).toBe(engineBefore);
    expect(manager.engine.status().statements).toBe(1);
  });

  it('re-indexes on /reindex (one message edited with progress), and the next answer uses the new statement', async () => {
    writeStatement(corpus, 'malmo-kokain.md', MALMO);
    writeStatement(corpus, 'valborg.md', longStatement());
    const admin = new User(ADMIN_ID, { lang: 'en' });
    await admin.command('/reindex');
    const started = await admin.reply();
    expect(started.text).toMatch(/^🔄 Re-indexing…/);
    const final = await waitUntil('the progress message to say done', async () => {
      const history = (await admin.client.getUpdatesHistory()) as unknown as { messageId: number; message: { text: string } }[];
      const msg = history.find((h) => h.messageId === started.id);
      return msg && msg.message.text.startsWith('✅') ? msg.message.text : undefined;
    });
    expect(final).toMatch(/^✅ Done: 3 statements, \d+ sentences, in [\d.]+ s\. The new index is live\.$/);
    // One message, edited: nothing else was sent.
    expect((await admin.replies(0)).length).toBe(0);

    await admin.say('Hur mycket kokain beslagtogs i Malmö?', { from: { language_code: 'sv' } });
    const r = await admin.reply();
    expect(r.text).toContain('”Tullverket och Polisen beslagtog under tisdagen 42 kilo kokain i Malmö hamn.”');
    expect(r.text).toContain('Polisen region Syd · 2 maj 2024 · ');
    // The link opens the page at the sentence (a text fragment, percent-encoded).
    expect(r.text).toContain(
      '<a href="https://polisen.se/aktuellt/nyheter/2024/maj/stort-kokainbeslag-i-malmo-hamn/#:~:text=Tullverket%20och%20Polisen%20beslagtog%20under%20tisdagen%2042%20kilo%20kokain%20i%20Malm%C3%B6%20hamn.">Läs i källan</a>',
    );
  });

  it('splits replies that would be longer than 4096 characters, each part valid HTML', async () => {
    const u = new User(nextUser++, { lang: 'sv' });
    await u.say('Hur många omhändertogs under valborgsfirandet i Uppsala?');
    const r = await u.reply();
    expectCleanHtml(r.text);
    expect(r.text).toContain('”Under valborgsfirandet i Uppsala omhändertogs 14 personer för fylleri, meddelar polisen &amp; ');
    await u.press(r.buttons.find((b) => b.text === '📄 Visa sammanhang')!.callback_data, r.id);
    const parts = await u.replies(2);
    for (const p of parts) expectCleanHtml(p.text);
    const all = parts.map((p) => p.text).join('\n');
    expect(all.length).toBeGreaterThan(4096);
    for (const k of ['Under kvällen ', 'Tidigt på morgonen ', '<b>”Under valborgsfirandet', 'Strax efter midnatt ', 'På eftermiddagen ', '&amp; &quot;slut&quot; 4.']) expect(all).toContain(k);
    expect(parts[parts.length - 1]!.text).toMatch(/<a href="https:\/\/polisen\.se\/aktuellt\/valborg-uppsala\/#:~:text=[^"]+">Läs hela uttalandet<\/a>$/);
  });

  it('adds an uploaded file to the corpus and the index; the next answer cites it', async () => {
    files.set('hisingen-file', new TextEncoder().encode(HISINGEN));
    const admin = new User(ADMIN_ID, { lang: 'sv' });
    // The emulator cannot send documents: the upload is a crafted update; the reply still goes through it.
    await bot.handleUpdate(documentUpdate({ id: ADMIN_ID, lang: 'sv' }, { file_id: 'hisingen-file', file_name: 'Tre gripna Hisingen.md', file_size: HISINGEN.length }));
    const r = await admin.reply();
    expect(r.text).toBe('✅ Sparad som <code>Tre-gripna-Hisingen.md</code> och indexerad: 1 uttalande tillagt.');
    expect(readFileSync(join(corpus, 'Tre-gripna-Hisingen.md'), 'utf8')).toBe(HISINGEN);

    await admin.say('Hur många greps för grovt vapenbrott på Hisingen?', { from: { language_code: 'sv' } });
    const a = await admin.reply();
    expect(a.text).toContain('”Polisen i Göteborg grep på onsdagskvällen tre personer som misstänks för grovt vapenbrott på Hisingen.”');
  });

  it('refuses an upload from a non-admin without downloading or saving it', async () => {
    const u = new User(nextUser++, { lang: 'en' });
    files.set('sneaky', new TextEncoder().encode(HISINGEN));
    await bot.handleUpdate(documentUpdate({ id: u.id, lang: 'en' }, { file_id: 'sneaky', file_name: 'sneaky.md', file_size: 100 }));
    const r = await u.reply();
    expect(r.text).toContain('only the bot’s administrators can add statements');
    expect(downloads).not.toContain('sneaky');
    expect(existsSync(join(corpus, 'sneaky.md'))).toBe(false);
  });
});

describe('a group', () => {
  it('stays quiet on plain messages and answers mentions, replies to the bot, and commands', async () => {
    const u = new User(nextUser++, { chatId: -4242, type: 'group', lang: 'en' });
    await u.say('How many are remanded?');
    await u.say('@TestNameBot How many are remanded?');
    // Updates of one chat are handled in order: had the first one been answered, its reply would come first.
    const [r] = await u.replies(1);
    expect(r!.text).toMatch(/^<b>Answer:<\/b> 380/);
    expect(r!.replyTo).toBeDefined();

    await u.say('Hur många sitter häktade?', { reply_to_message: { message_id: r!.id, date: 0, chat: { id: -4242, type: 'group' }, from: { id: 666, is_bot: true, first_name: 'Bot' }, text: 'x' } });
    expect((await u.reply()).text).toMatch(/^<b>Svar:<\/b> 380/);

    await u.say('Nobody asked the bot this one.');
    await u.command('/help@TestNameBot');
    const h = await u.reply();
    expect(h.text).toMatch(/^I answer questions about official statements/);
    expect(u.received.length).toBe(3);
  });
});

describe('logging', () => {
  it('never wrote the token into a log line during the journeys', () => {
    expect(logger.lines.join('\n')).not.toContain(TOKEN_SECRET_PART);
  });
});
