import { beforeAll, describe, expect, it } from 'vitest';
import type { IndexManager } from '../../src/index/manager.js';
import { fixtureManager } from '../helpers.js';

// Five real police notices of shootings (test/fixtures/shootings.jsonl; none in an eval set). A question whose only
// words besides its places are those of the event ("Vem blev beskjuten i Fröslunda?") is answered by the sentence
// that says the event's word, not by the statement's first or most typical sentence; and the forms of
// "beskjuta" meet ("besköts" finds "beskjuten").
let m: IndexManager;
beforeAll(async () => {
  m = await fixtureManager('shootings.jsonl');
}, 60_000);

describe('the words of the event are what a question asks about when it has no others', () => {
  it('"Vem blev beskjuten …?" cites the sentence about who was shot', async () => {
    const a = await m.engine.ask('Vem blev beskjuten i Fröslunda i Eskilstuna?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]!.text).toBe('En man i 25-årsåldern har anträffats med allvarliga skador som tyder på att han har blivit beskjuten.');
    expect(a.answer).toBe('En man');
  });

  it('"besköts" finds "beskjuten" (one strong verb, all its forms)', async () => {
    const a = await m.engine.ask('Vad besköts på Jägersrovägen i Malmö?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]!.text).toBe('Flera uppringare berättar om skottlossning på Jägersrovägen där en lägenhet blivit beskjuten.');
  });
});
