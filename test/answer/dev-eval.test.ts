import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateQuestions, evaluateQuotes, splitOf, type QuestionCase, type QuoteCase } from '../../src/answer/evaluate.js';
import { loadConfig } from '../../src/config.js';
import { IndexManager } from '../../src/index/manager.js';
import { HAS_SHARED, ROOT, SHARED, tempDir } from '../helpers.js';

const read = <T>(f: string): T[] =>
  readFileSync(join(SHARED, 'eval', f), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

describe('the tune/check split', () => {
  it('is fixed by the id alone', () => {
    // SHA-256 of the id, first byte even → tune.
    expect(['A-001', 'A-002', 'A-004', 'A-005'].map(splitOf)).toEqual(['tune', 'tune', 'check', 'tune']);
  });
});

// The CHECK half of dev-questions-2 (questions written without sight of the code; the model and every rule were
// fitted on the other half and on the written sets of test/eval), over corpus/ and all 79,437 notices, lexical
// search. The figures asserted are the ones measured when this was written (hit@3 0.870, en 0.900, sv 0.833,
// hit@1 0.759, short answers 0.704, refusals 0.889: 8 of 9), rounded down, so that a change that loses answers on
// questions nobody tuned for fails here. The targets for hit@3 (0.80, 0.75 per language), hit@1 (0.65),
// short answers (0.70) and refusals (0.85) are met; see the README's quality table.
describe.skipIf(!HAS_SHARED)('check half of the dev questions over the whole events corpus', () => {
  let m: IndexManager;
  beforeAll(async () => {
    const dir = tempDir();
    const config = loadConfig({
      CORPUS_PATHS: `${join(ROOT, 'corpus')},${join(SHARED, 'data/polisen-events.jsonl.gz')}`,
      INDEX_DIR: join(dir, 'index'),
      EMBEDDING_MODEL: 'none',
      LOG_LEVEL: 'silent',
    });
    m = await IndexManager.open(config, { buildIfMissing: true });
  }, 300_000);

  it('answers with the right sentence, in both languages, and refuses what the statements do not answer', async () => {
    const cases = read<QuestionCase>('dev-questions-2.jsonl').filter((c) => splitOf(c.id) === 'check');
    const q = await evaluateQuestions(m.engine, cases);
    console.log('check half:', JSON.stringify(q.summary), 'en:', JSON.stringify(q.byLang.en), 'sv:', JSON.stringify(q.byLang.sv));
    expect(q.summary.hitAt3).toBeGreaterThanOrEqual(0.87);
    expect(q.byLang.en!.hitAt3).toBeGreaterThanOrEqual(0.9);
    expect(q.byLang.sv!.hitAt3).toBeGreaterThanOrEqual(0.83);
    expect(q.summary.hitAt1).toBeGreaterThanOrEqual(0.75);
    expect(q.summary.shortAnswerAccuracy).toBeGreaterThanOrEqual(0.7);
    expect(q.summary.refusalAccuracy).toBeGreaterThanOrEqual(0.88);
  }, 120_000);

  it('checks every quote: verdicts all right, speakers at least 95%', async () => {
    const v = await evaluateQuotes(m.engine, [...read<QuoteCase>('dev-quotes.jsonl'), ...read<QuoteCase>('dev-quotes-2.jsonl')]);
    expect(v.results.filter((r) => !r.verdictRight).map((r) => r.id)).toEqual([]);
    expect(v.summary.speakerAccuracy).toBeGreaterThanOrEqual(0.95);
  }, 60_000);

  it('answers the /help examples with the notices beside the seed', async () => {
    const now = new Date('2026-11-30T12:00:00Z');
    const remanded = await m.engine.ask('How many are remanded?', { now });
    expect(remanded.answered).toBe(true);
    // A count of people remanded, cut from a sentence that says so.
    expect(remanded.citations[0]!.text).toMatch(/häkta/);
    expect(remanded.citations[0]!.text).toContain(remanded.answer!);
    const sv = await m.engine.ask('Hur många sitter häktade?', { now });
    expect(sv.answered).toBe(true);
    expect(sv.citations[0]!.text).toMatch(/häkta/);
    const chief = await m.engine.ask('Vem är regionpolischef i Stockholm?', { now });
    expect(chief.answer).toBe('Mattias Andersson');
    expect(chief.citations.some((c) => c.role === 'also' && c.text.includes('Mats Löfving'))).toBe(true);
  }, 60_000);
});
