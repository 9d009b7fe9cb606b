/**
 * `npm run sync`: poll every source once, write what was fetched into the first corpus folder and the index
 * together through the corpus service (only what changed is indexed), print one summary line per source. The
 * entry (`src/cli/sync.ts`) only parses arguments.
 */
import { mkdir, stat } from 'node:fs/promises';
import type { Config } from '../config.js';
import { ConfigError, UsageError } from '../errors.js';
import { PoliteFetcher, systemClock, userAgent, type Clock, type FetchPolicy } from './fetcher.js';
import { loadSources } from './sources-file.js';
import { CorpusServiceSink, FileStateStore, type StatementWriter } from './store.js';
import { syncOnce, type SourceSummary, type SyncLogger, type SyncOptions } from './sync.js';

export interface SyncCommandOptions {
  sourcesFile: string;
  /**
   * Opens the index whose corpus service writes what was fetched (an IndexManager); called once, at the first
   * source with something new, never when nothing changed.
   */
  openIndex: () => Promise<{ corpus: StatementWriter }>;
  out: (line: string) => void;
  /** Progress, one line as each source finishes (stderr in the CLI). */
  progress?: (line: string) => void;
  log: SyncLogger;
  /** Tests shorten the spacing and use a virtual clock; production takes the defaults. */
  fetchPolicy?: Partial<FetchPolicy>;
  clock?: Clock;
  syncOptions?: Partial<SyncOptions>;
}

/** One line per source: name, outcome, counts, when. */
export function summaryLine(s: SourceSummary): string {
  const outcome = s.error ? `FAILED: ${s.error}` : s.notModified ? 'unchanged (304)' : 'ok';
  const counts = `items ${s.items}, new ${s.new}, updated ${s.updated}, completed ${s.completed}, pages pending ${s.pending}, total ${s.total}`;
  return `${s.name} (${s.kind}): ${outcome}; ${counts}; polled ${s.lastPoll}`;
}

/** Runs one sync; returns the exit code: 0 when every source answered, 2 when some failed (the others synced). */
export async function syncCommand(config: Config, o: SyncCommandOptions): Promise<number> {
  const sources = await loadSources(o.sourcesFile);
  if (sources.length === 0) {
    o.out(`no sources in ${o.sourcesFile} (a missing file means none); nothing to do`);
    return 0;
  }
  if (!config.SOURCES_CONTACT.trim()) {
    throw new ConfigError('SOURCES_CONTACT', 'required to poll sources: an e-mail address or URL where the sites can reach you (sent in the User-Agent)');
  }
  const dir = config.CORPUS_PATHS[0];
  if (!dir) throw new ConfigError('CORPUS_PATHS', 'no corpus folder to write fetched statements to');
  const info = await stat(dir).catch(() => null);
  if (info && !info.isDirectory()) throw new UsageError(`${dir} (the first of CORPUS_PATHS) is a file; fetched statements need a folder`);
  await mkdir(dir, { recursive: true });

  const clock = o.clock ?? systemClock;
  const fetcher = new PoliteFetcher({ ...o.fetchPolicy, userAgent: userAgent(config.SOURCES_CONTACT) }, clock);
  let done = 0;
  const summaries = await syncOnce(sources, {
    fetcher,
    sink: new CorpusServiceSink(dir, async () => (await o.openIndex()).corpus),
    state: new FileStateStore(dir),
    clock,
    log: o.log,
    options: o.syncOptions,
    onSource: (s) => o.progress?.(`[${++done}/${sources.length}] ${s.name}: ${s.error ? 'failed' : `${s.new} new, ${s.updated} updated`}`),
  });
  for (const s of summaries) o.out(summaryLine(s));
  return summaries.some((s) => s.error) ? 2 : 0;
}
