/**
 * Authorization: every admin action (/status, /reindex, /remove, a file upload) from anyone but an admin is
 * refused and changes nothing — the index folder, the corpus folder, the live engine object, and no call to the
 * manager's reindex and the corpus service's putFile / removeStatement or to the downloader. Admins are matched by numeric user id only: a
 * username, a first name, a forwarded or replied-to admin message, an anonymous group admin, or an id sent as a
 * string are not the admin. ADMIN_USER_IDS holding anything but numeric ids fails config parsing, naming the key.
 * Uploads: the size is checked before any download, the type by the bytes (never the name).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBot, type BotBackend } from '../../src/bot/bot.js';
import { sniffUpload, telegramDownloader, UploadTooLargeError } from '../../src/bot/upload.js';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { IndexManager } from '../../src/index/manager.js';
import { ADMIN_ID, BOT_INFO, botConfig, recordingLogger, removeTempDirs, TOKEN } from './helpers.js';
import { documentMessage, fakeApi, messageUpdate, privateChat, snapshot, textMessage, user, type ChatSpec, type Person } from './harness.js';

vi.setConfig({ testTimeout: 120_000 });

const SEED_ID = 'press-release-stockholm-gang-violence.md';
const REFUSED = 'Sorry, that command is only for the bot’s administrators. Nothing was changed.';
const UPLOAD_REFUSED = /only the bot’s administrators can add statements/;

const STATEMENT = `---
title: Tre gripna för grovt vapenbrott på Hisingen
publisher: Polisen region Väst
published: 2024-06-12
---
Polisen i Göteborg grep på onsdagskvällen tre personer som misstänks för grovt vapenbrott på Hisingen.
`;

afterAll(() => removeTempDirs());

/** A bot over its own corpus copy, with the manager's changing methods and the downloader counted. */
async function setup(extra: Record<string, string> = {}) {
  const own = botConfig(extra);
  const manager = await IndexManager.open(own.config, { buildIfMissing: true });
  const spy = { reindex: 0, putFile: 0, removeStatement: 0, downloads: [] as string[] };
  const backend: BotBackend = {
    get engine() {
      return manager.engine;
    },
    notice: manager.notice,
    startedAt: manager.startedAt,
    reindex: (o) => (spy.reindex++, manager.reindex(o)),
    corpus: {
      putFile: (name, content) => (spy.putFile++, manager.corpus.putFile(name, content)),
      removeStatement: (id) => (spy.removeStatement++, manager.corpus.removeStatement(id)),
    },
  };
  const files = new Map<string, Uint8Array>();
  const logger = recordingLogger();
  const bot = createBot(backend, own.config, {
    botInfo: BOT_INFO,
    logger,
    download: async (_api, fileId, max) => {
      spy.downloads.push(fileId);
      const b = files.get(fileId) ?? new TextEncoder().encode(STATEMENT);
      if (b.length > max) throw new UploadTooLargeError(b.length, max);
      return b;
    },
  });
  const api = fakeApi(bot);
  const state = () => ({ index: snapshot(own.config.INDEX_DIR), corpus: snapshot(own.corpus), engine: manager.engine, statements: manager.engine.status().statements });
  const replies = (from = 0) => api.calls.slice(from).filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text));
  return { own, manager, spy, files, bot, api, state, replies, logger };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** Every admin action, as `from` in `chat`, each with the text it is sent as (extra fields merged into the message). */
function adminActions(chat: ChatSpec, from: Person | undefined, extra: Record<string, unknown> = {}): [string, Update][] {
  const cmd = (text: string) => {
    const u = textMessage(chat, from ?? user(0), text, extra);
    if (!from) delete (u.message as unknown as Record<string, unknown>).from;
    return [text, u] as [string, Update];
  };
  const upload = documentMessage(chat, from ?? user(0), { file_id: `doc-${from?.id ?? 'none'}-${chat.id}`, file_name: 'hisingen.md', file_size: STATEMENT.length }, extra);
  // In a group, also one addressed to the bot (captioned with a mention).
  const mentioned = documentMessage(chat, from ?? user(0), { file_id: `doc-m-${from?.id ?? 'none'}-${chat.id}`, file_name: 'hisingen.md', file_size: STATEMENT.length }, { caption: `@${BOT_INFO.username}`, caption_entities: [{ type: 'mention', offset: 0, length: BOT_INFO.username.length + 1 }], ...extra });
  if (!from) for (const u of [upload, mentioned]) delete (u.message as unknown as Record<string, unknown>).from;
  const actions: [string, Update][] = [cmd('/status'), cmd('/reindex'), cmd('/reindex force'), cmd(`/remove ${SEED_ID}`), cmd(`/reindex@${BOT_INFO.username} force`), cmd(`/remove@${BOT_INFO.username} ${SEED_ID}`), ['upload', upload]];
  if (chat.type !== 'private') actions.push(['upload addressed', mentioned]);
  return actions;
}

async function expectRefusedAndUnchanged(s: Setup, chat: ChatSpec, from: Person | undefined, extra: Record<string, unknown> = {}, who = '') {
  const before = s.state();
  for (const [what, update] of adminActions(chat, from, extra)) {
    const n = s.api.calls.length;
    await s.bot.handleUpdate(update);
    const r = s.replies(n);
    if (what === 'upload' && chat.type !== 'private') {
      // A document in a group is not addressed to the bot (no command, mention or reply): ignored.
      expect(r, `${who} ${what}: ignored`).toEqual([]);
    } else {
      expect(r, `${who} ${what}: one refusal`).toHaveLength(1);
      expect(r[0], `${who} ${what}`).toMatch(what.startsWith('upload') ? UPLOAD_REFUSED : new RegExp(`^${REFUSED}$`));
    }
    expect(s.api.calls.slice(n).map((c) => c.method).filter((m) => m !== 'sendMessage'), `${who} ${what}: no other call`).toEqual([]);
  }
  const after = s.state();
  expect(after.index, `${who}: index folder`).toEqual(before.index);
  expect(after.corpus, `${who}: corpus folder`).toEqual(before.corpus);
  expect(after.engine, `${who}: engine object`).toBe(before.engine);
  expect(after.statements).toBe(before.statements);
  expect({ reindex: s.spy.reindex, putFile: s.spy.putFile, removeStatement: s.spy.removeStatement, downloads: s.spy.downloads }).toEqual({ reindex: 0, putFile: 0, removeStatement: 0, downloads: [] });
}

describe('admin actions by anyone else', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup();
  }, 120_000);

  it('are refused and change nothing: an ordinary user, in a private chat and in a group', async () => {
    const u = user(4242, { language_code: 'en' });
    await expectRefusedAndUnchanged(s, privateChat(u), u, {}, 'private');
    await expectRefusedAndUnchanged(s, { id: -100777, type: 'supergroup', title: 'g' }, u, {}, 'group');
  });

  it('are refused to look-alikes of the admin: same username, id as first name or last name, id as a string', async () => {
    const admin = user(ADMIN_ID); // username "user900"
    const lookalikes: [string, Person][] = [
      ['username of the admin', user(ADMIN_ID + 1, { username: admin.username, first_name: admin.first_name, language_code: 'en' })],
      ['first name = admin id', user(ADMIN_ID + 2, { first_name: String(ADMIN_ID), username: String(ADMIN_ID), language_code: 'en' })],
      ['last name = admin id', { ...user(ADMIN_ID + 3, { language_code: 'en' }), last_name: String(ADMIN_ID) } as Person],
      ['id as a string', { ...user(0, { language_code: 'en' }), id: String(ADMIN_ID) as unknown as number }],
      ['id as a float string', { ...user(0, { language_code: 'en' }), id: `${ADMIN_ID}.0` as unknown as number }],
    ];
    for (const [who, p] of lookalikes) await expectRefusedAndUnchanged(s, { id: 555_000 + lookalikes.findIndex(([w]) => w === who), type: 'private', first_name: 'x' }, p, {}, who);
  });

  it('are refused when the admin is only in the message: forwarded from, replying to, or mentioning the admin', async () => {
    const u = user(4343, { language_code: 'en' });
    const admin = user(ADMIN_ID);
    const chat = privateChat(u);
    await expectRefusedAndUnchanged(s, chat, u, { forward_origin: { type: 'user', date: 0, sender_user: admin }, forward_from: admin, forward_date: 0 }, 'forwarded');
    await expectRefusedAndUnchanged(s, chat, u, { reply_to_message: { message_id: 1, date: 0, chat, from: admin, text: '/reindex' } }, 'reply to admin');
    await expectRefusedAndUnchanged(s, chat, u, { via_bot: admin, sender_business_bot: admin }, 'via');
  });

  it('are refused to an anonymous group admin and to a message without a sender', async () => {
    const group: ChatSpec = { id: -100888, type: 'supergroup', title: 'g' };
    const anonymous = { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' } as Person;
    await expectRefusedAndUnchanged(s, group, anonymous, { sender_chat: { id: ADMIN_ID, type: 'supergroup', title: 'g' } }, 'anonymous admin');
    await expectRefusedAndUnchanged(s, group, undefined, { sender_chat: { id: group.id, type: 'supergroup', title: 'g' } }, 'no sender');
  });

  it('cannot be smuggled in: an upload captioned /reindex, an edited message, a caption command, a callback', async () => {
    const u = user(4444, { language_code: 'en' });
    const chat = privateChat(u);
    const before = s.state();
    const n = s.api.calls.length;
    await s.bot.handleUpdate(documentMessage(chat, u, { file_id: 'cap', file_name: 'x.md', file_size: 10 }, { caption: '/reindex force', caption_entities: [{ type: 'bot_command', offset: 0, length: 8 }] }));
    await s.bot.handleUpdate(messageUpdate(chat, u, { text: `/remove ${SEED_ID}`, entities: [{ type: 'bot_command', offset: 0, length: 7 }] }, 'edited_message'));
    await s.bot.handleUpdate(messageUpdate(chat, u, { photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }], caption: `/remove ${SEED_ID}`, caption_entities: [{ type: 'bot_command', offset: 0, length: 7 }] }));
    for (const data of ['reindex', '/reindex', `remove:${SEED_ID}`, 'c:reindex:0']) {
      await s.bot.handleUpdate({ update_id: Math.floor(Math.random() * 1e9), callback_query: { id: data, from: u, chat_instance: 'c', data, message: { message_id: 1, date: 0, chat, text: 'x' } } } as unknown as Update);
    }
    expect(s.replies(n)).toHaveLength(2); // the upload refusal and the hint for the photo
    expect(s.replies(n)[0]).toMatch(UPLOAD_REFUSED);
    const after = s.state();
    expect(after.index).toEqual(before.index);
    expect(after.corpus).toEqual(before.corpus);
    expect(after.engine).toBe(before.engine);
    expect({ reindex: s.spy.reindex, putFile: s.spy.putFile, removeStatement: s.spy.removeStatement, downloads: s.spy.downloads }).toEqual({ reindex: 0, putFile: 0, removeStatement: 0, downloads: [] });
  });

  it('logs each refusal with the numeric id (how an admin finds theirs), never a username', () => {
    const refusals = s.logger.lines.filter((l) => l.includes('admin command refused'));
    expect(refusals.length).toBeGreaterThan(10);
    expect(refusals.some((l) => l.includes('"user":4242'))).toBe(true);
    expect(refusals.join('\n')).not.toContain('user4242');
  });

  it('the same actions by the admin (numeric id) do work: the refusals above are not vacuous', async () => {
    const admin = user(ADMIN_ID, { language_code: 'en' });
    const chat = privateChat(admin);
    let n = s.api.calls.length;
    await s.bot.handleUpdate(textMessage(chat, admin, '/status'));
    expect(s.replies(n)[0]).toMatch(/^<b>Status<\/b>\nStatements: 1\n/);
    n = s.api.calls.length;
    await s.bot.handleUpdate(documentMessage(chat, admin, { file_id: 'admin-doc', file_name: 'hisingen.md', file_size: STATEMENT.length }));
    expect(s.replies(n)).toEqual(['✅ Saved as <code>hisingen.md</code> and indexed: 1 statement added.']);
    expect(s.spy.downloads).toEqual(['admin-doc']);
    expect(s.manager.engine.status().statements).toBe(2);
    n = s.api.calls.length;
    await s.bot.handleUpdate(textMessage(chat, admin, '/remove hisingen.md'));
    expect(s.replies(n)[0]).toContain('<code>hisingen.md</code> is removed from the index.');
    expect(s.manager.engine.status().statements).toBe(1);
  });
});

describe('ADMIN_USER_IDS', () => {
  it('accepts numeric ids only; a username (or anything else) fails config parsing with a message naming the key', () => {
    expect(loadConfig({ ADMIN_USER_IDS: ' 11111111 , 22222222 ' }).ADMIN_USER_IDS).toEqual([11111111, 22222222]);
    expect(loadConfig({ ADMIN_USER_IDS: '' }).ADMIN_USER_IDS).toEqual([]);
    for (const bad of ['@alice', 'alice', '123,@bob', '123, bob', 'user900', '-100123', '12.5', '1e5', '0x1F', '９００']) {
      let err: unknown;
      try {
        loadConfig({ ADMIN_USER_IDS: bad });
      } catch (e) {
        err = e;
      }
      expect(err, bad).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).key).toBe('ADMIN_USER_IDS');
      expect((err as Error).message).toMatch(/^ADMIN_USER_IDS: .*numeric Telegram user ids/);
    }
  });

  it('with no admins at all, nobody is an admin (not even id 0)', async () => {
    const s = await setup({ ADMIN_USER_IDS: '' });
    for (const p of [user(ADMIN_ID, { language_code: 'en' }), user(0, { language_code: 'en' })]) {
      await expectRefusedAndUnchanged(s, { id: 99, type: 'private', first_name: 'x' }, p, {}, `id ${String(p.id)}`);
    }
  });
});

describe('uploads', () => {
  const admin = user(ADMIN_ID, { language_code: 'en' });
  const chat = privateChat(admin);

  it('a file over MAX_UPLOAD_BYTES is refused before the downloader is called (even getFile); one at the limit is downloaded', async () => {
    const s = await setup({ MAX_UPLOAD_BYTES: '1000' });
    const before = s.state();
    for (const size of [1001, 5000, 2 ** 31]) {
      const n = s.api.calls.length;
      await s.bot.handleUpdate(documentMessage(chat, admin, { file_id: `big${size}`, file_name: 'big.md', file_size: size }));
      expect(s.replies(n)[0]).toMatch(/^The file is too large \(.*; the limit is 1000 B, MAX_UPLOAD_BYTES\)\. It was not downloaded\.$/);
      expect(s.api.calls.slice(n).map((c) => c.method)).toEqual(['sendMessage']);
    }
    expect(s.spy.downloads).toEqual([]);
    expect(s.state().corpus).toEqual(before.corpus);
    s.files.set('exact', new TextEncoder().encode(STATEMENT.padEnd(1000, ' ')));
    await s.bot.handleUpdate(documentMessage(chat, admin, { file_id: 'exact', file_name: 'exact.md', file_size: 1000 }));
    expect(s.spy.downloads).toEqual(['exact']);
  });

  it('the real downloader: a size Telegram reports over the limit fetches nothing; a server sending more than it said is cut off', async () => {
    const requests: string[] = [];
    const server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      // Says 10 bytes, sends 5,000 (no content-length).
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end('x'.repeat(5000));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const download = telegramDownloader({ token: TOKEN, apiRoot });
      const fakeApiObj = (file: Record<string, unknown>) => ({ getFile: async () => file }) as never;
      await expect(download(fakeApiObj({ file_id: 'a', file_unique_id: 'a', file_size: 2000, file_path: 'documents/a.md' }), 'a', 1000)).rejects.toBeInstanceOf(UploadTooLargeError);
      expect(requests).toEqual([]);
      await expect(download(fakeApiObj({ file_id: 'b', file_unique_id: 'b', file_size: 10, file_path: 'documents/b.md' }), 'b', 1000)).rejects.toBeInstanceOf(UploadTooLargeError);
      expect(requests).toHaveLength(1);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  const enc = (t: string) => new TextEncoder().encode(t);
  const binaries: [string, Uint8Array][] = [
    ['PNG', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...enc('IHDR fake image data')])],
    ['PDF', enc('%PDF-1.7\n1 0 obj << /Type /Catalog >>\nendobj\n')],
    ['ZIP', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...enc('word/document.xml')])],
    ['ELF', Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Uint8Array(40)])],
    ['gzip', Uint8Array.from([0x1f, 0x8b, 8, 0, ...enc('compressed')])],
    ['JPEG', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...enc('JFIF')])],
    ['random bytes', Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919 + 13) % 256)],
    ['binary behind a UTF-16 BOM', Uint8Array.from([0xff, 0xfe, 0x7f, 0x45, 0x4c, 0x46, ...Uint8Array.from({ length: 600 }, (_, i) => (i * 7919 + 13) % 256)])],
    ['empty', new Uint8Array()],
  ];

  it('binaries named .md are refused by their content, and nothing is saved or indexed', async () => {
    const s = await setup();
    const before = s.state();
    for (const [what, bytes] of binaries) {
      s.files.set(what, bytes);
      const n = s.api.calls.length;
      await s.bot.handleUpdate(documentMessage(chat, admin, { file_id: what, file_name: 'statement.md', file_size: bytes.length }));
      const r = s.replies(n);
      expect(r, what).toHaveLength(1);
      expect(r[0], what).toMatch(/^The file was not added: its content is not text, HTML or JSON Lines \(.+\)\.$/);
    }
    const after = s.state();
    expect(after.corpus).toEqual(before.corpus);
    expect(after.index).toEqual(before.index);
    expect(after.engine).toBe(before.engine);
    expect(s.spy.putFile).toBe(0);
  });

  it('text is taken whatever it is called: Markdown named .bin, HTML named .md, JSON Lines named .txt, UTF-16 Markdown — each saved under the extension of what it is', async () => {
    const s = await setup();
    const html = `<!doctype html><html><head><title>Drönare vid Arlanda</title></head><body><main><h1>Drönare vid Arlanda</h1><p>Flygtrafiken vid Arlanda stoppades i två timmar efter att en drönare observerats.</p></main></body></html>`;
    const jsonl = `{"id":"lulea-1","title":"Stöld i Luleå","publisher":"Polisen region Nord","published":"2024-02-02","text":"En man greps i Luleå misstänkt för stöld av trettio cyklar."}\n`;
    const utf16 = Uint8Array.from([0xff, 0xfe, ...Buffer.from(STATEMENT.replace('Hisingen', 'Hisingen (UTF-16) 😀').replace('Tre gripna', 'Fyra gripna'), 'utf16le')]);
    const cases: [string, string, Uint8Array, string][] = [
      ['markdown', 'notes.bin', enc(STATEMENT), 'notes.bin.txt'],
      ['html', 'page.md', enc(html), 'page.html'],
      ['jsonl', 'dump.txt', enc(jsonl), 'dump.jsonl'],
      ['utf-16', 'windows.md', utf16, 'windows.md'],
    ];
    let statements = s.manager.engine.status().statements;
    for (const [what, name, bytes, saved] of cases) {
      s.files.set(what, bytes);
      const n = s.api.calls.length;
      await s.bot.handleUpdate(documentMessage(chat, admin, { file_id: what, file_name: name, file_size: bytes.length }));
      expect(s.replies(n), what).toEqual([`✅ Saved as <code>${saved}</code> and indexed: 1 statement added.`]);
      expect(new Uint8Array(readFileSync(join(s.own.corpus, saved))), what).toEqual(bytes);
      expect(s.manager.engine.status().statements, what).toBe(++statements);
    }
    // The Markdown named .bin kept its front matter (title) in the index.
    const a = await s.manager.engine.ask('Hur många greps för grovt vapenbrott på Hisingen?', {});
    expect(a.citations.map((c) => c.title)).toContain('Tre gripna för grovt vapenbrott på Hisingen');
  });

  it('sniffUpload: a UTF-16 BOM vouches for text only when what follows is text', () => {
    expect(sniffUpload(Uint8Array.from([0xff, 0xfe, ...Buffer.from('Polisen grep en man i Malmö. 😀', 'utf16le')]))).toEqual({ ok: true, kind: 'text' });
    const be = Buffer.from('Polisen grep en man i Malmö.', 'utf16le').swap16();
    expect(sniffUpload(Uint8Array.from([0xfe, 0xff, ...be]))).toEqual({ ok: true, kind: 'text' });
    expect(sniffUpload(Uint8Array.from([0xfe, 0xff, ...Uint8Array.from({ length: 600 }, (_, i) => (i * 131 + 7) % 256)])).ok).toBe(false);
  });
});
