/**
 * `npm run bench [-- --json] [--quick] [...]`: indexes the police notices corpus into a temporary folder and
 * measures build speed, index size, cold load, query latency, embedding speed, graph recall, peak RSS and
 * incremental changes. Each phase runs in its own process (scripts/bench/phase.ts) so its peak RSS is its own and
 * every load is cold. Progress goes to stderr, a table to stdout, and with `--json` one JSON object on the last
 * line of stdout. See docs-bench.md for what each figure means.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createGunzip } from 'node:zlib';
import { DEFAULT_BATCH_SIZE } from '../src/embed/transformers.js';
import { HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH, HNSW_M } from '../src/search/vectors.js';
import { makeModel } from './make-model.js';
import type { BuildArgs, ChangeArgs, EmbedArgs, EmbedderSpec, LoadArgs, RecallArgs, ServeArgs } from './bench/phase.js';
import { formatProfile } from './bench/profile.js';
import { STAND_IN_MODEL_ID } from './bench/stand-in.js';
import { JSON_KEYS, TARGETS } from './bench/keys.js';
import { median, progress } from './bench/stats.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/**
 * Phases run compiled (dist/, made by `npm run build` at the start of the run) with plain node, as `npm start`
 * runs the bot: under tsx, a process that imports transformers.js holds about 160 MiB more.
 */
const PHASE = path.join(ROOT, 'dist', 'scripts', 'bench', 'phase.js');

/**
 * The V8 flags `npm start` runs the bot with (scripts/start.mjs), given to every phase. `--heap-growing-percent=25`
 * lets the JavaScript heap grow by a quarter of what is live before a full collection: with V8's default
 * growth, garbage of answering questions piled up to 500 MiB above the live heap in some runs of the serving
 * phase (peak RSS 1.9–2.0 GiB against 1.5 steady), a bot that also holds a model and a graph cannot afford it.
 */
const NODE_FLAGS = ['--heap-growing-percent=25'];
const SHARED = path.resolve(ROOT, '..', 'shared');

const USAGE = `usage: npm run bench -- [options]
  --json                 one JSON object on the last line of stdout
  --quick                a fast run on a small part of the corpus (the smoke test uses it)
  --corpus PATH          corpus file or folder (default ../shared/data/polisen-events.jsonl.gz, else corpus/)
  --statements N         index only the first N statements of a JSON Lines corpus (default all; quick 300)
  --slice N              statements embedded with the e5-shaped model for the lexical+vectors build (default 3000; quick 40)
  --vector-statements N  statements of the stand-in vector index (default all, as --statements)
  --questions N          generated questions, besides the dev set (default 1000; quick 150)
  --runs N               full lexical builds to take the median of (default 3; quick 1)
  --load-runs N          cold loads per index (default 5; quick 1)
  --batch-sizes LIST     batch sizes for passage embedding (default 1,8,16,32,64; quick 32)
  --embed-sample N       sentences embedded per batch size (default 512; quick 24)
  --recall-queries N     queries for recall@10 (default 500; quick 30)
  --change-reps N        add/remove repetitions (default 5; quick 1)
  --model ID             embed with this model from --model-dir instead of generating the e5-shaped one
                         (e.g. Xenova/multilingual-e5-small after npm run model:fetch)
  --model-dir DIR        folder of --model (default models)
  --seed N               seed of every sample (default 42)
  --drop-caches          also time loads with the page cache dropped (root only; affects the whole machine)
  --profile              run every phase under node --cpu-prof and print where the time goes
  --work DIR             work folder (default: a new temporary folder)
  --keep                 keep the work folder (indexes, questions, results)`;

function parse() {
  try {
    return parseOptions();
  } catch (e) {
    // An unknown option or a missing value: one line and the usage, as every command does (src/cli/args.ts).
    if (!String((e as { code?: string }).code).startsWith('ERR_PARSE_ARGS')) throw e;
    process.stderr.write(`✗ ${(e as Error).message.split('. ')[0]}\n${USAGE.split('\n')[0]} (--help for more)\n`);
    process.exit(1);
  }
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean' },
      quick: { type: 'boolean' },
      corpus: { type: 'string' },
      statements: { type: 'string' },
      slice: { type: 'string' },
      'vector-statements': { type: 'string' },
      questions: { type: 'string' },
      runs: { type: 'string' },
      'load-runs': { type: 'string' },
      'batch-sizes': { type: 'string' },
      'embed-sample': { type: 'string' },
      'recall-queries': { type: 'string' },
      'change-reps': { type: 'string' },
      seed: { type: 'string' },
      model: { type: 'string' },
      'model-dir': { type: 'string' },
      'drop-caches': { type: 'boolean' },
      profile: { type: 'boolean' },
      work: { type: 'string' },
      keep: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    process.exit(0);
  }
  const q = Boolean(values.quick);
  const int = (name: string, v: string | undefined, dflt: number, min = 0): number => {
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, not ${v}`);
    return n;
  };
  const sharedCorpus = path.join(SHARED, 'data', 'polisen-events.jsonl.gz');
  const corpus = path.resolve(values.corpus ?? (existsSync(sharedCorpus) ? sharedCorpus : path.join(ROOT, 'corpus')));
  if (!existsSync(corpus)) throw new Error(`corpus ${corpus} does not exist`);
  const statements = int('statements', values.statements, q ? 300 : 0);
  const batchSizes = (values['batch-sizes'] ?? (q ? String(DEFAULT_BATCH_SIZE) : '1,8,16,32,64')).split(',').map((s) => int('batch-sizes', s.trim(), 0, 1));
  return {
    json: Boolean(values.json),
    quick: q,
    corpus,
    devFile: path.join(SHARED, 'eval', 'dev-questions.jsonl'),
    statements,
    slice: int('slice', values.slice, q ? 40 : 3000, 1),
    vectorStatements: int('vector-statements', values['vector-statements'], statements),
    questions: int('questions', values.questions, q ? 150 : 1000, 1),
    runs: int('runs', values.runs, q ? 1 : 3, 1),
    loadRuns: int('load-runs', values['load-runs'], q ? 1 : 5, 1),
    batchSizes,
    embedSample: int('embed-sample', values['embed-sample'], q ? 24 : 512, 1),
    recallQueries: int('recall-queries', values['recall-queries'], q ? 30 : 500, 1),
    changeReps: int('change-reps', values['change-reps'], q ? 1 : 5, 1),
    seed: int('seed', values.seed, 42),
    model: values.model ?? null,
    modelDir: path.resolve(values['model-dir'] ?? path.join(ROOT, 'models')),
    dropCaches: Boolean(values['drop-caches']),
    profile: Boolean(values.profile),
    work: values.work ? path.resolve(values.work) : null,
    keep: Boolean(values.keep),
  };
}

type Opts = ReturnType<typeof parse>;

// ---------------------------------------------------------------------------------------------------------------

const isJsonLines = (p: string) => /\.(jsonl|ndjson)(\.gz)?$/i.test(p);

/** The first `n` lines of a JSON Lines corpus (gzipped or not) as a plain .jsonl file; the same corpus if n = 0. */
async function firstLines(src: string, n: number, dst: string): Promise<string> {
  if (n === 0 || !isJsonLines(src)) return src;
  const input = createReadStream(src);
  const rl = createInterface({ input: src.endsWith('.gz') ? input.pipe(createGunzip()) : input, crlfDelay: Infinity });
  const out = createWriteStream(dst);
  let k = 0;
  for await (const line of rl) {
    if (!line.trim()) continue;
    out.write(line + '\n');
    if (++k >= n) break;
  }
  rl.close();
  input.destroy();
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return dst;
}

function dropCaches(): boolean {
  try {
    // `sync` first: dirty pages cannot be dropped.
    spawnSync('sync', { stdio: 'ignore' });
    writeFileSync('/proc/sys/vm/drop_caches', '1');
    return true;
  } catch {
    return false;
  }
}


class Runner {
  private n = 0;
  readonly profiles: { label: string; dir: string }[] = [];
  /** The machine's 1-minute load average at the end of each phase (other processes compete for the cores). */
  readonly loads: number[] = [];
  constructor(
    private readonly work: string,
    private readonly profile: boolean,
  ) {
    mkdirSync(path.join(work, 'phases'), { recursive: true });
  }

  /** Runs one phase in a fresh node process and returns its result (with wallMs, maxRssMiB). */
  async run<T>(phase: string, label: string, args: object): Promise<T & { wallMs: number; maxRssMiB: number }> {
    const id = `${String(++this.n).padStart(2, '0')}-${label.replace(/[^a-z0-9]+/gi, '-')}`;
    const argsFile = path.join(this.work, 'phases', `${id}.args.json`);
    const outFile = path.join(this.work, 'phases', `${id}.result.json`);
    writeFileSync(argsFile, JSON.stringify(args));
    const node: string[] = [];
    if (this.profile) {
      const dir = path.join(this.work, 'profiles', id);
      mkdirSync(dir, { recursive: true });
      node.push('--cpu-prof', '--cpu-prof-dir', dir);
      this.profiles.push({ label, dir });
    }
    progress(`${label} …`);
    const t = performance.now();
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [...node, ...NODE_FLAGS, '--expose-gc', PHASE, phase, argsFile, outFile], {
        cwd: ROOT,
        stdio: ['ignore', 2, 2],
        env: { ...process.env, LOG_LEVEL: 'silent' },
      });
      child.on('error', reject);
      child.on('exit', (c) => resolve(c));
    });
    const wallMs = performance.now() - t;
    if (code !== 0 || !existsSync(outFile)) throw new Error(`phase ${label} failed (exit ${code}); its arguments are in ${argsFile}`);
    const result = JSON.parse(readFileSync(outFile, 'utf8')) as T & { maxRssMiB: number; loadAvg: number };
    this.loads.push(result.loadAvg);
    progress(`${label}: done in ${(wallMs / 1000).toFixed(1)} s, peak RSS ${result.maxRssMiB.toFixed(0)} MiB, load average ${result.loadAvg.toFixed(2)}`);
    return { ...result, wallMs };
  }
}

// Result shapes of the phases (see scripts/bench/phase.ts).
interface BuildResult {
  report: { statements: number; sentences: number; embedded: number; ms: { read: number; index: number; embed: number; write: number; total: number } };
  modelLoadMs: number;
  insertMs: number;
  inserts: number;
  passageMs: number;
  indexBytes: number;
  files: { lexical: number; vectors: number; hnsw: number };
}
interface LoadResult {
  openMs: number;
  processToReadyMs: number;
  firstAskMs: number;
  secondAskMs: number;
  rssAfterOpenMiB: number;
}
interface Summary {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}
interface Recall {
  at10: number;
  queries: number;
  searchMs: number;
  exactMs: number;
  byEf: { ef: number; at10: number; ms: number }[];
}
interface ServeResult {
  questions: number;
  languages: { sv: number; en: number };
  answered: number;
  openMs: number;
  ask: Summary & { svP50: number; enP50: number };
  recall: Recall | null;
  queryEmbed: (Summary & { loadMs: number; n: number }) | null;
  rssLoadedMiB: number;
  rssAfterQueriesMiB: number;
  rssIndexSettledMiB: number;
  rssModelMiB: number;
  rssSteadyMiB: number;
  rssEndMiB: number;
}
interface EmbedResult {
  sample: number;
  modelLoadMs: number;
  tokens: { mean: number; p95: number; chars: number } | null;
  results: { batchSize: number; sentencesPerSec: number; ms: number; runs: number[] }[];
}
interface RecallResult {
  vectors: number;
  exact: boolean;
  questions: Recall;
  sentences: Recall;
  meanPairCosine: number;
}
interface ChangeResult {
  addMs: number;
  removeMs: number;
  addIndexMs: number;
  removeIndexMs: number;
}

const rate = (n: number, ms: number) => (ms > 0 ? (n / ms) * 1000 : NaN);

async function main(): Promise<void> {
  const o: Opts = parse();
  const started = performance.now();
  const work = o.work ?? mkdtempSync(path.join(tmpdir(), 'citera-bench-'));
  mkdirSync(work, { recursive: true });
  progress(`work folder ${work}; corpus ${o.corpus}${o.statements ? ` (first ${o.statements} statements)` : ''}; ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`);
  progress('compiling to dist/ (npm run build) …');
  const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (built.status !== 0) throw new Error(`npm run build failed (exit ${built.status})`);
  const R = new Runner(work, o.profile);
  const idx = (name: string) => path.join(work, name);
  const none: EmbedderSpec = { kind: 'none' };
  const standIn: EmbedderSpec = { kind: 'stand-in' };

  try {
    // Corpora: the full one (or its first --statements), the slice embedded with the e5-shaped model.
    mkdirSync(idx('corpus'), { recursive: true });
    const full = await firstLines(o.corpus, o.statements, idx('corpus/full.jsonl'));
    const vecCorpus = o.vectorStatements === o.statements ? full : await firstLines(o.corpus, o.vectorStatements, idx('corpus/vectors.jsonl'));
    const slice = await firstLines(o.corpus, o.slice, idx('corpus/slice.jsonl'));
    if (!isJsonLines(o.corpus)) progress(`${o.corpus} is not JSON Lines: no slicing, the slice is the whole corpus`);

    // 1. Lexical build of the full corpus, the whole pipeline (gunzip, parse, split, analyse, invert, write).
    const lex: (BuildResult & { maxRssMiB: number })[] = [];
    for (let r = 0; r < o.runs; r++) {
      const dir = idx(r === o.runs - 1 ? 'idx-lexical' : `idx-lexical-${r}`);
      lex.push(await R.run<BuildResult>('build', `lexical build ${r + 1}/${o.runs}`, { corpus: [full], indexDir: dir, embedder: none } satisfies BuildArgs));
      if (r < o.runs - 1) rmSync(dir, { recursive: true, force: true });
    }
    const lexLast = lex.at(-1)!;

    // 2. The full corpus with vectors, from the stand-in embedder (size, load, RSS, inserts at full scale).
    const vec = await R.run<BuildResult>('build', 'full build with stand-in vectors', { corpus: [vecCorpus], indexDir: idx('idx-vectors'), embedder: standIn } satisfies BuildArgs);

    // 3. Cold loads in fresh processes (page cache warm), and as `npm start` does it (refresh: re-reads the corpus).
    const question = 'Vad hände i Malmö den 20 mars?';
    const loads = async (dir: string, emb: EmbedderSpec, label: string, corpus: string) => {
      const runs: LoadResult[] = [];
      for (let r = 0; r < o.loadRuns; r++) runs.push(await R.run<LoadResult>('load', `${label} cold load ${r + 1}/${o.loadRuns}`, { indexDir: dir, corpus: [corpus], embedder: emb, refresh: false, question } satisfies LoadArgs));
      // Skipped in --quick (one process less each); NaN figures are left out of the JSON.
      const refresh = o.quick ? null : await R.run<LoadResult>('load', `${label} start with refresh`, { indexDir: dir, corpus: [corpus], embedder: emb, refresh: true, question } satisfies LoadArgs);
      let disk: LoadResult | null = null;
      if (o.dropCaches) {
        if (dropCaches()) disk = await R.run<LoadResult>('load', `${label} load, page cache dropped`, { indexDir: dir, corpus: [corpus], embedder: emb, refresh: false, question } satisfies LoadArgs);
        else progress('cannot drop the page cache (not root?): no disk-cold figure');
      }
      return { runs, refresh, disk };
    };
    const loadLex = await loads(idx('idx-lexical'), none, 'lexical', full);
    const loadVec = await loads(idx('idx-vectors'), standIn, 'vectors', vecCorpus);

    // 4. The generated model of the default's shape (random weights, quantized like the default).
    let model: { modelId: string };
    let modelSpec: { modelDir: string; modelId: string };
    if (o.model) {
      model = { modelId: o.model };
      modelSpec = { modelDir: o.modelDir, modelId: o.model };
    } else {
      progress('generating the e5-small-shaped model …');
      model = await makeModel({ shape: 'e5-small', outDir: idx('models'), seed: o.seed });
      modelSpec = { modelDir: idx('models'), modelId: model.modelId };
    }

    // 5. Questions → answers through the engine, lexical only (generates the questions file).
    const questionsFile = idx('questions.json');
    const serveLex = await R.run<ServeResult>('serve', 'serve lexical', {
      indexDir: idx('idx-lexical'),
      embedder: none,
      questionsFile,
      generate: { count: o.questions, seed: o.seed, devFile: o.devFile },
      warmup: Math.min(200, o.questions),
      passes: o.quick ? 1 : 3,
      queryModel: null,
      recallQueries: 0,
    } satisfies ServeArgs);

    // 6. The full index with vectors served: engine with vectors (query vectors precomputed), the model loaded
    //    and timed on every question, recall of the full-scale graph on the stand-in vectors.
    const serveVec = await R.run<ServeResult>('serve', 'serve with vectors + model', {
      indexDir: idx('idx-vectors'),
      embedder: standIn,
      questionsFile,
      generate: null,
      warmup: Math.min(200, o.questions),
      passes: o.quick ? 1 : 3,
      queryModel: modelSpec,
      recallQueries: o.quick ? 20 : 100,
    } satisfies ServeArgs);

    // 7. Passage embedding speed through transformers.js, per batch size.
    const emb = await R.run<EmbedResult>('embed', 'passage embedding speed', {
      ...modelSpec,
      indexDir: idx('idx-lexical'),
      sample: o.embedSample,
      batchSizes: o.batchSizes,
      passes: o.quick ? 1 : 3,
      seed: o.seed,
    } satisfies EmbedArgs);

    // 8. Lexical + vectors build of the slice with the e5-shaped model (and the slice alone, lexical, to compare).
    const sliceLex = o.quick ? null : await R.run<BuildResult>('build', `slice build, lexical (${o.slice} statements)`, { corpus: [slice], indexDir: idx('idx-slice-lexical'), embedder: none } satisfies BuildArgs);
    const sliceVec = await R.run<BuildResult>('build', `slice build with the e5-shaped model (${o.slice} statements)`, { corpus: [slice], indexDir: idx('idx-slice'), embedder: { kind: 'model', ...modelSpec } } satisfies BuildArgs);

    // 9. Recall@10 of the shipped graph settings on the model's own vectors of the slice.
    const rec = await R.run<RecallResult>('recall', 'recall@10 on the slice', { indexDir: idx('idx-slice'), ...modelSpec, questionsFile, queries: o.recallQueries, k: 10 } satisfies RecallArgs);

    // 10. Incremental changes on the full indexes (last: they add segments and deletion marks).
    const chLex = await R.run<ChangeResult>('change', 'add/remove one statement, lexical', { indexDir: idx('idx-lexical'), corpus: [full], embedder: none, reps: o.changeReps, addDir: idx('added-lexical'), seed: o.seed } satisfies ChangeArgs);
    const chVec = await R.run<ChangeResult>('change', 'add/remove one statement, with vectors', { indexDir: idx('idx-vectors'), corpus: [vecCorpus], embedder: standIn, reps: Math.max(1, Math.min(o.changeReps, 3)), addDir: idx('added-vectors'), seed: o.seed } satisfies ChangeArgs);

    // -----------------------------------------------------------------------------------------------------------
    const statements = lexLast.report.statements;
    const sentences = lexLast.report.sentences;
    const shipped = emb.results.find((r) => r.batchSize === DEFAULT_BATCH_SIZE) ?? [...emb.results].sort((a, b) => b.sentencesPerSec - a.sentencesPerSec)[0]!;
    const out = {
      statements,
      sentences,
      lexicalBuildSentencesPerSec: median(lex.map((b) => rate(b.report.sentences, b.report.ms.total))),
      fullBuildSentencesPerSec: rate(sliceVec.report.sentences, sliceVec.report.ms.total),
      indexBytes: vec.indexBytes,
      coldLoadMs: median(loadVec.runs.map((r) => r.openMs)),
      queryP50Ms: serveLex.ask.p50,
      queryP95Ms: serveLex.ask.p95,
      queryP99Ms: serveLex.ask.p99,
      queryEmbedP50Ms: serveVec.queryEmbed?.p50 ?? NaN,
      passageEmbedSentencesPerSec: shipped.sentencesPerSec,
      vectorInsertPerSec: rate(vec.inserts, vec.insertMs),
      recallAt10: rec.questions.at10,
      rssBuildMiB: vec.maxRssMiB,
      rssServeMiB: serveVec.maxRssMiB,
      addOneMs: chVec.addMs,
      removeOneMs: chVec.removeMs,
      // Further figures (all numbers), explained in docs-bench.md.
      lexicalBuildStatementsPerSec: median(lex.map((b) => rate(b.report.statements, b.report.ms.total))),
      lexicalBuildReadMs: median(lex.map((b) => b.report.ms.read)),
      lexicalBuildIndexMs: median(lex.map((b) => b.report.ms.index)),
      lexicalBuildWriteMs: median(lex.map((b) => b.report.ms.write)),
      sliceStatements: sliceVec.report.statements,
      sliceSentences: sliceVec.report.sentences,
      fullBuildStatementsPerSec: rate(sliceVec.report.statements, sliceVec.report.ms.total),
      sliceLexicalBuildSentencesPerSec: sliceLex ? rate(sliceLex.report.sentences, sliceLex.report.ms.total) : NaN,
      sliceBuildEmbedSentencesPerSec: rate(sliceVec.report.embedded, sliceVec.report.ms.embed),
      standInBuildSentencesPerSec: rate(vec.report.sentences, vec.report.ms.total),
      standInVectors: vec.inserts,
      vectorInsertSliceModelPerSec: rate(sliceVec.inserts, sliceVec.insertMs),
      indexBytesLexical: lexLast.indexBytes,
      indexBytesVectors: vec.files.vectors,
      indexBytesGraph: vec.files.hnsw,
      coldLoadLexicalMs: median(loadLex.runs.map((r) => r.openMs)),
      processToReadyMs: median(loadVec.runs.map((r) => r.processToReadyMs)),
      processToReadyLexicalMs: median(loadLex.runs.map((r) => r.processToReadyMs)),
      firstAskAfterLoadMs: median(loadVec.runs.map((r) => r.firstAskMs)),
      firstAskAfterLoadLexicalMs: median(loadLex.runs.map((r) => r.firstAskMs)),
      startRefreshMs: loadVec.refresh?.openMs ?? NaN,
      startRefreshLexicalMs: loadLex.refresh?.openMs ?? NaN,
      coldLoadDiskMs: loadVec.disk?.openMs ?? NaN,
      coldLoadDiskLexicalMs: loadLex.disk?.openMs ?? NaN,
      questions: serveLex.questions,
      questionsAnswered: serveLex.answered,
      queryMeanMs: serveLex.ask.mean,
      queryMaxMs: serveLex.ask.max,
      queryVectorsP50Ms: serveVec.ask.p50,
      queryVectorsP95Ms: serveVec.ask.p95,
      queryVectorsP99Ms: serveVec.ask.p99,
      queryEmbedP95Ms: serveVec.queryEmbed?.p95 ?? NaN,
      queryEmbedP99Ms: serveVec.queryEmbed?.p99 ?? NaN,
      modelLoadMs: emb.modelLoadMs,
      passageBatchSize: shipped.batchSize,
      passageEmbedBestSentencesPerSec: Math.max(...emb.results.map((r) => r.sentencesPerSec)),
      passageTokensMean: emb.tokens?.mean ?? NaN,
      recallAt10Sentences: rec.sentences.at10,
      recallVectors: rec.vectors,
      recallAt10StandInFull: serveVec.recall?.at10 ?? NaN,
      graphSearchMs: serveVec.recall?.searchMs ?? NaN,
      rssBuildLexicalMiB: Math.max(...lex.map((b) => b.maxRssMiB)),
      rssBuildSliceModelMiB: sliceVec.maxRssMiB,
      rssServeLexicalMiB: serveLex.maxRssMiB,
      rssServeSteadyMiB: serveVec.rssSteadyMiB,
      rssServeLexicalSteadyMiB: serveLex.rssSteadyMiB,
      rssServeIndexOnlyMiB: serveVec.rssIndexSettledMiB,
      rssServeModelOnlyMiB: serveVec.rssModelMiB,
      addOneLexicalMs: chLex.addMs,
      removeOneLexicalMs: chLex.removeMs,
      addOneIndexOnlyMs: chVec.addIndexMs,
      removeOneIndexOnlyMs: chVec.removeIndexMs,
      loadAverageMedian: median(R.loads),
      loadAverageMax: Math.max(...R.loads),
      benchSeconds: 0,
    } satisfies Record<(typeof JSON_KEYS)[number], number> & Record<string, number>;
    out.benchSeconds = (performance.now() - started) / 1000;
    const ctx = { o, vec, sliceVec, emb, rec, serveLex, serveVec, model: model.modelId, devQuestions: serveLex.questions - o.questions };
    process.stdout.write(table(out, ctx) + '\n');
    if (o.profile) for (const p of R.profiles) for (const f of listProfiles(p.dir)) process.stderr.write(`\n${p.label}\n${formatProfile(f, 12)}\n`);
    if (o.json) process.stdout.write(JSON.stringify(roundAll(out)) + '\n');
  } finally {
    if (o.keep) progress(`kept ${work}`);
    else if (o.profile) {
      for (const f of ['idx-lexical', 'idx-vectors', 'idx-slice', 'idx-slice-lexical', 'models', 'corpus']) rmSync(path.join(work, f), { recursive: true, force: true });
      progress(`profiles kept in ${path.join(work, 'profiles')}`);
    } else rmSync(work, { recursive: true, force: true });
  }
}

function listProfiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

/** Rounded to 3 decimals; further figures that were not measured (NaN) are left out, the issue's keys never. */
function roundAll(o: Record<string, number>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const k of JSON_KEYS) out[k] = null;
  for (const [k, v] of Object.entries(o)) {
    if (!Number.isFinite(v)) {
      if ((JSON_KEYS as readonly string[]).includes(k)) out[k] = null;
      else delete out[k];
      continue;
    }
    out[k] = Number.isInteger(v) ? v : Math.round(v * 1000) / 1000;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The readable table

type Out = Record<string, number>;

function fmt(v: number, unit = '', digits = 0): string {
  if (!Number.isFinite(v)) return 'n/a';
  const s = v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return unit ? `${s} ${unit}` : s;
}

function verdict(key: keyof typeof TARGETS, v: number): string {
  const t = TARGETS[key] as { min?: number; max?: number };
  if (!Number.isFinite(v)) return '';
  const ok = t.min !== undefined ? v >= t.min : v <= t.max!;
  return ok ? 'met' : 'MISSED';
}

function target(key: keyof typeof TARGETS, unit: string): string {
  const t = TARGETS[key] as { min?: number; max?: number };
  return t.min !== undefined ? `≥ ${fmt(t.min, unit, t.min < 10 ? 2 : 0)}` : `≤ ${fmt(t.max!, unit)}`;
}

function table(
  r: Out,
  c: {
    o: Opts;
    vec: BuildResult;
    sliceVec: BuildResult;
    emb: EmbedResult;
    rec: RecallResult;
    serveLex: ServeResult;
    serveVec: ServeResult;
    model: string;
    devQuestions: number;
  },
): string {
  const rows: [string, string, string, string, string][] = [];
  const row = (what: string, value: string, key: keyof typeof TARGETS | null, unit: string, note = '') =>
    rows.push([what, value, key ? target(key, unit) : '', key ? verdict(key, r[key]!) : '', note]);
  const mib = (b: number) => fmt(b / 2 ** 20, 'MiB');
  const full = c.o.statements ? `first ${c.o.statements} statements` : 'full corpus';
  const vecScope = c.o.vectorStatements ? `first ${c.o.vectorStatements} statements` : 'full corpus';

  row('corpus', `${fmt(r.statements!)} statements, ${fmt(r.sentences!)} sentences`, null, '', full);
  row('lexical build, whole pipeline', fmt(r.lexicalBuildSentencesPerSec!, 'sentences/s'), 'lexicalBuildSentencesPerSec', 'sentences/s', `${fmt(r.lexicalBuildStatementsPerSec!, 'statements/s')}; median of ${c.o.runs}; read ${fmt(r.lexicalBuildReadMs! / 1000, 's', 1)}, index ${fmt(r.lexicalBuildIndexMs! / 1000, 's', 1)}, write ${fmt(r.lexicalBuildWriteMs! / 1000, 's', 1)}`);
  row('lexical + vectors build (e5-shaped model)', fmt(r.fullBuildSentencesPerSec!, 'sentences/s'), null, '', `SLICE: first ${fmt(r.sliceStatements!)} statements, ${fmt(r.sliceSentences!)} sentences; ${fmt(r.fullBuildStatementsPerSec!, 'statements/s', 1)}; embedding ${fmt(r.sliceBuildEmbedSentencesPerSec!, 'sentences/s')} in the build; same slice lexical only ${fmt(r.sliceLexicalBuildSentencesPerSec!, 'sentences/s')}`);
  row('build with stand-in vectors', fmt(r.standInBuildSentencesPerSec!, 'sentences/s'), null, '', `${vecScope}; STAND-IN hashing embedder (size/RSS/insert only), ${fmt(c.vec.report.ms.total / 1000, 's')} total`);
  row('vector index insert (hnswlib)', fmt(r.vectorInsertPerSec!, 'vectors/s'), 'vectorInsertPerSec', 'vectors/s', `${fmt(r.standInVectors!)} stand-in vectors, M=${HNSW_M}, efConstruction=${HNSW_EF_CONSTRUCTION}; model vectors of the slice: ${fmt(r.vectorInsertSliceModelPerSec!, 'vectors/s')}`);
  row('index on disk, with vectors', mib(r.indexBytes!), null, '', `lexical ${mib(c.vec.files.lexical)}, vectors ${mib(r.indexBytesVectors!)}, graph ${mib(r.indexBytesGraph!)} (${vecScope})`);
  row('index on disk, lexical only', mib(r.indexBytesLexical!), null, '', full);
  row('cold load, with vectors', fmt(r.coldLoadMs!, 'ms'), 'coldLoadMs', 'ms', `fresh process, page cache warm, median of ${c.o.loadRuns}; process start → ready ${fmt(r.processToReadyMs!, 'ms')}; first question ${fmt(r.firstAskAfterLoadMs!, 'ms')}`);
  row('cold load, lexical only', fmt(r.coldLoadLexicalMs!, 'ms'), null, '', `process start → ready ${fmt(r.processToReadyLexicalMs!, 'ms')}; first question ${fmt(r.firstAskAfterLoadLexicalMs!, 'ms')}`);
  if (Number.isFinite(r.coldLoadDiskMs!)) row('load with page cache dropped', `${fmt(r.coldLoadDiskMs!, 'ms')} / ${fmt(r.coldLoadDiskLexicalMs!, 'ms')}`, null, '', 'with vectors / lexical only; one run each');
  if (Number.isFinite(r.startRefreshMs!)) row('npm start (refresh: corpus re-read, unchanged)', `${fmt(r.startRefreshMs!, 'ms')} / ${fmt(r.startRefreshLexicalMs!, 'ms')}`, null, '', `with vectors / lexical only; plus the model load, ${fmt(r.modelLoadMs!, 'ms')}`);
  row('question → answer p50', fmt(r.queryP50Ms!, 'ms', 2), 'queryP50Ms', 'ms', `engine.ask, lexical only, ${fmt(r.questions!)} questions (${fmt(c.o.questions)} generated + ${c.devQuestions} dev; ${c.serveLex.languages.sv} sv, ${c.serveLex.languages.en} en; ${fmt(r.questionsAnswered!)} answered), median of ${c.o.quick ? 1 : 3} passes after a warm-up; sv p50 ${fmt(c.serveLex.ask.svP50, 'ms', 2)}, en p50 ${fmt(c.serveLex.ask.enP50, 'ms', 2)}`);
  row('question → answer p95', fmt(r.queryP95Ms!, 'ms', 2), 'queryP95Ms', 'ms', `p99 ${fmt(r.queryP99Ms!, 'ms', 2)}, max ${fmt(r.queryMaxMs!, 'ms', 1)}`);
  row('question → answer with vectors', `${fmt(r.queryVectorsP50Ms!, 'ms', 2)} / ${fmt(r.queryVectorsP95Ms!, 'ms', 2)} / ${fmt(r.queryVectorsP99Ms!, 'ms', 2)}`, null, '', `p50 / p95 / p99, stand-in graph of the ${vecScope}, query vector precomputed (embedding excluded)`);
  row('query embedding p50', fmt(r.queryEmbedP50Ms!, 'ms', 2), 'queryEmbedP50Ms', 'ms', `${c.o.model ? `model ${c.model}` : `e5-shaped model (${c.model}, random weights, q8)`}, p95 ${fmt(r.queryEmbedP95Ms!, 'ms', 2)}, ${fmt(c.serveVec.queryEmbed?.n ?? NaN)} questions`);
  row('passage embedding', fmt(r.passageEmbedSentencesPerSec!, 'sentences/s'), 'passageEmbedSentencesPerSec', 'sentences/s', `batch ${r.passageBatchSize} (shipped); ${c.emb.results.map((x) => `batch ${x.batchSize}: ${fmt(x.sentencesPerSec)}`).join(', ')}; ${fmt(c.emb.sample)} real sentences (${fmt(r.passageTokensMean!, 'tokens', 1)} on average), median of ${c.o.quick ? 1 : 3} passes`);
  const sweep = (x: Recall | null) => (x ? x.byEf.map((e) => `ef ${e.ef}: ${fmt(e.at10, '', 3)} (${fmt(e.ms, 'ms', 2)})`).join(', ') : 'n/a');
  row('hnswlib recall@10', fmt(r.recallAt10!, '', 3), 'recallAt10', '', `e5-shaped model vectors of the slice (${fmt(r.recallVectors!)}), ${c.rec.questions.queries} question queries vs exactSearch, M=${HNSW_M}, efConstruction=${HNSW_EF_CONSTRUCTION}, ef=${HNSW_EF_SEARCH}${c.rec.exact ? ' (EXACT scan: below the graph threshold)' : ''}; ${sweep(c.rec.questions)}`);
  row('recall@10, other queries', `${fmt(r.recallAt10Sentences!, '', 3)} / ${fmt(r.recallAt10StandInFull!, '', 3)}`, null, '', `sentence vectors as queries on the slice (${sweep(c.rec.sentences)}) / STAND-IN vectors, ${vecScope}, ${c.serveVec.recall?.queries ?? 0} queries (${sweep(c.serveVec.recall)}; ${fmt(r.graphSearchMs!, 'ms', 2)} a search)`);
  row('peak RSS, building', fmt(r.rssBuildMiB!, 'MiB'), null, '', `${vecScope} with stand-in vectors; lexical only ${fmt(r.rssBuildLexicalMiB!, 'MiB')}; slice with the model ${fmt(r.rssBuildSliceModelMiB!, 'MiB')}`);
  row('peak RSS, serving with vectors', fmt(r.rssServeMiB!, 'MiB'), 'rssServeMiB', 'MiB', `${vecScope}: index + graph + e5-shaped model, peak of the process (load included); model loaded first, as npm start does; after GC: ${fmt(r.rssServeModelOnlyMiB!, 'MiB')} with the model alone, ${fmt(r.rssServeIndexOnlyMiB!, 'MiB')} once the index is open and questions answered, ${fmt(r.rssServeSteadyMiB!, 'MiB')} after embedding every question; lexical only ${fmt(r.rssServeLexicalMiB!, 'MiB')} peak, ${fmt(r.rssServeLexicalSteadyMiB!, 'MiB')} after GC`);
  row('add one statement', fmt(r.addOneMs!, 'ms'), 'addOneMs', 'ms', `with vectors, through IndexManager (index change + engine reload); index change alone ${fmt(r.addOneIndexOnlyMs!, 'ms')}; lexical only ${fmt(r.addOneLexicalMs!, 'ms')}`);
  row('remove one statement', fmt(r.removeOneMs!, 'ms'), 'removeOneMs', 'ms', `same; index change alone ${fmt(r.removeOneIndexOnlyMs!, 'ms')}; lexical only ${fmt(r.removeOneLexicalMs!, 'ms')}`);

  const head: [string, string, string, string, string] = ['figure', 'value', 'target', '', 'how measured'];
  const w = [0, 1, 2, 3].map((i) => Math.max(head[i]!.length, ...rows.map((x) => x[i]!.length)));
  const line = (x: string[]) => `| ${x.map((s, i) => (i < 4 ? s.padEnd(w[i]!) : s)).join(' | ')} |`;
  return [
    `citera benchmark — ${new Date().toISOString()}, node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${fmt(r.benchSeconds!, 's')}; load average at phase ends: median ${fmt(r.loadAverageMedian!, '', 2)}, max ${fmt(r.loadAverageMax!, '', 2)} (above ${cpus().length}: other processes shared the cores)`,
    line(head),
    line(w.map((n) => '-'.repeat(n)).concat('---')),
    ...rows.map(line),
    ...(c.o.model ? [`MODEL: every "e5-shaped model" figure above was measured with ${c.model} from ${c.o.modelDir} (--model).`] : []),
    `SLICE = measured on the first statements only (embedding all 524k sentences with the e5-shaped model would take 25–50 min on 2 cores); STAND-IN = deterministic hashing vectors (${STAND_IN_MODEL_ID}) used only where the model does not matter.`,
  ].join('\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
