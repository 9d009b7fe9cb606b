/**
 * The Telegram bot: a thin translation layer between Telegram updates and the answer engine. Questions become
 * `engine.ask`, /verify becomes `engine.verify`, buttons become `engine.context`; admin commands drive the
 * index manager. Nothing here writes an answer of its own: every sentence shown as an answer is a citation.
 *
 * `createBot` has no process-level side effects (no polling, no signals, no server), so tests can create it
 * and feed it updates; `main.ts` and `server.ts` run it.
 */
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { autoRetry } from '@grammyjs/auto-retry';
import { limit } from '@grammyjs/ratelimiter';
import { sequentialize } from '@grammyjs/runner';
import { Bot, BotError, InlineKeyboard, type Context, type Transformer } from 'grammy';
import type { InlineQueryResultArticle, UserFromGetMe } from 'grammy/types';
import type { AnswerEngine } from '../answer/api.js';
import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';
import type { BuildProgress, BuildReport } from '../index/build.js';
import { log } from '../log.js';
import { detectLang } from '../text/analyze.js';
import type { IngestIssue, Lang } from '../types.js';
import { CitationStore, decodeButton, encodeButton } from './citations.js';
import { escapeHtml, formatAnswer, formatContext, formatDate, formatMoreSources, formatShare, formatVerification, splitHtml, truncate } from './format.js';
import { t } from './messages.js';
import { errorFields, registerSecret, type BotLogger } from './safe-log.js';
import { DownloadError, sniffUpload, telegramDownloader, uploadFileName, UploadTooLargeError, type FileDownloader } from './upload.js';

/** What the bot needs from the index manager (IndexManager satisfies it; tests may pass a stub). */
export interface BotBackend {
  /** The engine answering now; read per request (it is swapped after index changes). */
  readonly engine: AnswerEngine;
  /** One line when the embedding model could not be loaded. */
  readonly notice: string | null;
  readonly startedAt: Date;
  reindex(o: { onProgress?: (p: BuildProgress) => void; onIssue?: (i: IngestIssue) => void; force?: boolean; signal?: AbortSignal }): Promise<BuildReport>;
  addFile(file: string, root: string): Promise<{ added: number; replaced: number; issues: IngestIssue[] }>;
  remove(docId: string): Promise<boolean>;
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

/** Telegram's language_code as one of the bot's languages; English unless the user's Telegram is Swedish. */
function uiLang(ctx: Context): Lang {
  const code = ctx.from?.language_code?.toLowerCase();
  return code?.startsWith('sv') ? 'sv' : 'en';
}

function langHint(ctx: Context): Lang | undefined {
  const code = ctx.from?.language_code?.toLowerCase();
  if (!code) return undefined;
  return code.startsWith('sv') ? 'sv' : 'en';
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Removes `@botname` mentions from a message. */
function stripMention(text: string, username: string): string {
  return text.replace(new RegExp(`(^|\\s)@${escapeRegExp(username)}\\b`, 'gi'), ' ').replace(/\s+/g, ' ').trim();
}

/** The commands the bot handles (without the slash; keep in step with `app.command` below): a bare one of these in a group is addressed to it. */
const OWN_COMMANDS = new Set(['start', 'help', 'verify', 'status', 'reindex', 'remove']);

/** A UTF-16 surrogate without its pair (not valid text; only a made-up update can carry one). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const QUOTE_MARKS = /^[\s"“”„«»‘’'‚]+|[\s"“”„«»‘’'‚]+$/gu;
const NAME_WORD = /^[\p{L}][\p{L}.'’-]*$/u;

/**
 * Splits `/verify` arguments into a claimed speaker and the quote: `Name: quote` when the part before the
 * first colon looks like a name (1–5 words of letters, one capitalised), else the whole text is the quote.
 * Quotation marks around the quote are dropped.
 */
export function parseVerifyArgs(text: string): { speaker: string | null; quote: string } {
  const s = text.trim();
  const m = /^([^:\n]{2,60}):\s*([\s\S]*)$/u.exec(s);
  if (m) {
    const words = m[1]!.trim().split(/\s+/);
    if (words.length <= 5 && words.every((w) => NAME_WORD.test(w)) && words.some((w) => /^\p{Lu}/u.test(w)) && m[2]!.trim()) {
      return { speaker: m[1]!.trim(), quote: m[2]!.replace(QUOTE_MARKS, '') };
    }
  }
  return { speaker: null, quote: s.replace(QUOTE_MARKS, '') };
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

function issueLines(issues: IngestIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `• ${escapeHtml(truncate(`${i.line !== undefined ? `line ${i.line}: ` : ''}${i.reason}`, 300))}`)
    .join('\n');
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
  const download = opts.download ?? telegramDownloader({ token, apiRoot });
  const deadlineMs = opts.apiDeadlineMs ?? 60_000;
  const progressIntervalMs = opts.progressIntervalMs ?? 1000;
  const admins = new Set(config.ADMIN_USER_IDS);
  const store = new CitationStore();

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
    const isCommand = command !== undefined && (target !== undefined ? target.toLowerCase() === me : OWN_COMMANDS.has(name ?? ''));
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

  const typing = (ctx: Context) => {
    ctx.replyWithChatAction('typing').catch((e) => logger.debug({ err: errorFields(e) }, 'chat action failed'));
  };

  // --- /start, /help
  const help = async (ctx: Context) => {
    const s = backend.engine.status();
    const lang = uiLang(ctx);
    await sendHtml(
      ctx,
      t(lang).help({
        statements: s.statements,
        sentences: s.sentences,
        from: s.oldest ? formatDate(s.oldest, lang) : null,
        to: s.newest ? formatDate(s.newest, lang) : null,
        admin: isAdmin(ctx),
        bot: escapeHtml(ctx.me.username),
      }),
    );
  };
  app.command(['start', 'help'], help);

  // --- /verify [Name:] quote, or as a reply to a message
  app.command('verify', async (ctx) => {
    const lang = uiLang(ctx);
    const own = parseVerifyArgs(ctx.match);
    let { speaker, quote } = own;
    const replied = ctx.message?.reply_to_message;
    const repliedText = replied?.text ?? replied?.caption;
    if (!quote && repliedText) {
      const other = parseVerifyArgs(repliedText);
      quote = other.quote;
      speaker = speaker ?? other.speaker;
    }
    if (!quote.trim()) {
      await sendHtml(ctx, t(lang).verifyUsage);
      return;
    }
    typing(ctx);
    const engine = backend.engine;
    const v = await engine.verify(quote, speaker);
    await sendHtml(ctx, formatVerification(v, lang, { claimed: speaker ?? v.claimedSpeaker ?? null, statements: engine.status().statements }));
  });

  // --- Admin commands
  const adminOnly = async (ctx: Context): Promise<boolean> => {
    if (isAdmin(ctx)) return true;
    logger.info({ user: ctx.from?.id, command: ctx.message?.text?.split(/\s/)[0] }, 'admin command refused');
    await sendHtml(ctx, t(uiLang(ctx)).adminOnly);
    return false;
  };

  app.command('status', async (ctx) => {
    if (!(await adminOnly(ctx))) return;
    const lang = uiLang(ctx);
    const m = t(lang);
    const s = backend.engine.status();
    const now = Date.now();
    await sendHtml(
      ctx,
      m.status({
        statements: s.statements,
        sentences: s.sentences,
        newest: formatDate(s.newest, lang),
        oldest: formatDate(s.oldest, lang),
        age: m.duration(now - Date.parse(s.builtAt)),
        model: s.embeddingModel ? escapeHtml(s.embeddingModel) : null,
        uptime: m.duration(now - backend.startedAt.getTime()),
        notice: backend.notice ? escapeHtml(backend.notice) : null,
      }),
    );
  });

  let reindexing = false;
  app.command('reindex', async (ctx) => {
    if (!(await adminOnly(ctx))) return;
    const m = t(uiLang(ctx));
    if (reindexing) {
      await sendHtml(ctx, m.reindexRunning);
      return;
    }
    reindexing = true;
    const chatId = ctx.chat.id;
    let messageId: number | undefined;
    try {
      messageId = await sendHtml(ctx, m.reindexStarted);
    } catch (e) {
      reindexing = false;
      throw e;
    }
    const force = /^\s*force\s*$/i.test(ctx.match);
    const controller = new AbortController();
    controllers.add(controller);
    // Edits go out one after another, at most one per interval, and never repeat the text on screen.
    let chain = Promise.resolve();
    let shown = m.reindexStarted;
    let lastEdit = 0;
    const edit = (text: string, final: boolean) => {
      if (text === shown || messageId === undefined) return chain;
      if (!final && Date.now() - lastEdit < progressIntervalMs) return chain;
      shown = text;
      lastEdit = Date.now();
      chain = chain.then(() =>
        ctx.api
          .editMessageText(chatId, messageId!, text, { parse_mode: 'HTML' })
          .then(() => undefined)
          .catch((e) => logger.warn({ err: errorFields(e) }, 'could not edit the progress message')),
      );
      return chain;
    };
    const started = Date.now();
    let issues = 0;
    const task = (async () => {
      try {
        const report = await backend.reindex({
          force,
          signal: controller.signal,
          onIssue: (i) => {
            issues++;
            logger.warn({ file: i.file, line: i.line, reason: i.reason }, 'input skipped');
          },
          onProgress: (p) => void edit(m.reindexPhase(m.phases[p.phase] ?? p.phase, p.done, p.total), false),
        });
        logger.info({ statements: report.statements, sentences: report.sentences, changed: report.changed }, 're-index finished');
        await edit(
          report.changed
            ? m.reindexDone({ statements: report.statements, sentences: report.sentences, issues: report.issues ?? issues, seconds: ((Date.now() - started) / 1000).toFixed(1) })
            : m.reindexUnchanged(report.statements),
          true,
        );
      } catch (e) {
        logger.error({ err: errorFields(e) }, 're-index failed');
        await edit(m.reindexFailed, true);
      } finally {
        reindexing = false;
        controllers.delete(controller);
      }
    })();
    tasks.add(task);
    void task.finally(() => tasks.delete(task));
  });

  app.command('remove', async (ctx) => {
    if (!(await adminOnly(ctx))) return;
    const m = t(uiLang(ctx));
    const id = ctx.match.trim();
    if (!id) {
      await sendHtml(ctx, m.removeUsage);
      return;
    }
    const removed = await backend.remove(id);
    if (!removed) {
      await sendHtml(ctx, m.removeUnknown(escapeHtml(id)));
      return;
    }
    const moved = await moveRemovedFile(config.CORPUS_PATHS, id);
    logger.info({ id, moved }, 'statement removed');
    await sendHtml(ctx, m.removed(escapeHtml(id), moved ? escapeHtml(moved) : null) + (moved ? '' : `\n${m.removedFileKept}`));
  });

  // --- Admin uploads
  app.on('message:document', async (ctx) => {
    const lang = uiLang(ctx);
    const m = t(lang);
    if (!isAdmin(ctx)) {
      await sendHtml(ctx, m.uploadAdminOnly);
      return;
    }
    const doc = ctx.message.document;
    const max = config.MAX_UPLOAD_BYTES;
    if (doc.file_size !== undefined && doc.file_size > max) {
      await sendHtml(ctx, m.uploadTooLarge(formatBytes(doc.file_size), formatBytes(max)));
      return;
    }
    typing(ctx);
    let bytes: Uint8Array;
    try {
      bytes = await download(ctx.api, doc.file_id, max);
    } catch (e) {
      if (e instanceof UploadTooLargeError) {
        await sendHtml(ctx, m.uploadTooLarge(e.size !== null ? formatBytes(e.size) : `> ${formatBytes(max)}`, formatBytes(max)));
        return;
      }
      logger.warn({ err: errorFields(e), expected: e instanceof DownloadError }, 'upload download failed');
      await sendHtml(ctx, m.uploadDownloadFailed);
      return;
    }
    const sniffed = sniffUpload(bytes);
    if (!sniffed.ok) {
      await sendHtml(ctx, m.uploadNotText(escapeHtml(sniffed.reason)));
      return;
    }
    const dir = path.resolve(config.CORPUS_PATHS[0] ?? 'corpus');
    try {
      await mkdir(dir, { recursive: true });
    } catch {
      await sendHtml(ctx, m.uploadNoFolder(escapeHtml(dir)));
      return;
    }
    if (!(await stat(dir)).isDirectory()) {
      await sendHtml(ctx, m.uploadNoFolder(escapeHtml(dir)));
      return;
    }
    const name = uploadFileName(doc.file_name, sniffed.kind);
    const dest = path.join(dir, name);
    // Keep the file it replaces until the new one has been indexed.
    const backup = path.join(dir, `.${name}.${randomBytes(4).toString('hex')}.bak`);
    const hadOld = await rename(dest, backup).then(
      () => true,
      () => false,
    );
    let result: { added: number; replaced: number; issues: IngestIssue[] };
    try {
      await writeFile(dest, bytes, { flag: 'wx' });
      result = await backend.addFile(dest, dir);
    } catch (e) {
      await restore(dest, backup, hadOld);
      throw e;
    }
    if (result.added === 0) {
      await restore(dest, backup, hadOld);
      await sendHtml(ctx, m.uploadNoStatements(issueLines(result.issues)));
      return;
    }
    if (hadOld) await rm(backup, { force: true });
    logger.info({ file: name, added: result.added, replaced: result.replaced, issues: result.issues.length }, 'upload indexed');
    await sendHtml(ctx, m.uploadAdded({ added: result.added, replaced: result.replaced, file: escapeHtml(name), issues: issueLines(result.issues) }));
  });

  // --- Buttons under answers
  app.on('callback_query:data', async (ctx) => {
    const action = decodeButton(ctx.callbackQuery.data);
    const entry = action ? store.get(action.key) : undefined;
    const lang = entry?.lang ?? uiLang(ctx);
    const m = t(lang);
    if (!action || !entry || !ctx.chat) {
      await ctx.answerCallbackQuery({ text: m.expired, show_alert: true });
      return;
    }
    const replyTo = ctx.callbackQuery.message?.message_id;
    if (action.kind === 'more') {
      await ctx.answerCallbackQuery();
      await sendHtml(ctx, formatMoreSources(entry.citations.slice(entry.shown), lang, entry.shown + 1), undefined, replyTo);
      return;
    }
    const c = entry.citations[action.index];
    if (!c) {
      await ctx.answerCallbackQuery({ text: m.expired, show_alert: true });
      return;
    }
    const context = backend.engine.context(c.docId, c.sentence, 2);
    if (!context || context.sentence !== c.text) {
      await ctx.answerCallbackQuery({ text: m.contextGone, show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await sendHtml(ctx, formatContext(context, lang, c), undefined, replyTo);
  });
  app.on('callback_query', (ctx) => ctx.answerCallbackQuery({ text: t(uiLang(ctx)).expired }));

  // --- Inline mode: cited sentences to share in any chat
  app.on('inline_query', async (ctx) => {
    const q = ctx.inlineQuery.query.trim();
    const lang = detectLang(q, langHint(ctx) ?? uiLang(ctx));
    const m = t(lang);
    if (q.length < 3) {
      await ctx.answerInlineQuery([], { cache_time: 300, button: { text: m.inlineHelp, start_parameter: 'help' } });
      return;
    }
    const a = await backend.engine.ask(q, { langHint: langHint(ctx) });
    const results: InlineQueryResultArticle[] = [];
    if (a.answered) {
      a.citations.forEach((c, i) => {
        const html = formatShare(c, a.lang);
        if (html.length > 4096) return;
        results.push({
          type: 'article',
          id: String(i),
          title: truncate(i === 0 && a.answer ? `${t(a.lang).answer}: ${a.answer}` : c.speaker ? `${c.speaker}: ${c.text}` : c.text, 100),
          description: truncate(`${c.text} — ${c.title}`, 200),
          input_message_content: { message_text: html, parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
        });
      });
    }
    await ctx.answerInlineQuery(results, {
      cache_time: 60,
      is_personal: false,
      ...(results.length === 0 ? { button: { text: t(a.lang).inlineNoAnswer, start_parameter: 'help' } } : {}),
    });
  });

  // --- Questions: any other text
  app.on('message:text', async (ctx) => {
    const msg = ctx.message;
    const first = msg.entities?.[0];
    if (first && first.type === 'bot_command' && first.offset === 0) {
      // A command no handler took: another bot's in a group, or unknown.
      const cmd = msg.text.slice(0, first.length);
      const at = cmd.indexOf('@');
      const forOther = at >= 0 && cmd.slice(at + 1).toLowerCase() !== ctx.me.username.toLowerCase();
      if (ctx.chat.type === 'private' || (!forOther && at >= 0)) await sendHtml(ctx, t(uiLang(ctx)).unknownCommand);
      return;
    }
    const question = stripMention(msg.text, ctx.me.username);
    if (!question) {
      await sendHtml(ctx, t(uiLang(ctx)).emptyQuestion);
      return;
    }
    typing(ctx);
    // "igår", "i lördags" are read against when the message was sent.
    const a = await backend.engine.ask(question, { langHint: langHint(ctx), now: ctx.message?.date ? new Date(ctx.message.date * 1000) : new Date() });
    const rendered = formatAnswer(a);
    let keyboard: InlineKeyboard | undefined;
    if (a.answered && a.citations.length > 0) {
      const key = store.put({ lang: a.lang, citations: a.citations, shown: 1 });
      const m = t(a.lang);
      keyboard = new InlineKeyboard().text(m.buttonContext, encodeButton({ kind: 'context', key, index: 0 }));
      if (rendered.more.length > 0) keyboard.text(m.buttonMore, encodeButton({ kind: 'more', key }));
    }
    await sendHtml(ctx, rendered.html, keyboard);
  });

  // Other messages (stickers, photos…) in private chats: say what the bot does.
  app.on('message', async (ctx) => {
    if (ctx.chat.type === 'private') await sendHtml(ctx, t(uiLang(ctx)).emptyQuestion);
  });

  return bot;
}

async function restore(dest: string, backup: string, hadOld: boolean): Promise<void> {
  await rm(dest, { force: true });
  if (hadOld) await rename(backup, dest).catch(() => undefined);
}

/**
 * After /remove: a statement whose id is the path of a file inside a corpus folder is that file's only
 * statement; the file is moved to the folder's hidden `.removed/` (the corpus reader skips hidden entries), so
 * a later re-index does not bring it back. Returns where it went, or null when no such file exists.
 */
async function moveRemovedFile(corpusPaths: string[], id: string): Promise<string | null> {
  for (const p of corpusPaths) {
    const root = path.resolve(p);
    const file = path.resolve(root, id);
    if (!file.startsWith(root + path.sep)) continue;
    try {
      if (!(await stat(root)).isDirectory() || !(await stat(file)).isFile()) continue;
    } catch {
      continue;
    }
    const dest = path.join(root, '.removed', path.relative(root, file));
    await mkdir(path.dirname(dest), { recursive: true });
    await rename(file, dest);
    return path.relative(process.cwd(), dest) || dest;
  }
  return null;
}

