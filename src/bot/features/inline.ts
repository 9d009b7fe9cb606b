/** Inline mode (`@bot question` in any chat): cited sentences to pick and share, each with its source. */
import { Composer, type Context } from 'grammy';
import type { InlineQueryResultArticle } from 'grammy/types';
import { detectLang } from '../../text/analyze.js';
import { formatShare, truncate } from '../format.js';
import type { BotKit, Feature } from '../kit.js';
import { langHint, uiLang } from '../kit.js';
import { t } from '../messages.js';

export function inlineFeature(kit: BotKit): Feature {
  const composer = new Composer<Context>();
  composer.on('inline_query', async (ctx) => {
    const q = ctx.inlineQuery.query.trim();
    const lang = detectLang(q, langHint(ctx) ?? uiLang(ctx));
    const m = t(lang);
    if (q.length < 3) {
      await ctx.answerInlineQuery([], { cache_time: 300, button: { text: m.inlineHelp, start_parameter: 'help' } });
      return;
    }
    const a = await kit.backend.engine.ask(q, { langHint: langHint(ctx) });
    const results: InlineQueryResultArticle[] = [];
    if (a.answered) {
      a.citations.forEach((c, i) => {
        const html = formatShare(c, a.lang);
        if (html.length > 4096) return;
        results.push({
          type: 'article',
          id: String(i),
          title: truncate(i === 0 && a.answer ? `${t(a.lang).answer}: ${a.answer}` : c.speaker ? `${c.speaker}: ${c.text}` : c.text, 100),
          description: truncate(`${c.text} — ${c.title}`, 200),
          input_message_content: { message_text: html, parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
        });
      });
    }
    await ctx.answerInlineQuery(results, {
      cache_time: 60,
      is_personal: false,
      ...(results.length === 0 ? { button: { text: t(a.lang).inlineNoAnswer, start_parameter: 'help' } } : {}),
    });
  });
  return { name: 'inline', commands: [], composer };
}
