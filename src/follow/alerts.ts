/**
 * Alerts: after a sync, each followed topic is asked once (however many chats follow it); every follower of a
 * topic that matches a new or updated statement gets the cited sentence with its link, at most once per
 * statement. Chats the bot may no longer write to (403) are dropped.
 *
 * Sending keeps to Telegram's limits (about 30 messages a second in all, 1 a second per chat, 20 a minute per
 * group) through grammY's throttler plugin, and retries 429s and server errors through auto-retry: see
 * `limitAlertApi`.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { GrammyError, type Api } from 'grammy';
import { escapeHtml, formatCitation, splitHtml, truncate } from '../bot/format.js';
import type { Citation, Lang } from '../types.js';
import type { FollowMatcher } from './matcher.js';
import { followMessages } from './messages.js';
import type { FollowStore } from './store.js';

/**
 * Installs the throttler (Telegram's overall, per-chat and per-group limits) and auto-retry (429 with its
 * `retry_after`, 5xx) on `api`. Use an Api of its own for alerts, so that a burst of alerts queues behind its
 * own limits and never delays the bot's answers; the limits are Telegram's per bot, so the answers' own
 * auto-retry covers the rare 429 the two together may cause.
 *
 * @example
 * const alertsApi = limitAlertApi(new Api(config.TELEGRAM_BOT_TOKEN, { apiRoot }));
 */
export function limitAlertApi(api: Api, opts: { maxRetryAttempts?: number; maxDelaySeconds?: number } = {}): Api {
  api.config.use(apiThrottler());
  api.config.use(autoRetry({ maxRetryAttempts: opts.maxRetryAttempts ?? 3, maxDelaySeconds: opts.maxDelaySeconds ?? 60 }));
  return api;
}

/** The alert message: which follow matched, the cited sentence, its speaker and its source with a link to it. */
export function formatAlert(words: string, c: Citation, lang: Lang): string {
  const m = followMessages(lang);
  return [m.alertHeader(escapeHtml(truncate(words, 200))), '', ...formatCitation(c, lang), '', m.alertFooter].join('\n');
}

export interface AlertReport {
  /** Topics asked. */
  topics: number;
  /** (topic, statement) pairs that matched. */
  matched: number;
  /** Messages sent (an alert split in parts counts once). */
  sent: number;
  /** Alerts not sent because the chat had been told about that statement already. */
  alreadyAlerted: number;
  /** Chats dropped because Telegram answered 403 (blocked, kicked, deactivated). */
  dropped: number[];
  /** Alerts that failed for another reason (their claim is given back). */
  failed: number;
  /** Alerts not started because the sending was stopped (`signal`); nothing is recorded for them. */
  cancelled: number;
}

export interface AlertLogger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export interface AlertSenderOptions {
  /** Most statements alerted per topic and sync (a burst of matching statements is not a flood). */
  maxPerTopic: number;
  /**
   * Alerts handed to the API (and so queued in the throttler) at a time. The throttler spaces them out; this
   * only bounds what a stop has to wait for: alerts not yet handed over are not started after `signal` aborts.
   */
  maxInFlight: number;
  logger?: AlertLogger;
}

interface Job {
  chatId: number;
  docId: string;
  html: string;
}

export class AlertSender {
  private readonly options: AlertSenderOptions;

  constructor(
    private readonly api: Api,
    private readonly store: FollowStore,
    private readonly matcher: FollowMatcher,
    options: Partial<AlertSenderOptions> = {},
  ) {
    this.options = { maxPerTopic: 3, maxInFlight: 100, ...options };
  }

  /**
   * Alerts every follower whose topic matches one of `changedIds` (the statements new or updated in a sync),
   * each chat at most once per statement. When `signal` aborts, alerts not yet handed to the API are dropped.
   */
  async alert(changedIds: readonly string[], opts: { signal?: AbortSignal } = {}): Promise<AlertReport> {
    const report: AlertReport = { topics: 0, matched: 0, sent: 0, alreadyAlerted: 0, dropped: [], failed: 0, cancelled: 0 };
    if (changedIds.length === 0) return report;
    const jobs: Job[] = [];
    for (const topic of this.store.topics()) {
      if (opts.signal?.aborted) break;
      report.topics++;
      const matches = (await this.matcher.match(topic.words, changedIds)).slice(0, this.options.maxPerTopic);
      report.matched += matches.length;
      for (const c of matches) for (const f of topic.follows) jobs.push({ chatId: f.chatId, docId: c.docId, html: formatAlert(f.words, c, f.lang) });
    }
    const gone = new Set<number>();
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        if (opts.signal?.aborted) {
          report.cancelled++;
          continue;
        }
        if (gone.has(job.chatId)) continue;
        // Claimed as it is sent: a chat already told about the statement (by another follow, an earlier sync)
        // is not told again.
        if (!this.store.claimAlert(job.chatId, job.docId)) {
          report.alreadyAlerted++;
          continue;
        }
        await this.deliver(job.chatId, job.html, job.docId, report, gone, opts.signal);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.maxInFlight, jobs.length) }, worker));
    return report;
  }

  private async deliver(chatId: number, html: string, docId: string, report: AlertReport, gone: Set<number>, signal?: AbortSignal, moved = false): Promise<void> {
    if (gone.has(chatId)) return;
    try {
      // grammY types its signals with the abort-controller polyfill; at run time any AbortSignal does.
      const sig = signal as unknown as Parameters<Api['sendMessage']>[3];
      for (const part of splitHtml(html)) await this.api.sendMessage(chatId, part, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } }, sig);
      report.sent++;
    } catch (e) {
      if (e instanceof GrammyError && e.error_code === 403) {
        if (!gone.has(chatId)) {
          gone.add(chatId);
          const n = this.store.dropChat(chatId);
          report.dropped.push(chatId);
          this.options.logger?.info({ chat: chatId, follows: n, reason: e.description }, 'chat dropped from follows: the bot may no longer write to it');
        }
        return;
      }
      const to = e instanceof GrammyError ? e.parameters?.migrate_to_chat_id : undefined;
      if (to !== undefined && !moved) {
        this.store.moveChat(chatId, to);
        return this.deliver(to, html, docId, report, gone, signal, true);
      }
      this.store.releaseAlert(chatId, docId);
      report.failed++;
      this.options.logger?.warn({ chat: chatId, statement: docId, err: e instanceof GrammyError ? e.description : (e as Error).message }, 'alert not sent');
    }
  }
}
