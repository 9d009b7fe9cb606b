// `npm start`: what can be checked before compiling is checked first (--help, the token), then src/ is compiled
// to dist/ (build.mjs, incremental) and the bot runs from there with plain node (see build.mjs for why), as a
// child process that this one waits for. SIGTERM and SIGHUP are passed on to it; so is SIGINT, unless it came
// from a terminal's Ctrl-C, which reaches the child by itself.
import 'dotenv/config';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

const HELP = `usage: npm start [-- --help]

Runs the Telegram bot: opens the index (building it if missing, refreshing it if the corpus changed), then
polls Telegram, or serves WEBHOOK_URL when it is set. Stop it with Ctrl-C or SIGTERM.

Settings come from the environment or .env (see .env.example): TELEGRAM_BOT_TOKEN (required), ADMIN_USER_IDS,
WEBHOOK_URL, WEBHOOK_SECRET, PORT, CORPUS_PATHS, INDEX_DIR, EMBEDDING_MODEL, …`;

// Kept in step with src/bot/main.ts, which says the same when run directly.
const BOTFATHER =
  'TELEGRAM_BOT_TOKEN is not set: in Telegram, open @BotFather (https://t.me/BotFather), send /newbot, and put the token it gives you in .env as TELEGRAM_BOT_TOKEN=…';

if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(HELP + '\n');
  process.exit(0);
}
if (!process.env.TELEGRAM_BOT_TOKEN) {
  process.stderr.write(`✗ ${BOTFATHER}\n`);
  process.exit(1);
}

process.stderr.write('compiling src/ to dist/ (a few seconds, less when nothing changed)\n');
try {
  await import('./build.mjs');
} catch {
  process.exit(1); // tsc has printed what is wrong
}
const child = spawn(process.execPath, ['--heap-growing-percent=25', path.join(root, 'dist/src/bot/main.js'), ...args], { stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT']) {
  process.on(signal, () => {
    if (signal === 'SIGINT' && process.stdin.isTTY) return;
    child.kill(signal);
  });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
