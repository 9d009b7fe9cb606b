/**
 * Keeps the live engine and changes the index under it without stopping it: a re-index builds aside while the
 * old engine answers, then the new one is swapped in with one assignment. Changes run one at a time.
 */
import { Engine } from '../answer/engine.js';
import type { AnswerParams } from '../answer/params.js';
import type { Config } from '../config.js';
import { createEmbedder } from '../embed/load.js';
import type { Embedder } from '../embed/types.js';
import { loadStatementsFromFile } from '../ingest/load.js';
import { loadLexicon, type Lexicon } from '../text/lexicon.js';
import type { IngestIssue, Statement } from '../types.js';
import { relative, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import { addStatements, buildIndex, BuildInterrupted, removeStatements, type BuildProgress, type BuildReport } from './build.js';
import type { BuildJob, BuildMessage } from './build-worker.js';
import { loadIndex, type LoadedIndex } from './open.js';
import { workerUrl } from './worker-url.js';
import { cleanIndexDir, currentGeneration } from './store.js';

export interface ManagerOptions {
  /** Build the index when there is none (or it is refused), instead of failing. */
  buildIfMissing?: boolean;
  /** Bring the index up to date with the corpus on open (re-indexes only if something changed). */
  refresh?: boolean;
  onIssue?: (i: IngestIssue) => void;
  onProgress?: (p: BuildProgress) => void;
  /** Supply an embedder (tests); by default it is created from the config. */
  embedder?: Embedder | null;
}

export class IndexManager {
  private current: Engine<LoadedIndex>;
  private queue: Promise<unknown> = Promise.resolve();
  readonly startedAt = new Date();

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
  }

  static async open(config: Config, opts: ManagerOptions = {}): Promise<IndexManager> {
    let embedder: Embedder | null;
    let notice: string | null = null;
    if (opts.embedder !== undefined) embedder = opts.embedder;
    else ({ embedder, notice } = await createEmbedder({ model: config.EMBEDDING_MODEL, modelDir: config.MODEL_DIR, dtype: config.EMBEDDING_DTYPE }));
    const m = new IndexManager(config, loadLexicon(config.LEXICON_PATH), embedder, notice, opts.embedder === undefined);
    cleanIndexDir(config.INDEX_DIR);
    if (opts.refresh || (opts.buildIfMissing && !currentGeneration(config.INDEX_DIR))) {
      await m.build({ onIssue: opts.onIssue, onProgress: opts.onProgress });
    }
    try {
      await m.reload();
    } catch (e) {
      if (!opts.buildIfMissing) throw e;
      await m.build({ onIssue: opts.onIssue, onProgress: opts.onProgress, force: true });
      await m.reload();
    }
    return m;
  }

  /** An engine over the live index with other answering parameters (`ask --params`, `eval --params`). */
  withParams(params: Partial<AnswerParams>): Engine<LoadedIndex> {
    return new Engine(this.current.index, this.lexicon, this.embedder, { maxCitations: this.config.MAX_CITATIONS, params });
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

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private build(o: { onIssue?: (i: IngestIssue) => void; onProgress?: (p: BuildProgress) => void; force?: boolean; signal?: AbortSignal }) {
    return buildIndex({
      corpus: this.config.CORPUS_PATHS,
      indexDir: this.config.INDEX_DIR,
      maxFileBytes: this.config.MAX_FILE_BYTES,
      embedder: this.embedder,
      ...o,
    });
  }

  /**
   * Rebuilds from the corpus; the old engine answers until the new index is live. The build runs in a worker
   * thread (so answering is not slowed), except when the embedder was handed in rather than made from the
   * config: a worker cannot share it.
   */
  reindex(o: { onIssue?: (i: IngestIssue) => void; onProgress?: (p: BuildProgress) => void; force?: boolean; signal?: AbortSignal } = {}): Promise<BuildReport> {
    return this.serial(async () => {
      const report = this.embedderFromConfig ? await this.buildInWorker(o) : await this.build(o);
      if (report.changed) await this.reload();
      return report;
    });
  }

  private buildInWorker(o: { onIssue?: (i: IngestIssue) => void; onProgress?: (p: BuildProgress) => void; force?: boolean; signal?: AbortSignal }): Promise<BuildReport> {
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
        else if (m.type === 'done') finish(() => resolve(m.report));
        else finish(() => reject(m.name === 'BuildInterrupted' ? new BuildInterrupted() : Object.assign(new Error(m.message), { name: m.name })));
      });
      worker.on('error', (e) => finish(() => reject(e)));
      worker.on('exit', (code) => finish(() => reject(new Error(`index build worker stopped (exit code ${code}) before it finished`))));
    });
  }

  /** Indexes the statements of one corpus file (already placed in the corpus folder) without a rebuild. */
  addFile(path: string, root: string): Promise<{ added: number; replaced: number; issues: IngestIssue[] }> {
    return this.serial(async () => {
      const issues: IngestIssue[] = [];
      const statements: Statement[] = [];
      const id = relative(root, path).split(sep).join('/');
      for await (const s of loadStatementsFromFile(path, { id, maxFileBytes: this.config.MAX_FILE_BYTES, onIssue: (i) => issues.push(i) })) statements.push(s);
      if (statements.length === 0) return { added: 0, replaced: 0, issues };
      const r = await addStatements(this.config.INDEX_DIR, statements, this.embedder, this.current?.index);
      await this.reload();
      return { added: r.added, replaced: r.replaced, issues };
    });
  }

  /** Stops what the manager runs in the background (nothing yet); the engine keeps answering. */
  close(): void {}

  /** Removes a statement from the index by id; false when there is none. */
  remove(docId: string): Promise<boolean> {
    return this.serial(async () => {
      const r = await removeStatements(this.config.INDEX_DIR, [docId], this.embedder, this.current?.index);
      if (r.removed > 0) await this.reload();
      return r.removed > 0;
    });
  }
}
