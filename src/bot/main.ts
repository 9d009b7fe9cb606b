/**
 * `npm start`: reads the config, opens (or builds, or refreshes) the index, and runs the bot with long polling,
 * or with a webhook when WEBHOOK_URL is set. SIGINT/SIGTERM stop it gracefully.
 */
import type http from 'node:http';
import { GrammyError } from 'grammy';
import type { RunnerHandle } from '@grammyjs/runner';
import { loadConfig, type Config } from '../config.js';
import { ConfigError, IndexError, IngestError, ModelError } from '../errors.js';
import { IndexManager } from '../index/manager.js';
import type { BuildProgress } from '../index/build.js';
import { log } from '../log.js';
import { ALLOWED_UPDATES, background, createBot } from './bot.js';
import { COMMANDS } from './messages.js';
import { errorFields, redact } from './safe-log.js';
import { startPolling, startWebhookServer, webhookPath } from './server.js';

const BOTFATHER =
  'TELEGRAM_BOT_TOKEN is not set: in Telegram, open @BotFather (https://t.me/BotFather), send /newbot, and put the token it gives you in .env as TELEGRAM_BOT_TOKEN=…';

function fail(message: string): never {
  process.stderr.write(`✗ ${redact(message)}\n`);
  process.exit(1);
}

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  if (!config.TELEGRAM_BOT_TOKEN) fail(BOTFATHER);
  if (config.WEBHOOK_URL && !config.WEBHOOK_SECRET) fail('WEBHOOK_SECRET is required with WEBHOOK_URL: set it to a random string (A-Z, a-z, 0-9, _ and -, up to 256 characters)');
  if (config.WEBHOOK_SECRET && !/^[A-Za-z0-9_-]{1,256}$/.test(config.WEBHOOK_SECRET)) fail('WEBHOOK_SECRET may hold only A-Z, a-z, 0-9, _ and - (1 to 256 characters), as Telegram requires');

  log.info({ corpus: config.CORPUS_PATHS, index: config.INDEX_DIR }, 'opening the index (built first if missing or stale)');
  let lastProgress = 0;
  let manager: IndexManager;
  try {
    manager = await IndexManager.open(config, {
      buildIfMissing: true,
      refresh: true,
      onIssue: (i) => log.warn({ file: i.file, line: i.line, reason: i.reason }, 'input skipped'),
      onProgress: (p: BuildProgress) => {
        if (p.phase !== 'done' && Date.now() - lastProgress < 2000) return;
        lastProgress = Date.now();
        log.info({ phase: p.phase, done: p.done, total: p.total }, 'indexing');
      },
    });
  } catch (e) {
    if (e instanceof IndexError || e instanceof IngestError || e instanceof ModelError || e instanceof ConfigError) fail(e.message);
    throw e;
  }
  if (manager.notice) log.warn(manager.notice);
  const status = manager.engine.status();
  log.info({ statements: status.statements, sentences: status.sentences, embeddingModel: status.embeddingModel }, 'index ready');

  const bot = createBot(manager, config);
  try {
    await bot.init();
  } catch (e) {
    if (e instanceof GrammyError && e.error_code === 401) fail('Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized): copy the token again from @BotFather');
    if (e instanceof GrammyError && e.error_code === 404) fail(`no Bot API at ${config.TELEGRAM_API_ROOT} for this token (404): check TELEGRAM_API_ROOT and TELEGRAM_BOT_TOKEN`);
    log.error({ err: errorFields(e) }, 'could not reach Telegram');
    fail(`could not reach the Telegram Bot API at ${config.TELEGRAM_API_ROOT} (see the log line above)`);
  }
  for (const lang of ['en', 'sv'] as const) {
    await bot.api
      .setMyCommands(COMMANDS[lang], lang === 'en' ? {} : { language_code: lang })
      .catch((e) => log.warn({ err: errorFields(e) }, 'could not set the command menu'));
  }

  let runner: RunnerHandle | undefined;
  let server: http.Server | undefined;
  if (config.WEBHOOK_URL) {
    await bot.api.setWebhook(config.WEBHOOK_URL, { secret_token: config.WEBHOOK_SECRET, allowed_updates: [...ALLOWED_UPDATES] });
    server = await startWebhookServer(bot, { secret: config.WEBHOOK_SECRET, path: webhookPath(config.WEBHOOK_URL), port: config.PORT, backend: manager });
    log.info({ bot: bot.botInfo.username, port: config.PORT, path: webhookPath(config.WEBHOOK_URL) }, 'webhook server listening (health: GET /healthz)');
  } else {
    await bot.api.deleteWebhook().catch((e) => log.warn({ err: errorFields(e) }, 'could not delete a previous webhook'));
    runner = startPolling(bot);
    log.info({ bot: bot.botInfo.username }, 'bot running with long polling');
    runner.task()?.catch((e) => {
      log.error({ err: errorFields(e) }, 'polling stopped');
      process.exit(1);
    });
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    log.info(`${signal}: stopping (finishing the updates in progress)`);
    background(bot).abort();
    await Promise.allSettled([
      runner?.isRunning() ? runner.stop() : Promise.resolve(),
      server ? new Promise<void>((resolve) => server!.close(() => resolve())) : Promise.resolve(),
      background(bot).settled(),
    ]);
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e) => {
  log.error({ err: errorFields(e) }, 'the bot failed');
  fail(e instanceof Error ? e.message : String(e));
});
