/**
 * Run by secrets.test.ts in a child process, so that the project logger (src/log.ts: pino on fd 2) is the one
 * writing and its real output can be captured. Env: TELEGRAM_API_ROOT (a closed localhost port), the token, the
 * corpus and index folders, LOG_LEVEL=debug. The bot gets no logger of its own, so it logs through `log`.
 *
 * It plays, with Telegram unreachable: a question (typing action, answer and apology all fail), an admin upload
 * through the real downloader (getFile fails), /status, and half a second of long polling (getUpdates fails).
 */
import { createBot } from '../../src/bot/bot.js';
import { startPolling } from '../../src/bot/server.js';
import { loadConfig } from '../../src/config.js';
import { IndexManager } from '../../src/index/manager.js';
import { log } from '../../src/log.js';
import { errorFields } from '../../src/bot/safe-log.js';
import { BOT_INFO } from './helpers.js';
import { documentMessage, privateChat, sleep, textMessage, user } from './harness.js';

const config = loadConfig();
const manager = await IndexManager.open(config, { buildIfMissing: true });
const bot = createBot(manager, config, { botInfo: BOT_INFO, apiDeadlineMs: 300 });
const asker = user(5001, { language_code: 'en' });
const admin = user(config.ADMIN_USER_IDS[0]!, { language_code: 'en' });

await bot.handleUpdate(textMessage(privateChat(asker), asker, 'How many are remanded?'));
await bot.handleUpdate(documentMessage(privateChat(admin), admin, { file_id: 'doc', file_name: 'x.md', file_size: 100 }));
await bot.handleUpdate(textMessage(privateChat(admin), admin, '/status'));
// As main.ts does when it cannot reach Telegram at start.
await bot.api.getMe().catch((e) => log.error({ err: errorFields(e) }, 'could not reach Telegram'));
const runner = startPolling(bot, { timeoutSeconds: 1 });
await sleep(600);
await runner.stop().catch((e) => log.error({ err: errorFields(e) }, 'polling stopped'));
log.info('child done');
await sleep(50);
process.exit(0);
