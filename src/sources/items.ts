/**
 * What a source lists, whatever its format: items with the source's id, the page address, a title, the summary
 * the listing gives and dates. `feed.ts` and `polisen-events.ts` produce them; `sync.ts` turns them into statements.
 */
import { cleanParagraphs } from '../ingest/boilerplate.js';
import { extractPage } from '../ingest/html.js';
import { isIsoDate } from '../ingest/text.js';

export interface SourceItem {
  /** The source's own id for the item (RSS guid, Atom id, event id); null when it gives none. */
  guid: string | null;
  /** The item's page, absolute; null when the listing gives none. */
  link: string | null;
  title: string | null;
  /** The listing's summary as paragraphs (an HTML description read as HTML); often one or two sentences. */
  summary: string[];
  /** ISO 8601; null when the listing gives no readable date. */
  published: string | null;
  /** When the listing says the item last changed (Atom `updated`); null when it does not say. */
  updated: string | null;
}

/** A listing (feed, API response) that could not be read at all. */
export class ListingError extends Error {
  override name = 'ListingError';
}

/** Query parameters that only track a click; a URL without them is the same page. */
const TRACKING = /^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref_src)$/i;

/**
 * The address an item is known by when the source gives no id: absolute, without its fragment and tracking
 * parameters, host in lower case. Relative links are resolved against `base`.
 */
export function canonicalUrl(href: string, base?: string): string | null {
  let u: URL;
  try {
    u = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  for (const k of [...u.searchParams.keys()]) if (TRACKING.test(k)) u.searchParams.delete(k);
  return u.href;
}

/** An HTML fragment or plain text (a feed description) as statement paragraphs. */
export function summaryParagraphs(s: string | null | undefined): string[] {
  if (!s || !s.trim()) return [];
  if (!/<[a-zA-Z!/]/.test(s)) return cleanParagraphs([s]);
  return extractPage(`<html><body>${s}</body></html>`, { layout: 'generic' }).paragraphs;
}

const MONTHS: Record<string, string> = {
  jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06', jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12',
};
const RFC822 = /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([+-])(\d{2}):?(\d{2})|(GMT|UTC?|Z))?\s*$/;

/**
 * A feed's date as ISO 8601, keeping the offset it was given in: RFC 822 (`Tue, 02 Jan 2026 18:30:00 +0100` →
 * `2026-01-02T18:30:00+01:00`), ISO as it is; anything else readable by `Date` in UTC; null when unreadable.
 */
export function isoDate(s: string | null | undefined): string | null {
  if (!s) return null;
  const v = s.trim();
  if (isIsoDate(v) && v.length >= 10) return v.replace(' ', 'T');
  const m = RFC822.exec(v);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    let year = Number(m[3]);
    if (m[3]!.length === 2) year += year < 70 ? 2000 : 1900;
    const zone = m[7] ? `${m[7]}${m[8]}:${m[9]}` : m[10] ? 'Z' : '';
    const iso = `${year}-${month}-${m[1]!.padStart(2, '0')}T${m[4]!.padStart(2, '0')}:${m[5]}:${m[6] ?? '00'}${zone}`;
    // An impossible date (31 February) is unknown, never rolled over into March.
    return month && isIsoDate(iso) ? iso : null;
  }
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
