import { join } from 'node:path';
import { Api } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertSender, limitAlertApi } from '../../src/follow/alerts.js';
import { EngineFollowMatcher } from '../../src/follow/matcher.js';
import { FollowStore } from '../../src/follow/store.js';
import type { IndexManager } from '../../src/index/manager.js';
import { tempDir } from '../helpers.js';
import { strictTelegramHtml } from '../bot/harness.js';
import { followEngine } from './engine.js';

const TOKEN = '987654321:AAF_TestTokenForCiteraBotTests_0123456';

type Answer = { ok: true } | { ok: false; error_code: number; description: string; parameters?: { migrate_to_chat_id?: number } };

/** An Api whose calls never leave the process: a transformer answers them, as `answer` says per chat. */
function fakeApi(answer: (chatId: number) => Answer = () => ({ ok: true })) {
  const api = new Api(TOKEN, { apiRoot: 'http://127.0.0.1:9' });
  const sent: { chatId: number; text: string }[] = [];
  api.config.use(async (_prev, method, payload) => {
    const p = payload as { chat_id: number; text: string };
    if (method !== 'sendMessage') throw new Error(`unexpected ${method}`);
    const a = answer(p.chat_id);
    if (!a.ok) return a as never;
    sent.push({ chatId: p.chat_id, text: p.text });
    return { ok: true, result: { message_id: sent.length, date: 0, chat: { id: p.chat_id, type: 'private', first_name: 'x' }, text: p.text } } as never;
  });
  return { api: limitAlertApi(api), sent };
}

describe('AlertSender', () => {
  let manager: IndexManager;
  beforeAll(async () => {
    manager = await followEngine();
  }, 60_000);
  const stores: FollowStore[] = [];
  afterAll(() => stores.forEach((s) => s.close()));
  const store = () => {
    const s = FollowStore.open(join(tempDir('citera-alerts-'), 'follows.db'));
    stores.push(s);
    return s;
  };
  const sender = (s: FollowStore, api: Api) => new AlertSender(api, s, new EngineFollowMatcher(() => manager.engine));

  it('a matching statement: one alert per follower with the verbatim sentence and its link; a group is alerted as a group', async () => {
    const s = store();
    s.follow(1, 'Rinkeby', 'sv');
    s.follow(-100123, '  RINKEBY ', 'en');
    s.follow(2, 'bibliotek öppettider', 'en');
    const { api, sent } = fakeApi();
    const r = await sender(s, api).alert(['k:2']);
    expect(r).toMatchObject({ topics: 2, matched: 1, sent: 2, alreadyAlerted: 0, dropped: [], failed: 0 });
    expect(sent.map((m) => m.chatId).sort()).toEqual([-100123, 1]);
    const sv = sent.find((m) => m.chatId === 1)!.text;
    expect(sv.split('\n')[0]).toBe('🔔 <b>Nytt uttalande om ”Rinkeby”</b>');
    expect(sv).toContain('”Polisen larmades strax efter klockan 18 om skottlossning i Rinkeby.”');
    expect(sent.find((m) => m.chatId === -100123)!.text).toContain('“Polisen larmades strax efter klockan 18 om skottlossning i Rinkeby.”');
    expect(sv).toContain('<a href="https://example.org/skott#:~:text=');
    for (const m of sent) expect(strictTelegramHtml(m.text)).toBeNull();
  });

  it('a statement that does not match a follow sends nothing', async () => {
    const s = store();
    s.follow(1, 'skottlossning Malmö');
    s.follow(2, 'bibliotek öppettider');
    const { api, sent } = fakeApi();
    expect(await sender(s, api).alert(['k:2'])).toMatchObject({ topics: 2, matched: 0, sent: 0 });
    expect(sent).toEqual([]);
  });

  it('at most once per statement and chat: not again on the next sync, nor after an edit, nor for a second matching follow', async () => {
    const s = store();
    s.follow(1, 'Rinkeby');
    const { api, sent } = fakeApi();
    const alerts = sender(s, api);
    expect((await alerts.alert(['k:2'])).sent).toBe(1);
    s.follow(1, 'skottlossning Rinkeby');
    const again = await alerts.alert(['k:2']); // the same statement, updated
    expect(again).toMatchObject({ sent: 0, alreadyAlerted: 2 });
    expect(sent).toHaveLength(1);
  });

  it('a chat that blocked the bot (403) is dropped; the others are alerted', async () => {
    const s = store();
    for (const chat of [1, 3, 4]) s.follow(chat, 'Rinkeby');
    s.follow(3, 'Kävlinge');
    const { api, sent } = fakeApi((chat) => (chat === 3 ? { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } : { ok: true }));
    const r = await sender(s, api).alert(['k:2']);
    expect(r).toMatchObject({ sent: 2, dropped: [3], failed: 0 });
    expect(sent.map((m) => m.chatId).sort()).toEqual([1, 4]);
    expect(s.list(3)).toEqual([]);
    expect(s.list(1)).toHaveLength(1);
  });

  it('a group that became a supergroup: its follows move and the alert goes to the new chat', async () => {
    const s = store();
    s.follow(-200, 'Rinkeby');
    const { api, sent } = fakeApi((chat) => (chat === -200 ? { ok: false, error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: -100200 } } : { ok: true }));
    expect(await sender(s, api).alert(['k:2'])).toMatchObject({ sent: 1, failed: 0 });
    expect(sent.map((m) => m.chatId)).toEqual([-100200]);
    expect(s.list(-100200).map((f) => f.words)).toEqual(['Rinkeby']);
  });

  it('another failure gives the claim back, so a later sync may try again', async () => {
    const s = store();
    s.follow(5, 'Rinkeby');
    let down = true;
    const { api, sent } = fakeApi(() => (down ? { ok: false, error_code: 400, description: 'Bad Request: chat not found' } : { ok: true }));
    const alerts = sender(s, api);
    expect(await alerts.alert(['k:2'])).toMatchObject({ sent: 0, failed: 1 });
    down = false;
    expect(await alerts.alert(['k:2'])).toMatchObject({ sent: 1, failed: 0 });
    expect(sent).toHaveLength(1);
  });
});
