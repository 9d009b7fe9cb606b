/**
 * The composition root of `npm start`: config in, a running bot out. It opens the index manager (which owns the
 * live engine and the corpus service), builds the bot over it, and runs it with long polling or a webhook. When
 * the sources file names sources, it also polls them (one SourcePoller; what they bring goes through the corpus
 * service into the index) and alerts the chats that follow a topic a new or updated statement answers.
 * Nothing here touches the process (signals, exit codes): `src/bot/main.ts` does that.
 *
 * @example
 * const app = await openApp(loadConfig());
 * await app.start();
 * process.on('SIGTERM', () => app.stop().then(() => process.exit(0)));
 */
import type http from 'node:http';
import { stat } from 'node:fs/promises';
import type { RunnerHandle } from '@grammyjs/runner';
import { Api, type Bot } from 'grammy';
import { ALLOWED_UPDATES, background, createBot } from './bot/bot.js';
import { FOLLOW_COMMANDS, followFeature } from './bot/features/follow.js';
import { sourcesFeature } from './bot/features/sources.js';
import type { Feature } from './bot/kit.js';
import { COMMANDS } from './bot/messages.js';
import { errorFields, type BotLogger } from './bot/safe-log.js';
import { startPolling, startWebhookServer, webhookPath, type PollingOptions } from './bot/server.js';
import { followsDbPath, type Config } from './config.js';
import { ConfigError } from './errors.js';
import { AlertSender, limitAlertApi } from './follow/alerts.js';
import { EngineFollowMatcher } from './follow/matcher.js';
import { FollowStore } from './follow/store.js';
import type { BuildProgress } from './index/build.js';
import { IndexManager } from './index/manager.js';
import { log } from './log.js';
import { PoliteFetcher, systemClock, userAgent, type Clock, type FetchPolicy } from './sources/fetcher.js';
import { SourcePoller } from './sources/poller.js';
import { loadSources } from './sources/sources-file.js';
import { CorpusServiceSink, FileStateStore } from './sources/store.js';
import type { SourceSummary, SyncOptions } from './sources/sync.js';

export interface App {
  config: Config;
  manager: IndexManager;
  bot: Bot;
  /** Polls the sources (null when the sources file names none); started by `start`. */
  poller: SourcePoller | null;
  /** The follows database (null without sources: nothing would ever alert). */
  follows: FollowStore | null;
  /** Connects to Telegram (getMe, command menu), then polls or serves the webhook. Rejects when Telegram refuses. */
  start(): Promise<void>;
  /** Resolves when polling stops by itself (a fatal polling error rejects); never for a webhook. */
  stopped(): Promise<void>;
  /** Stops taking updates, aborts background work, and waits for the updates in progress. */
  stop(): Promise<void>;
}

export interface AppOptions {
  logger?: BotLogger;
  /** Tuning of the polling (tests shorten the spacing and pass a virtual clock); production takes the defaults. */
  sources?: { fetchPolicy?: Partial<FetchPolicy>; clock?: Clock; syncOptions?: Partial<SyncOptions> };
  /** The Api alerts go through (default: one of their own over TELEGRAM_API_ROOT, throttled and retried: limitAlertApi). */
  alertsApi?: Api;
  /** Long polling's options (a test server that answers at once needs `idleDelayMs`). */
  polling?: PollingOptions;
}

/** Opens the index (building it when missing, refreshing it when the corpus changed) and creates the bot. */
export async function openApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const logger = opts.logger ?? log;
  // The sources file is read first: a mistake in it stops the start before the index is opened.
  const sources = await loadSources(config.SOURCES_FILE);
  if (sources.length > 0) {
    if (!config.SOURCES_CONTACT.trim()) throw new ConfigError('SOURCES_CONTACT', `required to poll the sources of ${config.SOURCES_FILE}: an e-mail address or URL where the sites can reach you (sent in the User-Agent)`);
    const first = config.CORPUS_PATHS[0];
    const info = first ? await stat(first).catch(() => null) : null;
    if (!first || (info && !info.isDirectory())) throw new ConfigError('CORPUS_PATHS', `its first entry must be a folder: fetched statements are written there (${first ?? 'none given'})`);
  }
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

  const live = sources.length > 0 ? liveSources(config, manager, sources, logger, opts) : null;
  const bot = createBot(manager, config, {
    logger,
    features: (kit): Feature[] =>
      live ? [sourcesFeature(kit, () => live.poller.summaries()), followFeature(kit, live.follows)] : [],
  });
  let runner: RunnerHandle | undefined;
  let server: http.Server | undefined;

  return {
    config,
    manager,
    bot,
    poller: live?.poller ?? null,
    follows: live?.follows ?? null,
    async start() {
      await bot.init();
      for (const lang of ['en', 'sv'] as const) {
        await bot.api
          .setMyCommands([...COMMANDS[lang], ...(live ? FOLLOW_COMMANDS[lang] : [])], lang === 'en' ? {} : { language_code: lang })
          .catch((e) => logger.warn({ err: errorFields(e) }, 'could not set the command menu'));
      }
      if (config.WEBHOOK_URL) {
        await bot.api.setWebhook(config.WEBHOOK_URL, { secret_token: config.WEBHOOK_SECRET, allowed_updates: [...ALLOWED_UPDATES] });
        const path = webhookPath(config.WEBHOOK_URL);
        server = await startWebhookServer(bot, { secret: config.WEBHOOK_SECRET, path, port: config.PORT, backend: manager, logger, sources: live ? () => live.poller.summaries() : undefined });
        logger.info({ bot: bot.botInfo.username, port: config.PORT, path }, 'webhook server listening (health: GET /healthz)');
      } else {
        await bot.api.deleteWebhook().catch((e) => logger.warn({ err: errorFields(e) }, 'could not delete a previous webhook'));
        runner = startPolling(bot, opts.polling);
        logger.info({ bot: bot.botInfo.username }, 'bot running with long polling');
      }
      if (live) {
        live.poller.start();
        logger.info({ sources: sources.map((s) => s.name), follows: followsDbPath(config) }, 'polling the sources');
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
        live?.stop(),
      ]);
      manager.close();
    },
  };
}

interface LiveSources {
  poller: SourcePoller;
  follows: FollowStore;
  /** Stops polling and alerting (alerts not yet handed to Telegram are dropped), then closes the follows database. */
  stop(): Promise<void>;
}

/**
 * The sources polled while the bot runs: one SourcePoller whose statements go through the corpus service (the
 * index has them when a poll is done), then the alerts for the statements that poll made new or changed. Alerts
 * run one sync after another, beside the polling, through an Api of their own that keeps to Telegram's limits.
 */
function liveSources(config: Config, manager: IndexManager, sources: Awaited<ReturnType<typeof loadSources>>, logger: BotLogger, opts: AppOptions): LiveSources {
  const clock = opts.sources?.clock ?? systemClock;
  const follows = FollowStore.open(followsDbPath(config));
  const api = opts.alertsApi ?? limitAlertApi(new Api(config.TELEGRAM_BOT_TOKEN, { apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, '') }));
  const alerts = new AlertSender(api, follows, new EngineFollowMatcher(() => manager.engine), { logger });
  const stopping = new AbortController();
  let alerting: Promise<void> = Promise.resolve();
  const alertAbout = (s: SourceSummary) => {
    const ids = s.changed;
    alerting = alerting
      .then(async () => {
        if (stopping.signal.aborted) return;
        const r = await alerts.alert(ids, { signal: stopping.signal });
        logger.info({ source: s.name, statements: ids.length, ...r }, 'alerts sent');
      })
      .catch((e) => logger.error({ err: errorFields(e), source: s.name }, 'alerts failed'));
  };
  const folder = manager.corpus.folder;
  const poller = new SourcePoller(sources, {
    fetcher: new PoliteFetcher({ ...opts.sources?.fetchPolicy, userAgent: userAgent(config.SOURCES_CONTACT) }, clock),
    sink: new CorpusServiceSink(folder, async () => manager.corpus),
    state: new FileStateStore(folder),
    clock,
    log: logger,
    options: opts.sources?.syncOptions,
    onSynced: (s) => {
      const fields = { source: s.name, items: s.items, new: s.new, updated: s.updated, pending: s.pending, total: s.total };
      if (s.error) logger.warn({ ...fields, err: s.error }, 'source poll failed');
      else logger.info(fields, 'source polled');
      // The corpus service has put the statements into the index before the poll returned.
      if (s.changed.length > 0) alertAbout(s);
    },
  });
  return {
    poller,
    follows,
    async stop() {
      stopping.abort();
      await poller.stop();
      await alerting;
      follows.close();
    },
  };
}
