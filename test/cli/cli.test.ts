import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, seedConfig } from '../helpers.js';

const tsx = join(ROOT, 'node_modules/.bin/tsx');

function cli(script: string, args: string[], env: Record<string, string>, input?: string) {
  return execFileSync(tsx, [join(ROOT, 'src/cli', script), ...args], { cwd: ROOT, env: { ...process.env, ...env }, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

describe('command line', () => {
  const config = seedConfig();
  const env = { CORPUS_PATHS: config.CORPUS_PATHS.join(','), INDEX_DIR: config.INDEX_DIR, EMBEDDING_MODEL: 'none' };

  it('indexes, answers with --json in the documented shape, and answers a batch on stdin in order', () => {
    expect(cli('index.ts', [], env)).toMatch(/indexed 1 statements, \d+ sentences/);
    const a = JSON.parse(cli('ask.ts', ['--json', 'How many are remanded?'], env));
    expect(Object.keys(a)).toEqual(['question', 'lang', 'answered', 'answer', 'citations', 'asks']);
    expect(Object.keys(a.citations[0])).toEqual(['text', 'docId', 'title', 'publisher', 'published', 'url', 'speaker', 'score', 'date', 'role']);
    expect(a.citations[0].text).toBe('Just nu sitter 380 personer häktade och cirka 100 av dem är från gängmiljön.');
    expect(a.answer).toBe('380');
    const lines = cli('ask.ts', ['--json'], env, '{"question":"How many are remanded?"}\n\n{"question":"När ingick staden och polisen sin samverkansöverenskommelse?"}\n').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).answer)).toEqual(['380', '2019']);
  }, 60_000);

  it('prints a readable answer with the statement and speaker', () => {
    const out = cli('ask.ts', ['How many are remanded?'], env);
    expect(out).toContain('Answer: 380');
    expect(out).toContain('“Just nu sitter 380 personer häktade och cirka 100 av dem är från gängmiljön.”');
    expect(out).toContain('— Mats Löfving');
  }, 60_000);

  it('explains the stages, says why it refuses, and takes answering parameters from a file', () => {
    const x = cli('ask.ts', ['--explain', 'Hur många av de häktade kommer från gängmiljön?'], env);
    expect(x).toMatch(/^asks for: count/m);
    expect(x).toMatch(/^concepts:\n  content häktade/m);
    expect(x).toMatch(/^statements \(1 candidates/m);
    expect(x).toContain('fact: count "cirka 100"');
    expect(x).toMatch(/^decision: answered {2}p=/m);
    const r = JSON.parse(cli('ask.ts', ['--json', 'Hur gammal är Mats Löfving?'], env));
    expect(r.answered).toBe(false);
    expect(r.reason).toBe('fact_not_present');
    expect(r.reasonText).toBe('Uttalandet säger inte det som frågas efter (en ålder).');
    // A threshold no answer reaches: every question is refused for low coverage.
    const params = join(config.INDEX_DIR, '..', 'params.json');
    writeFileSync(params, JSON.stringify({ threshold: 1 }));
    expect(JSON.parse(cli('ask.ts', ['--json', '--params', params, 'How many are remanded?'], env)).reason).toBe('low_coverage');
    writeFileSync(params, JSON.stringify({ thresold: 1 }));
    expect(() => cli('ask.ts', ['--params', params, 'How many are remanded?'], env)).toThrow(/params\.json: .*thresold|Unrecognized key/);
  }, 60_000);

  it('verifies quotes, one or a batch', () => {
    const v = JSON.parse(cli('verify.ts', ['--json', '--speaker', 'Anna König Jerlmyr', 'de som trodde de var onåbara är nu frihetsberövade'], env));
    expect(v.verdict).toBe('verbatim');
    expect(v.match.speaker).toBe('Mats Löfving');
    expect(v.speakerMatches).toBe(false);
    const lines = cli('verify.ts', ['--json'], env, '{"quote":"Vi kommer att anställa 500 nya poliser"}\nnot json\n').trim().split('\n');
    expect(JSON.parse(lines[0]!).verdict).toBe('not_found');
    expect(JSON.parse(lines[1]!).error).toMatch(/line 2: not JSON/);
    // The quote's own attribution is compared with the source's speaker.
    const own = JSON.parse(cli('verify.ts', ['--json', '”De som trodde de var onåbara är nu frihetsberövade”, sa Löfving'], env));
    expect(own).toMatchObject({ verdict: 'verbatim', claimedSpeaker: 'Löfving', speakerMatches: true });
  }, 60_000);

  it('builds a missing index on first ask, and fails with one clear line on a damaged one', () => {
    const fresh = join(config.INDEX_DIR, '..', 'fresh-index');
    expect(JSON.parse(cli('ask.ts', ['--json', '--index', fresh, 'How many are remanded?'], env)).answer).toBe('380');
    writeFileSync(join(fresh, 'CURRENT'), 'gen-000099\n');
    let err = '';
    try {
      cli('ask.ts', ['--index', fresh, 'hej'], env);
    } catch (e) {
      err = String((e as { stderr: string }).stderr);
    }
    expect(err).toMatch(/^✗ index at .*fresh-index: generation gen-000099 has no manifest \(half-written index\); rebuild it with `npm run index`/m);
  }, 60_000);
});
