/**
 * `npm run bench:sync [-- --add N] [--base N] [--model none|e5-shape|ID] [--model-dir DIR] [--json]`: how long
 * answers pause while a sync adds statements. An index of `--base` statements is built (the shared police
 * notices when ../shared is there, made-up ones otherwise), a police events API on 127.0.0.1 serves `--add` new
 * ones, and one poll writes them through the corpus service into the live index, as the bot does, while questions
 * are asked back to back. Prints the sync's duration, answer latencies before and during it, the longest time
 * between two answers during it and the event loop's longest stall.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { parseCommand } from '../src/cli/args.js';
import { run } from '../src/cli/run.js';
import { createEmbedder } from '../src/embed/load.js';
import type { Embedder } from '../src/embed/types.js';
import { UsageError } from '../src/errors.js';
import { measureSyncLoad, syntheticStatements, type AskRecord, type LoadStatement } from './bench/sync-load.js';
import { percentile, progress } from './bench/stats.js';
import { makeModel } from './make-model.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.resolve(ROOT, '..', 'shared');

async function sharedStatements(n: number): Promise<LoadStatement[] | null> {
  const file = path.join(SHARED, 'data', 'polisen-events.jsonl.gz');
  if (!existsSync(file)) return null;
  const out: LoadStatement[] = [];
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (out.length >= n) break;
    const o = JSON.parse(line) as { id: string | number; title: string; published?: string | null; preamble?: string; paragraphs?: string[]; text?: string };
    const text = o.text ?? [o.preamble, ...(o.paragraphs ?? [])].filter(Boolean).join('\n\n');
    if (text) out.push({ id: `shared-${o.id}`, title: o.title, text, published: o.published ?? null });
  }
  lines.close();
  return out;
}

function questionsFor(): string[] {
  const qs: string[] = [];
  for (const f of ['dev-questions.jsonl', 'dev-questions-2.jsonl']) {
    const file = path.join(SHARED, 'eval', f);
    if (existsSync(file)) for (const l of readFileSync(file, 'utf8').split('\n')) if (l.trim()) qs.push((JSON.parse(l) as { question: string }).question);
  }
  return qs.length ? qs : ['Hur många sitter häktade?', 'Vad hände i Malmö?', 'Brand i Lund', 'Trafikolycka på Storgatan', 'Who was arrested in Göteborg?'];
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

function latencies(rs: AskRecord[]) {
  const l = rs.map((r) => r.end - r.start);
  return { count: rs.length, p50: percentile(l, 50), p95: percentile(l, 95), max: l.length ? Math.max(...l) : 0 };
}

await run(async () => {
  const { values } = parseCommand({
    usage: 'npm run bench:sync -- [--add N] [--base N] [--model none|e5-shape|ID] [--model-dir DIR] [--json]',
    about: 'Measures how long answers pause while one sync adds statements through the corpus service (as the bot polls its sources), then while a next poll adds 10 more.',
    options: {
      add: { type: 'string', value: 'N', help: 'statements the sync adds (default 5000)' },
      base: { type: 'string', value: 'N', help: 'statements indexed before (default 20000 of ../shared, else made-up)' },
      model: { type: 'string', value: 'ID', help: 'none (lexical, default), e5-shape (generated, the default model’s shape and cost) or a model id in --model-dir' },
      'model-dir': { type: 'string', value: 'DIR', help: 'folder of --model ID (default models)' },
      json: { type: 'boolean', help: 'one JSON object on the last line' },
    },
  });
  const int = (name: string, v: string | undefined, d: number) => {
    const n = v === undefined ? d : Number(v);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number of at least 1, not ${v}`);
    return n;
  };
  const add = int('add', values.add, 5000);
  const baseN = int('base', values.base, 20_000);
  const work = mkdtempSync(path.join(tmpdir(), 'citera-bench-sync-'));
  try {
    let embedder: Embedder | null = null;
    const model = values.model ?? 'none';
    if (model !== 'none') {
      let id = model;
      let dir = path.resolve(values['model-dir'] ?? path.join(ROOT, 'models'));
      if (model === 'e5-shape') {
        progress('generating the e5-small-shaped model …');
        const made = await makeModel({ shape: 'e5-small', outDir: path.join(work, 'models'), seed: 42 });
        id = made.modelId;
        dir = path.join(work, 'models');
      }
      const r = await createEmbedder({ model: id, modelDir: dir, dtype: 'q8' });
      if (!r.embedder) throw new UsageError(`the model ${id} did not load: ${r.notice}`);
      embedder = r.embedder;
    }
    const then = 10;
    const shared = await sharedStatements(baseN + add + then);
    const all = shared && shared.length >= baseN + add + then ? shared : syntheticStatements(baseN + add + then, 'made-');
    const r = await measureSyncLoad({
      work,
      base: all.slice(0, baseN),
      added: all.slice(baseN, baseN + add),
      then: all.slice(baseN + add),
      questions: questionsFor(),
      embedder,
      onProgress: progress,
    });
    const before = latencies(r.baseline);
    const during = latencies(r.during);
    const result = {
      statementsBefore: r.before,
      statementsAfter: r.after,
      added: r.summary.new,
      source: shared ? 'shared police notices' : 'made-up notices',
      model,
      syncMs: r.syncMs,
      questionsDuringSync: during.count,
      failedDuringSync: r.during.filter((q) => q.error).length,
      latencyBefore: before,
      latencyDuring: during,
      longestAnswerPauseMs: r.longestGapMs,
      eventLoopStallMs: r.loopStallMs,
      nextPoll: r.next && { added: r.next.summary.new, syncMs: r.next.syncMs, questions: r.next.during.length, longestAnswerPauseMs: r.next.longestGapMs, eventLoopStallMs: r.next.loopStallMs },
      cpus: cpus().length,
      loadAvg: loadavg()[0],
    };
    const lines = [
      `sync of ${result.added} new statements (${result.source}, model ${model}) into an index of ${r.before}: ${(r.syncMs / 1000).toFixed(1)} s → ${r.after} statements`,
      `questions before the sync: ${before.count}, p50 ${ms(before.p50)}, p95 ${ms(before.p95)}, max ${ms(before.max)}`,
      `questions during the sync: ${during.count} (${result.failedDuringSync} failed), p50 ${ms(during.p50)}, p95 ${ms(during.p95)}, max ${ms(during.max)}`,
      `longest answer pause during the sync (time between two answers): ${ms(r.longestGapMs)}`,
      `longest event-loop stall during the sync: ${ms(r.loopStallMs)}`,
      ...(r.next
        ? [
            `a next poll adding ${r.next.summary.new} (the earlier change's segment folded in): ${(r.next.syncMs / 1000).toFixed(1)} s, ${r.next.during.length} questions, longest answer pause ${ms(r.next.longestGapMs)}, event-loop stall ${ms(r.next.loopStallMs)}`,
          ]
        : []),
      `machine: ${result.cpus} CPUs, load average ${result.loadAvg.toFixed(2)}`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
    if (values.json) process.stdout.write(JSON.stringify(result) + '\n');
    await embedder?.dispose?.();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return 0;
});
