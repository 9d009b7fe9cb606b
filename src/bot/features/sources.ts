/**
 * Admin `/sources`: per source, its last poll, what it brought (items, new, updated), and its last error. The
 * summaries come from the running SourcePoller; everyone else gets the polite admin-only refusal.
 */
import { Composer, type Context } from 'grammy';
import type { SourceSummary } from '../../sources/sync.js';
import { sourcesMessages } from '../../sources/messages.js';
import { escapeHtml, formatDate, truncate } from '../format.js';
import { uiLang, type BotKit, type Feature } from '../kit.js';

/** The `/sources` reply: one block per source, in the order of the sources file. */
export function formatSources(summaries: readonly SourceSummary[], lang: 'sv' | 'en'): string {
  const m = sourcesMessages(lang);
  if (summaries.length === 0) return m.none;
  const blocks = summaries.map((s) => {
    const head = `<b>${escapeHtml(s.name)}</b> (${escapeHtml(s.kind)})`;
    if (!s.lastPoll) return `${head}\n${m.notYet}`;
    const outcome = s.error ? m.failed(escapeHtml(truncate(s.error, 300))) : s.notModified ? m.unchanged : m.ok;
    return [head, `${m.lastPoll(formatDate(s.lastPoll, lang))} · ${outcome}`, m.counts(s)].join('\n');
  });
  return [m.header(summaries.length), ...blocks].join('\n\n');
}

export function sourcesFeature(kit: BotKit, summaries: () => readonly SourceSummary[]): Feature {
  const composer = new Composer<Context>();
  composer.command('sources', async (ctx) => {
    if (!(await kit.adminOnly(ctx))) return;
    await kit.sendHtml(ctx, formatSources(summaries(), uiLang(ctx)));
  });
  return {
    name: 'sources',
    commands: ['sources'],
    composer,
    help: (lang, admin) => (admin ? [lang === 'sv' ? '/sources – källorna som hämtas: senaste hämtning, nya och uppdaterade, senaste fel' : '/sources – the polled sources: last poll, new and updated, last error'] : []),
  };
}
