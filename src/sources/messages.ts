/**
 * The bot's words about the sources (admin `/sources`), in Swedish and English. HTML for Telegram's parse mode:
 * values are escaped by the caller, numbers excepted.
 */
import type { Lang } from '../types.js';

export interface SourcesMessages {
  none: string;
  header: (n: number) => string;
  notYet: string;
  ok: string;
  unchanged: string;
  failed: (reason: string) => string;
  lastPoll: (when: string) => string;
  counts: (c: { items: number; new: number; updated: number; pending: number; total: number }) => string;
}

const en: SourcesMessages = {
  none: 'No sources are configured (SOURCES_FILE names none), so nothing is polled.',
  header: (n) => `<b>Sources</b> (${n}), as of their last poll:`,
  notYet: 'not polled yet',
  ok: '✅ ok',
  unchanged: '✅ unchanged (304)',
  failed: (r) => `❌ failed: ${r}`,
  lastPoll: (w) => `last poll ${w}`,
  counts: (c) => `items ${c.items} · new ${c.new} · updated ${c.updated} · pages pending ${c.pending} · statements ${c.total}`,
};

const sv: SourcesMessages = {
  none: 'Inga källor är inställda (SOURCES_FILE anger inga), så inget hämtas.',
  header: (n) => `<b>Källor</b> (${n}), som de var vid senaste hämtningen:`,
  notYet: 'inte hämtad ännu',
  ok: '✅ ok',
  unchanged: '✅ oförändrad (304)',
  failed: (r) => `❌ misslyckades: ${r}`,
  lastPoll: (w) => `senast hämtad ${w}`,
  counts: (c) => `poster ${c.items} · nya ${c.new} · uppdaterade ${c.updated} · sidor kvar ${c.pending} · uttalanden ${c.total}`,
};

export function sourcesMessages(lang: Lang): SourcesMessages {
  return lang === 'sv' ? sv : en;
}
