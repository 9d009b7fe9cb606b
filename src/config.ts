import 'dotenv/config';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';

const intList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^\d+$/, 'numeric Telegram user ids, comma-separated (never usernames)')))
  .transform((a) => a.map(Number));

/**
 * A whole number from the environment: "abc", "1.5" or "" get "expected a whole number", not zod's "received NaN".
 */
const whole = (o: { min?: number; max?: number } = {}) =>
  z
    .string()
    .trim()
    .refine((s) => /^[+-]?\d+$/.test(s), { error: (i) => `expected a whole number, got ${JSON.stringify(i.input)}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(o.min ?? -Infinity, { error: `expected a whole number of at least ${o.min}` })
        .max(o.max ?? Infinity, { error: `expected a whole number of at most ${o.max}` }),
    );

/**
 * Every setting, read once from the environment (and `.env` via dotenv). Each key is documented with its
 * default in `.env.example`.
 */
export const configSchema = z.object({
  /** Folders or files holding the statements; comma-separated. */
  CORPUS_PATHS: z.string().default('corpus').transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)),
  /** Where the persistent index lives. */
  INDEX_DIR: z.string().default('.index'),
  /** Embedding model id, or `none` for lexical search only. */
  EMBEDDING_MODEL: z.string().default('Xenova/multilingual-e5-small'),
  /** Folder holding downloaded or generated models (`npm run model:fetch` writes here). */
  MODEL_DIR: z.string().default('models'),
  /** Model weights to use: q8 (quantized, the default model's shipped form) or fp32. */
  EMBEDDING_DTYPE: z.enum(['q8', 'fp32']).default('q8'),
  /** Extra bilingual lexicon (TSV: english<TAB>swedish, …) merged over the built-in one; empty for none. */
  LEXICON_PATH: z.string().default(''),
  /** Largest single corpus file read whole (bytes); JSON Lines are streamed and exempt. */
  MAX_FILE_BYTES: whole({ min: 1 }).default(20 * 1024 * 1024),
  /** How many citations an answer carries at most. */
  MAX_CITATIONS: whole({ min: 1, max: 20 }).default(3),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  /** Telegram bot token from @BotFather; required by `npm start` only. */
  TELEGRAM_BOT_TOKEN: z.string().default(''),
  /** Bot API server; the tests point it at telegram-test-api on localhost. */
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  /** Numeric Telegram user ids allowed to run admin commands, comma-separated. */
  ADMIN_USER_IDS: intList.default([]),
  /** Public HTTPS URL for webhook mode; empty for long polling. */
  WEBHOOK_URL: z.union([z.literal(''), z.string().url()]).default(''),
  /** Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token; required with WEBHOOK_URL. */
  WEBHOOK_SECRET: z.string().default(''),
  /** Port of the webhook and health HTTP server. */
  PORT: whole({ min: 0, max: 65535 }).default(8080),
  /** Messages one user may send per window before being asked to slow down. */
  RATE_LIMIT_MESSAGES: whole({ min: 1 }).default(5),
  RATE_LIMIT_WINDOW_MS: whole({ min: 1 }).default(3000),
  /** Largest document an admin may upload (bytes), checked before download. */
  MAX_UPLOAD_BYTES: whole({ min: 1 }).default(10 * 1024 * 1024),

  /** The sources file (feeds, the police events API); a missing file means no sources. */
  SOURCES_FILE: z.string().default('sources.json'),
  /** How the sites can reach whoever runs this bot (an e-mail address or URL); sent in the User-Agent. */
  SOURCES_CONTACT: z.string().default(''),
  /** The follows database (SQLite); default `follows.sqlite` beside INDEX_DIR (in the folder that holds it). */
  FOLLOWS_DB: z.string().default(''),
});

export type Config = z.infer<typeof configSchema>;

/** Where the follows database is: FOLLOWS_DB, else `follows.sqlite` in the folder that holds INDEX_DIR. */
export function followsDbPath(config: Pick<Config, 'FOLLOWS_DB' | 'INDEX_DIR'>): string {
  return config.FOLLOWS_DB || path.join(path.dirname(path.resolve(config.INDEX_DIR)), 'follows.sqlite');
}

/**
 * Parses the configuration from `env` (default: process.env after dotenv). A bad value throws a ConfigError
 * naming the key and what is expected.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? 'config');
    throw new ConfigError(key, `${issue.message} (see .env.example)`);
  }
  return parsed.data;
}
