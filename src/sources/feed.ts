/**
 * RSS, Atom, RDF and JSON Feed listings, parsed with feedsmith (maintained, typed, built on fast-xml-parser; it
 * keeps descriptions whole and decodes entities), reduced to `SourceItem`s.
 */
import { parseFeed, type AnyFeed } from 'feedsmith';
import { canonicalUrl, isoDate, ListingError, summaryParagraphs, type SourceItem } from './items.js';

type Text = string | { value?: string } | undefined;

function text(t: Text): string | null {
  const v = typeof t === 'string' ? t : t?.value;
  const s = v?.replace(/\s+/g, ' ').trim();
  return s ? s : null;
}

/**
 * The items of a feed, in the feed's order. Links are resolved against `baseUrl` (the feed's address).
 *
 * @throws ListingError when the text is not a feed (malformed XML, HTML, empty).
 */
export function parseFeedItems(body: string, baseUrl: string): SourceItem[] {
  let parsed: AnyFeed<string>;
  try {
    parsed = parseFeed<string>(body);
  } catch (e) {
    const what = (e as Error).name === 'DetectError' ? 'not an RSS, Atom, RDF or JSON feed' : 'malformed feed';
    throw new ListingError(`${what} (${(e as Error).message})`);
  }
  const link = (href: string | undefined | null) => (href ? canonicalUrl(href, baseUrl) : null);
  switch (parsed.format) {
    case 'rss':
      return (parsed.feed.items ?? []).map((i) => ({
        guid: text(i.guid?.value),
        link: link(i.link ?? (i.guid?.isPermaLink !== false ? i.guid?.value : undefined)),
        title: text(i.title),
        summary: summaryParagraphs(i.content?.encoded ?? i.description),
        published: isoDate(i.pubDate ?? i.dc?.dates?.[0]),
        updated: isoDate(i.atom?.updated),
      }));
    case 'atom':
      return (parsed.feed.entries ?? []).map((e) => {
        const alternate = e.links?.find((l) => !l.rel || l.rel === 'alternate') ?? e.links?.[0];
        return {
          guid: text(e.id),
          link: link(alternate?.href),
          title: text(e.title),
          summary: summaryParagraphs(e.summary?.value ?? e.content?.value),
          published: isoDate(e.published ?? e.updated),
          updated: isoDate(e.updated),
        };
      });
    case 'rdf':
      return (parsed.feed.items ?? []).map((i) => ({
        guid: text(i.rdf?.about),
        link: link(i.link),
        title: text(i.title),
        summary: summaryParagraphs(i.content?.encoded ?? i.description),
        published: isoDate(i.dc?.dates?.[0]),
        updated: null,
      }));
    case 'json':
      return (parsed.feed.items ?? []).map((i) => ({
        guid: text(i.id),
        link: link(i.url ?? i.external_url),
        title: text(i.title),
        summary: i.content_text ? summaryParagraphs(i.content_text) : summaryParagraphs(i.summary ?? i.content_html),
        published: isoDate(i.date_published),
        updated: isoDate(i.date_modified),
      }));
  }
}
