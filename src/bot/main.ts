/**
 * `npm start`: reads the config, opens the app (index, corpus, bot; see src/app.ts) and runs it until SIGINT or
 * SIGTERM, which stop it gracefully. Every failure at start is one line on stderr and exit code 1.
 */
import { GrammyError } from 'grammy';
import { openApp, type App } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { ConfigError, IndexError, IngestError, ModelError } from '../errors.js';
import { log } from '../log.js';
import { errorFields, redact } from './safe-log.js';

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

  let app: App;
  try {
    app = await openApp(config);
  } catch (e) {
    if (e instanceof IndexError || e instanceof IngestError || e instanceof ModelError || e instanceof ConfigError) fail(e.message);
    throw e;
  }
  try {
    await app.start();
  } catch (e) {
    if (e instanceof GrammyError && e.error_code === 401) fail('Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized): copy the token again from @BotFather');
    if (e instanceof GrammyError && e.error_code === 404) fail(`no Bot API at ${config.TELEGRAM_API_ROOT} for this token (404): check TELEGRAM_API_ROOT and TELEGRAM_BOT_TOKEN`);
    log.error({ err: errorFields(e) }, 'could not reach Telegram');
    fail(`could not reach the Telegram Bot API at ${config.TELEGRAM_API_ROOT} (see the log line above)`);
  }
  app.stopped().catch((e) => {
    log.error({ err: errorFields(e) }, 'polling stopped');
    process.exit(1);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    log.info(`${signal}: stopping (finishing the updates in progress)`);
    await app.stop();
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
