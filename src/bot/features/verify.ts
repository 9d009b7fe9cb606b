/** `/verify [Name:] quote`, or `/verify` as a reply to a message: is the quote verbatim, altered or not found? */
import { Composer, type Context } from 'grammy';
import { formatVerification } from '../format.js';
import type { BotKit, Feature } from '../kit.js';
import { uiLang } from '../kit.js';
import { t } from '../messages.js';

const QUOTE_MARKS = /^[\s"“”„«»‘’'‚]+|[\s"“”„«»‘’'‚]+$/gu;
const NAME_WORD = /^[\p{L}][\p{L}.'’-]*$/u;

/**
 * Splits `/verify` arguments into a claimed speaker and the quote: `Name: quote` when the part before the
 * first colon looks like a name (1–5 words of letters, one capitalised), else the whole text is the quote.
 * Quotation marks around the quote are dropped.
 */
export function parseVerifyArgs(text: string): { speaker: string | null; quote: string } {
  const s = text.trim();
  const m = /^([^:\n]{2,60}):\s*([\s\S]*)$/u.exec(s);
  if (m) {
    const words = m[1]!.trim().split(/\s+/);
    if (words.length <= 5 && words.every((w) => NAME_WORD.test(w)) && words.some((w) => /^\p{Lu}/u.test(w)) && m[2]!.trim()) {
      return { speaker: m[1]!.trim(), quote: m[2]!.replace(QUOTE_MARKS, '') };
    }
  }
  return { speaker: null, quote: s.replace(QUOTE_MARKS, '') };
}

export function verifyFeature(kit: BotKit): Feature {
  const composer = new Composer<Context>();
  composer.command('verify', async (ctx) => {
    const lang = uiLang(ctx);
    const own = parseVerifyArgs(ctx.match);
    let { speaker, quote } = own;
    const replied = ctx.message?.reply_to_message;
    const repliedText = replied?.text ?? replied?.caption;
    if (!quote && repliedText) {
      const other = parseVerifyArgs(repliedText);
      quote = other.quote;
      speaker = speaker ?? other.speaker;
    }
    if (!quote.trim()) {
      await kit.sendHtml(ctx, t(lang).verifyUsage);
      return;
    }
    kit.typing(ctx);
    const engine = kit.backend.engine;
    const v = await engine.verify(quote, speaker);
    await kit.sendHtml(ctx, formatVerification(v, lang, { claimed: speaker ?? v.claimedSpeaker ?? null, statements: engine.status().statements }));
  });
  return { name: 'verify', commands: ['verify'], composer };
}
