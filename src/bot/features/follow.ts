/**
 * Following topics: `/follow <words>`, `/following` (a numbered list), `/unfollow N`. A follow belongs to the
 * chat it was made in: made in a group, it alerts the group. The replies are functions of the store
 * (src/follow/commands.ts); the alerts themselves are sent after each sync (src/follow/alerts.ts, wired in app.ts).
 */
import { Composer, type Context } from 'grammy';
import { followingReply, followReply, unfollowReply } from '../../follow/commands.js';
import type { FollowStore } from '../../follow/store.js';
import type { Lang } from '../../types.js';
import { uiLang, type BotKit, type Feature } from '../kit.js';

/** The command menu entries of following (added to the bot's menu when sources are polled). */
export const FOLLOW_COMMANDS: Record<Lang, { command: string; description: string }[]> = {
  sv: [
    { command: 'follow', description: 'Följ ett ämne: /follow ord' },
    { command: 'following', description: 'Vad chatten följer' },
    { command: 'unfollow', description: 'Sluta följa: /unfollow nummer' },
  ],
  en: [
    { command: 'follow', description: 'Follow a topic: /follow words' },
    { command: 'following', description: 'What this chat follows' },
    { command: 'unfollow', description: 'Stop following: /unfollow number' },
  ],
};

export function followFeature(kit: BotKit, store: FollowStore): Feature {
  const composer = new Composer<Context>();
  composer.command('follow', (ctx) => kit.sendHtml(ctx, followReply(store, ctx.chat.id, ctx.match, uiLang(ctx))).then(() => undefined));
  composer.command('following', (ctx) => kit.sendHtml(ctx, followingReply(store, ctx.chat.id, uiLang(ctx))).then(() => undefined));
  composer.command('unfollow', (ctx) => kit.sendHtml(ctx, unfollowReply(store, ctx.chat.id, ctx.match, uiLang(ctx))).then(() => undefined));
  return {
    name: 'follow',
    commands: ['follow', 'following', 'unfollow'],
    composer,
    help: (lang) => [
      lang === 'sv'
        ? '/follow <i>ord</i> – få ett meddelande när ett nytt uttalande svarar på orden (/following listar, /unfollow N slutar)'
        : '/follow <i>words</i> – be told when a new statement answers them (/following lists, /unfollow N stops one)',
    ],
  };
}
