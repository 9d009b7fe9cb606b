/**
 * Questions: /start and /help, any other text as a question (answered with cited sentences and buttons), the
 * buttons under answers (context, more sources), and a hint for anything else in a private chat. Registered
 * last: its text handler takes every message no other feature took.
 */
import { Composer, InlineKeyboard, type Context } from 'grammy';
import { CitationStore, decodeButton, encodeButton } from '../citations.js';
import { escapeHtml, formatAnswer, formatContext, formatDate, formatMoreSources } from '../format.js';
import type { BotKit, Feature } from '../kit.js';
import { escapeRegExp, langHint, uiLang } from '../kit.js';
import { t } from '../messages.js';

/** Removes `@botname` mentions from a message. */
function stripMention(text: string, username: string): string {
  return text.replace(new RegExp(`(^|\\s)@${escapeRegExp(username)}\\b`, 'gi'), ' ').replace(/\s+/g, ' ').trim();
}

export function questionsFeature(kit: BotKit): Feature {
  const { backend } = kit;
  const composer = new Composer<Context>();
  const store = new CitationStore();

  // --- /start, /help
  composer.command(['start', 'help'], async (ctx) => {
    const s = backend.engine.status();
    const lang = uiLang(ctx);
    await kit.sendHtml(
      ctx,
      t(lang).help({
        statements: s.statements,
        sentences: s.sentences,
        from: s.oldest ? formatDate(s.oldest, lang) : null,
        to: s.newest ? formatDate(s.newest, lang) : null,
        admin: kit.isAdmin(ctx),
        bot: escapeHtml(ctx.me.username),
        more: kit.featureHelp(lang, kit.isAdmin(ctx)),
      }),
    );
  });

  // --- Buttons under answers
  composer.on('callback_query:data', async (ctx) => {
    const action = decodeButton(ctx.callbackQuery.data);
    const entry = action ? store.get(action.key) : undefined;
    const lang = entry?.lang ?? uiLang(ctx);
    const m = t(lang);
    if (!action || !entry || !ctx.chat) {
      await ctx.answerCallbackQuery({ text: m.expired, show_alert: true });
      return;
    }
    const replyTo = ctx.callbackQuery.message?.message_id;
    if (action.kind === 'more') {
      await ctx.answerCallbackQuery();
      await kit.sendHtml(ctx, formatMoreSources(entry.citations.slice(entry.shown), lang, entry.shown + 1), undefined, replyTo);
      return;
    }
    const c = entry.citations[action.index];
    if (!c) {
      await ctx.answerCallbackQuery({ text: m.expired, show_alert: true });
      return;
    }
    const context = backend.engine.context(c.docId, c.sentence, 2);
    if (!context || context.sentence !== c.text) {
      await ctx.answerCallbackQuery({ text: m.contextGone, show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await kit.sendHtml(ctx, formatContext(context, lang, c), undefined, replyTo);
  });
  composer.on('callback_query', (ctx) => ctx.answerCallbackQuery({ text: t(uiLang(ctx)).expired }));

  // --- Questions: any other text
  composer.on('message:text', async (ctx) => {
    const msg = ctx.message;
    const first = msg.entities?.[0];
    if (first && first.type === 'bot_command' && first.offset === 0) {
      // A command no handler took: another bot's in a group, or unknown.
      const cmd = msg.text.slice(0, first.length);
      const at = cmd.indexOf('@');
      const forOther = at >= 0 && cmd.slice(at + 1).toLowerCase() !== ctx.me.username.toLowerCase();
      if (ctx.chat.type === 'private' || (!forOther && at >= 0)) await kit.sendHtml(ctx, t(uiLang(ctx)).unknownCommand);
      return;
    }
    const question = stripMention(msg.text, ctx.me.username);
    if (!question) {
      await kit.sendHtml(ctx, t(uiLang(ctx)).emptyQuestion);
      return;
    }
    kit.typing(ctx);
    // "igår", "i lördags" are read against when the message was sent.
    const a = await backend.engine.ask(question, { langHint: langHint(ctx), now: ctx.message?.date ? new Date(ctx.message.date * 1000) : new Date() });
    const rendered = formatAnswer(a);
    let keyboard: InlineKeyboard | undefined;
    if (a.answered && a.citations.length > 0) {
      const key = store.put({ lang: a.lang, citations: a.citations, shown: 1 });
      const m = t(a.lang);
      keyboard = new InlineKeyboard().text(m.buttonContext, encodeButton({ kind: 'context', key, index: 0 }));
      if (rendered.more.length > 0) keyboard.text(m.buttonMore, encodeButton({ kind: 'more', key }));
    }
    await kit.sendHtml(ctx, rendered.html, keyboard);
  });

  // Other messages (stickers, photos…) in private chats: say what the bot does.
  composer.on('message', async (ctx) => {
    if (ctx.chat.type === 'private') await kit.sendHtml(ctx, t(uiLang(ctx)).emptyQuestion);
  });

  return { name: 'questions', commands: ['start', 'help'], composer };
}
