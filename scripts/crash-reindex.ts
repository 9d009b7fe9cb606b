/**
 * Crash injection: runs `tsx src/cli/index.ts --corpus … --index DIR --force` (or the compiled
 * `node dist/src/cli/index.js …`, see `CrashOptions.command`) as a child process group and kills it with SIGKILL at seeded random points (startup, reading, indexing, embedding, writing), then checks that
 * the index loads and answers exactly as before the run (or, when the kill came after the switch, exactly as
 * the new corpus), and that the next start removes everything the killed build left behind.
 *
 * The live corpus alternates between two versions (v1, v2) that differ in marker statements, so every run
 * re-indexes a real change and a mixed index would be caught.
 *
 *   npx tsx scripts/crash-reindex.ts [--kills 40] [--seed 7] [--bulk 12000] [--dense] [--work DIR]
 *
 * The test (test/reliability/crash.test.ts) runs a few kills; this script runs as many as asked.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../src/config.js';
import { buildIndex } from '../src/index/build.js';
import { IndexManager } from '../src/index/manager.js';
import { currentGeneration, isAlive, readChecked, readManifest } from '../src/index/store.js';
import { classify, rng, VERSION_PROBES, writeBulk, writeVersion, type Version } from '../test/reliability/gen.js';
import { makeModel } from './make-model.js';

const ROOT = resolve(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

export type Trigger = 'startup' | 'reading' | 'indexing' | 'embedding' | 'writing';

export interface CrashOptions {
  /** Working folder (corpora, index, reference indexes); a fresh temp folder by default. */
  work?: string;
  /** Notices in the bulk file (shared slice or synthetic). */
  bulk: number;
  kills: number;
  seed: number;
  /** Build with a generated tiny embedding model (vectors, graph), so embedding and vector writing are hit too. */
  dense?: boolean;
  /** Triggers to draw from (default: all that apply). */
  triggers?: Trigger[];
  /**
   * How to start `npm run index`: the program and its first arguments, before `--corpus …` (default: tsx with
   * src/cli/index.ts, as `npm run index` does). The test passes the compiled `node dist/src/cli/index.js`,
   * which starts in a fraction of the time; the build it kills is the same code.
   */
  command?: [string, ...string[]];
  log?: (line: string) => void;
}

export interface KillRun {
  trigger: Trigger;
  delayMs: number;
  /** Last progress phase the child printed before it died, and whether its new folder existed. */
  phaseAtKill: string;
  writingStarted: boolean;
  /** The child ended before the kill landed (then it must have switched). */
  finished: boolean;
  leftovers: string[];
  /** Which version answered after the restart: the one before the run, or the one being built. */
  result: 'before' | 'after';
  readerChecks: number;
  ms: number;
}

export interface CrashReport {
  bulkSource: 'shared' | 'synthetic';
  statements: number;
  runs: KillRun[];
  problems: string[];
  /** The first run, left to finish (it also times the phases): exit code and version after it. */
  completion: { exitCode: number | null; result: 'before' | 'after'; stderrSkipped: number };
}

const ORDINARY = ['How many are remanded?', 'Vad hände i Malmö?', 'Trafikolycka Karlskrona', 'Hur gammal var mannen som greps?'];

interface Snapshot {
  version: Version | string;
  /** Everything an answer shows, except scores (vectors reused across runs may differ in the last float bits). */
  answers: string;
}

async function snapshot(m: IndexManager): Promise<Snapshot> {
  const e = m.engine;
  const probes = [];
  const shown: unknown[] = [];
  for (const p of VERSION_PROBES) {
    const a = await e.ask(p.q);
    probes.push({ q: p.q, texts: a.citations.map((c) => c.text) });
    shown.push(a.citations.map((c) => [c.docId, c.text]));
  }
  for (const q of ORDINARY) {
    const a = await e.ask(q);
    shown.push([a.answered, a.answer, a.citations.map((c) => [c.docId, c.text, c.speaker, c.published, c.url])]);
  }
  return { version: classify(probes), answers: JSON.stringify(shown) };
}

function configFor(indexDir: string, corpus: string, env: Record<string, string>): Config {
  return loadConfig({ CORPUS_PATHS: corpus, INDEX_DIR: indexDir, LOG_LEVEL: 'silent', ...env });
}

function leftovers(dir: string): string[] {
  const live = currentGeneration(dir);
  return readdirSync(dir).filter((f) => /^tmp-/.test(f) || /^CURRENT\.tmp-/.test(f) || (/^gen-\d{6}$/.test(f) && live !== null && f > live));
}

/** What a reader in another process sees: the live generation's manifest and files, checksums included. */
function readerCheck(dir: string): string | null {
  try {
    const { gen, manifest } = readManifest(dir);
    for (const s of manifest.segments) for (const e of [s.lexical, s.vectors, s.hnsw]) if (e) readChecked(dir, gen, e);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

export async function crashReindex(opts: CrashOptions): Promise<CrashReport> {
  const log = opts.log ?? (() => {});
  const work = opts.work ?? mkdtempSync(join(tmpdir(), 'citera-crash-'));
  const r = rng(opts.seed);
  const env: Record<string, string> = { EMBEDDING_MODEL: 'none' };
  if (opts.dense) {
    const models = join(work, 'models');
    await makeModel({ shape: 'tiny', outDir: models, modelId: 'local/tiny-e5' });
    Object.assign(env, { EMBEDDING_MODEL: 'local/tiny-e5', MODEL_DIR: models, EMBEDDING_DTYPE: 'fp32' });
  }

  // Two corpora, v1 and v2, the same apart from the marker statements.
  const corpora: Record<Version, string> = { v1: join(work, 'corpus-v1'), v2: join(work, 'corpus-v2') };
  const bulkFile = join(work, 'bulk-src.jsonl');
  const bulkSource = await writeBulk(bulkFile, opts.bulk, opts.seed);
  const bulk = readFileSync(bulkFile, 'utf8').trimEnd().split('\n');
  for (const v of ['v1', 'v2'] as const) {
    mkdirSync(corpora[v], { recursive: true });
    cpSync(join(ROOT, 'corpus'), corpora[v], { recursive: true });
    writeVersion(corpora[v], bulk, v, { allChanged: opts.dense });
  }

  // Reference answers of each version (v2 built on a copy of v1, reusing its vectors as the child will).
  const refDir = (v: Version) => join(work, `ref-${v}`);
  const t0 = performance.now();
  const built = await IndexManager.open(configFor(refDir('v1'), corpora.v1, env), { buildIfMissing: true });
  const refs: Record<Version, Snapshot> = { v1: await snapshot(built), v2: { version: '', answers: '' } };
  const statements = built.engine.status().statements;
  await built.embedder?.dispose?.();
  cpSync(refDir('v1'), refDir('v2'), { recursive: true });
  const m2 = await IndexManager.open(configFor(refDir('v2'), corpora.v2, env));
  await m2.reindex({ force: true });
  refs.v2 = await snapshot(m2);
  await m2.embedder?.dispose?.();
  const problems: string[] = [];
  for (const v of ['v1', 'v2'] as const) if (refs[v].version !== v) problems.push(`reference ${v} classified as ${refs[v].version}`);
  log(`references built in ${Math.round(performance.now() - t0)} ms (${statements} statements, ${bulkSource} bulk)`);

  const indexDir = join(work, 'index');
  cpSync(refDir('v1'), indexDir, { recursive: true });
  let live: Version = 'v1';
  const runs: KillRun[] = [];
  let order: Trigger[] = [];
  let completion: CrashReport['completion'] = { exitCode: null, result: 'before', stderrSkipped: 0 };
  let windows: Partial<Record<Trigger, [number, number]>> = {};
  let triggers: Trigger[] = [];
  // Run 0 is left to finish: it proves an uninterrupted run switches, and times the phases (on this machine, this
  // corpus) so that each kill is drawn inside the phase it targets. Runs 1…kills are killed.
  for (let k = 0; k <= opts.kills; k++) {
    const calibration = k === 0;
    let trigger: Trigger = 'startup';
    let delayMs = 0;
    if (!calibration) {
      // Every trigger once per round, in a seeded order; the delay is drawn within the phase's calibrated span.
      if ((k - 1) % triggers.length === 0) order = shuffle(triggers, r);
      trigger = order[(k - 1) % triggers.length]!;
      const [lo, hi] = windows[trigger] ?? [0, 0];
      delayMs = r.int(lo, hi);
      if (trigger === 'writing' && HAS_PROC) delayMs = 0; // killed where it stops itself, after its first file
    }
    const target: Version = live === 'v1' ? 'v2' : 'v1';
    const t = performance.now();
    const run = await runChild({ command: opts.command ?? [TSX, join(ROOT, 'src/cli/index.ts')], indexDir, corpus: corpora[target], env, trigger, delayMs, kill: !calibration });
    const left = leftovers(indexDir);
    if (calibration) {
      windows = phaseWindows(run.marks);
      // Writing needs no window where the build can be seen stopping itself in it (Linux /proc).
      triggers = (opts.triggers ?? (['startup', 'reading', 'indexing', 'embedding', 'writing'] as const)).filter((x) => windows[x] !== undefined || (x === 'writing' && HAS_PROC));
      log(`uninterrupted run: ${Math.round(performance.now() - t)} ms, phases at ${JSON.stringify(run.marks)}; kill windows ${JSON.stringify(windows)}`);
      if (triggers.length === 0) problems.push('no phase of the build could be timed');
    }

    // The next start: cleans up, loads, answers.
    let snap: Snapshot;
    let remaining: string[];
    try {
      const m = await IndexManager.open(configFor(indexDir, corpora[live], env));
      remaining = leftovers(indexDir);
      snap = await snapshot(m);
      await m.embedder?.dispose?.();
    } catch (e) {
      problems.push(`run ${k} (${trigger} +${delayMs} ms): index does not load after the kill: ${(e as Error).message}`);
      break;
    }
    const result: 'before' | 'after' = snap.version === live ? 'before' : 'after';
    if (snap.version !== 'v1' && snap.version !== 'v2') problems.push(`run ${k}: answers from a mixed index (${snap.version})`);
    else if (snap.answers !== refs[snap.version].answers) problems.push(`run ${k}: answers differ from the ${snap.version} reference`);
    if (remaining.length > 0) problems.push(`run ${k}: leftovers not removed at the next start: ${remaining.join(', ')}`);
    // Nothing of the killed build may linger outside the index folder either (the graph's temporary file).
    const stray = run.builderPid ? readdirSync(tmpdir()).filter((f) => f.startsWith(`citera-hnsw-${run.builderPid}-`)) : [];
    if (stray.length > 0) problems.push(`run ${k}: temporary files left in ${tmpdir()}: ${stray.join(', ')}`);
    if (run.readerProblems.length > 0) problems.push(`run ${k}: a concurrent reader failed: ${run.readerProblems[0]}`);
    if (result === 'after') live = target;

    if (calibration) {
      completion = { exitCode: run.exitCode, result, stderrSkipped: run.stderr.split('\n').filter((l) => l.startsWith('skipped ')).length };
      if (run.exitCode !== 0) problems.push(`the uninterrupted run exited with ${run.exitCode}: ${run.stderr.trim().split('\n').pop()}`);
      if (result !== 'after') problems.push('the uninterrupted run did not switch to the new corpus');
      if (problems.length > 0) break;
    } else {
      if (!run.finished && run.signal !== 'SIGKILL') problems.push(`run ${k}: child ended by ${run.signal ?? `exit ${run.exitCode}`}, not SIGKILL`);
      if (run.finished && result !== 'after') problems.push(`run ${k}: the child finished but the index did not switch`);
      if (!run.finished && run.exitCode !== null) problems.push(`run ${k}: exit code ${run.exitCode}`);
      // A folder the killed build left proves it had started writing, even if the watcher missed it appear (a
      // busy machine may coalesce or drop the event).
      const writingStarted = run.writingStarted || left.length > 0;
      runs.push({ trigger, delayMs, phaseAtKill: run.phase, writingStarted, finished: run.finished, leftovers: left, result, readerChecks: run.readerChecks, ms: Math.round(performance.now() - t) });
      log(`kill ${k}/${opts.kills}: ${trigger} +${delayMs} ms → died in ${run.phase}${writingStarted ? ' (new folder written)' : ''}${run.finished ? ' (finished first)' : ''}; left ${left.join(', ') || 'nothing'}; restart answers as ${result === 'before' ? 'before' : 'the new corpus'} [${Math.round(performance.now() - t)} ms]`);
    }
  }
  if (!opts.work) rmSync(work, { recursive: true, force: true });
  return { bulkSource, statements, runs, problems, completion };
}

/**
 * Kill windows from the phase times of an uninterrupted run (ms after spawn, or after the phase's first sign):
 * startup until the first progress line; each phase from its line (writing: from the new folder's appearance)
 * to the next sign, of which the first 80 % (writing: 50 %) are drawn from.
 */
function phaseWindows(observed: Record<string, number>): Partial<Record<Trigger, [number, number]>> {
  const out: Partial<Record<Trigger, [number, number]>> = {};
  // Writing starts with the new folder; when the watcher missed it (a busy machine), with the "writing:" line.
  const marks = observed.tmp === undefined && observed.writing !== undefined ? { ...observed, tmp: observed.writing } : observed;
  const signs = ['reading', 'indexing', 'embedding', 'tmp', 'exit'].filter((x) => marks[x] !== undefined);
  const span = (from: string): number | undefined => {
    const i = signs.indexOf(from);
    return i < 0 || i + 1 >= signs.length ? undefined : marks[signs[i + 1]!]! - marks[from]!;
  };
  const first = marks[signs[0]!];
  if (first !== undefined && first > 150) out.startup = [100, Math.floor(first * 0.95)];
  for (const [trigger, from] of [['reading', 'reading'], ['indexing', 'indexing'], ['embedding', 'embedding'], ['writing', 'tmp']] as const) {
    const d = span(from);
    // Writing ends with the switch and the clean-up: its first half is before the switch.
    if (d !== undefined && d >= 5) out[trigger] = [0, Math.floor(d * (trigger === 'writing' ? 0.5 : 0.8))];
  }
  return out;
}

/** Linux shows each process's group and state in /proc (elsewhere nothing here can be seen). */
const HAS_PROC = existsSync('/proc/self/stat');

/** The processes of group `pgid`, each with its state letter (R, S, T for stopped, Z for a zombie, …). */
function groupProcesses(pgid: number): { pid: number; state: string }[] {
  const out: { pid: number; state: string }[] = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) out.push({ pid: Number(p), state: fields[0]! });
    } catch {
      // gone
    }
  }
  return out;
}

/** Waits until no live process is left in process group `pgid` (Linux /proc; elsewhere a short pause). */
async function groupDead(pgid: number, timeoutMs = 15_000): Promise<void> {
  if (!HAS_PROC) return void (await new Promise((r) => setTimeout(r, 500)));
  const until = Date.now() + timeoutMs;
  while (groupProcesses(pgid).some((p) => isAlive(p.pid)) && Date.now() <= until) await new Promise((r) => setTimeout(r, 20));
}

/** True when a process of group `pgid` is stopped (state T: it sent itself SIGSTOP at the stop point). */
function groupStopped(pgid: number): boolean {
  return groupProcesses(pgid).some((p) => p.state === 'T');
}

function shuffle<T>(xs: readonly T[], r: ReturnType<typeof rng>): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

interface ChildResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  finished: boolean;
  phase: string;
  writingStarted: boolean;
  /** When each sign of progress first showed (ms after spawn): phase lines, the new folder ('tmp'), 'exit'. */
  marks: Record<string, number>;
  /** The pid of the node process that built (from its tmp folder's name), when it got that far. */
  builderPid: number | null;
  stderr: string;
  readerChecks: number;
  readerProblems: string[];
}

/** Runs the CLI build as its own process group; kills the whole group (tsx and the node it starts) on the trigger. */
function runChild(o: { command: [string, ...string[]]; indexDir: string; corpus: string; env: Record<string, string>; trigger: Trigger; delayMs: number; kill: boolean }): Promise<ChildResult> {
  return new Promise((resolveRun) => {
    const stopInWriting = o.kill && o.trigger === 'writing' && HAS_PROC;
    const [program, ...first] = o.command;
    const child = spawn(program, [...first, '--corpus', o.corpus, '--index', o.indexDir, '--force'], {
      cwd: ROOT,
      // A kill aimed at writing is made sure to land there: the build stops itself after its first file
      // (src/index/stop-point.ts) and is killed once it is seen stopped, not after a delay a busy machine can miss.
      env: { ...process.env, ...o.env, LOG_LEVEL: 'silent', ...(stopInWriting ? { CITERA_STOP_AFTER_INDEX_WRITES: '1' } : {}) },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let phase = 'startup';
    const t0 = performance.now();
    const marks: Record<string, number> = {};
    const mark = (what: string) => (marks[what] ??= Math.round(performance.now() - t0));
    let writingStarted = false;
    let builderPid: number | null = null;
    let killed = false;
    let timer: NodeJS.Timeout | undefined;
    let readerChecks = 0;
    const readerProblems: string[] = [];
    const fire = () => {
      if (!o.kill || timer || killed) return;
      timer = setTimeout(() => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        killed = true;
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, stopInWriting ? 0 : o.delayMs);
    };
    child.stdout.resume();
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (killed) return;
      for (const m of d.matchAll(/^(reading|indexing|embedding|writing):/gm)) {
        phase = m[1]!;
        mark(phase);
        if (phase === o.trigger && !stopInWriting) fire();
      }
    });
    const before = new Set(readdirSync(o.indexDir));
    const watcher = watch(o.indexDir, (_e, f) => {
      if (killed || !f || !String(f).startsWith('tmp-') || before.has(String(f)) || !existsSync(join(o.indexDir, String(f)))) return;
      writingStarted = true;
      mark('tmp');
      builderPid = Number(/(\d+)$/.exec(String(f))?.[1]) || null;
      if (o.trigger === 'writing' && !stopInWriting) fire();
    });
    if (o.trigger === 'startup') fire();
    // The build that stopped itself in writing is killed as soon as it is seen stopped.
    const stopWatch = stopInWriting
      ? setInterval(() => {
          if (groupStopped(child.pid!)) {
            writingStarted = true;
            fire();
          }
        }, 10)
      : undefined;
    // A reader in this (other) process checks the live index all along the build.
    const reader = setInterval(() => {
      readerChecks++;
      const p = readerCheck(o.indexDir);
      if (p) readerProblems.push(p);
    }, 200);
    // A trigger whose phase never comes (say, a build too fast to print it) still kills, late.
    const fallback = o.kill ? setTimeout(fire, 30_000) : undefined;
    child.on('exit', async (code, signal) => {
      mark('exit');
      clearTimeout(timer);
      clearTimeout(fallback);
      clearInterval(reader);
      clearInterval(stopWatch);
      watcher.close();
      // tsx runs the program in a child node of its own: the run is over when the whole group has died (a zombie
      // waiting for init counts as dead, as it does for cleanIndexDir), not when tsx has.
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone
      }
      await groupDead(child.pid!);
      // A kill can cross the child's own end: the timer fires after the child has exited but before node has
      // reaped it (exitCode is still null then), and SIGKILL to a process group of zombies does nothing. Exit
      // code 0 and no signal: the build finished before the kill landed.
      const finished = !killed || (code === 0 && signal === null);
      resolveRun({ exitCode: code, signal, finished, phase: finished ? 'done' : phase, writingStarted, marks, builderPid, stderr, readerChecks, readerProblems });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { kills: { type: 'string', default: '20' }, seed: { type: 'string', default: '7' }, bulk: { type: 'string', default: '12000' }, dense: { type: 'boolean', default: false }, work: { type: 'string' } },
  });
  if (values.work && !existsSync(values.work)) mkdirSync(values.work, { recursive: true });
  const report = await crashReindex({ kills: Number(values.kills), seed: Number(values.seed), bulk: Number(values.bulk), dense: values.dense, work: values.work, log: (l) => console.log(l) });
  const byPhase: Record<string, number> = {};
  for (const run of report.runs) byPhase[run.phaseAtKill] = (byPhase[run.phaseAtKill] ?? 0) + 1;
  console.log(JSON.stringify({ kills: report.runs.length, killedIn: byPhase, withLeftovers: report.runs.filter((x) => x.leftovers.length).length, switchedBeforeKill: report.runs.filter((x) => x.result === 'after').length, completion: report.completion, problems: report.problems }, null, 2));
  process.exitCode = report.problems.length ? 1 : 0;
}
