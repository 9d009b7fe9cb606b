/**
 * Telegram allows 64 bytes of callback data per button, too few for a statement id and a sentence number. The
 * bot keeps the citations of recent answers in a small LRU map under a random short key and puts only the key
 * in the button. A key that is not there (old, from before a restart, or made up) is an expired button.
 */
import { randomBytes } from 'node:crypto';
import type { Citation, Lang } from '../types.js';

export interface StoredAnswer {
  lang: Lang;
  citations: Citation[];
  /** How many of the citations the answer message already shows. */
  shown: number;
}

export class CitationStore {
  private readonly map = new Map<string, StoredAnswer>();

  constructor(private readonly capacity = 2000) {}

  /** Stores an answer's citations; returns the key for its buttons (11 characters, URL-safe). */
  put(entry: StoredAnswer): string {
    let key: string;
    do key = randomBytes(8).toString('base64url');
    while (this.map.has(key));
    this.map.set(key, entry);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
    return key;
  }

  get(key: string): StoredAnswer | undefined {
    const v = this.map.get(key);
    if (v) {
      // refresh: most recently used last
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  get size(): number {
    return this.map.size;
  }
}

/** The two kinds of buttons under an answer. */
export type ButtonAction = { kind: 'context'; key: string; index: number } | { kind: 'more'; key: string };

export function encodeButton(a: ButtonAction): string {
  return a.kind === 'context' ? `c:${a.key}:${a.index}` : `m:${a.key}`;
}

/** Parses callback data made by `encodeButton`; null for anything else. */
export function decodeButton(data: string): ButtonAction | null {
  let m = /^c:([A-Za-z0-9_-]{1,22}):(\d{1,3})$/.exec(data);
  if (m) return { kind: 'context', key: m[1]!, index: Number(m[2]) };
  m = /^m:([A-Za-z0-9_-]{1,22})$/.exec(data);
  if (m) return { kind: 'more', key: m[1]! };
  return null;
}
