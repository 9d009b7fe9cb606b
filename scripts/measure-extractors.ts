/**
 * `npm run measure:extractors`: how well two generic readings of a page recover a statement's text, for sites the
 * HTML loader has no rules for. The project's `<article>`/`<main>` reading (src/ingest/html.ts, generic layout)
 * against @mozilla/readability over linkedom (its content then read by the same paragraph walker).
 *
 * 1. The real polisen.se pages in ../shared/data/polisen-html/: the truth is what the exact polisen.se rules
 *    read; the generic readings are run as if the site were unknown.
 * 2. Constructed pages (scripts/extractors/templates.ts): six kinds of site chrome (press-release platform,
 *    ministry, wire service without <article>/<main>, portal CMS, blog, portal with teasers in <main>) around
 *    ten known notices from ../shared/data/polisen-events.jsonl.gz.
 *
 * Per reading: pages read exactly, pages with text added (chrome) or lost (statement text), and word recall and
 * precision against the truth (bags of words, averaged over pages).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { cleanParagraphs, normalizeSpace } from '../src/ingest/boilerplate.js';
import { extractPage } from '../src/ingest/html.js';
import { TEMPLATES, type Body } from './extractors/templates.js';

const SHARED = resolve(import.meta.dirname, '../../shared/data');
if (!existsSync(SHARED)) {
  process.stderr.write(`${SHARED} is absent: this measurement needs the shared pages and notices\n`);
  process.exit(1);
}

type Reader = (html: string) => string[];
const readers: Record<string, Reader> = {
  'article/main rules': (html) => extractPage(html, { layout: 'generic' }).paragraphs,
  'readability+linkedom': (html) => {
    const { document } = parseHTML(html);
    const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
    return article?.content ? extractPage(`<html><body>${article.content}</body></html>`, { layout: 'generic' }).paragraphs : [];
  },
};

function bag(ps: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of ps.join(' ').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean)) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}
const size = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const common = (a: Map<string, number>, b: Map<string, number>) => [...a].reduce((n, [k, v]) => n + Math.min(v, b.get(k) ?? 0), 0);

interface Tally {
  pages: number;
  exact: number;
  added: number;
  lost: number;
  recall: number;
  precision: number;
  ms: number;
  lostExamples: string[];
}

function measure(pages: { name: string; html: string; truth: string[] }[], read: Reader): Tally {
  const t: Tally = { pages: 0, exact: 0, added: 0, lost: 0, recall: 0, precision: 0, ms: 0, lostExamples: [] };
  for (const p of pages) {
    const truth = p.truth.map(normalizeSpace);
    const t0 = performance.now();
    const got = read(p.html).map(normalizeSpace);
    t.ms += performance.now() - t0;
    const ts = new Set(truth);
    const gs = new Set(got);
    const added = got.filter((x) => !ts.has(x));
    const lost = truth.filter((x) => !gs.has(x));
    t.pages++;
    if (!added.length && !lost.length) t.exact++;
    if (added.length) t.added++;
    if (lost.length) {
      t.lost++;
      if (t.lostExamples.length < 3) t.lostExamples.push(`${p.name}: ${JSON.stringify(lost[0]).slice(0, 90)}`);
    }
    const tb = bag(truth);
    const gb = bag(got);
    t.recall += common(tb, gb) / size(tb);
    t.precision += size(gb) ? common(tb, gb) / size(gb) : 0;
  }
  return t;
}

function print(title: string, pages: { name: string; html: string; truth: string[] }[]): void {
  process.stdout.write(`\n${title} (${pages.length} pages)\n`);
  process.stdout.write('reading                | exact | text added | text lost | word recall | word precision | ms/page\n');
  for (const [name, read] of Object.entries(readers)) {
    const t = measure(pages, read);
    const f = (x: number) => (x / t.pages).toFixed(3);
    process.stdout.write(`${name.padEnd(22)} | ${String(t.exact).padStart(5)} | ${String(t.added).padStart(10)} | ${String(t.lost).padStart(9)} | ${f(t.recall).padStart(11)} | ${f(t.precision).padStart(14)} | ${(t.ms / t.pages).toFixed(1).padStart(7)}\n`);
    for (const e of t.lostExamples) process.stdout.write(`    lost, e.g. ${e}\n`);
  }
}

// 1. Real polisen.se pages, truth by the exact rules.
const htmlDir = join(SHARED, 'polisen-html');
const real = readdirSync(htmlDir)
  .filter((f) => f.endsWith('.html'))
  .sort()
  .map((f) => {
    const html = readFileSync(join(htmlDir, f), 'utf8');
    const exact = extractPage(html);
    return { name: f, html, truth: exact.layout === 'polisen' ? exact.paragraphs : [] };
  })
  .filter((p) => p.truth.length > 0);
print('real polisen.se pages read as an unknown site', real);

// 2. Constructed pages of other kinds of sites around known notices.
const rows = gunzipSync(readFileSync(join(SHARED, 'polisen-events.jsonl.gz')))
  .toString('utf8')
  .split('\n', 5000)
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Body & { paragraphs?: string[] });
const bodies = rows.filter((r) => r.preamble && (r.paragraphs?.length ?? 0) >= 2).filter((_, i) => i % 37 === 0).slice(0, 10);
const others = rows.slice(100, 106).map((r) => r.title);
const all: { name: string; html: string; truth: string[] }[] = [];
for (const [kind, template] of Object.entries(TEMPLATES)) {
  const pages = bodies.map((b, i) => ({ name: `${kind}-${i}`, html: template(b, others), truth: cleanParagraphs([b.preamble, ...b.paragraphs]) }));
  print(`constructed: ${kind}`, pages);
  all.push(...pages);
}
print('constructed: all kinds', all);
