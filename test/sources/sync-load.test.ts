/**
 * Questions keep being answered while a sync adds 5,000 statements (through the corpus service, as the bot does).
 * How long the longest pause is depends on the machine: `npm run bench:sync` measures and prints it. This test
 * checks only that every question asked during the sync got its answer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureSyncLoad, syntheticStatements } from '../../scripts/bench/sync-load.js';
import { ROOT, tempDir } from '../helpers.js';

describe('answering during a sync', () => {
  it('every question asked while a sync adds 5,000 statements is answered; then the index holds them', async () => {
    const seed = readFileSync(join(ROOT, 'corpus', 'press-release-stockholm-gang-violence.md'), 'utf8').split('---\n')[2]!;
    const r = await measureSyncLoad({
      work: tempDir('citera-syncload-'),
      base: [{ id: 'seed', title: 'Stockholms stad och Polisregion Stockholm intensifierar arbetet mot det dödliga gängvåldet', text: seed }],
      added: syntheticStatements(5000, 'load-'),
      questions: ['Hur många sitter häktade?', 'How many are remanded?'],
      baseline: 10,
    });
    expect(r.summary).toMatchObject({ error: null, new: 5000 });
    expect(r.after).toBe(r.before + 5000);
    expect(r.during.length).toBeGreaterThan(0);
    for (const q of r.during) {
      expect(q.error).toBeNull();
      expect(q.answer).toMatchObject({ answered: true, answer: '380' });
    }
  });
});
