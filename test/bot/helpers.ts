/** Shared pieces of the bot tests: a fake token, API capture, HTML checks, crafted updates, waits with deadlines. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Bot, Transformer } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { loadConfig, type Config } from '../../src/config.js';
import type { BotLogger } from '../../src/bot/safe-log.js';

export const ROOT = resolve(import.meta.dirname, '../..');

/** Shaped like a real token (so `redactSecrets` recognises it), but not one. */
export const TOKEN = '987654321:AAF_TestTokenForCiteraBotTests_0123456';
export const TOKEN_SECRET_PART = TOKEN.split(':')[1]!;

export const ADMIN_ID = 900;

/** What telegram-test-api's getMe answers; the same identity for crafted updates. */
export const BOT_INFO: UserFromGetMe = {
  id: 666,
  is_bot: true,
  first_name: 'Test First name',
  username: 'TestNameBot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

export const SEED_SENTENCE = 'Just nu sitter 380 personer häktade och cirka 100 av dem är från gängmiljön.';

const tempDirs: string[] = [];

/** Removes the temp folders `botConfig` made (call in afterAll). */
export function removeTempDirs(): void {
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A temp copy of the corpus and a config pointing at it: lexical only, silent log, the fake token. */
export function botConfig(extra: Record<string, string> = {}): { config: Config; dir: string; corpus: string } {
  const dir = mkdtempSync(join(tmpdir(), 'citera-bot-'));
  tempDirs.push(dir);
  const corpus = join(dir, 'corpus');
  cpSync(join(ROOT, 'corpus'), corpus, { recursive: true });
  const config = loadConfig({
    CORPUS_PATHS: corpus,
    INDEX_DIR: join(dir, 'index'),
    EMBEDDING_MODEL: 'none',
    LOG_LEVEL: 'silent',
    TELEGRAM_BOT_TOKEN: TOKEN,
    ADMIN_USER_IDS: String(ADMIN_ID),
    RATE_LIMIT_MESSAGES: '50',
    RATE_LIMIT_WINDOW_MS: '60000',
    ...extra,
  });
  return { config, dir, corpus };
}

export function writeStatement(corpus: string, name: string, content: string): void {
  writeFileSync(join(corpus, name), content);
}

/** Every log call, serialised, for checks such as "the token is in no log line". */
export function recordingLogger(): BotLogger & { lines: string[] } {
  const lines: string[] = [];
  const rec =
    (level: string) =>
    (...args: unknown[]) => {
      lines.push(`${level} ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`);
    };
  return { lines, debug: rec('debug'), info: rec('info'), warn: rec('warn'), error: rec('error') } as unknown as BotLogger & { lines: string[] };
}

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

/**
 * Installs a transformer that records every API call and answers it without any network (like Telegram
 * would, roughly): sendMessage returns a message, everything else `true`. `answers` overrides per method.
 */
export function captureApi(bot: Bot, answers: Record<string, (payload: Record<string, unknown>) => unknown> = {}): ApiCall[] {
  const calls: ApiCall[] = [];
  let messageId = 1000;
  const t: Transformer = async (_prev, method, payload) => {
    const p = (payload ?? {}) as Record<string, unknown>;
    calls.push({ method, payload: p });
    if (answers[method]) return { ok: true, result: answers[method]!(p) } as never;
    if (method === 'sendMessage') {
      return { ok: true, result: { message_id: ++messageId, date: 0, chat: { id: p.chat_id, type: 'private' }, text: p.text } } as never;
    }
    return { ok: true, result: true } as never;
  };
  bot.api.config.use(t);
  return calls;
}

let updateId = 1;
let messageId = 1;

export interface UserSpec {
  id: number;
  chatId?: number;
  chatType?: 'private' | 'group' | 'supergroup';
  lang?: string;
}

function from(u: UserSpec) {
  return { id: u.id, is_bot: false, first_name: `User${u.id}`, username: `user${u.id}`, ...(u.lang ? { language_code: u.lang } : {}) };
}

function chat(u: UserSpec) {
  const type = u.chatType ?? 'private';
  return type === 'private'
    ? { id: u.chatId ?? u.id, type, first_name: `User${u.id}` }
    : { id: u.chatId ?? -100, type, title: 'Test group' };
}

export function textUpdate(u: UserSpec, text: string, extra: Record<string, unknown> = {}): Update {
  const entities = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
  return {
    update_id: updateId++,
    message: { message_id: messageId++, date: Math.floor(Date.now() / 1000), chat: chat(u), from: from(u), text, ...(entities ? { entities } : {}), ...extra },
  } as unknown as Update;
}

export function documentUpdate(u: UserSpec, document: { file_id: string; file_name?: string; file_size?: number; mime_type?: string }): Update {
  return {
    update_id: updateId++,
    message: {
      message_id: messageId++,
      date: Math.floor(Date.now() / 1000),
      chat: chat(u),
      from: from(u),
      document: { file_unique_id: `u-${document.file_id}`, ...document },
    },
  } as unknown as Update;
}

export function callbackUpdate(u: UserSpec, data: string, onMessage = 1): Update {
  return {
    update_id: updateId++,
    callback_query: {
      id: String(updateId),
      from: from(u),
      chat_instance: 'ci',
      data,
      message: { message_id: onMessage, date: 0, chat: chat(u), from: BOT_INFO, text: 'answer' },
    },
  } as unknown as Update;
}

export function inlineUpdate(u: UserSpec, query: string): Update {
  return { update_id: updateId++, inline_query: { id: `iq${updateId}`, from: from(u), query, offset: '' } } as unknown as Update;
}

/** Telegram's HTML parse mode, checked: only its tags, balanced, `&` only in entities, `<` only in tags. */
export function checkTelegramHtml(html: string): string | null {
  const allowed = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'a', 'code', 'pre', 'blockquote', 'tg-spoiler', 'span']);
  const stack: string[] = [];
  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-z-]+="[^"<>]*")*)\s*>|&(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);|[<>&]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    if (m[0] === '<' || m[0] === '>' || m[0] === '&') return `bare ${m[0]} at ${m.index}: …${html.slice(Math.max(0, m.index - 20), m.index + 20)}…`;
    if (m[4]) continue;
    const name = m[2]!.toLowerCase();
    if (!allowed.has(name)) return `tag <${name}> not allowed`;
    if (m[1]) {
      if (stack.pop() !== name) return `unbalanced </${name}> at ${m.index}`;
    } else stack.push(name);
  }
  return stack.length ? `unclosed <${stack.join('>, <')}>` : null;
}

/** Polls `probe` until it returns a value other than undefined, or fails with `what` after `ms`. */
export async function waitUntil<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 60_000, every = 25): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/** A localhost port with nothing listening on it (bound, then closed). */
export async function closedPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolvePort(port));
    });
  });
}

export const freePort = closedPort;
