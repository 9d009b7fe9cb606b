import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { IndexManager } from '../../src/index/manager.js';
import { seedConfig } from '../helpers.js';

// `docIds` asks a question of some statements only (the alerts of followed topics use it). The seed press
// release is in the index beside these, so every case also shows that it is left out when not named.
const FIRE = { id: 'f:target', title: 'Brand i lagerlokal', publisher: 'Räddningstjänsten Syd', published: '2026-01-02T10:00:00+01:00', url: 'https://example.org/lager', text: 'Under natten började det brinna i en lagerlokal på industriområdet. Räddningstjänsten fick larmet strax efter midnatt och var på plats efter tio minuter. Branden i Kävlinge släcktes under morgonen. Ingen person skadades, men lokalen är förstörd.' };
/**
 * Short notices that say Kävlinge more often, and so outrank the target in a search of the whole index: more
 * than the statement candidates (40) and, with two sentences each, than the sentence candidates (300).
 */
const LOUDER = Array.from({ length: 200 }, (_, i) => ({
  id: `f:loud-${i}`,
  title: `Kävlinge ${i}`,
  publisher: 'Kävlinge kommun',
  published: '2025-12-01T10:00:00+01:00',
  url: null,
  text: `Kävlinge kommun i Kävlinge informerar om Kävlinge ${i}. I Kävlinge, Kävlinge gäller detta från december.`,
}));

let m: IndexManager;
beforeAll(async () => {
  const config = seedConfig();
  writeFileSync(join(config.CORPUS_PATHS[0]!, 'f.jsonl'), [FIRE, ...LOUDER].map((s) => JSON.stringify(s)).join('\n') + '\n');
  m = await IndexManager.open(config, { buildIfMissing: true });
});

describe('ask with docIds', () => {
  it('answers from the named statements only, as the whole index would when they hold the answer', async () => {
    const q = 'Hur många sitter häktade?';
    const all = await m.engine.ask(q);
    expect(all.answered).toBe(true);
    const only = await m.engine.ask(q, { docIds: new Set([all.citations[0]!.docId]) });
    expect(only.answered).toBe(true);
    expect(only.citations[0]!.text).toBe(all.citations[0]!.text);
    expect(new Set(only.citations.map((c) => c.docId))).toEqual(new Set([all.citations[0]!.docId]));
  });

  it('refuses when the named statements do not answer, though others in the index do', async () => {
    const a = await m.engine.ask('Hur många sitter häktade?', { docIds: new Set(['f:target']) });
    expect(a.answered).toBe(false);
    expect(a.citations.every((c) => c.docId === 'f:target')).toBe(true);
  });

  it('finds a named statement that two hundred better matches outside the filter would push out of the candidates', async () => {
    // Asked of the whole index, the louder notices fill the statement candidates and the target is not cited.
    const all = await m.engine.ask('Kävlinge', { limit: 20 });
    expect(all.citations.some((c) => c.docId === 'f:target')).toBe(false);
    const a = await m.engine.ask('Kävlinge', { docIds: new Set(['f:target']) });
    expect(a.answered).toBe(true);
    expect(a.citations[0]).toMatchObject({ docId: 'f:target', text: 'Branden i Kävlinge släcktes under morgonen.' });
  });

  it('an unknown id or an empty set leaves nothing to cite', async () => {
    for (const ids of [new Set(['nope']), new Set<string>()]) {
      const a = await m.engine.ask('Hur många sitter häktade?', { docIds: ids });
      expect(a.answered).toBe(false);
      expect(a.citations).toEqual([]);
    }
  });
});
