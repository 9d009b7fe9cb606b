/**
 * Shared pieces of the hardening tests (fuzz, flood, authz, secrets): a seeded PRNG, a strict checker of
 * Telegram's HTML subset and of every outgoing Bot API call against Telegram's limits, a local fake Bot API
 * (a transformer that answers every call without any network, optionally after a delay, and serves getUpdates
 * from a queue so the real runner can poll it), and builders for arbitrary updates.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Bot, Transformer } from 'grammy';
import type { Update } from 'grammy/types';
import { BOT_INFO } from './helpers.js';
import { mulberry32 } from '../../src/random.js';

// ---------------------------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: a small, fast, seeded PRNG (same seed, same sequence). */
export function prng(seed: number) {
  const next = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const chance = (p: number) => next() < p;
  /** One of `table`'s keys, weighted by its values. */
  const weighted = <K extends string>(table: Record<K, number>): K => {
    const entries = Object.entries(table) as [K, number][];
    let r = next() * entries.reduce((n, [, w]) => n + w, 0);
    for (const [k, w] of entries) if ((r -= w) < 0) return k;
    return entries[entries.length - 1]![0];
  };
  return { next, int, pick, chance, weighted };
}
export type Rng = ReturnType<typeof prng>;

// ---------------------------------------------------------------------------------------------------------------
// Telegram's HTML subset, checked strictly

const SIMPLE_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'pre', 'tg-spoiler']);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `s` is well-formed UTF-16 (no lone surrogate; Telegram takes UTF-8 only). */
export function wellFormed(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

function checkEntity(ent: string, at: number): string | null {
  const m = /^&(?:(lt|gt|amp|quot)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));$/.exec(ent);
  if (!m) return `entity ${JSON.stringify(ent)} at ${at} is not one Telegram knows (only &lt; &gt; &amp; &quot; and numeric)`;
  if (m[1]) return null;
  const cp = m[2] !== undefined ? Number(m[2]) : parseInt(m[3]!, 16);
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return `numeric entity ${ent} at ${at} is not a valid code point`;
  return null;
}

function decodeEntities(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|#\d+|#[xX][0-9a-fA-F]+);/g, (_, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );
}

function checkAttrs(name: string, raw: string, at: number, inside: string[]): string | null {
  const attrs = new Map<string, string | null>();
  const re = /\s+([a-zA-Z-]+)(?:="([^"<>]*)")?/gy;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(raw))) {
    if (attrs.has(m[1]!)) return `<${name}> at ${at} repeats attribute ${m[1]}`;
    if (m[2] !== undefined) {
      for (const e of m[2].matchAll(/&[^;&\s]*;?/g)) {
        const bad = checkEntity(e[0], at);
        if (bad) return `in <${name}> attribute: ${bad}`;
      }
    }
    attrs.set(m[1]!.toLowerCase(), m[2] === undefined ? null : decodeEntities(m[2]));
    consumed = re.lastIndex;
  }
  if (raw.slice(consumed).trim()) return `<${name}> at ${at} has malformed attributes ${JSON.stringify(raw)}`;
  const only = (allowed: string[]) => {
    for (const k of attrs.keys()) if (!allowed.includes(k)) return `<${name}> at ${at} has attribute ${k}, which Telegram does not allow`;
    return null;
  };
  switch (name) {
    case 'a': {
      const bad = only(['href']);
      if (bad) return bad;
      const href = attrs.get('href');
      if (!href) return `<a> at ${at} without href`;
      if (!/^(?:https?:\/\/[^\s]+|tg:\/\/[^\s]+|mailto:[^\s]+)$/i.test(href)) return `<a href> at ${at} is not an http(s)/tg/mailto URL: ${href.slice(0, 80)}`;
      if (inside.includes('a')) return `<a> at ${at} nested in another <a>`;
      return null;
    }
    case 'span':
      if (attrs.get('class') !== 'tg-spoiler' || attrs.size !== 1) return `<span> at ${at} must be exactly <span class="tg-spoiler">`;
      return null;
    case 'code': {
      const bad = only(['class']);
      if (bad) return bad;
      const cls = attrs.get('class');
      if (cls !== undefined && !(cls && /^language-[\w+#-]+$/.test(cls) && inside[inside.length - 1] === 'pre')) return `<code class> at ${at} is only allowed as <pre><code class="language-…">`;
      return null;
    }
    case 'blockquote':
      return only(['expandable']) ?? (attrs.get('expandable') ? `<blockquote expandable> at ${at} takes no value` : null);
    case 'tg-emoji':
      return only(['emoji-id']) ?? (attrs.get('emoji-id') ? null : `<tg-emoji> at ${at} without emoji-id`);
    default:
      return attrs.size ? `<${name}> at ${at} takes no attributes` : null;
  }
}

/**
 * Checks one message text for Telegram's HTML parse mode, more strictly than Telegram does: only the tags of its
 * subset (b strong i em u ins s strike del a[href] code pre blockquote tg-spoiler span.tg-spoiler tg-emoji), their
 * allowed attributes only, properly nested and all closed; `<`, `>` and `&` only in tags or as &lt; &gt; &amp;
 * &quot; and numeric entities; no formatting inside code/pre (except <pre><code>); at most `limit` characters
 * (raw, which is never less than what Telegram counts) and some visible text. Returns the first problem or null.
 */
export function strictTelegramHtml(html: string, limit = 4096): string | null {
  if (html.length > limit) return `${html.length} characters, over the ${limit} limit`;
  if (!wellFormed(html)) return 'lone surrogate (not valid UTF-8 once sent)';
  const stack: string[] = [];
  let visible = '';
  let i = 0;
  while (i < html.length) {
    const c = html[i]!;
    if (c === '<') {
      const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^<>]*?)\s*>/.exec(html.slice(i, i + 2000));
      if (!m) return `bare < at ${i}: …${html.slice(Math.max(0, i - 20), i + 20)}…`;
      const name = m[2]!.toLowerCase();
      if (m[1]) {
        if (m[3]!.trim()) return `closing </${name}> at ${i} has attributes`;
        const top = stack.pop();
        if (top !== name) return `</${name}> at ${i} closes ${top ? `<${top}>` : 'nothing'}`;
      } else {
        if (!SIMPLE_TAGS.has(name) && !['a', 'span', 'code', 'blockquote', 'tg-emoji'].includes(name)) return `tag <${name}> at ${i} is not in Telegram's HTML subset`;
        const inCode = stack.includes('code') || (stack.includes('pre') && name !== 'code');
        if (inCode) return `<${name}> at ${i} inside <${stack.includes('code') ? 'code' : 'pre'}>, which takes no formatting`;
        const bad = checkAttrs(name, m[3]!, i, stack);
        if (bad) return bad;
        stack.push(name);
      }
      i += m[0].length;
    } else if (c === '&') {
      const m = /^&[^;&<>\s]{0,10};?/.exec(html.slice(i, i + 16))!;
      const bad = checkEntity(m[0], i);
      if (bad) return bad;
      visible += decodeEntities(m[0]);
      i += m[0].length;
    } else if (c === '>') {
      return `bare > at ${i}: …${html.slice(Math.max(0, i - 20), i + 20)}…`;
    } else {
      visible += c;
      i++;
    }
  }
  if (stack.length) return `unclosed <${stack.join('>, <')}>`;
  if (!visible.trim()) return 'no visible text (Telegram refuses an empty message)';
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Every outgoing call against Telegram's limits

export interface Call {
  method: string;
  payload: Record<string, unknown>;
  /** performance.now() when the bot made the call, and when its answer came back (after the simulated latency). */
  at: number;
  done?: number;
}

type Keyboard = { inline_keyboard?: { text?: unknown; callback_data?: unknown; url?: unknown }[][] };

function checkKeyboard(markup: unknown): string | null {
  if (markup === undefined) return null;
  const k = markup as Keyboard;
  if (!Array.isArray(k.inline_keyboard)) return 'reply_markup is not an inline keyboard';
  for (const row of k.inline_keyboard) {
    for (const b of row) {
      if (typeof b.text !== 'string' || !b.text.trim()) return 'button without text';
      if (b.callback_data !== undefined) {
        const bytes = Buffer.byteLength(String(b.callback_data));
        if (bytes < 1 || bytes > 64) return `callback_data of ${bytes} bytes (Telegram allows 1-64)`;
      } else if (b.url === undefined) return 'button with neither callback_data nor url';
    }
  }
  return null;
}

function checkText(text: unknown, parseMode: unknown, limit: number, what: string): string | null {
  if (typeof text !== 'string') return `${what} is not a string`;
  if (!wellFormed(text)) return `${what} has a lone surrogate`;
  if (parseMode === 'HTML') {
    const bad = strictTelegramHtml(text, limit);
    return bad ? `${what}: ${bad}` : null;
  }
  if (parseMode !== undefined) return `${what}: unexpected parse_mode ${String(parseMode)}`;
  if (text.length > limit) return `${what}: ${text.length} characters, over ${limit}`;
  if (!text.trim()) return `${what} is empty`;
  return null;
}

/** Telegram's limits for the methods the bot calls. Returns problems (empty when the call is acceptable). */
export function checkCall(method: string, p: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const add = (s: string | null) => s && problems.push(`${method}: ${s}`);
  if (p.caption !== undefined) add(checkText(p.caption, p.parse_mode, 1024, 'caption'));
  switch (method) {
    case 'sendMessage':
      if (typeof p.chat_id !== 'number' && typeof p.chat_id !== 'string') add('no chat_id');
      add(checkText(p.text, p.parse_mode, 4096, 'text'));
      add(checkKeyboard(p.reply_markup));
      break;
    case 'editMessageText':
      add(checkText(p.text, p.parse_mode, 4096, 'text'));
      add(checkKeyboard(p.reply_markup));
      break;
    case 'answerCallbackQuery':
      if (typeof p.callback_query_id !== 'string') add('no callback_query_id');
      if (p.text !== undefined) {
        if (typeof p.text !== 'string' || p.text.length > 200) add(`text of ${String(p.text).length} characters (Telegram allows 0-200)`);
        else if (!wellFormed(p.text)) add('text has a lone surrogate');
      }
      break;
    case 'answerInlineQuery': {
      const results = p.results as Record<string, unknown>[];
      if (!Array.isArray(results)) {
        add('results is not an array');
        break;
      }
      if (results.length > 50) add(`${results.length} results (Telegram allows 50)`);
      const ids = new Set<string>();
      for (const r of results) {
        const id = String(r.id);
        if (Buffer.byteLength(id) < 1 || Buffer.byteLength(id) > 64) add(`result id of ${Buffer.byteLength(id)} bytes (1-64)`);
        if (ids.has(id)) add(`duplicate result id ${id}`);
        ids.add(id);
        if (typeof r.title !== 'string' || !r.title.trim() || !wellFormed(r.title)) add('result without a valid title');
        if (r.description !== undefined && (typeof r.description !== 'string' || !wellFormed(r.description))) add('result description is not valid text');
        const content = r.input_message_content as Record<string, unknown> | undefined;
        if (!content) add('result without input_message_content');
        else add(checkText(content.message_text, content.parse_mode, 4096, 'result message_text'));
        add(checkKeyboard(r.reply_markup));
      }
      if (JSON.stringify(p).length > 1024 * 1024) add('answer over the 1 MiB request size');
      const button = p.button as { text?: unknown; start_parameter?: unknown } | undefined;
      if (button) {
        if (typeof button.text !== 'string' || !button.text.trim()) add('button without text');
        if (button.start_parameter !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(String(button.start_parameter))) add(`start_parameter ${String(button.start_parameter)} not allowed`);
      }
      if (p.cache_time !== undefined && (typeof p.cache_time !== 'number' || p.cache_time < 0)) add('bad cache_time');
      break;
    }
    case 'sendChatAction':
      if (p.action !== 'typing') add(`unexpected action ${String(p.action)}`);
      break;
    case 'getFile':
    case 'getUpdates':
    case 'getMe':
      break;
    default:
      add('a method the bot is not expected to call');
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// A fake Bot API on the bot's transformer chain: no network at all

export interface FakeApi {
  calls: Call[];
  /** Updates served to getUpdates (for the runner); push and they are picked up by the next poll. */
  queue: Update[];
  /** Wakes up a pending getUpdates. */
  poke(): void;
}

/**
 * Installs (outermost) a transformer that answers every Bot API call locally, like Telegram would, roughly:
 * sendMessage / editMessageText return a message, getUpdates serves `queue` (long-polling up to 100 ms when it
 * is empty), everything else `true`. `latencyMs` delays each answer (a network round trip). `answers` overrides
 * per method. Nothing reaches the bot's own transformers (retries, deadlines) nor the network.
 */
export function fakeApi(bot: Bot, opts: { latencyMs?: number | ((method: string, payload: Record<string, unknown>) => number); answers?: Record<string, (p: Record<string, unknown>) => unknown> } = {}): FakeApi {
  const calls: Call[] = [];
  const queue: Update[] = [];
  let wake: (() => void) | null = null;
  let messageId = 10_000;
  const delay = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((r) => {
      if (ms <= 0) return r();
      const t = setTimeout(r, ms);
      signal?.addEventListener('abort', () => (clearTimeout(t), r()), { once: true });
    });
  const t: Transformer = async (_prev, method, payload, signal) => {
    const p = (payload ?? {}) as Record<string, unknown>;
    if (method === 'getUpdates') {
      const sig = signal as unknown as AbortSignal | undefined;
      if (!queue.length) await Promise.race([delay(100, sig), new Promise<void>((r) => (wake = r))]);
      const offset = Number(p.offset ?? 0);
      const out = queue.splice(0, queue.length).filter((u) => u.update_id >= offset);
      return { ok: true, result: out } as never;
    }
    const call: Call = { method, payload: p, at: performance.now() };
    calls.push(call);
    const lat = typeof opts.latencyMs === 'function' ? opts.latencyMs(method, p) : (opts.latencyMs ?? 0);
    await delay(lat);
    call.done = performance.now();
    if (opts.answers?.[method]) return { ok: true, result: opts.answers[method]!(p) } as never;
    if (method === 'sendMessage' || method === 'editMessageText') {
      return {
        ok: true,
        result: { message_id: method === 'sendMessage' ? ++messageId : Number(p.message_id), date: Math.floor(Date.now() / 1000), chat: { id: p.chat_id, type: 'private' }, from: BOT_INFO, text: p.text },
      } as never;
    }
    if (method === 'getMe') return { ok: true, result: BOT_INFO } as never;
    return { ok: true, result: true } as never;
  };
  bot.api.config.use(t);
  return {
    calls,
    queue,
    poke: () => {
      wake?.();
      wake = null;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Updates

let nextUpdateId = 500_000;
let nextMessageId = 500_000;

export function newUpdateId(): number {
  return nextUpdateId++;
}
export function newMessageId(): number {
  return nextMessageId++;
}

export interface Person {
  id: number;
  is_bot?: boolean;
  first_name?: string;
  username?: string;
  language_code?: string;
}

export function user(id: number, extra: Partial<Person> = {}): Person {
  return { id, is_bot: false, first_name: `User${id}`, username: `user${id}`, ...extra };
}

export type ChatSpec = { id: number; type: 'private' | 'group' | 'supergroup' | 'channel'; title?: string; first_name?: string; is_forum?: boolean };

export function privateChat(u: Person): ChatSpec {
  return { id: u.id, type: 'private', first_name: u.first_name ?? 'x' };
}

/** A message update; `fields` are merged into the message (text, entities, caption, photo, document…). */
export function messageUpdate(chat: ChatSpec, from: Person | undefined, fields: Record<string, unknown>, kind: 'message' | 'edited_message' | 'channel_post' | 'edited_channel_post' = 'message'): Update {
  const message: Record<string, unknown> = { message_id: newMessageId(), date: Math.floor(Date.now() / 1000), chat, ...(from ? { from } : {}), ...fields };
  if (kind.startsWith('edited')) message.edit_date = Math.floor(Date.now() / 1000);
  return { update_id: newUpdateId(), [kind]: message } as unknown as Update;
}

/** A text message with a bot_command entity when it starts with "/" (as Telegram sends it). */
export function textMessage(chat: ChatSpec, from: Person, text: string, extra: Record<string, unknown> = {}): Update {
  const cmd = /^\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?/.exec(text);
  return messageUpdate(chat, from, { text, ...(cmd ? { entities: [{ type: 'bot_command', offset: 0, length: cmd[0].length }] } : {}), ...extra });
}

export function documentMessage(chat: ChatSpec, from: Person, document: { file_id: string; file_name?: string; file_size?: number; mime_type?: string }, extra: Record<string, unknown> = {}): Update {
  return messageUpdate(chat, from, { document: { file_unique_id: `u-${document.file_id}`, ...document }, ...extra });
}

// ---------------------------------------------------------------------------------------------------------------
// Folders, for "nothing changed"

/** Every file under `dir` (hidden ones included) with its size and modification time, sorted. */
export function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names.sort()) {
      const full = join(d, n);
      const st = statSync(full);
      if (st.isDirectory()) walk(full, `${rel}${n}/`);
      else out.push(`${rel}${n} ${st.size} ${st.mtimeMs}`);
    }
  };
  walk(dir, '');
  return out;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
