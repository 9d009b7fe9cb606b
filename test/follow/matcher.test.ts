import { beforeAll, describe, expect, it } from 'vitest';
import { EngineFollowMatcher } from '../../src/follow/matcher.js';
import type { IndexManager } from '../../src/index/manager.js';
import { followEngine } from './engine.js';

// The matcher goes through the engine's own ranking and refusal gate: these cases are what bare keyword hits get wrong.
describe('EngineFollowMatcher', () => {
  let manager: IndexManager;
  let matcher: EngineFollowMatcher;
  beforeAll(async () => {
    manager = await followEngine();
    matcher = new EngineFollowMatcher(() => manager.engine);
  }, 60_000);

  it('a new statement that answers the words matches, with its best sentence verbatim', async () => {
    const [c, ...rest] = await matcher.match('Rinkeby', ['k:2']);
    expect(rest).toEqual([]);
    expect(c).toMatchObject({ docId: 'k:2', text: 'Polisen larmades strax efter klockan 18 om skottlossning i Rinkeby.', url: 'https://example.org/skott' });
  });

  it('one word (a place) is a follow too', async () => {
    expect((await matcher.match('Kävlinge', ['k:1', 'k:3'])).map((c) => c.docId)).toEqual(['k:1']);
  });

  it('every new statement that answers the words matches, each with its own sentence', async () => {
    const got = await matcher.match('Kävlinge', ['k:1', 'k:3', 'k:4']);
    expect(got.map((c) => c.docId).sort()).toEqual(['k:1', 'k:4']);
  });

  it('words the engine refuses match nothing, though one of them occurs in the statement', async () => {
    // "skottlossning" is in k:2, Malmö is nowhere: the engine does not answer, so there is no alert.
    expect(await matcher.match('skottlossning Malmö', ['k:2'])).toEqual([]);
  });

  it('only the statements asked about count: an answer from older statements is no match', async () => {
    expect(await matcher.match('häktade gängmiljön', ['k:3'])).toEqual([]);
    expect(await matcher.match('bibliotek öppettider', ['k:1', 'k:2'])).toEqual([]);
  });

  it('no statements, no question asked', async () => {
    let asked = 0;
    const m = new EngineFollowMatcher(() => ({ ask: async () => (asked++, manager.engine.ask('x')) }));
    expect(await m.match('Kävlinge', [])).toEqual([]);
    expect(asked).toBe(0);
  });
});
