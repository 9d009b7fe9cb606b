import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openIndex } from '../../src/index/open.js';
import { currentGeneration } from '../../src/index/store.js';
import { builtDist } from '../dist.js';
import { ROOT, runNode, seedConfig } from '../helpers.js';
import { runCli } from './run-cli.js';

const SEED = 'press-release-stockholm-gang-violence.md';

/**
 * A command in a child process, compiled (`node dist/src/cli/<script>.js`, built from the current sources by
 * test/dist.ts): its stdout; rejects on a non-zero exit, with the exit code and both outputs. The compiled command
 * starts in less than half the CPU time of tsx; the cases that run through tsx as `npm run` does are the
 * fault-injection ones below. The child is awaited, never waited for synchronously: a test worker blocked for
 * long on a busy machine misses vitest's own 60-second heartbeat, and the run fails with every test passed.
 */
let dist = '';
async function cli(script: string, args: string[], env: Record<string, string>, input?: string): Promise<string> {
  if (!dist) throw new Error('dist/ is built in beforeAll');
  const r = await runNode([join(dist, 'src/cli', script.replace(/\.ts$/, '.js')), ...args], { ...process.env, ...env }, input);
  if (r.status !== 0) throw Object.assign(new Error(`${script} exited with ${r.status}: ${r.stderr}`), r);
  return r.stdout;
}

/** `node` with these arguments in a child process, its input given and closed: exit code and output, awaited. */
describe('command line', () => {
  const config = seedConfig();
  const env = { CORPUS_PATHS: config.CORPUS_PATHS.join(','), INDEX_DIR: config.INDEX_DIR, EMBEDDING_MODEL: 'none' };
  beforeAll(async () => {
    dist = await builtDist();
  });

  it('indexes, answers with --json in the documented shape, and answers a batch on stdin in order', async () => {
    expect(await cli('index.ts', [], env)).toMatch(/indexed 1 statements, \d+ sentences/);
    const a = JSON.parse(await cli('ask.ts', ['--json', 'How many are remanded?'], env));
    expect(Object.keys(a)).toEqual(['question', 'lang', 'answered', 'answer', 'citations', 'asks']);
    expect(Object.keys(a.citations[0])).toEqual(['text', 'docId', 'title', 'publisher', 'published', 'url', 'speaker', 'score', 'date', 'role']);
    expect(a.citations[0].text).toBe('Just nu sitter 380 personer häktade och cirka 100 av dem är från gängmiljön.');
    expect(a.answer).toBe('380');
    const lines = (await cli('ask.ts', ['--json'], env, '{"question":"How many are remanded?"}\n\n{"question":"När ingick staden och polisen sin samverkansöverenskommelse?"}\n')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).answer)).toEqual(['380', '2019']);
  }, 120_000);

  it('prints a readable answer with the statement and speaker', async () => {
    const out = await cli('ask.ts', ['How many are remanded?'], env);
    expect(out).toContain('Answer: 380');
    expect(out).toContain('“Just nu sitter 380 personer häktade och cirka 100 av dem är från gängmiljön.”');
    expect(out).toContain('— Mats Löfving');
  }, 120_000);

  it('explains the stages, says why it refuses, and takes answering parameters from a file', async () => {
    const x = await cli('ask.ts', ['--explain', 'Hur många av de häktade kommer från gängmiljön?'], env);
    expect(x).toMatch(/^asks for: count/m);
    expect(x).toMatch(/^concepts:\n  content häktade/m);
    expect(x).toMatch(/^statements \(1 candidates/m);
    expect(x).toContain('fact: count "cirka 100"');
    expect(x).toMatch(/^decision: answered {2}p=/m);
    const r = JSON.parse(await cli('ask.ts', ['--json', 'Hur gammal är Mats Löfving?'], env));
    expect(r.answered).toBe(false);
    expect(r.reason).toBe('fact_not_present');
    expect(r.reasonText).toBe('Uttalandet säger inte det som frågas efter (en ålder).');
    // A threshold no answer reaches: every question is refused for low coverage.
    const params = join(config.INDEX_DIR, '..', 'params.json');
    writeFileSync(params, JSON.stringify({ threshold: 1 }));
    expect(JSON.parse(await cli('ask.ts', ['--json', '--params', params, 'How many are remanded?'], env)).reason).toBe('low_coverage');
    writeFileSync(params, JSON.stringify({ thresold: 1 }));
    await expect(cli('ask.ts', ['--params', params, 'How many are remanded?'], env)).rejects.toThrow(/params\.json: .*thresold|Unrecognized key/);
  }, 120_000);

  it('verifies quotes, one or a batch', async () => {
    const v = JSON.parse(await cli('verify.ts', ['--json', '--speaker', 'Anna König Jerlmyr', 'de som trodde de var onåbara är nu frihetsberövade'], env));
    expect(v.verdict).toBe('verbatim');
    expect(v.match.speaker).toBe('Mats Löfving');
    expect(v.speakerMatches).toBe(false);
    const lines = (await cli('verify.ts', ['--json'], env, '{"quote":"Vi kommer att anställa 500 nya poliser"}\nnot json\n')).trim().split('\n');
    expect(JSON.parse(lines[0]!).verdict).toBe('not_found');
    expect(JSON.parse(lines[1]!).error).toMatch(/line 2: not JSON/);
    // The quote's own attribution is compared with the source's speaker.
    const own = JSON.parse(await cli('verify.ts', ['--json', '”De som trodde de var onåbara är nu frihetsberövade”, sa Löfving'], env));
    expect(own).toMatchObject({ verdict: 'verbatim', claimedSpeaker: 'Löfving', speakerMatches: true });
  }, 120_000);

  it('builds a missing index (INDEX_DIR) on first ask, and fails with one clear line on a damaged one', async () => {
    const fresh = join(config.INDEX_DIR, '..', 'fresh-index');
    expect(JSON.parse(await cli('ask.ts', ['--json', 'How many are remanded?'], { ...env, INDEX_DIR: fresh })).answer).toBe('380');
    writeFileSync(join(fresh, 'CURRENT'), 'gen-000099\n');
    let err = '';
    try {
      await cli('ask.ts', ['--index', fresh, 'hej'], env);
    } catch (e) {
      err = String((e as { stderr: string }).stderr);
    }
    expect(err).toMatch(/^✗ index at .*fresh-index: generation gen-000099 has no manifest \(half-written index\); rebuild it with `npm run index`/m);
  }, 120_000);
});

/** A command in a child process (for what must run apart: faults injected with --import), exit code and output. */
function cliChild(script: string, args: string[], env: Record<string, string>, preload: string[] = []): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return runNode([...preload.flatMap((p) => ['--import', p]), '--import', 'tsx', join(ROOT, 'src/cli', script), ...args], { ...process.env, ...env });
}

/** The live index's statement ids. */
const liveIds = (dir: string) => {
  const index = openIndex(dir, { model: null });
  return index.segments.flatMap((s) => s.data.docs.filter((_, i) => !s.deleted.has(i)).map((d) => d.id)).sort();
};

describe('nothing lost on a typo (issue 11, finding 1)', () => {
  it('a missing --corpus path fails the command and leaves the live index alone', async () => {
    const config = seedConfig();
    const env = { CORPUS_PATHS: config.CORPUS_PATHS.join(','), INDEX_DIR: config.INDEX_DIR, EMBEDDING_MODEL: 'none' };
    expect((await runCli('index.ts', [], env)).status).toBe(0);
    const gen = currentGeneration(config.INDEX_DIR);
    const r = await runCli('index.ts', ['--corpus', 'corpsu'], env);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('✗ corpus path corpsu (not found): check --corpus or CORPUS_PATHS; the live index was left as it was');
    expect(currentGeneration(config.INDEX_DIR)).toBe(gen);
    expect(liveIds(config.INDEX_DIR)).toEqual([SEED]);
  }, 120_000);

  it('a build that would drop more than half of the statements asks for --force', async () => {
    const config = seedConfig();
    const corpus = config.CORPUS_PATHS[0]!;
    for (const n of ['a', 'b']) writeFileSync(join(corpus, `${n}.md`), `---\ntitle: ${n}\n---\n\nKommunen öppnar ${n === 'a' ? 'tre' : 'fyra'} fritidsgårdar.\n`);
    const env = { CORPUS_PATHS: corpus, INDEX_DIR: config.INDEX_DIR, EMBEDDING_MODEL: 'none' };
    expect((await runCli('index.ts', [], env)).status).toBe(0);
    const gen = currentGeneration(config.INDEX_DIR);
    const only = join(corpus, 'a.md');
    const r = await runCli('index.ts', ['--corpus', only], env);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/^✗ this build would drop 2 of the 3 statements in .* \(the corpus now holds 1\); if that is intended, run it again with --force \(in the bot: \/reindex force\); the live index was left as it was$/);
    expect(currentGeneration(config.INDEX_DIR)).toBe(gen);
    expect((await runCli('index.ts', ['--corpus', only, '--force'], env)).status).toBe(0);
    expect(liveIds(config.INDEX_DIR)).toEqual(['a.md']);
  }, 120_000);

  it('ask and verify with an --index that holds no index say so and stop (nothing built)', async () => {
    const config = seedConfig();
    const env = { CORPUS_PATHS: config.CORPUS_PATHS.join(','), INDEX_DIR: config.INDEX_DIR, EMBEDDING_MODEL: 'none' };
    const typo = join(config.INDEX_DIR, '..', 'indx');
    for (const [script, words] of [['ask.ts', 'hej'], ['verify.ts', 'ett citat']] as const) {
      const r = await runCli(script, ['--index', typo, words], env);
      expect(r.status, script).toBe(1);
      expect(r.stderr.trim()).toBe(`✗ index at ${typo}: no index here; check the folder given with --index, or build one there with \`npm run index -- --index DIR\``);
      expect(existsSync(typo)).toBe(false);
    }
  }, 120_000);
});

describe('full disk and read-only places (issue 11, finding 8)', () => {
  const fault = join(ROOT, 'test/fault.mjs');

  it('a full disk while indexing is one line naming the place and the fix, and the live index stays', async () => {
    const config = seedConfig();
    const corpus = config.CORPUS_PATHS[0]!;
    const env = { CORPUS_PATHS: corpus, INDEX_DIR: config.INDEX_DIR, EMBEDDING_MODEL: 'none' };
    expect((await runCli('index.ts', [], env)).status).toBe(0);
    writeFileSync(join(corpus, 'new.md'), '---\ntitle: Ny\n---\n\nEn ny text om Lund.\n');
    const r = await cliChild('index.ts', [], { ...env, CITERA_FAIL_UNDER: config.INDEX_DIR, CITERA_FAIL_CODE: 'ENOSPC' }, [fault]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(`✗ cannot write to ${config.INDEX_DIR}: the disk is full (ENOSPC); free some space, then try again`);
    expect(liveIds(config.INDEX_DIR)).toEqual([SEED]);
  }, 120_000);

  it('a leftover tmp- folder on a read-only index is a warning: ask still answers', async () => {
    const config = seedConfig();
    const env = { CORPUS_PATHS: config.CORPUS_PATHS.join(','), INDEX_DIR: config.INDEX_DIR, EMBEDDING_MODEL: 'none' };
    expect((await runCli('index.ts', [], env)).status).toBe(0);
    mkdirSync(join(config.INDEX_DIR, 'tmp-000009-999999'));
    const r = await cliChild('ask.ts', ['--json', 'How many are remanded?'], { ...env, CITERA_FAIL_UNDER: config.INDEX_DIR, CITERA_FAIL_CODE: 'EROFS' }, [fault]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).answer).toBe('380');
    expect(r.stderr).toMatch(/^warning: could not remove the leftover .*tmp-000009-999999 \(EROFS\); it is harmless, remove it by hand when the folder is writable$/m);
  }, 120_000);

  it('INDEX_DIR pointing at a file is one line, not a stack trace', async () => {
    const config = seedConfig();
    const file = join(config.INDEX_DIR, '..', 'a-file');
    writeFileSync(file, 'not an index');
    const env = { CORPUS_PATHS: config.CORPUS_PATHS.join(','), INDEX_DIR: file, EMBEDDING_MODEL: 'none' };
    for (const script of ['index.ts', 'ask.ts']) {
      const r = await runCli(script, script === 'ask.ts' ? ['hej'] : [], env);
      expect(r.status, script).toBe(1);
      expect(r.stderr.trim(), script).toBe(`✗ index at ${file}: this is a file, not a folder; point INDEX_DIR (or --index) at a folder`);
    }
  }, 120_000);
});

describe('rough edges (issue 11)', () => {
  it('every command has --help, and an unknown option gets one line and the usage', async () => {
    for (const script of ['index.ts', 'ask.ts', 'verify.ts', 'eval.ts', 'corpus.ts']) {
      const help = await runCli(script, ['--help']);
      expect(help.status, script).toBe(0);
      expect(help.stdout, script).toMatch(/^usage: npm run \w+ -- .*\n\n.+\n[\s\S]*options:\n[\s\S]*-h, --help +show this help/);
      const bad = await runCli(script, ['--frobnicate']);
      expect(bad.status, script).toBe(1);
      expect(bad.stderr, script).toMatch(/^✗ unknown option --frobnicate\nusage: npm run \w+ -- .* \(--help for more\)\n$/);
    }
  }, 120_000);

  it('the labels follow the answer’s language, and dates read as people read them', async () => {
    const config = seedConfig();
    const corpus = config.CORPUS_PATHS[0]!;
    writeFileSync(join(corpus, 'dated.md'), '---\ntitle: Fritidsgårdar\npublisher: Kommunen\npublished: 2026-01-04T20:07:34.000+01:00\n---\n\nKommunen öppnar tre nya fritidsgårdar i Kävlinge.\n');
    const env = { CORPUS_PATHS: corpus, INDEX_DIR: config.INDEX_DIR, EMBEDDING_MODEL: 'none' };
    const sv = await runCli('ask.ts', ['Hur många fritidsgårdar öppnar kommunen?'], env);
    expect(sv.stdout).toContain('Svar: tre');
    expect(sv.stdout).toContain('    Uttalande: Fritidsgårdar [dated.md]\n    Publicerat av Kommunen, 4 januari 2026\n    Läs det på: (ingen offentlig adress)');
    const en = await runCli('ask.ts', ['How many are remanded?'], env);
    expect(en.stdout).toContain('    Published by ');
    expect(en.stdout).toContain('date unknown');
  }, 60_000);

  it('a setting that is not a whole number says so', async () => {
    const r = await runCli('ask.ts', ['hej'], { MAX_CITATIONS: 'abc' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('✗ MAX_CITATIONS: expected a whole number, got "abc" (see .env.example)');
  }, 120_000);
});
