/**
 * What every feature of the bot shares: the backend, the config, the logger, and the small helpers that turn a
 * reply into Telegram messages. `createBot` makes one kit and hands it to each feature's Composer.
 */
import type { Composer, Context, InlineKeyboard } from 'grammy';
import type { Config } from '../config.js';
import type { Lang } from '../types.js';
import type { BotBackend } from './bot.js';
import { splitHtml } from './format.js';
import { t } from './messages.js';
import { errorFields, type BotLogger } from './safe-log.js';

/** A piece of the bot: the commands it handles (so that groups know what is addressed to the bot) and its handlers. */
export interface Feature {
  name: string;
  /** Commands without the slash, e.g. `['verify']`. */
  commands: readonly string[];
  composer: Composer<Context>;
  /** Lines for /help (Telegram HTML) about this feature, in the user's language; admin lines only for admins. */
  help?: (lang: Lang, admin: boolean) => string[];
}

/** Work a feature runs beyond one update (a /reindex), so that a shutdown can stop and await it. */
export interface BackgroundTasks {
  /** Runs `task` in the background; `signal` aborts when the bot stops. */
  run(task: (signal: AbortSignal) => Promise<void>): void;
}

export interface BotKit {
  backend: BotBackend;
  config: Config;
  logger: BotLogger;
  background: BackgroundTasks;
  isAdmin(ctx: Context): boolean;
  /** Replies, or answers an admin-only command from anyone else with a polite refusal (and false). */
  adminOnly(ctx: Context): Promise<boolean>;
  /** Sends HTML, split under Telegram's limit; in groups the first part replies to the message. Returns the last message's id. */
  sendHtml(ctx: Context, html: string, keyboard?: InlineKeyboard, replyTo?: number): Promise<number | undefined>;
  /** Shows "typing…" (failures only logged). */
  typing(ctx: Context): void;
  /** The /help lines of every feature, in order. */
  featureHelp(lang: Lang, admin: boolean): string[];
}

/** Telegram's language_code as one of the bot's languages; English unless the user's Telegram is Swedish. */
export function uiLang(ctx: Context): Lang {
  const code = ctx.from?.language_code?.toLowerCase();
  return code?.startsWith('sv') ? 'sv' : 'en';
}

/** The user's Telegram language as a hint for detecting a question's language (undefined when not given). */
export function langHint(ctx: Context): Lang | undefined {
  const code = ctx.from?.language_code?.toLowerCase();
  if (!code) return undefined;
  return code.startsWith('sv') ? 'sv' : 'en';
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A UTF-16 surrogate without its pair (not valid text; only a made-up update can carry one). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function createKit(p: { backend: BotBackend; config: Config; logger: BotLogger; background: BackgroundTasks; features: () => readonly Feature[] }): BotKit {
  const admins = new Set(p.config.ADMIN_USER_IDS);
  const isAdmin = (ctx: Context) => ctx.from !== undefined && admins.has(ctx.from.id);

  async function sendHtml(ctx: Context, html: string, keyboard?: InlineKeyboard, replyTo?: number): Promise<number | undefined> {
    // Text echoed from a message (a question, a /remove id, a claimed speaker) may hold a lone surrogate, which
    // has no UTF-8 form: Telegram would refuse the whole reply. It becomes U+FFFD instead.
    const parts = splitHtml(html.replace(LONE_SURROGATE, '\uFFFD'));
    const inGroup = ctx.chat?.type !== 'private';
    const target = replyTo ?? (inGroup ? ctx.message?.message_id : undefined);
    let last: number | undefined;
    for (let i = 0; i < parts.length; i++) {
      const sent = await ctx.reply(parts[i]!, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(i === parts.length - 1 && keyboard ? { reply_markup: keyboard } : {}),
        ...(i === 0 && target !== undefined ? { reply_parameters: { message_id: target, allow_sending_without_reply: true } } : {}),
      });
      last = sent?.message_id;
    }
    return last;
  }

  const { features, ...shared } = p;
  return {
    ...shared,
    featureHelp: (lang, admin) => features().flatMap((f) => f.help?.(lang, admin) ?? []),
    isAdmin,
    sendHtml,
    async adminOnly(ctx) {
      if (isAdmin(ctx)) return true;
      p.logger.info({ user: ctx.from?.id, command: ctx.message?.text?.split(/\s/)[0] }, 'admin command refused');
      await sendHtml(ctx, t(uiLang(ctx)).adminOnly);
      return false;
    },
    typing(ctx) {
      ctx.replyWithChatAction('typing').catch((e) => p.logger.debug({ err: errorFields(e) }, 'chat action failed'));
    },
  };
}
