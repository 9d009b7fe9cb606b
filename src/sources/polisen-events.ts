/**
 * The police events API (`https://polisen.se/api/events`): a JSON array of the latest ~500 events,
 *
 * ```json
 * {"id": 123, "datetime": "2026-01-02 9:56:53 +01:00", "name": "02 januari 18.30, Misshandel, Linköping",
 *  "summary": "…", "url": "/aktuellt/handelser/2026/januari/2/…", "type": "Misshandel",
 *  "location": {"name": "Linköping", "gps": "58.41,15.62"}}
 * ```
 *
 * The summary is one or two sentences; the full text is on the event's page (`url`, relative now).
 */
import { z } from 'zod';
import { isIsoDate } from '../ingest/text.js';
import { canonicalUrl, ListingError, summaryParagraphs, type SourceItem } from './items.js';

const eventSchema = z.object({
  id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
  datetime: z.string(),
  name: z.string().trim().min(1),
  summary: z.string().nullable().optional(),
  url: z.string().trim().min(1),
  type: z.string().nullable().optional(),
  location: z.object({ name: z.string().nullable().optional(), gps: z.string().nullable().optional() }).nullable().optional(),
});

export type PolisenEvent = z.infer<typeof eventSchema>;

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([+-])(\d{1,2}):?(\d{2})|Z)?$/;

/**
 * The API's `datetime` as ISO 8601 with its offset: "2026-01-02 9:56:53 +01:00" → "2026-01-02T09:56:53+01:00"
 * (the hour may have one digit). Null when it is not such a date.
 */
export function eventDatetime(s: string): string | null {
  const m = DATETIME.exec(s.trim());
  if (!m) return null;
  const zone = m[7] ? `${m[7]}${m[8]!.padStart(2, '0')}:${m[9]}` : s.trim().endsWith('Z') ? 'Z' : '';
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]!.padStart(2, '0')}:${m[5]}:${m[6] ?? '00'}${zone}`;
  return isIsoDate(iso) ? iso : null;
}

export interface EventsListing {
  items: SourceItem[];
  /** Events that were not of the documented shape, skipped. */
  skipped: number;
  /** Why the first skipped one was skipped. */
  firstProblem: string | null;
}

/**
 * The events of an API response as items; their relative `url`s are resolved against `baseUrl` (the API's address).
 *
 * @throws ListingError when the body is not JSON or not a list.
 */
export function parsePolisenEvents(body: string, baseUrl: string): EventsListing {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    throw new ListingError(`malformed JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(value)) throw new ListingError(`expected a JSON list of events, got ${value === null ? 'null' : typeof value}`);
  const items: SourceItem[] = [];
  let skipped = 0;
  let firstProblem: string | null = null;
  value.forEach((raw, i) => {
    const parsed = eventSchema.safeParse(raw);
    const published = parsed.success ? eventDatetime(parsed.data.datetime) : null;
    const link = parsed.success ? canonicalUrl(parsed.data.url, baseUrl) : null;
    if (!parsed.success || !published || !link) {
      skipped++;
      const issue = parsed.success ? (!published ? `datetime "${parsed.data.datetime}" is not a date` : `url "${parsed.data.url}" is not an address`) : `${parsed.error.issues[0]!.path.join('.') || 'event'}: ${parsed.error.issues[0]!.message}`;
      firstProblem ??= `event ${i}: ${issue}`;
      return;
    }
    const e = parsed.data;
    items.push({ guid: String(e.id), link, title: e.name, summary: summaryParagraphs(e.summary), published, updated: null });
  });
  return { items, skipped, firstProblem };
}
