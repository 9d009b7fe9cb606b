import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { QuestionCase } from '../../src/answer/evaluate.js';
import { HAS_SHARED, ROOT, SHARED } from '../helpers.js';

// The written tune sets (test/eval/written-*.jsonl): questions written for this project, blind to the code, from
// police notices in no shared eval set. They are fitted on, so they must say what their notices say: every
// expected fragment verbatim in its notice, every short answer in the sentence of the first fragment, no notice
// of the shared sets.
const sets = readdirSync(join(ROOT, 'test/eval')).filter((f) => /^written-\d+\.jsonl$/.test(f));
const cases = sets.flatMap((f) =>
  readFileSync(join(ROOT, 'test/eval', f), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => ({ file: f, ...(JSON.parse(l) as QuestionCase) })),
);

describe('the written tune sets', () => {
  it('have unique ids and the fields of the shared sets', () => {
    expect(sets.length).toBeGreaterThanOrEqual(4);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const c of cases) {
      expect(typeof c.question).toBe('string');
      expect(['en', 'sv']).toContain(c.lang);
      if (c.expect === null) expect(c.answer).toBeNull();
      else expect(c.doc).not.toBeNull();
    }
  });

  it.skipIf(!HAS_SHARED)('quote their notices verbatim, and none is a notice of the shared eval sets', async () => {
    const shared = new Set<string>();
    for (const f of readdirSync(join(SHARED, 'eval'))) {
      for (const l of readFileSync(join(SHARED, 'eval', f), 'utf8').split('\n')) if (l.trim()) shared.add(String((JSON.parse(l) as { doc?: unknown }).doc ?? ''));
    }
    const wanted = new Set(cases.filter((c) => c.doc !== null && c.doc !== undefined).map((c) => String(c.doc)));
    const texts = new Map<string, string[]>();
    const lines = createInterface({ input: createReadStream(join(SHARED, 'data/polisen-events.jsonl.gz')).pipe(createGunzip()) });
    for await (const l of lines) {
      const id = /^\{"id":\s*(\d+)/.exec(l)?.[1];
      if (id && !wanted.has(id)) continue;
      const r = JSON.parse(l) as { id: number; preamble: string | null; paragraphs: string[] };
      if (wanted.has(String(r.id))) texts.set(String(r.id), [r.preamble ?? '', ...r.paragraphs]);
    }
    const wrong: string[] = [];
    for (const c of cases) {
      if (c.doc === null || c.doc === undefined) continue;
      if (shared.has(String(c.doc))) wrong.push(`${c.id}: notice ${c.doc} is in a shared eval set`);
      const paras = texts.get(String(c.doc));
      if (!paras) {
        wrong.push(`${c.id}: notice ${c.doc} not found`);
        continue;
      }
      for (const e of c.expect ?? []) if (!paras.some((p) => p.includes(e))) wrong.push(`${c.id}: "${e}" not in notice ${c.doc}`);
      if (c.answer && c.expect && !paras.some((p) => p.includes(c.expect![0]!) && p.includes(c.answer!))) wrong.push(`${c.id}: answer "${c.answer}" not beside its fragment`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
