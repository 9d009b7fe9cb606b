/**
 * Answering while a sync adds statements: a police events API on 127.0.0.1 serves N new events, one poll of it
 * goes through the same path as the bot's (syncOnce → CorpusServiceSink → corpus service → index change and
 * engine swap), and meanwhile questions are asked of the live engine back to back, as a busy bot would. Every
 * question's start and end are recorded, and the event loop's longest stall, so that the longest pause an asker
 * sees during the sync can be reported (`npm run bench:sync`) and a test can check that every question was
 * answered (test/sources/sync-load.test.ts).
 */
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Answer } from '../../src/types.js';
import { loadConfig } from '../../src/config.js';
import type { Embedder } from '../../src/embed/types.js';
import { IndexManager } from '../../src/index/manager.js';
import { PoliteFetcher, userAgent } from '../../src/sources/fetcher.js';
import { CorpusServiceSink, FileStateStore } from '../../src/sources/store.js';
import { syncOnce, type SourceSummary } from '../../src/sources/sync.js';
import { systemClock } from '../../src/sources/fetcher.js';

/** A statement as the load is made of (a JSON Lines record of the corpus). */
export interface LoadStatement {
  id: string;
  title: string;
  text: string;
  published?: string | null;
}

export interface SyncLoadOptions {
  /** A fresh work folder (corpus, index, state). */
  work: string;
  /** Indexed before the sync (written as the corpus file base.jsonl). */
  base: readonly LoadStatement[];
  /** Served as new events; the sync adds them all. */
  added: readonly LoadStatement[];
  /**
   * Then served as well, for a second poll of the same source that adds these few: what every later poll that
   * brings something costs (the small segments of earlier changes are folded into the new one).
   */
  then?: readonly LoadStatement[];
  /** Asked in turn, over and over, while the sync runs (and as many before it, for the baseline). */
  questions: readonly string[];
  embedder?: Embedder | null;
  /** Questions asked before the sync for the baseline latency (default 200, or as many as were given). */
  baseline?: number;
  onProgress?: (line: string) => void;
}

export interface AskRecord {
  question: string;
  /** ms since the sync started (negative: before it). */
  start: number;
  end: number;
  answer: Answer | null;
  error: string | null;
}

/** One poll under questions. */
export interface SyncRound {
  summary: SourceSummary;
  /** How long the sync took, from its start until the engine answering from the new statements was live (ms). */
  syncMs: number;
  /** Statements in the index before and after. */
  before: number;
  after: number;
  /** Questions asked while the sync ran (started before it ended). */
  during: AskRecord[];
  /** The longest time between two answers while the sync ran, its start counted as one (ms). */
  longestGapMs: number;
  /** The longest stall of the event loop while the sync ran (ms; what no question could escape). */
  loopStallMs: number;
}

export interface SyncLoadResult extends SyncRound {
  baseline: AskRecord[];
  /** The second poll (`then`), when asked for. */
  next: SyncRound | null;
}

/** The police events API's shape of a statement (the text as its summary: the poll writes it as is, pages are not fetched). */
function asEvent(s: LoadStatement, i: number) {
  const day = new Date(Date.UTC(2026, 0, 1) + i * 60_000);
  return {
    id: 900_000_000 + i,
    datetime: `${day.toISOString().slice(0, 10)} ${day.getUTCHours()}:${String(day.getUTCMinutes()).padStart(2, '0')}:00 +01:00`,
    name: s.title,
    summary: s.text,
    url: `/aktuellt/handelser/load/${i}/`,
    type: 'Övrigt',
    location: { name: null, gps: null },
  };
}

const turn = () => new Promise<void>((r) => setImmediate(r));

/** Runs one sync of `added` while asking `questions`; see the file's comment. */
export async function measureSyncLoad(o: SyncLoadOptions): Promise<SyncLoadResult> {
  const say = o.onProgress ?? (() => {});
  const corpus = path.join(o.work, 'corpus');
  mkdirSync(corpus, { recursive: true });
  writeFileSync(path.join(corpus, 'base.jsonl'), o.base.map((s) => JSON.stringify({ id: s.id, title: s.title, published: s.published ?? null, text: s.text })).join('\n') + '\n');
  const config = loadConfig({ CORPUS_PATHS: corpus, INDEX_DIR: path.join(o.work, 'index'), EMBEDDING_MODEL: 'none', LOG_LEVEL: 'silent' });
  say(`indexing ${o.base.length} statements …`);
  const manager = await IndexManager.open(config, { buildIfMissing: true, embedder: o.embedder ?? null });
  const before = manager.engine.status().statements;

  let served = o.added;
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(served.map(asEvent))));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/events`;

  const ask = async (question: string, t0: number): Promise<AskRecord> => {
    const start = performance.now() - t0;
    try {
      const answer = await manager.engine.ask(question);
      return { question, start, end: performance.now() - t0, answer, error: null };
    } catch (e) {
      return { question, start, end: performance.now() - t0, answer: null, error: (e as Error).message };
    }
  };
  const deps = {
    fetcher: new PoliteFetcher({ userAgent: userAgent('bench@example.org'), minIntervalMs: 0 }, systemClock),
    sink: new CorpusServiceSink(manager.corpus.folder, async () => manager.corpus),
    state: new FileStateStore(manager.corpus.folder),
    clock: systemClock,
    log: { warn: (obj: object, msg: string) => say(`warning: ${msg} ${JSON.stringify(obj)}`), info: () => {} },
    options: { maxPagesPerPoll: 0 },
  };
  const round = async (): Promise<SyncRound> => {
    const before = manager.engine.status().statements;
    const loop = monitorEventLoopDelay({ resolution: 5 });
    const t0 = performance.now();
    let done = false;
    let syncMs = 0;
    loop.enable();
    const sync = syncOnce([{ name: 'load', kind: 'polisen-events', url, publisher: 'Polisen', everyMinutes: 10 }], deps).finally(() => {
      syncMs = performance.now() - t0;
      done = true;
    });
    const during: AskRecord[] = [];
    for (let i = 0; !done && o.questions.length; i++) {
      during.push(await ask(o.questions[i % o.questions.length]!, t0));
      await turn();
    }
    const [summary] = await sync;
    loop.disable();
    let longestGapMs = 0;
    let last = 0;
    for (const r of during) {
      longestGapMs = Math.max(longestGapMs, r.end - last);
      last = r.end;
    }
    return { summary: summary!, syncMs, before, after: manager.engine.status().statements, during, longestGapMs, loopStallMs: loop.max / 1e6 };
  };
  try {
    // Baseline: the same questions before the sync.
    const baseline: AskRecord[] = [];
    const nBase = Math.min(o.baseline ?? 200, Math.max(o.questions.length, 1) * 20);
    const t0 = performance.now();
    for (let i = 0; i < nBase && o.questions.length; i++) {
      baseline.push(await ask(o.questions[i % o.questions.length]!, t0));
      await turn();
    }
    say(`syncing ${o.added.length} new statements while asking …`);
    const first = await round();
    let next: SyncRound | null = null;
    if (o.then?.length) {
      served = [...o.added, ...o.then];
      say(`syncing ${o.then.length} more while asking …`);
      next = await round();
    }
    return { ...first, baseline, next };
  } finally {
    server.close();
    manager.close();
  }
}

/** Made-up police notices in Swedish, varied enough to index like real ones (places, kinds, times, numbers). */
export function syntheticStatements(n: number, prefix: string): LoadStatement[] {
  const places = ['Malmö', 'Lund', 'Kävlinge', 'Göteborg', 'Uppsala', 'Linköping', 'Örebro', 'Umeå', 'Växjö', 'Kalmar', 'Gävle', 'Borås', 'Sundsvall', 'Jönköping', 'Luleå'];
  const kinds: [string, string][] = [
    ['Trafikolycka', 'Två bilar har kolliderat på {gata} i {ort} och {n} personer har förts till sjukhus.'],
    ['Brand', 'Räddningstjänsten larmades till en brand i ett flerfamiljshus på {gata} i {ort}; {n} lägenheter har evakuerats.'],
    ['Stöld', 'En butik på {gata} i {ort} har utsatts för stöld och varor för {n} 000 kronor är borta.'],
    ['Misshandel', 'En man i {n}0-årsåldern har misshandlats på {gata} i {ort} under natten.'],
    ['Inbrott', 'Ett inbrott har skett i en villa vid {gata} i {ort}; polisen söker vittnen.'],
  ];
  const streets = ['Storgatan', 'Kungsgatan', 'Järnvägsgatan', 'Östra vägen', 'Torggatan', 'Skolgatan'];
  return Array.from({ length: n }, (_, i) => {
    const [kind, tpl] = kinds[i % kinds.length]!;
    const place = places[(i * 7) % places.length]!;
    const fill = (s: string) => s.replaceAll('{ort}', place).replaceAll('{gata}', streets[i % streets.length]!).replaceAll('{n}', String((i % 9) + 2));
    const day = (i % 28) + 1;
    return {
      id: `${prefix}${i}`,
      title: `${day} februari ${String(i % 24).padStart(2, '0')}.${String(i % 60).padStart(2, '0')}, ${kind}, ${place}`,
      text: `${fill(tpl)}\n\nPolisen har inlett en förundersökning (ärende ${prefix}${i}). Ingen är gripen.\n\nMer information lämnas inte i nuläget.`,
      published: `2026-02-${String(day).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00:00+01:00`,
    };
  });
}
