import { beforeAll, describe, expect, it } from 'vitest';
import type { IndexManager } from '../../src/index/manager.js';
import { fixtureManager } from '../helpers.js';

// Two real police notices (test/fixtures/national.jsonl; in no eval set). One, a lorry check near Umeå, names
// Sweden five times in passing. A question about the whole country asks for national figures, which no local
// notice gives: it is refused, though "Sverige" occurs in the text.
let m: IndexManager;
beforeAll(async () => {
  m = await fixtureManager('national.jsonl');
}, 60_000);

describe('a question about the whole country', () => {
  it.each(['Hur mycket sanktionsavgift betalade åkerier i hela Sverige?', 'how much in penalty fees did hauliers pay in sweden in total?'])('%s is refused', async (q) => {
    const a = await m.engine.ask(q);
    expect(a.answered).toBe(false);
    expect(a.reason?.code).toBe('place_not_matched');
  });

  it('the same question about the place of the notice is answered', async () => {
    const a = await m.engine.ask('Hur mycket sanktionsavgift fick företaget totalt vid kontrollen i Umeå?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]!.text).toBe('Företaget som föraren körde för fick totalt 120 000 kronor i sanktionsavgift.');
    expect(a.answer).toBe('120 000 kronor');
  });
});
