/**
 * The composition root of `npm start`: config in, a running bot out. It opens the index manager (which owns the
 * live engine and the corpus service), builds the bot over it, and runs it with long polling or a webhook.
 * Nothing here touches the process (signals, exit codes): `src/bot/main.ts` does that.
 *
 * @example
 * const app = await openApp(loadConfig());
 * await app.start();
 * process.on('SIGTERM', () => app.stop().then(() => process.exit(0)));
 */
import type http from 'node:http';
import type { RunnerHandle } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import { ALLOWED_UPDATES, background, createBot } from './bot/bot.js';
import { COMMANDS } from './bot/messages.js';
import { errorFields, type BotLogger } from './bot/safe-log.js';
import { startPolling, startWebhookServer, webhookPath } from './bot/server.js';
import type { Config } from './config.js';
import type { BuildProgress } from './index/build.js';
import { IndexManager } from './index/manager.js';
import { log } from './log.js';

export interface App {
  config: Config;
  manager: IndexManager;
  bot: Bot;
  /** Connects to Telegram (getMe, command menu), then polls or serves the webhook. Rejects when Telegram refuses. */
  start(): Promise<void>;
  /** Resolves when polling stops by itself (a fatal polling error rejects); never for a webhook. */
  stopped(): Promise<void>;
  /** Stops taking updates, aborts background work, and waits for the updates in progress. */
  stop(): Promise<void>;
}

export interface AppOptions {
  logger?: BotLogger;
}

/** Opens the index (building it when missing, refreshing it when the corpus changed) and creates the bot. */
export async function openApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const logger = opts.logger ?? log;
  logger.info({ corpus: config.CORPUS_PATHS, index: config.INDEX_DIR }, 'opening the index (built first if missing or stale)');
  let lastProgress = 0;
  const manager = await IndexManager.open(config, {
    buildIfMissing: true,
    refresh: true,
    watch: true,
    onIssue: (i) => logger.warn({ file: i.file, line: i.line, reason: i.reason }, 'input skipped'),
    onWarning: (message) => logger.warn(message),
    onProgress: (p: BuildProgress) => {
      if (p.phase !== 'done' && Date.now() - lastProgress < 2000) return;
      lastProgress = Date.now();
      logger.info({ phase: p.phase, done: p.done, total: p.total }, 'indexing');
    },
  });
  if (manager.notice) logger.warn(manager.notice);
  const status = manager.engine.status();
  logger.info({ statements: status.statements, sentences: status.sentences, embeddingModel: status.embeddingModel }, 'index ready');

  const bot = createBot(manager, config, { logger });
  let runner: RunnerHandle | undefined;
  let server: http.Server | undefined;

  return {
    config,
    manager,
    bot,
    async start() {
      await bot.init();
      for (const lang of ['en', 'sv'] as const) {
        await bot.api
          .setMyCommands(COMMANDS[lang], lang === 'en' ? {} : { language_code: lang })
          .catch((e) => logger.warn({ err: errorFields(e) }, 'could not set the command menu'));
      }
      if (config.WEBHOOK_URL) {
        await bot.api.setWebhook(config.WEBHOOK_URL, { secret_token: config.WEBHOOK_SECRET, allowed_updates: [...ALLOWED_UPDATES] });
        const path = webhookPath(config.WEBHOOK_URL);
        server = await startWebhookServer(bot, { secret: config.WEBHOOK_SECRET, path, port: config.PORT, backend: manager, logger });
        logger.info({ bot: bot.botInfo.username, port: config.PORT, path }, 'webhook server listening (health: GET /healthz)');
      } else {
        await bot.api.deleteWebhook().catch((e) => logger.warn({ err: errorFields(e) }, 'could not delete a previous webhook'));
        runner = startPolling(bot);
        logger.info({ bot: bot.botInfo.username }, 'bot running with long polling');
      }
    },
    stopped() {
      return runner?.task() ?? new Promise<void>(() => {});
    },
    async stop() {
      background(bot).abort();
      await Promise.allSettled([
        runner?.isRunning() ? runner.stop() : Promise.resolve(),
        server ? new Promise<void>((resolve) => server!.close(() => resolve())) : Promise.resolve(),
        background(bot).settled(),
      ]);
      manager.close();
    },
  };
}
