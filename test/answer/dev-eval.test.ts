import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateQuestions, evaluateQuotes, type QuestionCase, type QuoteCase } from '../../src/answer/evaluate.js';
import { loadConfig } from '../../src/config.js';
import { IndexManager } from '../../src/index/manager.js';
import { HAS_SHARED, ROOT, SHARED, seedManager, tempDir } from '../helpers.js';

const read = <T>(f: string): T[] =>
  readFileSync(join(SHARED, 'eval', f), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

describe.skipIf(!HAS_SHARED)('dev set on the seed corpus', () => {
  it('answers every seed question at hit@1 with the right short answer, refuses the rest, checks every quote', async () => {
    const m = await seedManager();
    const cases = read<QuestionCase & { id: string }>('dev-questions.jsonl').filter((c) => c.id.startsWith('seed'));
    const q = await evaluateQuestions(m.engine, cases);
    expect(q.results.filter((r) => r.answerable && r.rank !== 1).map((r) => r.id)).toEqual([]);
    expect(q.summary.shortAnswerAccuracy).toBe(1);
    expect(q.summary.refusalAccuracy).toBe(1);
    const v = await evaluateQuotes(m.engine, read<QuoteCase>('dev-quotes.jsonl'));
    expect(v.results.filter((r) => !r.verdictRight || !r.speakerRight)).toEqual([]);
  }, 60_000);
});

describe.skipIf(!HAS_SHARED)('dev set on the whole events corpus (79,437 notices)', () => {
  let m: IndexManager;
  beforeAll(async () => {
    const dir = tempDir();
    const config = loadConfig({
      CORPUS_PATHS: `${join(ROOT, 'corpus')},${join(SHARED, 'data/polisen-events.jsonl.gz')}`,
      INDEX_DIR: join(dir, 'index'),
      EMBEDDING_MODEL: 'none',
    });
    m = await IndexManager.open(config, { buildIfMissing: true });
  }, 120_000);

  it('finds the event questions at hit@3 for at least 80% and refuses the unanswerable ones', async () => {
    const cases = read<QuestionCase & { id: string }>('dev-questions.jsonl').filter((c) => c.id.startsWith('ev'));
    const q = await evaluateQuestions(m.engine, cases);
    console.log('events dev set:', JSON.stringify(q.summary));
    expect(q.summary.hitAt3).toBeGreaterThanOrEqual(0.8);
    expect(q.results.filter((r) => !r.answerable && r.answered).map((r) => r.id)).toEqual([]);
  }, 60_000);
});
