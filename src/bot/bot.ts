/**
 * The Telegram bot: a thin translation layer between Telegram updates and the answer engine. Questions become
 * `engine.ask`, /verify becomes `engine.verify`, buttons become `engine.context`; admin commands drive the
 * index manager. Nothing here writes an answer of its own: every sentence shown as an answer is a citation.
 *
 * This file holds what every update passes through (API retries and deadlines, the error boundary, per-chat
 * order, the group filter, the rate limit); the handlers are cut by feature into grammY Composers under
 * `features/` (questions, verify, inline, admin), each given the shared `BotKit` (kit.ts).
 *
 * `createBot` has no process-level side effects (no polling, no signals, no server), so tests can create it
 * and feed it updates; `main.ts` and `server.ts` run it.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { limit } from '@grammyjs/ratelimiter';
import { sequentialize } from '@grammyjs/runner';
import { Bot, BotError, type Context, type Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { AnswerEngine } from '../answer/api.js';
import type { Config } from '../config.js';
import type { CorpusService } from '../corpus/service.js';
import { ConfigError } from '../errors.js';
import type { BuildProgress, BuildReport } from '../index/build.js';
import { log } from '../log.js';
import type { IngestIssue } from '../types.js';
import { adminFeature } from './features/admin.js';
import { inlineFeature } from './features/inline.js';
import { questionsFeature } from './features/questions.js';
import { verifyFeature } from './features/verify.js';
import { createKit, escapeRegExp, uiLang, type BotKit, type Feature } from './kit.js';
import { t } from './messages.js';
import { errorFields, registerSecret, type BotLogger } from './safe-log.js';
import type { FileDownloader } from './upload.js';

export { parseVerifyArgs } from './features/verify.js';
export type { Feature, BotKit } from './kit.js';

/** What the bot needs from the index manager (IndexManager satisfies it; tests may pass a stub). */
export interface BotBackend {
  /** The engine answering now; read per request (it is swapped after index changes). */
  readonly engine: AnswerEngine;
  /** One line when the embedding model could not be loaded. */
  readonly notice: string | null;
  readonly startedAt: Date;
  reindex(o: { onProgress?: (p: BuildProgress) => void; onIssue?: (i: IngestIssue) => void; force?: boolean; signal?: AbortSignal }): Promise<BuildReport>;
  /** Uploads and /remove go through the corpus service, which keeps files and index in step. */
  readonly corpus: Pick<CorpusService, 'putFile' | 'removeStatement'>;
}

export interface CreateBotOptions {
  /** Known bot identity (skips getMe; tests and webhook deployments may pass it). */
  botInfo?: UserFromGetMe;
  /** Where log lines go (default: the project logger on stderr). Errors reach it redacted. */
  logger?: BotLogger;
  /** How an uploaded document's bytes are fetched (default: getFile + download from the Bot API server). */
  download?: FileDownloader;
  /** Longest time one Bot API call may take, retries included (getUpdates excepted). Default 60 s. */
  apiDeadlineMs?: number;
  /** Least time between two progress edits of the /reindex message. Default 1 s. */
  progressIntervalMs?: number;
  /** More features (sources, follow, …), registered after the built-in ones and before `questions`. */
  features?: (kit: BotKit) => Feature[];
}

/** The update kinds the bot handles (for getUpdates / setWebhook). */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'inline_query'] as const;

/** Work the bot runs beyond one update (a /reindex), so that a shutdown can stop and await it. */
export interface Background {
  abort(): void;
  settled(): Promise<void>;
}
const backgrounds = new WeakMap<Bot, Background>();

export function background(bot: Bot): Background {
  return backgrounds.get(bot) ?? { abort() {}, settled: async () => {} };
}

/**
 * Creates the bot with every handler. The token comes from config.TELEGRAM_BOT_TOKEN, the server from
 * config.TELEGRAM_API_ROOT. It is not started: run it with `startPolling` or `startWebhookServer` (server.ts),
 * or feed it updates with `bot.handleUpdate`.
 */
export function createBot(backend: BotBackend, config: Config, opts: CreateBotOptions = {}): Bot {
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new ConfigError('TELEGRAM_BOT_TOKEN', 'required: create a bot with @BotFather in Telegram and put its token in .env');
  registerSecret(token);
  const logger: BotLogger = opts.logger ?? log;
  const apiRoot = config.TELEGRAM_API_ROOT.replace(/\/+$/, '');
  const bot = new Bot(token, { botInfo: opts.botInfo, client: { apiRoot, timeoutSeconds: 90 } });
  const deadlineMs = opts.apiDeadlineMs ?? 60_000;

  // --- API calls: log failures (redacted), retry 429 / 5xx / network errors, and bound each call in time.
  const logFailures: Transformer = async (prev, method, payload, signal) => {
    try {
      const res = await prev(method, payload, signal);
      if (!res.ok && (res.error_code === 429 || (res.error_code ?? 0) >= 500)) {
        logger.warn({ method, error_code: res.error_code, retry_after: res.parameters?.retry_after }, 'Telegram API call failed; retrying');
      }
      return res;
    } catch (e) {
      if (!signal?.aborted) logger.warn({ method, err: errorFields(e) }, 'Telegram API request failed');
      throw e;
    }
  };
  const deadline: Transformer = (prev, method, payload, signal) => {
    if (method === 'getUpdates') return prev(method, payload, signal);
    const timeout = AbortSignal.timeout(deadlineMs);
    // grammY types its signals with the abort-controller polyfill; at run time any AbortSignal does.
    type Sig = Parameters<typeof prev>[2];
    return prev(method, payload, (signal ? AbortSignal.any([signal as unknown as AbortSignal, timeout]) : timeout) as unknown as Sig);
  };
  // getUpdates is left to the runner's own retry loop: auto-retry backs network errors off up to an hour, too
  // long to notice that Telegram is back.
  const retry = autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 });
  const retryExceptPolling: Transformer = (prev, method, payload, signal) =>
    method === 'getUpdates' ? prev(method, payload, signal) : retry(prev, method, payload, signal);
  bot.api.config.use(logFailures);
  bot.api.config.use(retryExceptPolling);
  bot.api.config.use(deadline);

  // --- Background work (/reindex) that outlives its update.
  const tasks = new Set<Promise<void>>();
  const controllers = new Set<AbortController>();
  backgrounds.set(bot, {
    abort: () => controllers.forEach((c) => c.abort()),
    settled: async () => {
      while (tasks.size) await Promise.allSettled([...tasks]);
    },
  });
  let features: Feature[] = [];
  const kit: BotKit = createKit({
    backend,
    config,
    logger,
    features: () => features,
    background: {
      run(work) {
        const controller = new AbortController();
        controllers.add(controller);
        const task = work(controller.signal)
          .catch((e) => logger.error({ err: errorFields(e) }, 'background work failed'))
          .finally(() => {
          controllers.delete(controller);
          tasks.delete(task);
        });
        tasks.add(task);
      },
    },
  });
  features = [
    verifyFeature(kit),
    inlineFeature(kit),
    adminFeature(kit, { download: opts.download, progressIntervalMs: opts.progressIntervalMs }),
    ...(opts.features?.(kit) ?? []),
    // Last: it takes any text no other feature took.
    questionsFeature(kit),
  ];
  /** The commands the bot handles: a bare one of these in a group is addressed to it. */
  const ownCommands = new Set(features.flatMap((f) => f.commands));

  // --- Error boundary: log (redacted), apologise without the error's text.
  const onError = async (err: BotError) => {
    const ctx = err.ctx;
    logger.error({ err: errorFields(err.error), update_id: ctx.update.update_id }, 'failed to handle an update');
    const lang = uiLang(ctx);
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: t(lang).apology });
      else if (ctx.chat && ctx.message) await ctx.reply(t(lang).apology);
    } catch (e) {
      logger.warn({ err: errorFields(e) }, 'could not send the apology');
    }
  };
  bot.catch(onError);

  // Per-chat order, concurrency across chats (with the runner); inline queries per user.
  bot.use(sequentialize((ctx: Context) => (ctx.chat ? `c${ctx.chat.id}` : ctx.from ? `u${ctx.from.id}` : undefined)));
  const app = bot.errorBoundary(onError);

  // --- Groups: only what is addressed to the bot.
  app.use(async (ctx, next) => {
    const chat = ctx.chat;
    if (chat?.type === 'channel') return;
    if (!chat || chat.type === 'private' || !ctx.message) return next();
    const msg = ctx.message;
    // Only text (questions, commands) and documents (admin uploads) are ever answered in a group; anything else
    // stops here, before the rate limiter, so that it cannot earn a "slow down" either.
    if (msg.text === undefined && msg.document === undefined) return;
    const text = msg.text ?? msg.caption ?? '';
    const entities = msg.entities ?? msg.caption_entities ?? [];
    const me = ctx.me.username.toLowerCase();
    // A command is addressed to this bot when it names it (/cmd@thisbot) or names no bot and is one of ours;
    // another bot's command (/cmd@otherbot), or a bare one the bot does not know, is not.
    const command = entities.find((e) => e.type === 'bot_command' && e.offset === 0);
    const [name, target] = command ? text.slice(1, command.length).split('@') : [];
    const isCommand = command !== undefined && (target !== undefined ? target.toLowerCase() === me : ownCommands.has(name ?? ''));
    const mentioned =
      entities.some((e) => e.type === 'mention' && text.slice(e.offset, e.offset + e.length).toLowerCase() === `@${me}`) ||
      new RegExp(`(^|\\s)@${escapeRegExp(me)}\\b`, 'i').test(text);
    const repliedToBot = msg.reply_to_message?.from?.id === ctx.me.id;
    if (isCommand || mentioned || repliedToBot) return next();
  });

  // --- Per-user rate limit; one polite reply per window. Inline queries (one per keystroke) get a wider one.
  const slowDown = async (ctx: Context) => {
    const m = t(uiLang(ctx));
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: m.slowDown });
      else if (ctx.message) await ctx.reply(m.slowDown);
    } catch (e) {
      logger.warn({ err: errorFields(e) }, 'could not send the slow-down reply');
    }
  };
  app.drop((ctx) => !!ctx.inlineQuery).use(
    limit({ timeFrame: config.RATE_LIMIT_WINDOW_MS, limit: config.RATE_LIMIT_MESSAGES, onLimitExceeded: slowDown, keyGenerator: (ctx) => ctx.from?.id.toString() }),
  );
  app.filter((ctx) => !!ctx.inlineQuery).use(
    limit({ timeFrame: config.RATE_LIMIT_WINDOW_MS, limit: config.RATE_LIMIT_MESSAGES * 4, keyGenerator: (ctx) => ctx.from?.id.toString(), keyPrefix: 'INLINE' }),
  );
  // What a limiter lets through goes on to the handlers below; the rest stops there.

  // --- The features, in order.
  for (const f of features) app.use(f.composer);

  return bot;
}

