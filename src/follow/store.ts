/**
 * Follows (`/follow <words>`) in SQLite through better-sqlite3: one file, written in WAL mode, so follows survive
 * restarts and a copy of the file (`sqlite3 follows.db ".backup copy.db"`, or copying it while the bot is
 * stopped) is a backup. A follow belongs to a chat: made in a group, it alerts the group.
 *
 * The store also remembers which statements each chat was alerted about, so that a chat is told about a
 * statement at most once, however many of its follows match it and however often the statement is edited.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Lang } from '../types.js';

export interface Follow {
  id: number;
  chatId: number;
  /** The words as the user gave them (whitespace collapsed). */
  words: string;
  /** The language to alert in (the follower's Telegram language when they followed). */
  lang: Lang;
  createdAt: string;
}

export type FollowResult =
  | { kind: 'added'; follow: Follow; count: number }
  | { kind: 'exists'; follow: Follow; number: number }
  | { kind: 'limit'; limit: number }
  | { kind: 'invalid'; reason: 'empty' | 'too-long' };

/** A topic: the follows of one set of words (compared case-insensitively), across chats. */
export interface Topic {
  words: string;
  follows: Follow[];
}

export interface FollowStoreOptions {
  /** Most follows one chat may have. */
  maxPerChat: number;
  /** Longest words of one follow, in characters. */
  maxWordsLength: number;
}

export const DEFAULT_FOLLOW_OPTIONS: FollowStoreOptions = { maxPerChat: 20, maxWordsLength: 200 };

/** The database layout this code reads and writes (`PRAGMA user_version`). */
const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS follows (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  chat_id INTEGER NOT NULL,
  words TEXT NOT NULL,
  words_key TEXT NOT NULL,
  lang TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (chat_id, words_key)
);
CREATE INDEX IF NOT EXISTS follows_by_key ON follows (words_key);
CREATE TABLE IF NOT EXISTS alerted (
  chat_id INTEGER NOT NULL,
  statement_id TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (chat_id, statement_id)
) WITHOUT ROWID;
`;

interface Row {
  id: number;
  chat_id: number;
  words: string;
  lang: string;
  created_at: string;
}

const toFollow = (r: Row): Follow => ({ id: r.id, chatId: r.chat_id, words: r.words, lang: r.lang === 'sv' ? 'sv' : 'en', createdAt: r.created_at });

/** Collapses whitespace; the key compares words case-insensitively. */
export function normalizeWords(words: string): { words: string; key: string } {
  const w = words.replace(/\s+/g, ' ').trim();
  return { words: w, key: w.toLocaleLowerCase('sv') };
}

export class FollowStore {
  private constructor(
    private readonly db: Database.Database,
    readonly options: FollowStoreOptions,
    private readonly now: () => Date,
  ) {}

  /**
   * Opens (or creates) the follows database at `file` (`:memory:` for a throwaway one).
   *
   * @throws Error when the file was written by a newer version of the layout.
   */
  static open(file: string, options: Partial<FollowStoreOptions> = {}, now: () => Date = () => new Date()): FollowStore {
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      // WAL with NORMAL: a commit is not synced to disk on its own (a checkpoint is); a power cut may lose the last
      // few follows or alert claims, never the file. Each alert claims its row as it is sent: FULL would sync once per alert.
      db.pragma('synchronous = NORMAL');
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) throw new Error(`follows database ${file}: layout version ${version} is newer than this program's (${SCHEMA_VERSION}); upgrade citera or use another file`);
      db.exec(SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    } catch (e) {
      db.close();
      throw e;
    }
    return new FollowStore(db, { ...DEFAULT_FOLLOW_OPTIONS, ...options }, now);
  }

  /** Adds a follow for `chatId`, unless the chat follows the same words already or is at its limit. */
  follow(chatId: number, rawWords: string, lang: Lang = 'en'): FollowResult {
    const { words, key } = normalizeWords(rawWords);
    if (!/[\p{L}\p{N}]/u.test(words)) return { kind: 'invalid', reason: 'empty' };
    if (words.length > this.options.maxWordsLength) return { kind: 'invalid', reason: 'too-long' };
    return this.db.transaction((): FollowResult => {
      const existing = this.list(chatId);
      const same = existing.findIndex((f) => normalizeWords(f.words).key === key);
      if (same >= 0) return { kind: 'exists', follow: existing[same]!, number: same + 1 };
      if (existing.length >= this.options.maxPerChat) return { kind: 'limit', limit: this.options.maxPerChat };
      const r = this.db
        .prepare('INSERT INTO follows (chat_id, words, words_key, lang, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *')
        .get(chatId, words, key, lang, this.now().toISOString()) as Row;
      return { kind: 'added', follow: toFollow(r), count: existing.length + 1 };
    })();
  }

  /** The chat's follows in the order they were made; `/following` numbers them from 1. */
  list(chatId: number): Follow[] {
    return (this.db.prepare('SELECT * FROM follows WHERE chat_id = ? ORDER BY id').all(chatId) as Row[]).map(toFollow);
  }

  /** Removes the chat's follow number `n` (1-based, as `/following` shows it); null when there is none. */
  unfollow(chatId: number, n: number): Follow | null {
    if (!Number.isInteger(n) || n < 1) return null;
    const f = this.list(chatId)[n - 1];
    if (!f) return null;
    this.db.prepare('DELETE FROM follows WHERE id = ?').run(f.id);
    return f;
  }

  /** Every followed topic with its follows (one engine question per topic, however many follow it). */
  topics(): Topic[] {
    const rows = (this.db.prepare('SELECT * FROM follows ORDER BY words_key, id').all() as (Row & { words_key: string })[]);
    const byKey = new Map<string, Topic>();
    for (const r of rows) {
      const t = byKey.get(r.words_key);
      if (t) t.follows.push(toFollow(r));
      else byKey.set(r.words_key, { words: r.words, follows: [toFollow(r)] });
    }
    return [...byKey.values()];
  }

  /** How many follows there are, and in how many chats. */
  counts(): { follows: number; chats: number } {
    return this.db.prepare('SELECT COUNT(*) AS follows, COUNT(DISTINCT chat_id) AS chats FROM follows').get() as { follows: number; chats: number };
  }

  /**
   * Claims the alert about `statementId` for `chatId`: true the first time, false ever after (the chat was told,
   * or is being told). A send that fails for a passing reason gives the claim back with `release`.
   */
  claimAlert(chatId: number, statementId: string): boolean {
    return this.db.prepare('INSERT OR IGNORE INTO alerted (chat_id, statement_id, at) VALUES (?, ?, ?)').run(chatId, statementId, this.now().toISOString()).changes === 1;
  }

  releaseAlert(chatId: number, statementId: string): void {
    this.db.prepare('DELETE FROM alerted WHERE chat_id = ? AND statement_id = ?').run(chatId, statementId);
  }

  /** Forgets a chat the bot may no longer write to (403): its follows and its alert history. Returns the follows dropped. */
  dropChat(chatId: number): number {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM alerted WHERE chat_id = ?').run(chatId);
      return this.db.prepare('DELETE FROM follows WHERE chat_id = ?').run(chatId).changes;
    })();
  }

  /** A group became a supergroup (a new chat id): its follows and history move with it. */
  moveChat(from: number, to: number): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE OR IGNORE follows SET chat_id = ? WHERE chat_id = ?').run(to, from);
      this.db.prepare('UPDATE OR IGNORE alerted SET chat_id = ? WHERE chat_id = ?').run(to, from);
      this.db.prepare('DELETE FROM follows WHERE chat_id = ?').run(from);
      this.db.prepare('DELETE FROM alerted WHERE chat_id = ?').run(from);
    })();
  }

  close(): void {
    this.db.close();
  }
}
