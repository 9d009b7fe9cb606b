/**
 * One phase of the benchmark, run in its own process so that its peak RSS (`process.resourceUsage().maxRSS`) is
 * the phase's alone and every load is cold (a fresh process, nothing cached in memory):
 *
 *   node --import tsx scripts/bench/phase.ts <phase> <args.json> <result.json>
 *
 * The parent (scripts/bench.ts) writes the arguments, runs this, and reads the result file. Progress goes to
 * stderr; stdout is not used (libraries may print there).
 */
import { closeSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createEmbedder } from '../../src/embed/load.js';
import { TransformersEmbedder } from '../../src/embed/transformers.js';
import type { Embedder } from '../../src/embed/types.js';
import { addStatements, buildIndex, removeStatements, type BuildReport } from '../../src/index/build.js';
import { IndexManager } from '../../src/index/manager.js';
import { openIndex } from '../../src/index/open.js';
import { indexBytes } from '../../src/index/store.js';
import { readRows } from '../../src/index/vectors.js';
import { exactSearch, VectorIndex } from '../../src/search/vectors.js';
import { makeQuestions, prng, type BenchQuestion, type TitleSource } from './questions.js';
import { PrecomputedQueries, StandInEmbedder } from './stand-in.js';
import { maxRssMiB, mean, median, percentile, progress, rssMiB } from './stats.js';

/** Which embedder a phase uses: none (lexical only), the hashing stand-in, or a transformers.js model. */
export type EmbedderSpec = { kind: 'none' } | { kind: 'stand-in' } | { kind: 'model'; modelDir: string; modelId: string };

export interface BuildArgs {
  corpus: string[];
  indexDir: string;
  embedder: EmbedderSpec;
}
export interface LoadArgs {
  indexDir: string;
  corpus: string[];
  embedder: EmbedderSpec;
  /** As `npm start` does: re-read the corpus and rebuild only if it changed (it has not). */
  refresh: boolean;
  /** A question asked right after loading (anything loaded lazily is paid here). */
  question: string;
}
export interface ServeArgs {
  indexDir: string;
  embedder: EmbedderSpec;
  questionsFile: string;
  /** When the questions file does not exist yet: generate this many from the index's statements. */
  generate: { count: number; seed: number; devFile: string } | null;
  warmup: number;
  passes: number;
  /** Embed every question with this model afterwards (query-embedding latency; the model's memory in RSS). */
  queryModel: { modelDir: string; modelId: string } | null;
  /** Recall@10 of the loaded graph against the exact scan, with this many questions as queries (0: skip). */
  recallQueries: number;
}
export interface EmbedArgs {
  modelDir: string;
  modelId: string;
  /** A lexical index whose sentences are sampled. */
  indexDir: string;
  sample: number;
  batchSizes: number[];
  /** Timed passes over the sample per batch size (median reported). */
  passes: number;
  seed: number;
}
export interface RecallArgs {
  indexDir: string;
  modelDir: string;
  modelId: string;
  questionsFile: string;
  queries: number;
  k: number;
}
export interface ChangeArgs {
  indexDir: string;
  corpus: string[];
  embedder: EmbedderSpec;
  reps: number;
  /** Folder where the added statements' files are written (the bot places uploads in its corpus folder). */
  addDir: string;
  seed: number;
}

const silentConfig = (indexDir: string, corpus: string[]) =>
  loadConfig({ INDEX_DIR: indexDir, CORPUS_PATHS: corpus.join(',') || 'corpus', EMBEDDING_MODEL: 'none', LOG_LEVEL: 'silent' });

async function makeEmbedder(spec: EmbedderSpec): Promise<{ embedder: Embedder | null; loadMs: number }> {
  const t = performance.now();
  if (spec.kind === 'none') return { embedder: null, loadMs: 0 };
  if (spec.kind === 'stand-in') return { embedder: new StandInEmbedder(), loadMs: 0 };
  // The project's own loader, as `npm run index` and `npm start` use it (offline, with its probe).
  const { embedder, notice } = await createEmbedder({ model: spec.modelId, modelDir: spec.modelDir, dtype: 'q8' });
  if (!embedder) throw new Error(`the generated model did not load: ${notice}`);
  return { embedder, loadMs: performance.now() - t };
}

/** Times every `VectorIndex.add` call (the graph inserts of a build) without touching src/. */
function hookVectorInserts(): { ms: number; count: number } {
  const acc = { ms: 0, count: 0 };
  const proto = VectorIndex.prototype as unknown as { add: (v: readonly Float32Array[], l: readonly number[]) => void };
  const orig = proto.add;
  proto.add = function (this: unknown, v, l) {
    const t = performance.now();
    orig.call(this, v, l);
    acc.ms += performance.now() - t;
    acc.count += v.length;
  };
  return acc;
}

function fileSizes(indexDir: string): Record<string, number> {
  const gen = readFileSync(path.join(indexDir, 'CURRENT'), 'utf8').trim();
  const m = JSON.parse(readFileSync(path.join(indexDir, gen, 'manifest.json'), 'utf8')) as {
    segments: { lexical: { bytes: number }; vectors?: { bytes: number }; hnsw?: { bytes: number } }[];
  };
  const out = { lexical: 0, vectors: 0, hnsw: 0 };
  for (const s of m.segments) {
    out.lexical += s.lexical.bytes;
    out.vectors += s.vectors?.bytes ?? 0;
    out.hnsw += s.hnsw?.bytes ?? 0;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

async function build(a: BuildArgs) {
  const inserts = hookVectorInserts();
  const { embedder, loadMs } = await makeEmbedder(a.embedder);
  let last = 0;
  const r: BuildReport = await buildIndex({
    corpus: a.corpus,
    indexDir: a.indexDir,
    maxFileBytes: 20 * 1024 * 1024,
    embedder,
    force: true,
    onIssue: () => undefined,
    onProgress: (p) => {
      if (Date.now() - last < 15_000 && p.phase !== 'writing') return;
      last = Date.now();
      progress(`  … ${p.phase} ${p.done}${p.total ? `/${p.total}` : ''}`);
    },
  });
  await embedder?.dispose?.();
  return {
    report: r,
    modelLoadMs: loadMs,
    insertMs: inserts.ms,
    inserts: inserts.count,
    passageMs: embedder instanceof StandInEmbedder ? embedder.passageMs : r.ms.embed,
    indexBytes: indexBytes(a.indexDir),
    files: fileSizes(a.indexDir),
  };
}

async function load(a: LoadArgs) {
  const { embedder } = await makeEmbedder(a.embedder);
  const t0 = performance.now();
  const m = await IndexManager.open(silentConfig(a.indexDir, a.corpus), { embedder, refresh: a.refresh });
  const openMs = performance.now() - t0;
  // performance.now() counts from this process's start: node, tsx, module imports, then the open.
  const processToReadyMs = performance.now();
  const rssAfterOpen = rssMiB();
  const t1 = performance.now();
  const ans = await m.engine.ask(a.question);
  const firstAskMs = performance.now() - t1;
  const t2 = performance.now();
  await m.engine.ask(a.question);
  const secondAskMs = performance.now() - t2;
  return {
    openMs,
    processToReadyMs,
    firstAskMs,
    secondAskMs,
    citations: ans.citations.length,
    rssAfterOpenMiB: rssAfterOpen,
  };
}

function titleSources(m: IndexManager): TitleSource[] {
  const out: TitleSource[] = [];
  for (const seg of m.engine.index.segments) {
    const d = seg.data;
    d.docs.forEach((doc, i) => {
      if (seg.deleted.has(i)) return;
      const s = d.docSent[i]!;
      const lead = s < d.docSent[i + 1]! ? d.texts[i]!.slice(d.sentStart[s]!, d.sentEnd[s]!) : '';
      out.push({ title: doc.title, lead });
    });
  }
  return out;
}

function loadQuestions(file: string): BenchQuestion[] {
  return JSON.parse(readFileSync(file, 'utf8')) as BenchQuestion[];
}

function summary(xs: number[]) {
  return { p50: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99), mean: mean(xs), max: percentile(xs, 100) };
}

async function serve(a: ServeArgs) {
  if (a.embedder.kind === 'model') throw new Error('serve runs lexical only or with the stand-in vectors');
  const standIn = a.embedder.kind === 'stand-in' ? new PrecomputedQueries(new StandInEmbedder()) : null;
  const embedder = standIn;
  // The model first, as `npm start` does (IndexManager.open makes the embedder before it opens the index): the
  // model's load-time buffers come and go before the graph is in memory, as they would in the bot.
  // Where the peak RSS happens: sampled every 50 ms with the stage the phase is in.
  let stage = 'model load';
  let peak = { mib: 0, stage };
  /** maxRSS (the process's high-water mark) when each stage ended: which stage raised it, even within sync work. */
  const highWater: { stage: string; mib: number }[] = [];
  const enter = (next: string) => {
    highWater.push({ stage, mib: process.resourceUsage().maxRSS / 1024 });
    stage = next;
  };
  const sampler = setInterval(() => {
    const mib = process.memoryUsage.rss() / 2 ** 20;
    if (mib > peak.mib) peak = { mib, stage };
  }, 50);
  sampler.unref();
  const query = a.queryModel ? await makeEmbedder({ kind: 'model', ...a.queryModel }) : null;
  enter('index load');
  const rssModelMiB = query ? await settledRss() : 0;
  const t0 = performance.now();
  const m = await IndexManager.open(silentConfig(a.indexDir, []), { embedder });
  const openMs = performance.now() - t0;
  const rssLoadedMiB = rssMiB();

  let questions: BenchQuestion[];
  try {
    questions = loadQuestions(a.questionsFile);
  } catch {
    if (!a.generate) throw new Error(`no questions in ${a.questionsFile}`);
    questions = makeQuestions(titleSources(m), a.generate.count, a.generate.seed, a.generate.devFile);
    writeFileSync(a.questionsFile, JSON.stringify(questions, null, 1));
  }
  if (standIn) await standIn.prime(questions.map((q) => q.question));

  const engine = m.engine;
  enter('answering');
  for (const q of questions.slice(0, a.warmup)) await engine.ask(q.question);
  const passes: { p50: number; p95: number; p99: number; mean: number; max: number }[] = [];
  let answered = 0;
  const bySource = new Map<string, number[]>();
  for (let pass = 0; pass < a.passes; pass++) {
    const times: number[] = [];
    answered = 0;
    for (const q of questions) {
      const t = performance.now();
      const ans = await engine.ask(q.question);
      const ms = performance.now() - t;
      times.push(ms);
      if (ans.answered) answered++;
      if (pass === 0) {
        let l = bySource.get(q.lang);
        if (!l) bySource.set(q.lang, (l = []));
        l.push(ms);
      }
    }
    passes.push(summary(times));
    progress(`  … pass ${pass + 1}/${a.passes}: p50 ${passes.at(-1)!.p50.toFixed(2)} ms, p95 ${passes.at(-1)!.p95.toFixed(2)} ms`);
  }
  const ask = {
    p50: median(passes.map((p) => p.p50)),
    p95: median(passes.map((p) => p.p95)),
    p99: median(passes.map((p) => p.p99)),
    mean: median(passes.map((p) => p.mean)),
    max: Math.max(...passes.map((p) => p.max)),
    svP50: percentile(bySource.get('sv') ?? [], 50),
    enP50: percentile(bySource.get('en') ?? [], 50),
  };
  const rssAfterQueriesMiB = rssMiB();
  const rssIndexSettledMiB = await settledRss();

  // Recall of the served graph against the exact scan, with the stand-in's question vectors (full scale).
  let recall: ReturnType<typeof recallOf> | null = null;
  enter('recall');
  if (a.recallQueries > 0 && standIn) {
    const { index } = m.engine;
    const seg = index.segments[0]!;
    const v = seg.vectors!;
    const qv = await Promise.all(pick(questions, a.recallQueries, 7).map((q) => standIn.embedQuery(q.question.trim())));
    // The rows are streamed from the file (the serving process does not hold them, and this phase's peak RSS
    // is the serving figure).
    const exact = streamExact(path.join(index.dir, index.gen, seg.entry.vectors!.file), v.dim, qv, 10);
    recall = recallOf((q, k, ef) => v.search(q, k, ef), (q) => exact.get(q)!, qv, 10);
  }

  // Query embedding with the e5-shaped model, timed apart (a serving process holds the model too).
  let queryEmbed: ({ loadMs: number; n: number } & ReturnType<typeof summary>) | null = null;
  enter('query embedding');
  if (query) {
    const { embedder: qm, loadMs } = query;
    for (const q of questions.slice(0, 20)) await qm!.embedQuery(q.question);
    const times: number[] = [];
    for (const q of questions) {
      const t = performance.now();
      await qm!.embedQuery(q.question.trim());
      times.push(performance.now() - t);
    }
    queryEmbed = { loadMs, n: times.length, ...summary(times) };
    progress(`  … query embedding p50 ${queryEmbed.p50.toFixed(2)} ms over ${times.length} questions`);
  }
  // The serving process holds index, graph and model together: answer again after embedding (which also keeps
  // the engine reachable, so the garbage collector cannot shrink the figure), then settle and measure.
  enter('answering again');
  for (const q of questions.slice(0, 50)) await engine.ask(q.question);
  const rssSteadyMiB = await settledRss();
  enter('done');
  clearInterval(sampler);
  const stillServing = m.engine.status().statements;
  return {
    questions: questions.length,
    statements: stillServing,
    rssSteadyMiB,
    rssModelMiB,
    peakStage: peak.stage,
    peakSampledMiB: peak.mib,
    highWater,
    languages: { sv: questions.filter((q) => q.lang === 'sv').length, en: questions.filter((q) => q.lang === 'en').length },
    answered,
    openMs,
    ask,
    passes,
    recall,
    queryEmbed,
    rssLoadedMiB,
    rssAfterQueriesMiB,
    rssIndexSettledMiB,
    rssEndMiB: rssMiB(),
  };
}

/** RSS after full garbage collections (children run with --expose-gc): what stays resident while serving. */
async function settledRss(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((r) => setTimeout(r, 100));
  }
  return rssMiB();
}

/** `n` items of `xs` picked by a seeded PRNG (without replacement). */
function pick<T>(xs: readonly T[], n: number, seed: number): T[] {
  const idx = xs.map((_, i) => i);
  const rand = prng(seed);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx.slice(0, Math.min(n, idx.length)).map((i) => xs[i]!);
}

/** ef values the recall is also measured at (search(q, ef) keeps ef candidates; its top 10 is what ef gives). */
export const EF_SWEEP = [128, 256, 512];

type Exact = (q: Float32Array, k: number) => { label: number }[];

function recallOf(search: (q: Float32Array, k: number, ef?: number) => { label: number }[], exact: Exact, queries: Float32Array[], k: number) {
  let hit = 0;
  let total = 0;
  let searchMs = 0;
  let exactMs = 0;
  const sweepHits = EF_SWEEP.map(() => 0);
  const sweepMs = EF_SWEEP.map(() => 0);
  for (const q of queries) {
    let t = performance.now();
    const got = search(q, k);
    searchMs += performance.now() - t;
    t = performance.now();
    const want = exact(q, k);
    exactMs += performance.now() - t;
    const wanted = new Set(want.map((w) => w.label));
    for (const g of got) if (wanted.has(g.label)) hit++;
    total += want.length;
    EF_SWEEP.forEach((ef, i) => {
      const t0 = performance.now();
      const top = search(q, k, ef);
      sweepMs[i]! += performance.now() - t0;
      for (const g of top) if (wanted.has(g.label)) sweepHits[i]!++;
    });
  }
  const n = Math.max(1, queries.length);
  return {
    at10: total ? hit / total : NaN,
    queries: queries.length,
    searchMs: searchMs / n,
    exactMs: exactMs / n,
    byEf: EF_SWEEP.map((ef, i) => ({ ef, at10: total ? sweepHits[i]! / total : NaN, ms: sweepMs[i]! / n })),
  };
}

/** The project's exact scan (`exactSearch`) over row views: the reference of recall. */
function projectExact(rows: Float32Array[]): Exact {
  return (q, k) => exactSearch(rows, q, k);
}

/**
 * The exact top k by cosine of every query over unit-length rows read from a `.vec` file in chunks (dot
 * products only), so that 524k rows are scanned without holding them. Checked against exactSearch within the
 * first chunk.
 */
function streamExact(file: string, dim: number, queries: Float32Array[], k: number): Map<Float32Array, { label: number; score: number }[]> {
  const best = queries.map(() => [] as { label: number; score: number }[]);
  const floor = queries.map(() => -Infinity);
  const chunkRows = 8192;
  const buf = Buffer.alloc(chunkRows * dim * 4);
  const rows = new Float32Array(buf.buffer, buf.byteOffset, chunkRows * dim);
  const fd = openSync(file, 'r');
  try {
    for (let first = 0; ; first += chunkRows) {
      const got = readSync(fd, buf, 0, buf.length, first * dim * 4);
      const n = Math.floor(got / (dim * 4));
      if (n === 0) break;
      queries.forEach((q, qi) => {
        const b = best[qi]!;
        for (let i = 0; i < n; i++) {
          let s = 0;
          const o = i * dim;
          for (let d = 0; d < dim; d++) s += rows[o + d]! * q[d]!;
          if (b.length === k && s <= floor[qi]!) continue;
          let j = b.length < k ? b.length : k - 1;
          if (b.length < k) b.push({ label: first + i, score: s });
          while (j > 0 && b[j - 1]!.score < s) {
            b[j] = b[j - 1]!;
            j--;
          }
          b[j] = { label: first + i, score: s };
          if (b.length === k) floor[qi] = b[k - 1]!.score;
        }
      });
      if (first === 0 && queries.length > 0) {
        const view: Float32Array[] = [];
        for (let i = 0; i < n; i++) view.push(rows.slice(i * dim, (i + 1) * dim));
        const ref = exactSearch(view, queries[0]!, k).map((h) => h.label);
        const mine = [...best[0]!].map((h) => h.label);
        if (n >= k && ref.filter((l) => mine.includes(l)).length < k - 1) throw new Error('streamed exact scan disagrees with exactSearch');
      }
      if (got < buf.length) break;
    }
  } finally {
    closeSync(fd);
  }
  return new Map(queries.map((q, i) => [q, best[i]!]));
}

async function embed(a: EmbedArgs) {
  const idx = openIndex(a.indexDir, { model: null, lexicalOnly: true });
  const all: string[] = [];
  for (const seg of idx.segments) {
    const d = seg.data;
    for (let s = 0; s < d.sentDoc.length; s++) all.push(d.texts[d.sentDoc[s]!]!.slice(d.sentStart[s]!, d.sentEnd[s]!));
  }
  const texts = pick(all, a.sample, a.seed);
  const results: { batchSize: number; sentencesPerSec: number; ms: number; runs: number[] }[] = [];
  let loadMs = 0;
  let tokens: { mean: number; p95: number; chars: number } | null = null;
  for (const batchSize of a.batchSizes) {
    const t = performance.now();
    const e = await TransformersEmbedder.load({ modelId: a.modelId, modelDir: a.modelDir, dtype: 'q8', batchSize });
    if (!loadMs) loadMs = performance.now() - t;
    if (!tokens) {
      const tok = (e as unknown as { tokenizer: (t: string) => { input_ids: { dims: number[] } } }).tokenizer;
      const lens = texts.map((x) => tok(`passage: ${x}`).input_ids.dims.at(-1)!);
      tokens = { mean: mean(lens), p95: percentile(lens, 95), chars: mean(texts.map((x) => x.length)) };
    }
    // Warm-up: one batch of this size (onnxruntime sizes its buffers on the first runs).
    await e.embedPassages(texts.slice(0, Math.min(texts.length, Math.max(batchSize, 8))));
    const runs: number[] = [];
    for (let r = 0; r < a.passes; r++) {
      const t0 = performance.now();
      await e.embedPassages(texts);
      runs.push(performance.now() - t0);
    }
    const ms = median(runs);
    const perSec = runs.map((x) => (texts.length / x) * 1000);
    results.push({ batchSize, sentencesPerSec: (texts.length / ms) * 1000, ms, runs: perSec });
    progress(`  … batch ${batchSize}: ${perSec.map((x) => x.toFixed(0)).join(', ')} sentences/s (median ${((texts.length / ms) * 1000).toFixed(0)})`);
    await e.dispose();
  }
  return { sample: texts.length, modelLoadMs: loadMs, tokens, results };
}

async function recall(a: RecallArgs) {
  const { embedder } = await makeEmbedder({ kind: 'model', modelDir: a.modelDir, modelId: a.modelId });
  const m = await IndexManager.open(silentConfig(a.indexDir, []), { embedder });
  const seg = m.engine.index.segments[0]!;
  const v = seg.vectors;
  if (!v) throw new Error('the slice index has no vectors');
  const { index } = m.engine;
  const all = readRows(index.dir, index.gen, seg.entry, v.dim);
  const rows: Float32Array[] = [];
  for (let i = 0; i < v.count; i++) rows.push(all.subarray(i * v.dim, (i + 1) * v.dim));
  const qs = pick(loadQuestions(a.questionsFile), a.queries, 11);
  const qv: Float32Array[] = [];
  for (const q of qs) qv.push(await embedder!.embedQuery(q.question.trim()));
  // Also sentences as queries ("more like this"): the graph must find a stored vector's own neighbourhood.
  const sv = pick(rows, a.queries, 13);
  const questions = recallOf((q, k, ef) => v.search(q, k, ef), projectExact(rows), qv, a.k);
  const sentences = recallOf((q, k, ef) => v.search(q, k, ef), projectExact(rows), sv, a.k);
  // How spread out the model's vectors are (random weights make them cluster more than a trained model's).
  const sims: number[] = [];
  const rand = prng(5);
  for (let i = 0; i < 2000 && rows.length > 1; i++) {
    const x = rows[Math.floor(rand() * rows.length)]!;
    const y = rows[Math.floor(rand() * rows.length)]!;
    let s = 0;
    for (let d = 0; d < x.length; d++) s += x[d]! * y[d]!;
    sims.push(s);
  }
  await embedder!.dispose?.();
  return { vectors: rows.length, exact: v.count < 2000, questions, sentences, meanPairCosine: mean(sims) };
}

async function change(a: ChangeArgs) {
  const { embedder } = await makeEmbedder(a.embedder);
  const m = await IndexManager.open(silentConfig(a.indexDir, a.corpus), { embedder });
  mkdirSync(a.addDir, { recursive: true });
  // Real statements of the index to copy (as new ones) and to remove, picked by a seeded PRNG.
  const live: { id: string; seg: number; doc: number }[] = [];
  m.engine.index.segments.forEach((seg, si) => seg.data.docs.forEach((d, i) => !seg.deleted.has(i) && live.push({ id: d.id, seg: si, doc: i })));
  const chosen = pick(live, a.reps * 2, a.seed);
  const add: number[] = [];
  const remove: number[] = [];
  const addIndex: number[] = [];
  const removeIndex: number[] = [];
  for (let r = 0; r < a.reps; r++) {
    const src = chosen[r]!;
    const seg = m.engine.index.segments[src.seg]!;
    const meta = seg.data.docs[src.doc]!;
    const id = `bench-added-${process.pid}-${r}`;
    const file = path.join(a.addDir, `${id}.jsonl`);
    writeFileSync(
      file,
      JSON.stringify({ id, title: `${meta.title} (bench)`, url: meta.url, published: meta.published, publisher: meta.publisher, text: seg.data.texts[src.doc] }) + '\n',
    );
    // What the bot does on an admin upload / delete: change the index, then swap in a new engine.
    let t = performance.now();
    const res = await m.addFile(file, a.addDir);
    add.push(performance.now() - t);
    if (res.added !== 1) throw new Error(`adding ${file} added ${res.added} statements (${res.issues.map((i) => i.reason).join('; ')})`);
    const victim = chosen[a.reps + r] ?? chosen[r]!;
    t = performance.now();
    const ok = await m.remove(victim.id);
    remove.push(performance.now() - t);
    if (!ok) throw new Error(`removing ${victim.id} removed nothing`);
    progress(`  … rep ${r + 1}/${a.reps}: add ${add.at(-1)!.toFixed(0)} ms, remove ${remove.at(-1)!.toFixed(0)} ms`);
  }
  // The index functions alone, without a loaded index to start from (what a separate command-line process pays:
  // it reads the live generation's lexical part first). Run after the engine's changes, since each of these
  // makes the engine's loaded index stale.
  for (let r = 0; r < a.reps; r++) {
    const src = chosen[r]!;
    const seg = m.engine.index.segments[src.seg]!;
    const meta = seg.data.docs[src.doc]!;
    const id2 = `bench-added-${process.pid}-${r}-raw`;
    const s2 = { id: id2, title: `${meta.title} (bench raw)`, url: meta.url, published: meta.published, publisher: meta.publisher, text: seg.data.texts[src.doc]!, source: 'bench' };
    let t = performance.now();
    await addStatements(a.indexDir, [s2], embedder);
    addIndex.push(performance.now() - t);
    t = performance.now();
    await removeStatements(a.indexDir, [id2], embedder);
    removeIndex.push(performance.now() - t);
  }
  return { addMs: median(add), removeMs: median(remove), addIndexMs: median(addIndex), removeIndexMs: median(removeIndex), add, remove, addIndex, removeIndex };
}

// ---------------------------------------------------------------------------------------------------------------

const PHASES: Record<string, (a: never) => Promise<object>> = { build, load, serve, embed, recall, change };

const [name, argsFile, outFile] = process.argv.slice(2);
const run = name ? PHASES[name] : undefined;
if (!run || !argsFile || !outFile) {
  process.stderr.write(`usage: node --import tsx scripts/bench/phase.ts <${Object.keys(PHASES).join('|')}> <args.json> <result.json>\n`);
  process.exit(2);
}
const args = JSON.parse(readFileSync(argsFile, 'utf8')) as never;
const result = await run(args);
writeFileSync(outFile, JSON.stringify({ ...result, maxRssMiB: maxRssMiB(), rssEndMiB: rssMiB(), loadAvg: loadavg()[0] }));
// onnxruntime's threads can keep a process alive; the result is written, so leave now.
process.exit(0);
