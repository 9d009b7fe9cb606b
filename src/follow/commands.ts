/**
 * `/follow <words>`, `/following` and `/unfollow N` as functions from the store and the command's text to the
 * reply (Telegram HTML). The bot's `follow` Composer only passes the chat id, the text after the command and the
 * user's language, and sends what these return.
 */
import { escapeHtml } from '../bot/format.js';
import type { Lang } from '../types.js';
import { followMessages } from './messages.js';
import type { FollowStore } from './store.js';

/** `/follow <words>`: adds a follow for the chat (a group's follow alerts the group). */
export function followReply(store: FollowStore, chatId: number, args: string, lang: Lang): string {
  const m = followMessages(lang);
  if (!args.trim()) return m.usage;
  const r = store.follow(chatId, args, lang);
  switch (r.kind) {
    case 'added':
      return m.added(escapeHtml(r.follow.words), r.count, store.options.maxPerChat);
    case 'exists':
      return m.exists(escapeHtml(r.follow.words), r.number);
    case 'limit':
      return m.limit(r.limit);
    case 'invalid':
      return r.reason === 'empty' ? m.usage : m.tooLong(store.options.maxWordsLength);
  }
}

/** `/following`: the chat's follows, numbered from 1. */
export function followingReply(store: FollowStore, chatId: number, lang: Lang): string {
  const m = followMessages(lang);
  const follows = store.list(chatId);
  if (follows.length === 0) return m.none;
  return m.list(follows.map((f, i) => `${i + 1}. ${escapeHtml(f.words)}`), follows.length, store.options.maxPerChat);
}

/** `/unfollow N`: removes follow number N. */
export function unfollowReply(store: FollowStore, chatId: number, args: string, lang: Lang): string {
  const m = followMessages(lang);
  const x = args.trim().replace(/^#/, '');
  if (!/^\d{1,6}$/.test(x)) return m.unfollowUsage;
  const removed = store.unfollow(chatId, Number(x));
  return removed ? m.unfollowed(escapeHtml(removed.words)) : m.unfollowMissing(x, store.list(chatId).length);
}
