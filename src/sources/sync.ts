/**
 * One poll of the sources: fetch each listing (feed or events API), fetch the pages of new and changed items
 * (a listing's description is only a summary), and write the source's statements through a `CorpusSink`.
 *
 * - An item is known by the source's id (GUID, Atom id, event id), else by its canonical address.
 * - Each statement has a content hash; an edited one replaces its earlier version under the same id and keeps
 *   the time of the edit (`updated`).
 * - An item that drops out of the listing is kept: listings are windows.
 * - The first poll backfills what the listing holds. Pages are fetched within a budget per poll (polisen.se
 *   allows 60 requests an hour); an item whose page is not fetched yet is written with the listing's summary as
 *   its text and completed by a later poll.
 *
 * Sources are polled concurrently and each on its own: one that fails or hangs never stops or delays another.
 */
import { createHash } from 'node:crypto';
import { IngestError } from '../errors.js';
import { parseHtmlStatement } from '../ingest/html.js';
import { parseFeedItems } from './feed.js';
import { FetchError, SlotUnavailable, type Clock, type PoliteFetcher } from './fetcher.js';
import { ListingError, type SourceItem } from './items.js';
import { parsePolisenEvents } from './polisen-events.js';
import type { Source } from './sources-file.js';
import type { CorpusSink, ItemState, SourceState, SourceStateStore, SourceStatement } from './store.js';

/** What a poll reports per source (for `npm run sync`, `/sources` and `/healthz`). */
export interface SourceSummary {
  name: string;
  kind: Source['kind'];
  /** When this poll started (ISO). */
  lastPoll: string;
  /** The listing was fetched (or was unchanged, 304) and read. */
  answered: boolean;
  notModified: boolean;
  /** Items in the listing this time (0 when unchanged). */
  items: number;
  /** Statements the source's file holds after the poll. */
  total: number;
  new: number;
  /** Statements whose text changed (edited at the source). */
  updated: number;
  /** Statements written earlier from the summary whose page text is now in. */
  completed: number;
  /** Items whose page is still to be fetched. */
  pending: number;
  /** Listing entries skipped (no id and no address, or not of the documented shape). */
  skipped: number;
  error: string | null;
  /** Ids of the statements that are new or changed in this poll (for the index and for alerts). */
  changed: string[];
  /** The file the statements were written to, when anything was written. */
  file: string | null;
}

/** Tuning values of a poll. */
export interface SyncOptions {
  /** Most item pages fetched per source and poll. */
  maxPagesPerPoll: number;
  /** Longest a source waits for request slots for its pages in one poll (spacing, hourly limits). */
  pageWaitMs: number;
  /** Longest a source waits for a slot for its listing. */
  listingWaitMs: number;
  /** After this many failed page fetches in a row the summary stays the item's text. */
  maxPageFailures: number;
  /**
   * Ages (since first seen) at which an item's page is read again, to catch edits the listing does not show
   * ("Uppdaterad" on the page only). Revisits come after new and changed items in the page budget.
   */
  revisitAfterMs: readonly number[];
}

export const DEFAULT_SYNC_OPTIONS: SyncOptions = {
  maxPagesPerPoll: 30,
  pageWaitMs: 5 * 60_000,
  listingWaitMs: 10 * 60_000,
  maxPageFailures: 3,
  revisitAfterMs: [3_600_000, 6 * 3_600_000, 24 * 3_600_000],
};

/** The pino-style logger a poll writes to (one line per problem, naming the source). */
export interface SyncLogger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export interface SyncDeps {
  fetcher: PoliteFetcher;
  sink: CorpusSink;
  state: SourceStateStore;
  clock: Clock;
  log: SyncLogger;
  options?: Partial<SyncOptions>;
  /** Called as each source finishes (progress), in the order they finish. */
  onSource?: (summary: SourceSummary) => void;
  /** Stops the poll's waits and requests (the bot is shutting down); the poll then fails with "stopped". */
  signal?: AbortSignal;
}

/**
 * Polls every source once, concurrently; resolves when all are done, with one summary per source in the order given.
 *
 * @example
 * const summaries = await syncOnce(await loadSources('sources.json'), deps);
 * const failed = summaries.filter((s) => s.error);
 */
export async function syncOnce(sources: readonly Source[], deps: SyncDeps): Promise<SourceSummary[]> {
  return Promise.all(
    sources.map(async (s) => {
      const summary = await syncSource(s, deps);
      deps.onSource?.(summary);
      return summary;
    }),
  );
}

/** The statement id of an item: `<source>:<key>`, the key hashed when it is not short and plain (a URL, say). */
export function statementId(source: string, key: string): string {
  const plain = /^[\w.-]{1,40}$/.test(key) ? key : createHash('sha256').update(key).digest('hex').slice(0, 16);
  return `${source}:${plain}`;
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);
}

/** The content hash of a statement: what a reader sees of it. */
export function statementHash(s: Pick<SourceStatement, 'title' | 'url' | 'published' | 'publisher' | 'text'>): string {
  return hash([s.title, s.url, s.published, s.publisher, s.text]);
}

function listingHash(i: SourceItem): string {
  return hash([i.title, i.link, i.summary, i.published, i.updated]);
}

/** Polls one source. Never throws: every failure ends up in the summary's `error` (and one log line). */
export async function syncSource(source: Source, deps: SyncDeps): Promise<SourceSummary> {
  const opts = { ...DEFAULT_SYNC_OPTIONS, ...deps.options };
  const started = deps.clock.now();
  const summary: SourceSummary = {
    name: source.name,
    kind: source.kind,
    lastPoll: new Date(started).toISOString(),
    answered: false,
    notModified: false,
    items: 0,
    total: 0,
    new: 0,
    updated: 0,
    completed: 0,
    pending: 0,
    skipped: 0,
    error: null,
    changed: [],
    file: null,
  };
  let state: SourceState | null = null;
  /** The state as loaded: what a failed poll falls back to, so that nothing it fetched counts as written. */
  let loaded: SourceState | null = null;
  try {
    state = await deps.state.load(source.name);
    loaded = structuredClone(state);
    if (state.retryAt && state.retryAt > started) deps.fetcher.block(source.url, state.retryAt);
    const listing = await fetchListing(source, state, deps, opts, summary);
    const statements = await deps.sink.readSourceFile(source.name);
    const byId = new Map(statements.map((s) => [s.id, s]));
    const order = statements.map((s) => s.id);

    // Items of the listing, newest state first; then those of earlier polls still waiting for their page.
    const work: { key: string; item: SourceItem; st: ItemState }[] = [];
    const seen = new Set<string>();
    for (const item of listing) {
      const key = item.guid ?? item.link;
      if (!key) {
        summary.skipped++;
        continue;
      }
      if (seen.has(key)) continue;
      seen.add(key);
      const st = state.items[key];
      const lh = listingHash(item);
      if (!st) {
        state.items[key] = { id: statementId(source.name, key), hash: null, listingHash: lh, full: false, pagePending: true, pageFailures: 0, item, firstSeen: summary.lastPoll, revisits: 0 };
        work.push({ key, item, st: state.items[key] });
      } else if (st.listingHash !== lh) {
        Object.assign(st, { listingHash: lh, item, pagePending: true, pageFailures: 0 });
        work.push({ key, item, st });
      }
    }
    const queued = new Set(work.map((w) => w.key));
    for (const [key, st] of Object.entries(state.items)) {
      if (!queued.has(key) && st.pagePending && st.pageFailures < opts.maxPageFailures) work.push({ key, item: st.item, st });
    }
    // Then pages due for a revisit, oldest first seen first.
    const due = Object.entries(state.items)
      .filter(([key, st]) => !queued.has(key) && !st.pagePending && st.full && st.revisits < opts.revisitAfterMs.length && started - Date.parse(st.firstSeen) >= opts.revisitAfterMs[st.revisits]!)
      .sort((a, b) => Date.parse(a[1].firstSeen) - Date.parse(b[1].firstSeen));
    for (const [key, st] of due) {
      // Past ages already missed (the bot was down) count as done: one read now covers them.
      st.revisits = opts.revisitAfterMs.filter((age) => started - Date.parse(st.firstSeen) >= age).length;
      st.pagePending = true;
      work.push({ key, item: st.item, st });
    }

    let pagesLeft = opts.maxPagesPerPoll;
    const pageDeadline = deps.clock.now() + opts.pageWaitMs;
    let slotsGone = false;
    for (const w of work) {
      const st = w.st;
      let fromPage: SourceStatement | null = null;
      if (st.pagePending && w.item.link && pagesLeft > 0 && !slotsGone) {
        pagesLeft--;
        try {
          fromPage = await fetchPage(source, w.item, st.id, deps, Math.max(0, pageDeadline - deps.clock.now()));
          st.pagePending = false;
          st.pageFailures = 0;
        } catch (e) {
          if (deps.signal?.aborted) throw e; // stopping: the whole poll ends, nothing of it written
          // No slot in this poll's budget, or the server asked to wait: the page is not at fault; later polls try.
          if (e instanceof SlotUnavailable || (e instanceof FetchError && e.retryAt)) slotsGone = true;
          else {
            st.pageFailures++;
            if (st.pageFailures >= opts.maxPageFailures) st.pagePending = false;
            deps.log.warn({ source: source.name, url: w.item.link, err: describe(e) }, 'page not read; the summary stands in for now');
          }
        }
      } else if (!w.item.link) st.pagePending = false;
      const next = fromPage ?? (st.full && byId.has(st.id) ? null : fromSummary(source, w.item, st.id));
      if (!next) continue;
      const h = statementHash(next);
      if (h === st.hash && byId.has(st.id)) {
        st.full ||= fromPage !== null;
        continue;
      }
      const previous = byId.get(st.id);
      if (!previous || st.hash === null) summary.new++;
      else if (st.full || !fromPage) {
        summary.updated++;
        next.updated = w.item.updated ?? new Date(deps.clock.now()).toISOString();
      } else summary.completed++;
      if (previous && next.updated === null) next.updated = previous.updated;
      if (!previous) order.push(st.id);
      byId.set(st.id, next);
      st.hash = h;
      st.full ||= fromPage !== null;
      summary.changed.push(st.id);
    }

    // An item whose page is in and read again as often as it will be needs its summary no more: the state
    // file keeps one small entry per item ever seen, not its text.
    for (const st of Object.values(state.items)) {
      if (st.full && !st.pagePending && st.revisits >= opts.revisitAfterMs.length && st.item.summary.length) st.item = { ...st.item, summary: [] };
    }
    summary.total = order.length;
    summary.pending = Object.values(state.items).filter((s) => s.pagePending).length;
    if (summary.changed.length > 0) {
      const { path } = await deps.sink.putSourceFile(source.name, order.map((id) => byId.get(id)!));
      summary.file = path;
    }
    state.lastError = null;
    state.retryAt = null;
  } catch (e) {
    summary.error = describe(e);
    // Nothing of this poll was written.
    Object.assign(summary, { changed: [], file: null, new: 0, updated: 0, completed: 0 });
    if (state && loaded) {
      // Item hashes and validators go back to what they were: a poll whose statements could not be written
      // (the index refused them, a full disk) fetches them again next time instead of taking them as written.
      state = { ...loaded, lastError: summary.error, retryAt: e instanceof FetchError && e.retryAt ? e.retryAt : loaded.retryAt };
    }
    deps.log.warn({ source: source.name, url: source.url, err: summary.error }, 'source not synced');
  }
  if (state) {
    state.lastPoll = summary.lastPoll;
    try {
      await deps.state.save(source.name, state);
    } catch (e) {
      deps.log.warn({ source: source.name, err: describe(e) }, 'polling state not saved');
    }
  }
  return summary;
}

/** The listing's items; empty when the server says it is unchanged. Validators are kept for next time. */
async function fetchListing(source: Source, state: SourceState, deps: SyncDeps, opts: SyncOptions, summary: SourceSummary): Promise<SourceItem[]> {
  const accept = source.kind === 'feed' ? 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1' : 'application/json';
  const res = await deps.fetcher.fetch(source.url, { validators: state.validators, accept, maxWaitMs: opts.listingWaitMs, signal: deps.signal });
  summary.answered = true;
  if (res.status === 'not-modified') {
    summary.notModified = true;
    state.validators = res.validators;
    return [];
  }
  let items: SourceItem[];
  if (source.kind === 'feed') items = parseFeedItems(res.text, res.url);
  else {
    const listing = parsePolisenEvents(res.text, res.url);
    items = listing.items;
    summary.skipped += listing.skipped;
    if (listing.skipped > 0) deps.log.warn({ source: source.name, skipped: listing.skipped, first: listing.firstProblem }, 'events not of the documented shape skipped');
  }
  // Validators are kept only once the body was read: an unreadable listing is asked for in full next time.
  state.validators = res.validators;
  summary.items = items.length;
  return items;
}

async function fetchPage(source: Source, item: SourceItem, id: string, deps: SyncDeps, maxWaitMs: number): Promise<SourceStatement> {
  const res = await deps.fetcher.fetch(item.link!, { accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1', maxWaitMs, signal: deps.signal });
  if (res.status !== 'ok') throw new FetchError(item.link!, 'unexpected 304 for an unconditional request');
  const page = parseHtmlStatement(res.text, item.link!, id);
  return {
    id,
    title: item.title ?? page.title,
    url: item.link,
    published: item.published ?? page.published,
    publisher: source.publisher,
    text: page.text,
    updated: null,
  };
}

function fromSummary(source: Source, item: SourceItem, id: string): SourceStatement | null {
  const text = item.summary.join('\n\n');
  const title = item.title ?? item.summary[0] ?? null;
  if (!text || !title) return null;
  return { id, title, url: item.link, published: item.published, publisher: source.publisher, text, updated: null };
}

function describe(e: unknown): string {
  if (e instanceof FetchError) return e.reason;
  if (e instanceof ListingError) return e.message;
  if (e instanceof IngestError) return e.reason;
  return e instanceof Error ? e.message : String(e);
}
