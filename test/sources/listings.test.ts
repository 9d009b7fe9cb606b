import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeedItems } from '../../src/sources/feed.js';
import { canonicalUrl, isoDate, ListingError, summaryParagraphs } from '../../src/sources/items.js';
import { eventDatetime, parsePolisenEvents } from '../../src/sources/polisen-events.js';

const FIX = join(import.meta.dirname, 'fixtures');
const read = (f: string) => readFileSync(join(FIX, f), 'utf8').replaceAll('{{BASE}}', 'https://example.org');

describe('feeds', () => {
  it('RSS: guid, link, title, the description as summary, pubDate with its offset', () => {
    const items = parseFeedItems(read('polisen-rss.xml'), 'https://example.org/rss/');
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual({
      guid: '410793',
      link: 'https://example.org/aktuellt/handelser/2023/mars/21/21-mars-1832-brand-astorp/',
      title: '21 mars 18:32, Brand, Åstorp',
      summary: ['Järnvägsstationen, Köpmansgatan. Rökutveckling i byggnad.'],
      published: '2023-03-21T18:57:21+01:00',
      updated: null,
    });
  });

  it('Atom: id, the alternate link resolved and stripped of tracking, HTML summary read as HTML, updated', () => {
    const items = parseFeedItems(read('city-atom.xml'), 'https://example.org/nyheter.atom');
    expect(items[0]).toMatchObject({
      guid: 'urn:uuid:6a1c-vattenlacka',
      link: 'https://example.org/nyheter/vattenlacka-storgatan',
      title: 'Vattenläcka på Storgatan',
      summary: ['En vattenläcka har stängt av Storgatan.'],
      published: '2026-01-02T08:15:00+01:00',
      updated: '2026-01-02T08:15:00+01:00',
    });
  });

  it('a long description is kept whole (no 250-character cut)', () => {
    const long = 'Ord '.repeat(400).trim() + '.';
    const xml = `<rss version="2.0"><channel><title>t</title><link>https://e.org/</link><description>d</description><item><title>x</title><link>https://e.org/x</link><description>${long}</description></item></channel></rss>`;
    expect(parseFeedItems(xml, 'https://e.org/')[0]!.summary).toEqual([long]);
  });

  it.each([
    ['cut-off XML', '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</titl'],
    ['HTML', '<!doctype html><html><body><p>Not found</p></body></html>'],
    ['empty', ''],
    ['JSON', '{"a": 1}'],
  ])('refuses %s with a ListingError', (_what, body) => {
    expect(() => parseFeedItems(body, 'https://e.org/')).toThrow(ListingError);
  });
});

describe('the police events API', () => {
  it('relative URLs are resolved against the API, one-digit hours padded, the name is the title', () => {
    const { items, skipped } = parsePolisenEvents(read('events.json'), 'https://polisen.se/api/events');
    expect(skipped).toBe(0);
    expect(items[0]).toEqual({
      guid: '598123',
      link: 'https://polisen.se/aktuellt/handelser/2026/januari/2/02-januari-0930-misshandel-linkoping/',
      title: '02 januari 09.30, Misshandel, Linköping',
      summary: ['En man i 30-årsåldern har misshandlats på Trädgårdstorget.'],
      published: '2026-01-02T09:56:53+01:00',
      updated: null,
    });
  });

  it.each([
    ['2026-01-02 19:56:53 +01:00', '2026-01-02T19:56:53+01:00'],
    ['2026-01-02 9:56:53 +01:00', '2026-01-02T09:56:53+01:00'],
    ['2026-07-02 0:05:00 +02:00', '2026-07-02T00:05:00+02:00'],
    ['2026-01-02 9:56:53 +1:00', '2026-01-02T09:56:53+01:00'],
    ['2026-01-02 24:00:00 +01:00', null],
    ['2026-02-30 10:00:00 +01:00', null],
    ['igår 19:56', null],
  ])('datetime %s → %s', (s, want) => {
    expect(eventDatetime(s)).toBe(want);
  });

  it('events not of the documented shape are skipped and counted; the rest are read', () => {
    const body = JSON.stringify([
      { id: 1, datetime: '2026-01-02 9:00:00 +01:00', name: 'a', summary: 's.', url: '/a/' },
      { id: 2, datetime: 'yesterday', name: 'b', summary: 's.', url: '/b/' },
      { datetime: '2026-01-02 9:00:00 +01:00', name: 'c', url: '/c/' },
    ]);
    const r = parsePolisenEvents(body, 'https://polisen.se/api/events');
    expect(r.items.map((i) => i.guid)).toEqual(['1']);
    expect(r.skipped).toBe(2);
    expect(r.firstProblem).toMatch(/^event 1: datetime "yesterday"/);
  });

  it.each([
    ['malformed JSON', '[{"id": 1,'],
    ['an object', '{"events": []}'],
    ['an HTML error page', '<html><body>503</body></html>'],
  ])('refuses %s with a ListingError', (_w, body) => {
    expect(() => parsePolisenEvents(body, 'https://polisen.se/api/events')).toThrow(ListingError);
  });
});

describe('item helpers', () => {
  it.each([
    ['https://Example.org/a?utm_source=rss&id=3#top', undefined, 'https://example.org/a?id=3'],
    ['/aktuellt/x/', 'https://polisen.se/api/events', 'https://polisen.se/aktuellt/x/'],
    ['javascript:alert(1)', undefined, null],
    ['not a url', undefined, null],
  ])('canonicalUrl(%s)', (href, base, want) => {
    expect(canonicalUrl(href, base)).toBe(want);
  });

  it.each([
    ['Tue, 02 Jan 2026 18:30:00 +0100', '2026-01-02T18:30:00+01:00'],
    ['2 Jan 2026 8:30 GMT', '2026-01-02T08:30:00Z'],
    ['2026-01-02T08:15:00+01:00', '2026-01-02T08:15:00+01:00'],
    ['Fri, 31 Feb 2026 10:00:00 +0100', null],
    ['soon', null],
  ])('isoDate(%s)', (s, want) => {
    expect(isoDate(s)).toBe(want);
  });

  it('summaries: plain text stays text, HTML is read as HTML (entities, paragraphs, no markup)', () => {
    expect(summaryParagraphs('A & B < C')).toEqual(['A & B < C']);
    expect(summaryParagraphs('<p>Första.</p><p>Andra &amp; sista.</p><script>x()</script>')).toEqual(['Första.', 'Andra & sista.']);
    expect(summaryParagraphs('  ')).toEqual([]);
  });
});
