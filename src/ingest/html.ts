/**
 * HTML pages as official sites serve them. polisen.se pages are read by their known layout (title, preamble,
 * body, "Text av", "Publicerad"); any other page by a generic reading of its main content with the site chrome
 * (navigation, header, footer, share buttons, forms, scripts) removed.
 */
import { parse, NodeType, type HTMLElement, type Node } from 'node-html-parser';
import { IngestError } from '../errors.js';
import type { Statement } from '../types.js';
import { cleanParagraphs, normalizeSpace } from './boilerplate.js';
import { isIsoDate } from './text.js';

/** File extensions this module reads, lower case. */
export const HTML_EXTENSIONS = ['.html', '.htm', '.xhtml'] as const;

/** What a page says about itself, before it becomes a statement. */
export interface ExtractedPage {
  title: string | null;
  publisher: string | null;
  published: string | null;
  url: string | null;
  paragraphs: string[];
  /** Which reading was used. */
  layout: 'polisen' | 'generic';
}

/**
 * Parses one HTML page into a statement: `text` is the preamble and the body paragraphs joined by "\n\n".
 *
 * @throws IngestError when the page has no text.
 * @example
 * parseHtmlStatement(await readFile('410793.html', 'utf8'), 'pages/410793.html', '410793.html').publisher
 * // → 'Polisen region Syd'
 */
export function parseHtmlStatement(html: string, file: string, id: string): Statement {
  const depth = nestingDepth(html);
  if (depth > MAX_NESTING) {
    // node-html-parser takes quadratic time on thousands of unclosed elements (minutes for a 1 MB page), and
    // the text walk below is recursive: such markup is refused before either runs.
    throw new IngestError(file, `HTML nested ${depth > 10 * MAX_NESTING ? `over ${10 * MAX_NESTING}` : depth} elements deep (limit ${MAX_NESTING}; broken or hostile markup); not read`);
  }
  const page = extractPage(html);
  if (page.paragraphs.length === 0) throw new IngestError(file, 'no text found in the page');
  const fallbackTitle = file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return {
    id,
    title: page.title ?? fallbackTitle,
    publisher: page.publisher,
    published: page.published,
    url: page.url,
    text: page.paragraphs.join('\n\n'),
    source: file,
  };
}

/** Deepest element nesting a page may have; real pages stay well under 100. */
export const MAX_NESTING = 500;

/** Elements that never nest (void) or are closed by their next sibling even without an end tag. */
const NO_DEPTH = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'colgroup', 'rp', 'rt', 'html', 'head', 'body',
]);
/** Elements whose content is text, not markup. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp']);

/**
 * How deep the elements of `html` nest, by one linear pass over its tags (an end tag closes one level, an
 * unclosed element stays open, as a parser would nest it). Stops counting a little above the limit.
 */
export function nestingDepth(html: string): number {
  let depth = 0;
  let max = 0;
  let i = 0;
  let gt = -1;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      if (end < 0) break;
      i = end + 3;
      continue;
    }
    if (gt <= lt) gt = html.indexOf('>', lt + 1);
    if (gt < 0) break;
    const m = /^<(\/?)([a-zA-Z][\w:-]*)/.exec(html.slice(lt, Math.min(gt, lt + 80)));
    if (!m) {
      i = lt + 1;
      continue;
    }
    const name = m[2]!.toLowerCase();
    i = gt + 1;
    if (m[1] === '' && RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}\\s*>`, 'gi');
      close.lastIndex = i;
      if (!close.exec(html)) break;
      i = close.lastIndex;
      continue;
    }
    if (NO_DEPTH.has(name) || html[gt - 1] === '/') continue;
    if (m[1] === '/') depth = Math.max(0, depth - 1);
    else if (++depth > max) {
      max = depth;
      if (max > 10 * MAX_NESTING) break;
    }
  }
  return max;
}

/**
 * Reads title, publisher, date, address and paragraphs from a page, choosing the polisen.se or generic layout
 * (`layout: 'generic'` skips the polisen.se rules, to measure the generic reading on pages whose text is known).
 */
export function extractPage(html: string, opts: { layout?: 'auto' | 'generic' } = {}): ExtractedPage {
  const root = parse(html, { comment: false, blockTextElements: { script: false, style: false, noscript: false, pre: true } });
  return (opts.layout === 'generic' ? null : extractPolisen(root, html)) ?? extractGeneric(root);
}

// ——— polisen.se ———

const MONTHS = [
  'januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december',
];
const MONTH_ALT = MONTHS.join('|');
/** "21 mars 18:57", "17 november 13.43", "21 mars 2023 kl. 18:57". */
const POLISEN_DATE = new RegExp(`^(\\d{1,2}) (${MONTH_ALT})(?: (\\d{4}))?,?(?: kl\\.?)? (\\d{1,2})[.:](\\d{2})$`, 'i');
/** "/aktuellt/handelser/2023/mars/21/" in the base href, canonical or share links (possibly %2F-encoded). */
const PATH_DATE = new RegExp(`/(\\d{4})/(${MONTH_ALT})/(\\d{1,2})/`, 'i');

function extractPolisen(root: HTMLElement, html: string): ExtractedPage | null {
  const content = root.querySelector('.editorial-content') ?? root;
  const h1 = content.querySelector('h1');
  const body = content.querySelector('.text-body.editorial-html') ?? content.querySelector('div.text-body');
  if (!h1 || !body) return null;

  const blocks: string[] = [];
  const preamble = content.querySelector('p.preamble');
  if (preamble) blocks.push(...blockTexts(preamble));
  blocks.push(...blockTexts(body));

  let publisher: string | null = null;
  let publishedText: string | null = null;
  for (const el of content.querySelectorAll('.published-container')) {
    const label = normalizeSpace(firstText(el)).toLowerCase();
    const value = normalizeSpace(el.querySelector('span')?.text ?? '');
    if (!value) continue;
    if (label.startsWith('text av')) publisher = value;
    else if (label.startsWith('publicerad')) publishedText = value;
  }

  return {
    title: normalizeSpace(h1.text) || null,
    publisher,
    published: publishedText ? polisenDate(publishedText, root, html) : null,
    url: pageUrl(root),
    paragraphs: cleanParagraphs(blocks),
    layout: 'polisen',
  };
}

/** The text before the first element child ("Text av" in `Text av<br/><span>…</span>`). */
function firstText(el: HTMLElement): string {
  let s = '';
  for (const child of el.childNodes) {
    if (child.nodeType !== NodeType.TEXT_NODE) break;
    s += child.text;
  }
  return s;
}

/**
 * "21 mars 18:57" → "2023-03-21T18:57" (local time, as the page shows it). The year is not on the label: it is
 * taken from the page's creation date when that is the same day, else from the date in the page's address,
 * moved by one across New Year. No year in the page → null; a year is never guessed.
 */
export function polisenDate(label: string, root: HTMLElement, html: string): string | null {
  const m = POLISEN_DATE.exec(normalizeSpace(label));
  if (!m) return null;
  const day = Number(m[1]);
  const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
  const time = `${m[4]!.padStart(2, '0')}:${m[5]}`;
  let year = m[3] ? Number(m[3]) : null;

  if (year === null) {
    const created = metaContent(root, 'meta[name="Creation-Date"]') ?? metaContent(root, 'meta[property="dc:Date.Created"]');
    const c = created ? /^(\d{4})-(\d{2})-(\d{2})/.exec(created) : null;
    if (c && Number(c[2]) === month && Number(c[3]) === day) year = Number(c[1]);
  }
  if (year === null) {
    const p = PATH_DATE.exec(html.replace(/%2F/gi, '/'));
    if (p) {
      const pathMonth = MONTHS.indexOf(p[2]!.toLowerCase()) + 1;
      year = Number(p[1]);
      if (pathMonth === 12 && month === 1) year += 1;
      else if (pathMonth === 1 && month === 12) year -= 1;
    }
  }
  if (year === null || day < 1 || day > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${time}`;
}

// ——— any other site ———

/** Elements that are never statement text. */
const SKIP_TAGS = new Set([
  'nav', 'header', 'footer', 'script', 'style', 'aside', 'form', 'noscript', 'template', 'svg', 'iframe', 'button',
  'select', 'input', 'textarea', 'label', 'object', 'embed', 'canvas', 'video', 'audio', 'map', 'dialog', 'head',
]);
const SKIP_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alertdialog']);
const SKIP_CLASS =
  /^(breadcrumbs?|share|share-\w+|sharing|social|social-\w+|cookie\w*|cookie-\w+|consent|skip-?links?|skip-to-content|sr-only|visually-hidden|screen-reader-text|navbar|site-header|site-footer|advert\w*|ad-\w+|ads)$/i;

/** Elements whose start and end break the text into paragraphs. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'blockquote', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'h1',
  'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'main', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead',
  'tfoot', 'tr', 'td', 'th', 'caption', 'ul', 'body', 'html', 'center',
]);

function extractGeneric(root: HTMLElement): ExtractedPage {
  const h1 = root.querySelector('article h1') ?? root.querySelector('main h1') ?? root.querySelector('h1');
  const h1Text = h1 ? normalizeSpace(h1.text) : '';
  const ogTitle = metaContent(root, 'meta[property="og:title"]');
  const docTitle = normalizeSpace(root.querySelector('title')?.text ?? '');
  let title = ogTitle || docTitle || h1Text || null;
  // "Rubrik | Webbplats": the heading is the same title without the site's name.
  if (title && h1Text && title !== h1Text && title.startsWith(h1Text)) title = h1Text;

  const main = root.querySelector('article') ?? root.querySelector('main') ?? root.querySelector('[role="main"]') ?? root.querySelector('body') ?? root;
  const paragraphs = cleanParagraphs(blockTexts(main, { skipChrome: true }));
  // The heading that gave the title is not repeated as the first paragraph.
  const titleAt = title ? paragraphs.indexOf(title) : -1;
  if (titleAt >= 0 && title === h1Text) paragraphs.splice(titleAt, 1);

  const publisherMeta = metaContent(root, 'meta[name="publisher"]') ?? metaContent(root, 'meta[property="article:publisher"]');
  const publisher =
    (publisherMeta && !/^https?:/i.test(publisherMeta) ? publisherMeta : null) ??
    metaContent(root, 'meta[property="og:site_name"]') ??
    metaContent(root, 'meta[name="author"]');

  return { title, publisher, published: genericDate(root, main), url: pageUrl(root), paragraphs, layout: 'generic' };
}

function genericDate(root: HTMLElement, main: HTMLElement): string | null {
  const candidates = [
    metaContent(root, 'meta[property="article:published_time"]'),
    metaContent(root, 'meta[itemprop="datePublished"]'),
    main.querySelector('time[datetime]')?.getAttribute('datetime'),
    root.querySelector('time[datetime]')?.getAttribute('datetime'),
    metaContent(root, 'meta[name="date"]'),
    metaContent(root, 'meta[name="DC.date"]'),
  ];
  for (const c of candidates) {
    const v = c?.trim();
    if (v && isIsoDate(v)) return v.replace(' ', 'T');
  }
  return null;
}

// ——— shared ———

function metaContent(root: HTMLElement, selector: string): string | null {
  const v = root.querySelector(selector)?.getAttribute('content');
  const s = v ? normalizeSpace(v) : '';
  return s || null;
}

function pageUrl(root: HTMLElement): string | null {
  const candidates = [
    metaContent(root, 'meta[property="og:url"]'),
    root.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim(),
  ];
  for (const c of candidates) if (c && /^https?:\/\//i.test(c)) return c;
  return null;
}

/**
 * The text of `el` as blocks: each block element starts a new block, `<br>` becomes "\n", entities are decoded,
 * source whitespace is collapsed as a browser renders it.
 */
function blockTexts(el: HTMLElement, opts: { skipChrome?: boolean } = {}): string[] {
  const blocks: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) blocks.push(current);
    current = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      current += node.text.replace(/[ \t\r\n\f]+/g, ' ');
      return;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) return;
    const e = node as HTMLElement;
    const tag = e.rawTagName?.toLowerCase() ?? '';
    if (tag === 'br') {
      current += '\n';
      return;
    }
    if (tag === 'script' || tag === 'style' || tag === 'template' || tag === 'noscript') return;
    if (opts.skipChrome && isChrome(e, tag)) return;
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    for (const child of e.childNodes) walk(child);
    if (block) flush();
  };
  for (const child of el.childNodes) walk(child);
  flush();
  return blocks;
}

function isChrome(e: HTMLElement, tag: string): boolean {
  if (SKIP_TAGS.has(tag)) return true;
  if (e.getAttribute('hidden') !== undefined || e.getAttribute('aria-hidden') === 'true') return true;
  const role = e.getAttribute('role');
  if (role && SKIP_ROLES.has(role.toLowerCase())) return true;
  const cls = e.getAttribute('class');
  if (cls && cls.split(/\s+/).some((c) => SKIP_CLASS.test(c))) return true;
  const id = e.getAttribute('id');
  return id !== undefined && SKIP_CLASS.test(id);
}
