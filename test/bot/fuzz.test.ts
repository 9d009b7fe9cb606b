/**
 * Bad messages: thousands of random updates (seeded, so a failure replays with the same FUZZ_SEED) fed through
 * `bot.handleUpdate` to a bot over the seed corpus. Every outgoing call is answered locally and checked against
 * Telegram's limits and HTML subset; every update is checked against the reply rules below; any error that
 * reaches the bot's error handler (logged as "failed to handle an update") fails the run.
 *
 * Reply rules (what "a deliberate silence" means):
 * - private chat, a new message from a person (text, command, caption, sticker, photo, anything) → at least one
 *   sendMessage to that chat; a document from a non-admin → exactly one (the refusal), nothing downloaded.
 * - group/supergroup, a text message → replies only when addressed, then at least one, else no call at all. A
 *   message starting with a command is addressed when the command is one of the bot's (`/help`) or names it
 *   (`/help@TestNameBot`, `/nosuch@TestNameBot`), whatever else it holds; `/help@OtherBot` and a bare unknown
 *   `/nosuch` are not. Otherwise an @mention of the bot or a reply to one of its messages. Replies to a forum
 *   topic's message stay in that topic. Non-text group messages (stickers, photos, captions, even mentioning
 *   the bot) → no call. With made-up entities (wrong offsets, types) either is fine, but never an error.
 * - edited messages, channel posts, and update kinds the bot does not subscribe to → no call at all.
 * - a callback query → exactly one answerCallbackQuery; with data the bot never sent ("expired") no message,
 *   with a button the bot did send (pressed again, by anyone, anywhere) messages only to the button's chat.
 * - an inline query → exactly one answerInlineQuery.
 * - a message never goes to another chat than the update's.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Update } from 'grammy/types';
import { background, createBot } from '../../src/bot/bot.js';
import { IndexManager } from '../../src/index/manager.js';
import { ADMIN_ID, BOT_INFO, botConfig, recordingLogger, removeTempDirs, writeStatement } from './helpers.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkCall, fakeApi, strictTelegramHtml, messageUpdate, newUpdateId, privateChat, prng, snapshot, user, type ChatSpec, type Person, type Rng } from './harness.js';

vi.setConfig({ testTimeout: 120_000 });

const SEED = Number(process.env.FUZZ_SEED ?? 20240502);
const N = Number(process.env.FUZZ_UPDATES ?? 5000);
const ME = BOT_INFO.username;
const GROUP: ChatSpec = { id: -1001234, type: 'supergroup', title: 'Fuzz group' };
const SMALL_GROUP: ChatSpec = { id: -4321, type: 'group', title: 'Small group' };

// --- Random text ------------------------------------------------------------------------------------------------

const QUESTIONS = [
  'How many are remanded?',
  'Vem rånade juveleraren på Avenyn?',
  'Hur många omhändertogs under valborgsfirandet i Uppsala?',
  'How many were taken into custody in Uppsala?',
  'Hur många sitter häktade?',
  'Vem sa att de var onåbara?',
  'What is the weather in Paris?',
  'Hur många är från gängmiljön?',
  'när',
  '?',
  '380',
];
const RTL = ['مرحبا بالعالم', 'שלום עולם', '\u202Eevil\u202C', '\u200F', '\u2067isolate\u2069', 'ﷺ'];
const EMOJI = ['😀', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇸🇪', '👍🏽', '🫠', '❤️', '\u{1F9D1}\u200D\u{1F692}'];
const COMBINING = ['e\u0301', 'a\u0308', 'Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359\u035A', 'o\u20DD', '\u0300'];
const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u180E'];
const SURROGATES = ['\uD800', '\uDFFF', '\uDBFF\uDBFF', 'x\uDC00y', '\uD83D'];
const MARKUP = [
  '<b>&',
  '</a>',
  '<a href="javascript:alert(1)">x</a>',
  '&amp;',
  '&lt;',
  '&#0;',
  '&#x110000;',
  '&bogus;',
  '<script>alert(1)</script>',
  '<b><i>unclosed',
  '"quoted"',
  "'single'",
  '<tg-spoiler>',
  '<pre><code class="language-x">',
  '*bold* _it_ `code` [l](http://x)',
  '\\',
  '${x}',
  '%s%n',
  '\u0000',
  '\r\n',
  '\t',
];
const WORDS = ['polisen', 'häktade', 'gängmiljön', 'Stockholm', 'Mats', 'Löfving', 'the', 'och', 'remanded', 'hur', 'många', 'what', 'who', 'när', 'var', '380', '100', '2024-05-02'];

function randomChunk(r: Rng): string {
  switch (r.weighted({ word: 6, question: 2, rtl: 1, emoji: 1, combining: 1, zw: 1, surrogate: 0.5, markup: 2, ascii: 2, unicode: 1, mention: 0.5, space: 1 })) {
    case 'word':
      return r.pick(WORDS);
    case 'question':
      return r.pick(QUESTIONS);
    case 'rtl':
      return r.pick(RTL);
    case 'emoji':
      return r.pick(EMOJI);
    case 'combining':
      return r.pick(COMBINING);
    case 'zw':
      return r.pick(ZERO_WIDTH);
    case 'surrogate':
      return r.pick(SURROGATES);
    case 'markup':
      return r.pick(MARKUP);
    case 'ascii':
      return Array.from({ length: r.int(1, 12) }, () => String.fromCharCode(r.int(32, 126))).join('');
    case 'unicode':
      return Array.from({ length: r.int(1, 6) }, () => String.fromCodePoint(r.pick([r.int(0xa0, 0x2fff), r.int(0x3000, 0xd7ff), r.int(0xe000, 0xfffd), r.int(0x10000, 0x10ffff)]))).join('');
    case 'mention':
      return r.pick([`@${ME}`, `@${ME.toLowerCase()}`, '@OtherBot', `@${ME}x`, '@']);
    default:
      return r.pick([' ', '  ', '\n', '\n\n', '\t']);
  }
}

function randomText(r: Rng): string {
  const size = r.weighted({ short: 10, medium: 5, empty: 0.5, long: 1, huge: 0.5 });
  if (size === 'empty') return r.pick(['', ' ', '\n', '\u200B', '\u00A0']);
  if (size === 'long' || size === 'huge') {
    const target = size === 'long' ? r.int(4097, 6000) : r.int(10_001, 14_000);
    let s = '';
    while (s.length < target) s += randomChunk(r) + ' ';
    return s.slice(0, target);
  }
  const n = size === 'short' ? r.int(1, 8) : r.int(9, 60);
  return Array.from({ length: n }, () => randomChunk(r)).join(r.pick([' ', '', ' ']));
}

const COMMANDS = ['start', 'help', 'verify', 'status', 'reindex', 'remove', 'foo', 'Start', 'VERIFY', 'settings', 'a', 'x_y'];
const JUNK_ARGS = ['', ':', ' : ', 'junk', 'force', 'Mats Löfving:', ': quote', '"', '””', '../../etc/passwd', '<b>', 'a'.repeat(5000), '\u202E', 'Mats Löfving: de som trodde de var onåbara är nu frihetsberövade'];

function randomCommand(r: Rng): string {
  const cmd = r.pick(COMMANDS);
  const at = r.weighted({ none: 6, me: 2, other: 2, meLower: 1 });
  const suffix = at === 'none' ? '' : at === 'me' ? `@${ME}` : at === 'meLower' ? `@${ME.toLowerCase()}` : '@OtherBot';
  const args = r.chance(0.5) ? r.pick(JUNK_ARGS) : r.chance(0.5) ? randomText(r) : '';
  return `/${cmd}${suffix}${args ? ` ${args}` : ''}`;
}

// --- Random updates ---------------------------------------------------------------------------------------------

type Expect =
  | { kind: 'private'; chatId: number; document?: boolean }
  | { kind: 'group'; chatId: number; addressed: boolean | null }
  | { kind: 'silent' }
  | { kind: 'callback'; id: string; chatId?: number }
  | { kind: 'inline'; id: string };

interface Case {
  update: Update;
  expect: Expect;
  label: string;
}

const LANGS = [undefined, 'en', 'sv', 'sv-SE', 'de', 'ar', '', 'EN'];

function randomPerson(r: Rng): Person {
  const id = r.pick([r.int(1, 5_000_000_000), r.int(1000, 1100)]);
  const p: Person = { id, is_bot: false };
  if (r.chance(0.9)) p.first_name = r.chance(0.8) ? `User${id}` : randomText(r).slice(0, 64) || 'x';
  if (r.chance(0.7)) p.username = r.chance(0.9) ? `user${id}` : 'TestNameBot';
  const lang = r.pick(LANGS);
  if (lang !== undefined) p.language_code = lang;
  return p;
}

/**
 * Entities for `text`: usually the ones Telegram would send (bot_command, mention), sometimes missing, and
 * sometimes a made-up one (wrong type, offset or length), as a hostile client might send: `hostile` says so.
 */
function entitiesFor(r: Rng, text: string): { entities?: Record<string, unknown>[]; hostile: boolean } {
  const out: Record<string, unknown>[] = [];
  let hostile = false;
  const cmd = /^\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?/.exec(text);
  if (cmd && r.chance(0.9)) out.push({ type: 'bot_command', offset: 0, length: cmd[0].length });
  for (const m of text.matchAll(/@[A-Za-z0-9_]+/g)) if (r.chance(0.8)) out.push({ type: 'mention', offset: m.index, length: m[0].length });
  if (r.chance(0.05)) {
    hostile = true;
    out.push({ type: r.pick(['bold', 'mention', 'bot_command', 'text_link', 'url']), offset: r.pick([0, r.int(-5, text.length + 50)]), length: r.int(-1, 100), url: 'http://x' });
  }
  if (r.chance(0.03)) out.push({ type: 'custom_emoji', offset: 0, length: 2, custom_emoji_id: '1' });
  return { entities: out.length ? out : undefined, hostile };
}

function textFields(r: Rng, text: string): { fields: Record<string, unknown>; hostile: boolean } {
  const { entities, hostile } = entitiesFor(r, text);
  return { fields: { text, ...(entities ? { entities } : {}) }, hostile };
}

const KNOWN = ['start', 'help', 'verify', 'status', 'reindex', 'remove'];

/**
 * Whether a group text message is addressed to the bot, by the rules in the header: a message that starts with
 * a command is a command (answered when it is one of ours, or names us, whatever else it holds); else a
 * mention of the bot or a reply to it. Null (either is fine) for made-up entities.
 */
function groupAddressed(fields: Record<string, unknown>, hostile: boolean, replyToBot: boolean): boolean | null {
  if (hostile) return null;
  const text = String(fields.text);
  const entities = (fields.entities ?? []) as { type: string; offset: number; length: number }[];
  const cmd = entities.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (cmd) {
    const m = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?$/.exec(text.slice(0, cmd.length))!;
    const forMe = m[2] === undefined || m[2].toLowerCase() === ME.toLowerCase();
    return forMe && (KNOWN.includes(m[1]!) || m[2] !== undefined);
  }
  const mentioned =
    entities.some((e) => e.type === 'mention' && text.slice(e.offset, e.offset + e.length).toLowerCase() === `@${ME.toLowerCase()}`) ||
    new RegExp(`(^|\\s)@${ME}\\b`, 'i').test(text);
  return mentioned || replyToBot;
}

const MEDIA: Record<string, (r: Rng) => Record<string, unknown>> = {
  sticker: () => ({ sticker: { file_id: 's', file_unique_id: 's', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false, emoji: '😀' } }),
  photo: (r) => ({ photo: [{ file_id: 'p', file_unique_id: 'p', width: 90, height: 90 }], ...(r.chance(0.7) ? { caption: randomText(r).slice(0, 1024) } : {}) }),
  photoCaptionCmd: (r) => ({ photo: [{ file_id: 'p', file_unique_id: 'p', width: 90, height: 90 }], caption: randomCommand(r).slice(0, 1024) }),
  voice: () => ({ voice: { file_id: 'v', file_unique_id: 'v', duration: 3 } }),
  location: () => ({ location: { latitude: 59.33, longitude: 18.06 } }),
  contact: () => ({ contact: { phone_number: '+46700000000', first_name: 'X' } }),
  dice: () => ({ dice: { emoji: '🎲', value: 3 } }),
  poll: () => ({ poll: { id: 'p', question: 'q?', options: [], total_voter_count: 0, is_closed: false, is_anonymous: true, type: 'regular', allows_multiple_answers: false } }),
  video: (r) => ({ video: { file_id: 'vi', file_unique_id: 'vi', width: 1, height: 1, duration: 1 }, ...(r.chance(0.5) ? { caption: `@${ME} ${randomText(r)}`.slice(0, 1024) } : {}) }),
  nothing: () => ({}),
};

/** Callback data the bot did send (under earlier answers), pressed again, by anyone, in any chat. */
const sentButtons: string[] = [];

function makeCase(r: Rng): Case {
  const kind = r.weighted({
    privateText: 30,
    privateCommand: 14,
    privateMedia: 6,
    privateDocument: 3,
    privateMissing: 2,
    groupText: 10,
    groupMention: 6,
    groupReply: 4,
    groupCommand: 6,
    groupMedia: 3,
    edited: 3,
    channel: 2,
    callback: 7,
    button: 3,
    inline: 6,
    other: 2,
  });
  const from = randomPerson(r);
  const chat: ChatSpec = { id: from.id, type: 'private', first_name: from.first_name ?? 'x' };
  const group = r.chance(0.7) ? GROUP : SMALL_GROUP;
  const topic = group.type === 'supergroup' && r.chance(0.2) ? { is_topic_message: true, message_thread_id: r.int(2, 50) } : {};
  switch (kind) {
    case 'privateText': {
      const text = randomText(r);
      // Telegram never delivers an empty text message; a blank one stands for a client that does.
      return { update: messageUpdate(chat, from, textFields(r, text).fields), expect: { kind: 'private', chatId: chat.id }, label: kind };
    }
    case 'privateCommand':
      return { update: messageUpdate(chat, from, textFields(r, randomCommand(r)).fields), expect: { kind: 'private', chatId: chat.id }, label: kind };
    case 'privateMedia': {
      const m = r.pick(Object.keys(MEDIA).filter((k) => k !== 'nothing'));
      return { update: messageUpdate(chat, from, MEDIA[m]!(r)), expect: { kind: 'private', chatId: chat.id }, label: `${kind}:${m}` };
    }
    case 'privateDocument': {
      const doc = { file_id: `doc${r.int(1, 1e6)}`, file_unique_id: 'd', ...(r.chance(0.8) ? { file_name: r.pick(['a.md', 'x.pdf', '../../x.md', '.hidden', randomText(r).slice(0, 80)]) } : {}), ...(r.chance(0.7) ? { file_size: r.int(0, 2 ** 31) } : {}), ...(r.chance(0.5) ? { caption: randomText(r).slice(0, 1024) } : {}) };
      const { caption, ...document } = doc;
      return { update: messageUpdate(chat, from, { document, ...(caption !== undefined ? { caption } : {}) }), expect: { kind: 'private', chatId: chat.id, document: true }, label: kind };
    }
    case 'privateMissing': {
      // A person with only an id (no name, username or language), a message with only the required fields.
      const bare = { id: from.id, is_bot: false } as Person;
      const text = r.chance(0.5) ? randomText(r) : randomCommand(r);
      return { update: messageUpdate({ id: bare.id, type: 'private' } as ChatSpec, bare, { text }), expect: { kind: 'private', chatId: bare.id }, label: kind };
    }
    case 'groupText': {
      // Not addressed: plain text, another bot's mention, a reply to another person.
      let text = randomText(r).replace(new RegExp(`@${ME}`, 'gi'), '@someone');
      if (text.startsWith('/')) text = ` ${text}`;
      const replyToOther = r.chance(0.3) ? { reply_to_message: { message_id: 1, date: 0, chat: group, from: user(77), text: 'hi' } } : {};
      const { fields, hostile } = textFields(r, text);
      return { update: messageUpdate(group, from, { ...fields, ...replyToOther, ...topic }), expect: { kind: 'group', chatId: group.id, addressed: hostile ? null : false }, label: kind };
    }
    case 'groupMention': {
      const mention = r.pick([`@${ME}`, `@${ME.toLowerCase()}`, `@${ME.toUpperCase()}`]);
      const body = randomText(r);
      const { fields, hostile } = textFields(r, r.chance(0.5) ? `${mention} ${body}` : `${body} ${mention}`);
      return { update: messageUpdate(group, from, { ...fields, ...topic }), expect: { kind: 'group', chatId: group.id, addressed: groupAddressed(fields, hostile, false) }, label: kind };
    }
    case 'groupReply': {
      const { fields, hostile } = textFields(r, randomText(r));
      const reply = { reply_to_message: { message_id: r.int(1, 100), date: 0, chat: group, from: BOT_INFO, text: 'answer' } };
      return { update: messageUpdate(group, from, { ...fields, ...reply, ...topic }), expect: { kind: 'group', chatId: group.id, addressed: groupAddressed(fields, hostile, true) }, label: kind };
    }
    case 'groupCommand': {
      const { fields, hostile } = textFields(r, randomCommand(r));
      const hasEntity = (fields.entities as { type: string; offset: number }[] | undefined)?.some((e) => e.type === 'bot_command' && e.offset === 0);
      return { update: messageUpdate(group, from, { ...fields, ...topic }), expect: { kind: 'group', chatId: group.id, addressed: groupAddressed(fields, hostile, false) }, label: `${kind}${hasEntity ? '' : ':noEntity'}` };
    }
    case 'groupMedia': {
      const m = r.pick(Object.keys(MEDIA));
      const reply = r.chance(0.3) ? { reply_to_message: { message_id: 1, date: 0, chat: group, from: BOT_INFO, text: 'answer' } } : {};
      return { update: messageUpdate(group, from, { ...MEDIA[m]!(r), ...reply, ...topic }), expect: { kind: 'group', chatId: group.id, addressed: false }, label: `${kind}:${m}` };
    }
    case 'edited': {
      const c = r.chance(0.5) ? chat : group;
      return { update: messageUpdate(c, from, textFields(r, r.chance(0.5) ? randomText(r) : `@${ME} ${randomCommand(r)}`).fields, 'edited_message'), expect: { kind: 'silent' }, label: kind };
    }
    case 'channel': {
      const ch: ChatSpec = { id: -1009999, type: 'channel', title: 'Channel' };
      return { update: messageUpdate(ch, undefined, { ...textFields(r, r.chance(0.5) ? `@${ME} ${randomText(r)}` : randomCommand(r)).fields, sender_chat: ch }, r.chance(0.7) ? 'channel_post' : 'edited_channel_post'), expect: { kind: 'silent' }, label: kind };
    }
    case 'callback': {
      const id = `cb${r.int(1, 1e9)}`;
      const data = r.weighted({ random: 3, shaped: 3, long: 1, empty: 1, none: 1 });
      const value =
        data === 'random'
          ? randomText(r).slice(0, 64)
          : data === 'shaped'
            ? r.pick([`c:${'A'.repeat(r.int(1, 30))}:${r.int(0, 9999)}`, `m:${'b'.repeat(r.int(0, 25))}`, 'c::0', 'c:AAAAAAAAAAA:-1', 'm:', 'c:x:1e3'])
            : data === 'long'
              ? 'x'.repeat(r.int(65, 300))
              : '';
      const where = r.weighted({ message: 5, inline: 2, none: 1, group: 2 });
      const cq: Record<string, unknown> = { id, from, chat_instance: 'ci' };
      if (data !== 'none') cq.data = value;
      else cq.game_short_name = 'game';
      if (where === 'message') cq.message = { message_id: r.int(1, 1e5), date: 0, chat, from: BOT_INFO, text: 'answer' };
      else if (where === 'group') cq.message = { message_id: r.int(1, 1e5), date: 0, chat: group, from: BOT_INFO, text: 'answer' };
      else if (where === 'inline') cq.inline_message_id = 'inl';
      return { update: { update_id: newUpdateId(), callback_query: cq } as unknown as Update, expect: { kind: 'callback', id }, label: `${kind}:${data}/${where}` };
    }
    case 'button': {
      const id = `cb${r.int(1, 1e9)}`;
      const inGroup = r.chance(0.3);
      const where = inGroup ? group : chat;
      const data = sentButtons.length ? r.pick(sentButtons) : 'm:none';
      const cq = { id, from, chat_instance: 'ci', data, message: { message_id: r.int(1, 1e5), date: 0, chat: where, from: BOT_INFO, text: 'answer' } };
      return { update: { update_id: newUpdateId(), callback_query: cq } as unknown as Update, expect: { kind: 'callback', id, chatId: where.id }, label: `${kind}:${data[0]}` };
    }
    case 'inline': {
      const id = `iq${r.int(1, 1e9)}`;
      const query = r.chance(0.2) ? r.pick(['', ' ', 'ab', 'How many are remanded?', 'Hur många sitter häktade?']) : randomText(r).slice(0, 256);
      const iq: Record<string, unknown> = { id, from, query, offset: r.chance(0.9) ? '' : 'junk' };
      if (r.chance(0.5)) iq.chat_type = r.pick(['sender', 'private', 'group', 'supergroup', 'channel']);
      return { update: { update_id: newUpdateId(), inline_query: iq } as unknown as Update, expect: { kind: 'inline', id }, label: kind };
    }
    default: {
      const other = r.pick([
        { my_chat_member: { chat: group, from, date: 0, old_chat_member: { status: 'left', user: BOT_INFO }, new_chat_member: { status: 'member', user: BOT_INFO } } },
        { chat_member: { chat: group, from, date: 0, old_chat_member: { status: 'left', user: from }, new_chat_member: { status: 'member', user: from } } },
        { poll_answer: { poll_id: 'p', user: from, option_ids: [0] } },
        { message_reaction: { chat: group, message_id: 1, user: from, date: 0, old_reaction: [], new_reaction: [{ type: 'emoji', emoji: '👍' }] } },
        { chat_join_request: { chat: group, from, user_chat_id: from.id, date: 0 } },
        { shipping_query: { id: 's', from, invoice_payload: 'x', shipping_address: {} } },
        { some_future_update_kind: { anything: true } },
        {},
      ]);
      return { update: { update_id: newUpdateId(), ...other } as unknown as Update, expect: { kind: 'silent' }, label: `${kind}:${Object.keys(other)[0] ?? 'empty'}` };
    }
  }
}

// --- The corpus: the seed statement, plus one full of markup characters and one whose context needs splitting.

const MARKUP_STATEMENT = `---
title: "Rån mot <b>juvelerare</b> & guldsmed i \\"Göteborg\\" </a>"
publisher: Polisen region Väst & <i>Tullverket</i>
published: 2024-03-01
url: https://polisen.se/aktuellt/ran?x=1&y=<2>#frag
---
Tre män rånade en juvelerare & guldsmed på Avenyn i Göteborg på tisdagen, enligt polisen <b>region</b> Väst &amp; ingen annan.

– Vi söker vittnen som såg en <svart> bil & en moped vid "Avenyn", säger förundersökningsledaren Anna Berg.

Rånarna kom över smycken för &#60;1 miljon&#62; kronor, enligt <a href="x">polisen</a>.
`;

function longSentence(i: number, lead: string): string {
  const words = Array.from({ length: 140 }, (_, j) => `ord${i}x${j}${j % 7 === 0 ? ' &' : ''}${j % 11 === 0 ? ' <i>' : ''}`).join(' ');
  return `${lead} ${words}.`;
}
const LONG_STATEMENT = `---
title: Valborg i Uppsala
publisher: Polisen region Mitt
published: 2024-05-01
url: https://polisen.se/aktuellt/valborg-uppsala/
---
${[0, 1].map((i) => longSentence(i, 'Under kvällen')).join(' ')} ${longSentence(2, 'Under valborgsfirandet i Uppsala omhändertogs 14 personer för fylleri, meddelar polisen')} ${[3, 4].map((i) => longSentence(i, 'Strax efter midnatt')).join(' ')}
`;

// --- The run ----------------------------------------------------------------------------------------------------

let manager: IndexManager;
let seed: ReturnType<typeof botConfig>;

beforeAll(async () => {
  // A limit no fuzz user reaches: the flood test covers rate limiting; here every update must be answered.
  seed = botConfig({ RATE_LIMIT_MESSAGES: '1000000', RATE_LIMIT_WINDOW_MS: '60000' });
  writeStatement(seed.corpus, 'markup.md', MARKUP_STATEMENT);
  writeStatement(seed.corpus, 'long.md', LONG_STATEMENT);
  manager = await IndexManager.open(seed.config, { buildIfMissing: true });
}, 120_000);
afterAll(() => removeTempDirs());

describe('the checkers the fuzz relies on', () => {
  it('refuse what Telegram refuses and accept what it takes', () => {
    const good = ['<b>Svar:</b> 380', '“a &amp; b &lt;c&gt; &quot;d&quot; &#8212; &#x1F600;”', '<a href="https://polisen.se/a#:~:text=x%20y">Läs</a>', '<pre><code class="language-ts">x</code></pre>', '<span class="tg-spoiler">s</span> <tg-spoiler>t</tg-spoiler>', '<blockquote expandable>q</blockquote>', '<i><b>x</b></i>', 'x'.repeat(4096)];
    for (const h of good) expect(strictTelegramHtml(h), h.slice(0, 40)).toBeNull();
    const bad = ['<b>x', '</b>', '<b><i>x</b></i>', '<script>x</script>', '<p>x</p>', 'a & b', 'a < b', 'a > b', '&nbsp;', '&#0;', '&#xD800;', '<a>x</a>', '<a href="javascript:alert(1)">x</a>', '<a href="https://x" onclick="y">x</a>', '<span>x</span>', '<code><b>x</b></code>', '<a href="https://x"><a href="https://y">x</a></a>', 'x'.repeat(4097), '<b> </b>', '', 'x\uD800'];
    for (const h of bad) expect(strictTelegramHtml(h), h.slice(0, 40)).not.toBeNull();
    expect(checkCall('sendMessage', { chat_id: 1, text: 'ok', parse_mode: 'HTML', reply_markup: { inline_keyboard: [[{ text: 'b', callback_data: 'x'.repeat(65) }]] } })).toHaveLength(1);
    expect(checkCall('sendMessage', { chat_id: 1, text: 'ok', parse_mode: 'HTML', reply_markup: { inline_keyboard: [[{ text: 'b', callback_data: 'ö'.repeat(32) }]] } })).toHaveLength(0);
    expect(checkCall('sendMessage', { chat_id: 1, text: 'ö'.repeat(4097) })).toHaveLength(1);
    expect(checkCall('sendMessage', { chat_id: 1, text: '   ' })).toHaveLength(1);
    expect(checkCall('answerCallbackQuery', { callback_query_id: '1', text: 'x'.repeat(201) })).toHaveLength(1);
    expect(checkCall('sendPhoto', { chat_id: 1, photo: 'x', caption: 'x'.repeat(1025) })).toHaveLength(2);
    const results = Array.from({ length: 51 }, (_, i) => ({ type: 'article', id: String(i % 50), title: 't', input_message_content: { message_text: '<b>x', parse_mode: 'HTML' } }));
    expect(checkCall('answerInlineQuery', { inline_query_id: 'q', results }).length).toBeGreaterThanOrEqual(3);
    expect(checkCall('deleteMessage', { chat_id: 1, message_id: 1 })).toHaveLength(1);
  });
});

describe('fuzz: random updates', () => {
  it(`handles ${N} random updates (seed ${SEED}) without an error, within Telegram's limits, replying by the rules`, async () => {
    const logger = recordingLogger();
    let downloads = 0;
    const bot = createBot(manager, seed.config, {
      botInfo: BOT_INFO,
      logger,
      download: async () => {
        downloads++;
        return new TextEncoder().encode('x');
      },
    });
    const api = fakeApi(bot);
    const r = prng(SEED);
    const failures: string[] = [];
    const fail = (c: Case, what: string) => {
      if (failures.length < 30) failures.push(`${c.label} #${c.update.update_id}: ${what} — update ${JSON.stringify(c.update).slice(0, 400)}`);
    };
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);

    const counts = { updates: 0, calls: 0, messages: 0, htmlChecked: 0, callbacks: 0, inline: 0, silent: 0, groupAddressed: 0, groupIgnored: 0, groupEither: 0, buttonMessages: 0, split: 0, rejected: 0, byLabel: {} as Record<string, number> };
    const started = performance.now();
    try {
      for (let i = 0; i < N; i++) {
        const c = makeCase(r);
        counts.updates++;
        const base = label(c.label);
        counts.byLabel[base] = (counts.byLabel[base] ?? 0) + 1;
        const from = api.calls.length;
        const errorsBefore = logger.lines.filter((l) => l.includes('failed to handle an update')).length;
        try {
          await bot.handleUpdate(c.update);
        } catch (e) {
          counts.rejected++;
          fail(c, `handleUpdate rejected: ${String(e)}`);
        }
        // Fire-and-forget calls (the typing action) are issued within a tick.
        await new Promise((res) => setImmediate(res));
        const calls = api.calls.slice(from);
        counts.calls += calls.length;
        for (const call of calls) {
          for (const p of checkCall(call.method, call.payload)) fail(c, p);
          if (call.method === 'sendMessage' || call.method === 'editMessageText') counts.htmlChecked++;
        }
        if (logger.lines.filter((l) => l.includes('failed to handle an update')).length > errorsBefore) fail(c, `the error handler was reached: ${logger.lines.filter((l) => l.startsWith('error')).at(-1)}`);
        const messages = calls.filter((x) => x.method === 'sendMessage');
        for (const m of messages) {
          const kb = (m.payload.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined)?.inline_keyboard;
          for (const b of kb?.flat() ?? []) if (b.callback_data && sentButtons.length < 500) sentButtons.push(b.callback_data);
        }
        counts.messages += messages.length;
        if (messages.length > 1) counts.split++;
        for (const m of messages) {
          const expectedChat = 'chatId' in c.expect ? c.expect.chatId : undefined;
          if (m.payload.chat_id !== expectedChat) fail(c, `message to chat ${String(m.payload.chat_id)}, expected ${String(expectedChat)}`);
          const thread = (c.update.message as { is_topic_message?: boolean; message_thread_id?: number } | undefined)?.message_thread_id;
          if (thread !== undefined && m.payload.message_thread_id !== thread) fail(c, `reply outside the topic ${thread}`);
        }
        const e = c.expect;
        switch (e.kind) {
          case 'private':
            if (messages.length < 1) fail(c, 'no reply in a private chat');
            if (e.document && messages.length !== 1) fail(c, `${messages.length} replies to a non-admin upload`);
            if (calls.some((x) => x.method === 'getFile')) fail(c, 'getFile for a non-admin upload');
            break;
          case 'group':
            if (e.addressed === null) counts.groupEither++;
            else if (e.addressed) {
              counts.groupAddressed++;
              if (messages.length < 1) fail(c, 'no reply to a message addressed to the bot in a group');
            } else {
              counts.groupIgnored++;
              if (calls.length > 0) fail(c, `${calls.map((x) => x.method).join(', ')} for a group message not addressed to the bot`);
            }
            break;
          case 'silent':
            counts.silent++;
            if (calls.length > 0) fail(c, `${calls.map((x) => x.method).join(', ')} where the bot should stay silent`);
            break;
          case 'callback': {
            counts.callbacks++;
            const answers = calls.filter((x) => x.method === 'answerCallbackQuery');
            if (answers.length !== 1 || answers[0]!.payload.callback_query_id !== e.id) fail(c, `${answers.length} answers to the callback query`);
            if (e.chatId === undefined && messages.length) fail(c, 'a message for a button the bot never sent');
            if (e.chatId !== undefined) counts.buttonMessages += messages.length;
            break;
          }
          case 'inline': {
            counts.inline++;
            const answers = calls.filter((x) => x.method === 'answerInlineQuery');
            if (answers.length !== 1 || answers[0]!.payload.inline_query_id !== e.id) fail(c, `${answers.length} answers to the inline query`);
            if (messages.length) fail(c, 'a message for an inline query');
            break;
          }
        }
      }
      await background(bot).settled();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    const ms = performance.now() - started;
    const errors = logger.lines.filter((l) => l.startsWith('error'));
    console.log(
      `[fuzz] seed ${SEED}: ${counts.updates} updates in ${(ms / 1000).toFixed(1)} s; ${counts.calls} API calls checked, ${counts.messages} messages (${counts.htmlChecked} HTML texts checked; ${counts.split} replies split in parts), ` +
        `${counts.callbacks} callback answers (${counts.buttonMessages} messages from real buttons), ${counts.inline} inline answers, ${counts.groupAddressed} addressed and ${counts.groupIgnored} ignored group messages (${counts.groupEither} with made-up entities, either), ${counts.silent} silent updates; ` +
        `errors handled: ${errors.length}, rejected: ${counts.rejected}, unhandled rejections: ${unhandled.length}, downloads: ${downloads}, failures: ${failures.length}\n[fuzz] kinds: ${JSON.stringify(counts.byLabel)}`,
    );
    expect(failures).toEqual([]);
    expect(errors).toEqual([]);
    expect(unhandled).toEqual([]);
    expect(downloads).toBe(0);
    expect(counts.buttonMessages).toBeGreaterThan(0);
    expect(counts.split).toBeGreaterThan(0);
    expect(counts.updates).toBe(N);
    if (!process.env.FUZZ_UPDATES) expect(N).toBeGreaterThanOrEqual(3000);
    // The mix really covered each rule.
    for (const k of ['privateText', 'privateCommand', 'privateMedia', 'privateDocument', 'groupText', 'groupMention', 'groupReply', 'groupCommand', 'edited', 'channel', 'callback', 'button', 'inline', 'other']) expect(counts.byLabel[k] ?? 0).toBeGreaterThan(20);
  });
});

describe('fuzz: an admin with junk', () => {
  const M = Number(process.env.FUZZ_ADMIN_UPDATES ?? 150);
  it(`handles ${M} random admin commands and uploads (seed ${SEED}) without an error; files change only inside the corpus folder`, async () => {
    const own = botConfig({ RATE_LIMIT_MESSAGES: '1000000' });
    const m = await IndexManager.open(own.config, { buildIfMissing: true });
    const outside = () => snapshot(own.dir).filter((f) => !f.startsWith('corpus/') && !f.startsWith('index/'));
    const before = outside();
    const logger = recordingLogger();
    const r = prng(SEED ^ 0x5eed);
    const files = new Map<string, Uint8Array>();
    const bot = createBot(m, own.config, {
      botInfo: BOT_INFO,
      logger,
      progressIntervalMs: 0,
      download: async (_api, fileId) => files.get(fileId) ?? new Uint8Array(),
    });
    const api = fakeApi(bot);
    const admin = user(ADMIN_ID, { language_code: r.pick(['en', 'sv']) });
    const chat = privateChat(admin);
    const failures: string[] = [];
    const counts = { updates: 0, uploads: 0, saved: 0, refusedContent: 0, reindex: 0, remove: 0, messages: 0, edits: 0 };
    const randomBytes = (n: number) => Uint8Array.from({ length: n }, () => r.int(0, 255));
    const enc = (t: string) => new TextEncoder().encode(t);
    const contents: (() => Uint8Array)[] = [
      () => randomBytes(r.int(1, 3000)),
      () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, ...randomBytes(200)]),
      () => Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, ...randomBytes(200)]),
      () => enc(`%PDF-1.4 ${randomText(r)}`),
      () => enc(`---\ntitle: ${randomText(r).replace(/[\n:]/g, ' ').slice(0, 80) || 'x'}\n---\n${randomText(r)}. ${QUESTIONS[r.int(0, QUESTIONS.length - 1)]}\n`),
      () => enc(randomText(r)),
      () => enc(`<html><body><p>${randomText(r)}</p></body></html>`),
      () => enc(`{"id":"${r.int(1, 99)}","title":"t","text":"${randomText(r).replace(/["\\\n\r\u0000-\u001f]/g, ' ')}"}\n{"broken`),
      () => enc(''),
      () => enc('\uFEFF   \n'),
    ];
    for (let i = 0; i < M; i++) {
      const kind = r.weighted({ upload: 4, reindex: 1, remove: 2, status: 1, text: 1 });
      let update: Update;
      if (kind === 'upload') {
        const id = `f${i}`;
        files.set(id, r.pick(contents)());
        const name = r.pick([undefined, 'a.md', 'x.bin', '../../../etc/passwd', '.hidden.md', 'CON', 'a\u0000b.md', '\u202Egpj.md', randomText(r).slice(0, 300), 'x'.repeat(500) + '.md', 'sub/dir/file.txt', 'notes.HTML']);
        update = messageUpdate(chat, admin, { document: { file_id: id, file_unique_id: id, ...(name !== undefined ? { file_name: name } : {}), ...(r.chance(0.8) ? { file_size: files.get(id)!.length } : {}) } });
        counts.uploads++;
      } else {
        const text =
          kind === 'reindex'
            ? r.pick(['/reindex', '/reindex junk', '/reindex force', '/reindex  FORCE ', `/reindex ${randomText(r)}`])
            : kind === 'remove'
              ? r.pick(['/remove', '/remove ', '/remove :', '/remove ../../etc/passwd', '/remove /etc/passwd', '/remove .removed', '/remove a.md', `/remove ${randomText(r)}`, '/remove press-release-stockholm-gang-violence.md'])
              : kind === 'status'
                ? '/status'
                : randomText(r);
        update = messageUpdate(chat, admin, textFields(r, text).fields);
        if (kind === 'reindex') counts.reindex++;
        if (kind === 'remove') counts.remove++;
      }
      counts.updates++;
      const from = api.calls.length;
      await bot.handleUpdate(update);
      await new Promise((res) => setImmediate(res));
      const calls = api.calls.slice(from);
      for (const call of calls) for (const p of checkCall(call.method, call.payload)) failures.push(`${kind} #${i}: ${p}`);
      const messages = calls.filter((x) => x.method === 'sendMessage');
      counts.messages += messages.length;
      if (messages.length < 1) failures.push(`${kind} #${i}: no reply`);
      for (const msg of messages) {
        const saved = /(?:Saved as|Sparad som) <code>([^<]+)<\/code>/.exec(String(msg.payload.text));
        if (saved) {
          counts.saved++;
          const name = saved[1]!.replace(/&amp;/g, '&');
          if (name.includes('/') || name.startsWith('.') || !existsSync(join(own.corpus, name))) failures.push(`upload #${i} saved as ${name}, not a plain file in the corpus folder`);
        }
        if (/not text, HTML or JSON Lines|inte text, HTML eller JSON Lines/.test(String(msg.payload.text))) counts.refusedContent++;
      }
      if (kind === 'reindex' && r.chance(0.5)) await background(bot).settled();
    }
    await background(bot).settled();
    counts.edits = api.calls.filter((c) => c.method === 'editMessageText').length;
    for (const c of api.calls.filter((x) => x.method === 'editMessageText')) for (const p of checkCall(c.method, c.payload)) failures.push(`progress edit: ${p}`);
    const errors = logger.lines.filter((l) => l.startsWith('error'));
    console.log(`[fuzz-admin] seed ${SEED}: ${JSON.stringify(counts)}; errors handled: ${errors.length}; failures: ${failures.length}`);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(errors).toEqual([]);
    expect(outside()).toEqual(before);
    expect(counts.saved).toBeGreaterThan(0);
    expect(counts.refusedContent).toBeGreaterThan(0);
  });
});

function label(l: string): string {
  return l.split(/[:/]/)[0]!;
}

