import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { followingReply, followReply, unfollowReply } from '../../src/follow/commands.js';
import { FollowStore } from '../../src/follow/store.js';
import { tempDir } from '../helpers.js';

const fresh = () => FollowStore.open(join(tempDir('citera-follow-'), 'follows.db'));

describe('FollowStore', () => {
  it('a chat may follow at most 20 topics; the same words twice (any case, any spacing) is one follow', () => {
    const s = fresh();
    for (let i = 1; i <= 20; i++) expect(s.follow(1, `ämne ${i}`)).toMatchObject({ kind: 'added', count: i });
    expect(s.follow(1, 'ämne 21')).toEqual({ kind: 'limit', limit: 20 });
    expect(s.follow(1, '  ÄMNE   3 ')).toMatchObject({ kind: 'exists', number: 3, follow: { words: 'ämne 3' } });
    expect(s.follow(2, 'ämne 21')).toMatchObject({ kind: 'added', count: 1 }); // other chats have their own limit
    expect(s.list(1)).toHaveLength(20);
    s.close();
  });

  it('refuses words with no letter or digit, and overlong words', () => {
    const s = fresh();
    expect(s.follow(1, ' ?! ')).toEqual({ kind: 'invalid', reason: 'empty' });
    expect(s.follow(1, 'a'.repeat(201))).toEqual({ kind: 'invalid', reason: 'too-long' });
    expect(s.list(1)).toEqual([]);
  });

  it('follows survive a restart (the database file reopened)', () => {
    const file = join(tempDir('citera-follow-'), 'sub', 'follows.db');
    const a = FollowStore.open(file);
    a.follow(-1001, 'skottlossning Rinkeby', 'sv');
    a.follow(-1001, 'Kävlinge', 'sv');
    a.follow(42, 'bibliotek', 'en');
    expect(a.claimAlert(42, 'x:1')).toBe(true);
    a.close();
    const b = FollowStore.open(file);
    expect(b.list(-1001).map((f) => [f.words, f.lang])).toEqual([['skottlossning Rinkeby', 'sv'], ['Kävlinge', 'sv']]);
    expect(b.list(42).map((f) => f.words)).toEqual(['bibliotek']);
    expect(b.claimAlert(42, 'x:1')).toBe(false); // the alert history survives too
    b.close();
  });

  it('unfollow N removes the Nth of /following; the numbers after it move up', () => {
    const s = fresh();
    for (const w of ['a1', 'b2', 'c3']) s.follow(7, w);
    expect(s.unfollow(7, 2)?.words).toBe('b2');
    expect(s.list(7).map((f) => f.words)).toEqual(['a1', 'c3']);
    expect(s.unfollow(7, 3)).toBeNull();
    expect(s.unfollow(7, 0)).toBeNull();
    expect(s.unfollow(8, 1)).toBeNull();
    expect(s.unfollow(7, 2)?.words).toBe('c3');
  });

  it('topics group the follows of the same words across chats', () => {
    const s = fresh();
    s.follow(1, 'Kävlinge');
    s.follow(2, 'kävlinge');
    s.follow(2, 'Malmö');
    expect(s.topics().map((t) => [t.words, t.follows.map((f) => f.chatId)])).toEqual([['Kävlinge', [1, 2]], ['Malmö', [2]]]);
    expect(s.counts()).toEqual({ follows: 3, chats: 2 });
  });

  it('an alert is claimed once per chat and statement; a claim can be given back', () => {
    const s = fresh();
    expect(s.claimAlert(1, 's:1')).toBe(true);
    expect(s.claimAlert(1, 's:1')).toBe(false);
    expect(s.claimAlert(2, 's:1')).toBe(true);
    s.releaseAlert(1, 's:1');
    expect(s.claimAlert(1, 's:1')).toBe(true);
  });

  it('dropping a chat removes its follows and history; moving one (group → supergroup) keeps them', () => {
    const s = fresh();
    s.follow(-5, 'x');
    s.follow(-5, 'y');
    s.follow(9, 'x');
    s.claimAlert(-5, 's:1');
    s.moveChat(-5, -1005);
    expect(s.list(-5)).toEqual([]);
    expect(s.list(-1005).map((f) => f.words)).toEqual(['x', 'y']);
    expect(s.claimAlert(-1005, 's:1')).toBe(false);
    expect(s.dropChat(-1005)).toBe(2);
    expect(s.list(-1005)).toEqual([]);
    expect(s.list(9)).toHaveLength(1);
  });

  it('a database written by a newer layout is refused, not changed', () => {
    const file = join(tempDir('citera-follow-'), 'follows.db');
    const db = new Database(file);
    db.pragma('user_version = 9');
    db.close();
    expect(() => FollowStore.open(file)).toThrow(/layout version 9 is newer than this program's \(1\)/);
  });
});

describe('follow commands', () => {
  it('/follow, /following (numbered), /unfollow N, in the chat language', () => {
    const s = fresh();
    expect(followReply(s, 1, '', 'en')).toMatch(/^Send \/follow and the words/);
    expect(followReply(s, 1, 'skottlossning <Rinkeby>', 'en')).toBe('Following “skottlossning &lt;Rinkeby&gt;” (1 of 20). When a new or updated statement answers it, you get the cited sentence here. /following lists your follows.');
    expect(followReply(s, 1, 'Kävlinge', 'sv')).toMatch(/^Du följer nu ”Kävlinge” \(2 av 20\)/);
    expect(followReply(s, 1, 'kävlinge', 'sv')).toBe('Du följer redan ”Kävlinge” (nummer 2 i /following).');
    expect(followingReply(s, 1, 'en')).toBe('This chat follows (2 of 20):\n1. skottlossning &lt;Rinkeby&gt;\n2. Kävlinge\n\nStop one with /unfollow and its number.');
    expect(unfollowReply(s, 1, 'two', 'en')).toMatch(/^Send \/unfollow and the number/);
    expect(unfollowReply(s, 1, '5', 'en')).toBe('There is no follow number 5; /following lists numbers 1 to 2.');
    expect(unfollowReply(s, 1, '1', 'en')).toBe('Stopped following “skottlossning &lt;Rinkeby&gt;”.');
    expect(followingReply(s, 1, 'en')).toBe('This chat follows (1 of 20):\n1. Kävlinge\n\nStop one with /unfollow and its number.');
    expect(followingReply(s, 2, 'sv')).toMatch(/^Den här chatten följer inget ännu/);
  });
});
