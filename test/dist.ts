/**
 * The compiled JavaScript of the current sources (dist/, exactly what `npm run build` makes), for tests that
 * start many child processes: plain node starts a command in well under half the CPU time tsx takes (the seed
 * corpus: `npm run index` 1.1 against 2.8 CPU-seconds, `npm run ask` 1.8 against 3.8).
 *
 * `builtDist()` builds once and then only when a file under src/ or scripts/ (or tsconfig.json) has changed:
 * the hash of those files is kept beside the build, and checked in every test process that asks. Test files
 * running side by side take turns through the index lock (src/index/lock.ts) on a folder inside dist/, so one
 * builds and the others find the build fresh. A type error fails the tests that need the build, with tsc's
 * messages, as it fails `npm start` and the benchmark.
 *
 * The TypeScript path that `npm run index` and `npm run ask` take stays covered: test/reliability/bad-corpus,
 * test/index/lock and the fault-injection cases of test/cli/cli.test.ts run the commands through tsx.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { withIndexLock } from '../src/index/lock.js';
import { ROOT } from './helpers.js';

export const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.sources.sha256');
const BUILD_INFO = join(DIST, '.tsbuildinfo');

/** The hash of every file tsc reads from the project, and the compiled files those sources must yield. */
function sources(): { hash: string; outputs: string[] } {
  const h = createHash('sha256');
  const outputs: string[] = [];
  const add = (file: string) => {
    const rel = relative(ROOT, file);
    h.update(`${rel}\0`).update(readFileSync(file)).update('\0');
    if (rel.endsWith('.ts') && !rel.endsWith('.d.ts')) outputs.push(join(DIST, rel.replace(/\.ts$/, '.js')));
  };
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.isFile()) add(join(dir, e.name));
    }
  };
  walk(join(ROOT, 'src'));
  walk(join(ROOT, 'scripts'));
  add(join(ROOT, 'tsconfig.json'));
  return { hash: h.digest('hex'), outputs };
}

function runBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`npm run build failed (exit ${code}):\n${out}`))));
  });
}

let once: Promise<string> | null = null;

/** dist/ compiled from the sources as they are now (built here if it is not); resolves to the dist folder. */
export function builtDist(): Promise<string> {
  return (once ??= withIndexLock(join(DIST, '.build-lock'), { purpose: 'npm run build for the tests' }, async () => {
    const now = sources();
    const missing = now.outputs.some((f) => !existsSync(f));
    if (!missing && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === now.hash) return DIST;
    // tsc's incremental build does not notice a deleted output: forget what it knows, so it writes them all.
    if (missing) rmSync(BUILD_INFO, { force: true });
    rmSync(STAMP, { force: true });
    await runBuild();
    const lost = now.outputs.filter((f) => !existsSync(f));
    if (lost.length > 0) throw new Error(`npm run build did not write ${lost.slice(0, 3).join(', ')}`);
    writeFileSync(STAMP, now.hash);
    return DIST;
  }));
}

/** The command that runs `src/cli/<name>.ts` compiled: `node dist/src/cli/<name>.js`. */
export async function distCli(name: string): Promise<[string, string]> {
  return [process.execPath, join(await builtDist(), 'src', 'cli', name.replace(/\.ts$/, '.js'))];
}
