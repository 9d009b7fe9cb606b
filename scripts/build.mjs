// Compiles src/ and scripts/ to dist/ (tsc, incremental) and copies the files tsc does not: the built-in lexicons and the answer model's weights.
// `npm start` and the benchmark's phases run the compiled JavaScript with plain node: the TypeScript loader
// (tsx) costs about 160 MiB of resident memory in a process that imports transformers.js, which a bot serving
// 79k statements within 1.5 GiB cannot spare. The command line tools keep running through tsx.
//
// A build with nothing to do writes nothing: tsc emits only what changed, and a data file is copied only when it
// differs, through a temporary file renamed into place, so a process running from dist/ meanwhile never reads a
// half-copied file (the tests start compiled commands while the benchmark smoke test builds again).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', path.join(root, 'scripts', 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
for (const f of ['src/text/lexicon.tsv', 'src/text/lexicon-sv-en.tsv', 'src/answer/model.json']) {
  const from = path.join(root, f);
  const to = path.join(root, 'dist', f);
  if (existsSync(to) && readFileSync(to).equals(readFileSync(from))) continue;
  const tmp = `${to}.tmp-${process.pid}`;
  copyFileSync(from, tmp);
  renameSync(tmp, to);
}
