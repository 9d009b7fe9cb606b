/** The sources and follow features of the bot: /sources for admins, the follow commands in /help, /healthz. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/bot.js';
import { followFeature } from '../../src/bot/features/follow.js';
import { sourcesFeature } from '../../src/bot/features/sources.js';
import { health, serverPort, startWebhookServer } from '../../src/bot/server.js';
import { FollowStore } from '../../src/follow/store.js';
import { IndexManager } from '../../src/index/manager.js';
import type { SourceSummary } from '../../src/sources/sync.js';
import { ADMIN_ID, BOT_INFO, botConfig, captureApi, checkTelegramHtml, recordingLogger, removeTempDirs, textUpdate } from './helpers.js';

const summary = (over: Partial<SourceSummary>): SourceSummary => ({
  name: 'polisen-skane',
  kind: 'feed',
  lastPoll: '2026-01-02T12:00:00.000Z',
  answered: true,
  notModified: false,
  items: 25,
  total: 140,
  new: 3,
  updated: 1,
  completed: 0,
  pending: 2,
  skipped: 0,
  error: null,
  changed: [],
  file: null,
  ...over,
});

const SUMMARIES = [
  summary({}),
  summary({ name: 'polisen-events', kind: 'polisen-events', answered: false, items: 0, new: 0, updated: 0, pending: 0, total: 480, error: 'HTTP 503 (after 3 attempts) <b>' }),
  summary({ name: 'kommunen', lastPoll: '', items: 0, new: 0, updated: 0, pending: 0, total: 0 }),
];

let manager: IndexManager;
let own: ReturnType<typeof botConfig>;
let store: FollowStore;
beforeAll(async () => {
  own = botConfig();
  manager = await IndexManager.open(own.config, { buildIfMissing: true });
  store = FollowStore.open(join(own.dir, 'follows.sqlite'));
});
afterAll(() => {
  store.close();
  manager.close();
  removeTempDirs();
});

function bot() {
  const b = createBot(manager, own.config, { botInfo: BOT_INFO, logger: recordingLogger(), features: (kit) => [sourcesFeature(kit, () => SUMMARIES), followFeature(kit, store)] });
  const calls = captureApi(b);
  const texts = () => calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text));
  return { b, texts };
}

describe('/sources', () => {
  it('shows an admin each source: last poll, outcome, items, new and updated, the last error', async () => {
    const { b, texts } = bot();
    await b.handleUpdate(textUpdate({ id: ADMIN_ID, lang: 'en' }, '/sources'));
    const [text] = texts();
    expect(text!.split('\n\n')).toEqual([
      '<b>Sources</b> (3), as of their last poll:',
      '<b>polisen-skane</b> (feed)\nlast poll 2026-01-02 12:00 · ✅ ok\nitems 25 · new 3 · updated 1 · pages pending 2 · statements 140',
      '<b>polisen-events</b> (polisen-events)\nlast poll 2026-01-02 12:00 · ❌ failed: HTTP 503 (after 3 attempts) &lt;b&gt;\nitems 0 · new 0 · updated 0 · pages pending 0 · statements 480',
      '<b>kommunen</b> (feed)\nnot polled yet',
    ]);
    expect(checkTelegramHtml(text!)).toBeNull();
  });

  it('is refused to anyone else, in a group too', async () => {
    const { b, texts } = bot();
    await b.handleUpdate(textUpdate({ id: 77, lang: 'sv' }, '/sources'));
    await b.handleUpdate(textUpdate({ id: 77, chatId: -100_900, chatType: 'group' }, '/sources'));
    expect(texts()).toEqual([expect.stringContaining('bara för botens administratörer'), expect.stringContaining('only for the bot’s administrators')]);
  });
});

describe('/follow in the bot', () => {
  it('follows in a group for the group, lists and unfollows; /help names the commands', async () => {
    const { b, texts } = bot();
    const member = { id: 78, chatId: -100_901, chatType: 'group' as const, lang: 'sv' };
    await b.handleUpdate(textUpdate(member, '/follow skottlossning Malmö'));
    await b.handleUpdate(textUpdate({ ...member, id: 79 }, '/following'));
    await b.handleUpdate(textUpdate(member, '/unfollow 1'));
    await b.handleUpdate(textUpdate(member, '/following'));
    await b.handleUpdate(textUpdate({ id: 80, lang: 'en' }, '/help'));
    const [added, list, removed, none, help] = texts();
    expect(added).toContain('Du följer nu ”skottlossning Malmö” (1 av 20)');
    // Another member of the group sees the group's follows: they belong to the chat.
    expect(list).toContain('1. skottlossning Malmö');
    expect(removed).toBe('Du följer inte längre ”skottlossning Malmö”.');
    expect(none).toContain('följer inget ännu');
    expect(help).toContain('/follow <i>words</i> – be told when a new statement answers them');
    expect(help).not.toContain('/sources');
  });
});

describe('/healthz', () => {
  it('includes each source’s last poll', async () => {
    expect(health(manager, () => SUMMARIES).sources).toEqual([
      { name: 'polisen-skane', kind: 'feed', lastPoll: '2026-01-02T12:00:00.000Z', ok: true, items: 25, new: 3, updated: 1, pending: 2, statements: 140, lastError: null },
      { name: 'polisen-events', kind: 'polisen-events', lastPoll: '2026-01-02T12:00:00.000Z', ok: false, items: 0, new: 0, updated: 0, pending: 0, statements: 480, lastError: 'HTTP 503 (after 3 attempts) <b>' },
      { name: 'kommunen', kind: 'feed', lastPoll: null, ok: null, items: 0, new: 0, updated: 0, pending: 0, statements: 0, lastError: null },
    ]);
    const { b } = bot();
    const server = await startWebhookServer(b, { secret: 's3cret', path: '/tg', port: 0, host: '127.0.0.1', backend: manager, logger: recordingLogger(), sources: () => SUMMARIES.slice(0, 1) });
    try {
      const res = await fetch(`http://127.0.0.1:${serverPort(server)}/healthz`);
      expect(((await res.json()) as { sources: unknown[] }).sources).toHaveLength(1);
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(health(manager)).not.toHaveProperty('sources');
  });
});
