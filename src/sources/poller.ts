/**
 * Polling while the bot runs: each source on its own loop, every `everyMinutes` after its previous poll ended,
 * all through one fetcher (so spacing and hourly limits hold across sources on one host). The last summary of
 * each source is kept for `/sources` and `/healthz`; `onSynced` hands each summary on (to the index, then to
 * the alerts).
 */
import type { Source } from './sources-file.js';
import { syncSource, type SourceSummary, type SyncDeps } from './sync.js';

export interface PollerDeps extends SyncDeps {
  /** Called after each poll of a source, before its next one is scheduled. Errors are logged, never fatal. */
  onSynced?: (summary: SourceSummary) => Promise<void> | void;
}

/** A source that has not been polled yet, as `summaries()` shows it. */
function notYet(s: Source): SourceSummary {
  return { name: s.name, kind: s.kind, lastPoll: '', answered: false, notModified: false, items: 0, total: 0, new: 0, updated: 0, completed: 0, pending: 0, skipped: 0, error: null, changed: [], file: null };
}

export class SourcePoller {
  private readonly last = new Map<string, SourceSummary>();
  private readonly loops: Promise<void>[] = [];
  private stopped = false;
  /** Cuts the waits between polls short at `stop()` (so no timer keeps the process alive). */
  private readonly stopping = new AbortController();

  constructor(
    private readonly sources: readonly Source[],
    private readonly deps: PollerDeps,
  ) {}

  /** Starts one loop per source; the first poll of each starts at once. */
  start(): void {
    if (this.loops.length || this.stopped) return;
    for (const s of this.sources) this.loops.push(this.loop(s));
  }

  /** Stops scheduling; resolves when the polls in progress have finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    await Promise.all(this.loops);
  }

  /** The last summary of every source, in the order of the sources file (`lastPoll` empty before the first). */
  summaries(): SourceSummary[] {
    return this.sources.map((s) => this.last.get(s.name) ?? notYet(s));
  }

  private async loop(source: Source): Promise<void> {
    while (!this.stopped) {
      const summary = await syncSource(source, { ...this.deps, signal: this.stopping.signal });
      this.last.set(source.name, summary);
      try {
        await this.deps.onSynced?.(summary);
      } catch (e) {
        this.deps.log.warn({ source: source.name, err: e instanceof Error ? e.message : String(e) }, 'after-poll step failed');
      }
      if (this.stopped) break;
      await this.deps.clock.sleep(source.everyMinutes * 60_000, this.stopping.signal);
    }
  }
}
