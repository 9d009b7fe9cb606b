/**
 * Keeps the live engine and changes the index under it without stopping it: a re-index builds aside while the
 * old engine answers, then the new one is swapped in with one assignment. Changes run one at a time, and hold
 * the index lock (lock.ts) against writers in other processes; a generation another process switches to is
 * picked up within a second or two when `watch` is on.
 */
import { Engine } from '../answer/engine.js';
import type { AnswerParams } from '../answer/params.js';
import type { Config } from '../config.js';
import { CorpusService } from '../corpus/service.js';
import { createEmbedder } from '../embed/load.js';
import type { Embedder } from '../embed/types.js';
import { CorpusError, StorageError } from '../errors.js';
import { loadStatementsFromFile } from '../ingest/load.js';
import { loadLexicon, type Lexicon } from '../text/lexicon.js';
import type { IngestIssue, Statement } from '../types.js';
import { relative, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildIndex, BuildInterrupted, changeStatements, type BuildProgress, type BuildReport, type ChangeReport } from './build.js';
import type { BuildJob, BuildMessage } from './build-worker.js';
import { lockIndex, tryLockIndex, type IndexLock } from './lock.js';
import { loadIndex, type LoadedIndex } from './open.js';
import { workerUrl } from './worker-url.js';
import { cleanIndexDir, currentGeneration } from './store.js';

export interface ManagerOptions {
  /** Build the index when there is none (or it is refused), instead of failing. */
  buildIfMissing?: boolean;
  /**
   * Bring the index up to date with the corpus on open (re-indexes only if something changed). When that fails
   * (a full disk, a corpus path gone) and a valid index exists, the manager serves it and says why through
   * `onWarning`; `refreshError` keeps the reason.
   */
  refresh?: boolean;
  /** Look for generations switched to by other processes every `watchMs` (default 1000 ms when true). */
  watch?: boolean;
  watchMs?: number;
  onIssue?: (i: IngestIssue) => void;
  onProgress?: (p: BuildProgress) => void;
  /** Problems worth a line but not a failure: a refresh that could not run, leftovers that could not be removed. */
  onWarning?: (message: string) => void;
  /** Supply an embedder (tests); by default it is created from the config. */
  embedder?: Embedder | null;
}

type BuildCall = { onIssue?: (i: IngestIssue) => void; onProgress?: (p: BuildProgress) => void; force?: boolean; signal?: AbortSignal };

export class IndexManager {
  private current: Engine<LoadedIndex>;
  private queue: Promise<unknown> = Promise.resolve();
  private watcher: NodeJS.Timeout | null = null;
  private warn: (message: string) => void = () => {};
  readonly startedAt = new Date();
  /** Adding, replacing, removing and listing the corpus's files and their statements (see CorpusService). */
  readonly corpus: CorpusService;
  /** Why the refresh at open failed, when it did (the index then served is the one that was there). */
  refreshError: Error | null = null;

  private constructor(
    readonly config: Config,
    private readonly lexicon: Lexicon,
    readonly embedder: Embedder | null,
    /** One line when the configured model could not be loaded (the engine then searches lexically). */
    readonly notice: string | null,
    /** The embedder was made from the config (so a worker can make its own), not handed in. */
    private readonly embedderFromConfig: boolean,
  ) {
    this.current = null as unknown as Engine<LoadedIndex>;
    this.corpus = new CorpusService(this, config);
  }

  static async open(config: Config, opts: ManagerOptions = {}): Promise<IndexManager> {
    let embedder: Embedder | null;
    let notice: string | null = null;
    if (opts.embedder !== undefined) embedder = opts.embedder;
    else ({ embedder, notice } = await createEmbedder({ model: config.EMBEDDING_MODEL, modelDir: config.MODEL_DIR, dtype: config.EMBEDDING_DTYPE }));
    const m = new IndexManager(config, loadLexicon(config.LEXICON_PATH), embedder, notice, opts.embedder === undefined);
    const warn = opts.onWarning ?? (() => undefined);
    m.warn = warn;
    cleanIndexDir(config.INDEX_DIR, 1, warn);
    await m.recoverCorpus(warn);
    const missing = !currentGeneration(config.INDEX_DIR);
    if (opts.refresh || (opts.buildIfMissing && missing)) {
      try {
        await m.build({ onIssue: opts.onIssue, onProgress: opts.onProgress });
      } catch (e) {
        if (missing || e instanceof BuildInterrupted || !(e instanceof StorageError || e instanceof CorpusError)) throw e;
        m.refreshError = e;
        warn(`could not bring the index up to date with the corpus: ${e.message}; serving the index as it was`);
      }
    }
    try {
      await m.reload();
    } catch (e) {
      if (!opts.buildIfMissing) throw e;
      await m.build({ onIssue: opts.onIssue, onProgress: opts.onProgress, force: true });
      await m.reload();
    }
    if (opts.watch) m.watch(opts.watchMs ?? 1000);
    return m;
  }

  /** An engine over the live index with other answering parameters (`ask --params`, `eval --params`). */
  withParams(params: Partial<AnswerParams>): Engine<LoadedIndex> {
    return new Engine(this.current.index, this.lexicon, this.embedder, { maxCitations: this.config.MAX_CITATIONS, params });
  }

  /**
   * Removes what a change killed half-way left in the corpus folders, but only while no writer is at work: the
   * hidden files of a change under way in another process (a running bot) are not leftovers.
   */
  private async recoverCorpus(warn: (message: string) => void): Promise<void> {
    let got;
    try {
      got = tryLockIndex(this.config.INDEX_DIR, 'corpus recovery');
    } catch {
      return; // an index folder that cannot be written to: no change can have run here either
    }
    if (!('release' in got)) return;
    try {
      await this.corpus.recover(warn);
    } finally {
      got.release();
    }
  }

  /** The engine answering right now. Hold on to it for one request; the next request may get a newer one. */
  get engine(): Engine<LoadedIndex> {
    return this.current;
  }

  /**
   * Swaps in an engine over the live generation. After a change of a few statements, the segments the new
   * generation shares with the one serving (same files) are taken over as they are, so that only the new
   * small segment and the deletion marks are read; after a full re-index everything is new and read.
   */
  private async reload(): Promise<void> {
    const index = await loadIndex(this.config.INDEX_DIR, {
      model: this.embedder ? { id: this.embedder.modelId, dim: this.embedder.dim } : null,
      lexicalOnly: !this.embedder,
      reuse: this.current?.index ?? null,
    });
    this.current = new Engine(index, this.lexicon, this.embedder, { maxCitations: this.config.MAX_CITATIONS });
  }

  /** Reloads when another process switched the index to a generation this manager does not serve. */
  private async catchUp(): Promise<void> {
    const live = currentGeneration(this.config.INDEX_DIR);
    if (live && live !== this.current?.index.gen) await this.reload();
  }

  private watch(ms: number): void {
    let failedOn: string | null = null;
    this.watcher = setInterval(() => {
      const live = currentGeneration(this.config.INDEX_DIR);
      if (!live || live === this.current?.index.gen || live === failedOn) return;
      void this.serial(() => this.catchUp()).then(
        () => (failedOn = null),
        (e: Error) => {
          failedOn = live;
          this.warn(`the index was switched to ${live} by another process, but it cannot be served (${e.message}); still serving ${this.current.index.gen}`);
        },
      );
    }, ms);
    this.watcher.unref();
  }

  /** Stops watching for other processes' generations; the engine keeps answering. */
  close(): void {
    if (this.watcher) clearInterval(this.watcher);
    this.watcher = null;
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private build(o: BuildCall & { lock?: IndexLock }) {
    return buildIndex({
      corpus: this.config.CORPUS_PATHS,
      indexDir: this.config.INDEX_DIR,
      maxFileBytes: this.config.MAX_FILE_BYTES,
      embedder: this.embedder,
      onWarning: this.warn,
      ...o,
    });
  }

  /**
   * Rebuilds from the corpus; the old engine answers until the new index is live. The build runs in a worker
   * thread (so answering is not slowed), except when the embedder was handed in rather than made from the
   * config: a worker cannot share it.
   */
  reindex(o: BuildCall = {}): Promise<BuildReport> {
    return this.serial(async () => {
      const report = this.embedderFromConfig ? await this.buildInWorker(o) : await this.build(o);
      if (report.changed || report.generation !== this.current?.index.gen) await this.reload();
      return report;
    });
  }

  private buildInWorker(o: BuildCall): Promise<BuildReport> {
    const job: BuildJob = {
      corpus: this.config.CORPUS_PATHS,
      indexDir: this.config.INDEX_DIR,
      maxFileBytes: this.config.MAX_FILE_BYTES,
      model: this.embedder ? this.config.EMBEDDING_MODEL : 'none',
      modelDir: this.config.MODEL_DIR,
      dtype: this.config.EMBEDDING_DTYPE,
      force: Boolean(o.force),
    };
    return new Promise<BuildReport>((resolve, reject) => {
      const worker = new Worker(workerUrl(import.meta.url, 'build-worker'), { workerData: job });
      const abort = () => worker.postMessage('abort');
      o.signal?.addEventListener('abort', abort, { once: true });
      let settled = false;
      const finish = (f: () => void) => {
        if (settled) return;
        settled = true;
        o.signal?.removeEventListener('abort', abort);
        f();
      };
      worker.on('message', (m: BuildMessage) => {
        if (m.type === 'issue') o.onIssue?.(m.issue);
        else if (m.type === 'progress') o.onProgress?.(m.progress);
        else if (m.type === 'warning') this.warn(m.message);
        else if (m.type === 'done') finish(() => resolve(m.report));
        else finish(() => reject(workerError(m)));
      });
      worker.on('error', (e) => finish(() => reject(e)));
      worker.on('exit', (code) => finish(() => reject(new Error(`index build worker stopped (exit code ${code}) before it finished`))));
    });
  }

  /**
   * Runs `task` alone: after the changes queued before it, with the index lock held (waiting for a writer in
   * another process), and with the engine caught up with the live generation first. Use `applyChange` inside it.
   * This is how the corpus service keeps a file and the index in step.
   */
  exclusive<T>(purpose: string, task: (lock: IndexLock) => Promise<T>): Promise<T> {
    return this.serial(async () => {
      const lock = await lockIndex(this.config.INDEX_DIR, { purpose });
      try {
        await this.catchUp();
        return await task(lock);
      } finally {
        lock.release();
      }
    });
  }

  /** Adds and removes statements in one new generation and swaps in an engine over it (inside `exclusive`). */
  async applyChange(change: { add?: Statement[]; remove?: string[] }, lock: IndexLock): Promise<ChangeReport> {
    const r = await changeStatements(this.config.INDEX_DIR, change, this.embedder, { held: this.current?.index, lock });
    if (r.generation) await this.reload();
    return r;
  }

  /**
   * Indexes the statements of one corpus file (already placed in the corpus folder) without a rebuild. Index
   * only: the corpus service (`corpus.putFile`) is what keeps files and index in step; this is for tools that
   * place files themselves (the benchmark).
   */
  addFile(path: string, root: string): Promise<{ added: number; replaced: number; issues: IngestIssue[] }> {
    return this.exclusive('index change', async (lock) => {
      const issues: IngestIssue[] = [];
      const statements: Statement[] = [];
      const id = relative(root, path).split(sep).join('/');
      for await (const s of loadStatementsFromFile(path, { id, maxFileBytes: this.config.MAX_FILE_BYTES, onIssue: (i) => issues.push(i) })) statements.push(s);
      if (statements.length === 0) return { added: 0, replaced: 0, issues };
      const r = await this.applyChange({ add: statements }, lock);
      return { added: r.added, replaced: r.replaced, issues };
    });
  }

  /** Removes a statement from the index by id (index only; see `corpus.removeStatement`); false when there is none. */
  remove(docId: string): Promise<boolean> {
    return this.exclusive('index change', async (lock) => (await this.applyChange({ remove: [docId] }, lock)).removed > 0);
  }
}

/** The error a build worker reported, as the class it was thrown as where that matters to the caller. */
function workerError(m: Extract<BuildMessage, { type: 'error' }>): Error {
  if (m.name === 'BuildInterrupted') return new BuildInterrupted();
  if (m.name === 'StorageError' && m.storage) return new StorageError(m.storage.place, m.storage.code, m.storage.problem, m.storage.fix);
  if (m.name === 'CorpusError') return new CorpusError(m.message);
  return Object.assign(new Error(m.message), { name: m.name });
}
