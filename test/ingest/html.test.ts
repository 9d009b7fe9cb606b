import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../../src/errors.js';
import { extractPage, parseHtmlStatement } from '../../src/ingest/html.js';
import { readJsonLines } from '../../src/ingest/jsonl.js';
import type { Statement } from '../../src/types.js';
import { EVENTS_GZ, HAVE_SHARED, paragraphs, POLISEN_HTML, warnIfNoShared } from './fixtures.js';

warnIfNoShared('the polisen.se HTML page tests');

/** Page chrome that must never reach a statement's text. */
const CHROME = [
  'Dela på Facebook',
  'Dela på Twitter',
  'Dela med e-post',
  'Händelsenotiserna ger kortfattad information',
  'Gå direkt till innehåll',
  'Visa undermeny',
  'Startsida',
  'Jag har råkat ut för något',
  'Anmäl brott eller förlust',
  'Text av',
  'Publicerad',
  'Kontakta polisen',
  'Lediga jobb',
];

function loadPage(file: string): Statement {
  return parseHtmlStatement(readFileSync(path.join(POLISEN_HTML, file), 'utf8'), `polisen-html/${file}`, file);
}

describe.skipIf(!HAVE_SHARED)('polisen.se pages (shared/data/polisen-html)', () => {
  it.each([
    {
      file: '410793.html',
      title: '21 mars 18:32, Brand, Åstorp',
      publisher: 'Polisen region Syd',
      published: '2023-03-21T18:57',
      url: 'https://polisen.se/link/c11b428b659742e4920a0639b6f695a0',
      preamble: 'Järnvägsstationen, Köpmansgatan. Rökutveckling i byggnad.',
      first: 'Polis skickas till järnvägsstationen på Köpmansgatan, dit räddningstjänst och ambulanssjukvård larmats med anledning av rökutveckling i stationshuset.',
      // <strong>Uppdatering kl. 19.59:</strong> stays as text, in its sentence.
      contains: 'Uppdatering kl. 19.59: Anmälan om skadegörelse genom brand upprättas.',
    },
    {
      file: '411217.html',
      title: '25 mars 02:38, Skadegörelse, Sala',
      publisher: 'Kommunikationsenheten polisregion Mitt',
      published: '2023-03-25T06:57',
      url: 'https://polisen.se/link/5658f1714c884ae1afd0081f7a7fd161',
      preamble: 'Skadegörelse på hotell.',
      // &nbsp; in the page is a plain space in the text.
      first: 'Personal på ett hotell i Sala kontaktar polisen med anledning av en pågående skadegörelse.',
      contains: 'Han omhändertas enligt lagen om omhändertagande av berusade personer (LOB).',
    },
    {
      file: '413310.html',
      title: '04 april 07:10, Sammanfattning natt, Norrbottens län',
      publisher: 'Polisen',
      published: '2023-04-04T07:10',
      url: 'https://polisen.se/link/b768e700fc3f42519d338c3f6f6133c7',
      preamble: 'Ett urval av nattens polisverksamhet i Norrbottens län.',
      // "<strong>00:01 Rattfylleri, Piteå</strong><br />Polisen stoppar…": the <br> ends the heading's paragraph.
      first: '00:01 Rattfylleri, Piteå',
      contains: '\n\nPolisen stoppar och kontrollerar en personbil utanför Piteå.',
    },
    {
      file: '446879.html',
      title: '15 september 23:55, Detonation, Upplands-bro',
      publisher: 'Polisen Stockholms län',
      // Published the day after the event in the page's address (/2023/september/15/).
      published: '2023-09-16T00:51',
      url: 'https://polisen.se/link/f48ee82a232a497fa1a9def1d575d7ba',
      preamble: 'En detonation har skett vid en port i ett flerbostadshus Bro.',
      first: 'Porten och några fönster i den drabbade fastigheten har skadats.',
      contains: 'Ingen person ska ha skadats i samband med detonationen.',
    },
    {
      file: '471387.html',
      title: '17 november 13.34, Trafikolycka, Örebro',
      publisher: 'Polisen region Bergslagen',
      // "17 november 13.43": the later pages write the time with a dot.
      published: '2023-11-17T13:43',
      url: 'https://polisen.se/link/48392515c8bf4d7eae33ce8c17f23400',
      preamble: 'Lastbil har kört in i Järnvägsviadukt på Hertig Karls Allé i Örebro.',
      first: 'Enligt SOS-alarm är en lastbil inblandad.',
      contains: 'Händelsen påverkar trafiken.',
    },
    {
      file: '485080.html',
      title: '24 januari 14.01, Rattfylleri, Piteå',
      publisher: 'Polisregion Nord',
      published: '2024-01-24T15:09',
      url: 'https://polisen.se/link/f00d4a66cd594618885da4292478d637',
      preamble: 'Piteå, misstänkt rattfylleri.',
      first: 'Polis stoppar och kontrollerar en personbil i Piteå.',
      contains: 'Anmälan ska upprättas och ärendet hanteras med arbetssättet snabbare lagföring.',
    },
  ])('$file', ({ file, title, publisher, published, url, preamble, first, contains }) => {
    const s = loadPage(file);
    expect(s).toMatchObject({ id: file, title, publisher, published, url, source: `polisen-html/${file}` });
    const paras = paragraphs(s);
    expect(paras[0]).toBe(preamble);
    expect(paras[1]!.startsWith(first)).toBe(true);
    expect(s.text).toContain(contains);
    for (const chrome of CHROME) expect(s.text).not.toContain(chrome);
  });

  const files = HAVE_SHARED ? readdirSync(POLISEN_HTML).filter((f) => f.endsWith('.html')).sort() : [];

  it('reads all 120 pages by the polisen.se layout: text, title, publisher, date and address each', () => {
    expect(files).toHaveLength(120);
    for (const file of files) {
      const html = readFileSync(path.join(POLISEN_HTML, file), 'utf8');
      const page = extractPage(html);
      expect(page.layout, file).toBe('polisen');
      const s = parseHtmlStatement(html, file, file);
      expect(s.text.length, file).toBeGreaterThan(0);
      expect(s.title, file).toMatch(/^\d{2} \p{L}+ \d{2}[.:]\d{2}, /u);
      expect(s.publisher, file).toBeTruthy();
      expect(s.published, file).toMatch(/^20\d\d-\d\d-\d\dT\d\d:\d\d$/);
      expect(s.url, file).toMatch(/^https:\/\/polisen\.se\/link\/[0-9a-f]{32}$/);
      for (const chrome of CHROME) expect(s.text, file).not.toContain(chrome);
      expect(s.text, file).not.toMatch(/&[a-z]+;|&#\d+;|<\/?[a-z]+[ />]|\u00a0/); // entities decoded, no markup, no NBSP
    }
  });

  // The JSON Lines export holds the same 120 events: reading the page must give the very same text.
  it('gives the same title, address and text as the JSON Lines record of each page', async () => {
    const byId = new Map(files.map((f) => [f.replace(/\.html$/, ''), f]));
    let compared = 0;
    for await (const j of readJsonLines(EVENTS_GZ, { onIssue: (i) => expect.fail(JSON.stringify(i)) })) {
      const file = byId.get(j.id);
      if (!file) continue;
      const h = loadPage(file);
      expect({ title: h.title, url: h.url, text: h.text }, file).toEqual({ title: j.title, url: j.url, text: j.text });
      compared++;
    }
    expect(compared).toBe(120);
  });
});

/** A page in the polisen.se layout, with only what the date needs. */
function polisenPage(o: { publicerad: string; base?: string; created?: string }): string {
  return `<html><head>
    ${o.base ? `<base href="/aktuellt/handelser/${o.base}/x/" />` : ''}
    ${o.created ? `<meta name="Creation-Date" content="${o.created}" />` : ''}
    </head><body><div class="event-page editorial-content"><h1>Rubrik</h1><p class="preamble">Ingress.</p>
    <div class="event-content"><div class="text-body editorial-html"><p>Brödtext.</p></div>
    <div class="meta-data-container"><div class="published-container">Text av<br /><span>Polisen region Syd</span></div>
    <div class="published-container">Publicerad<br /><span class="date">${o.publicerad}</span></div></div></div></div></body></html>`;
}

describe('the date of a polisen.se page', () => {
  it.each([
    { name: 'year from the address', page: { publicerad: '21 mars 18:57', base: '2023/mars/21' }, want: '2023-03-21T18:57' },
    { name: 'time written with a dot', page: { publicerad: '17 november 13.43', base: '2023/november/17' }, want: '2023-11-17T13:43' },
    { name: 'published after New Year', page: { publicerad: '01 januari 00:10', base: '2023/december/31' }, want: '2024-01-01T00:10' },
    { name: 'year from the creation date of the same day', page: { publicerad: '21 mars 18:57', created: '2022-03-21 18:57:21' }, want: '2022-03-21T18:57' },
    { name: 'a creation date of another day is not used', page: { publicerad: '21 mars 18:57', created: '2022-04-01 10:00:00' }, want: null },
    { name: 'year on the label itself', page: { publicerad: '21 mars 2021 kl. 18:57' }, want: '2021-03-21T18:57' },
    { name: 'no year anywhere: unknown, never guessed', page: { publicerad: '21 mars 18:57' }, want: null },
    { name: 'a label that is not a date', page: { publicerad: 'igår' , base: '2023/mars/21' }, want: null },
  ])('$name', ({ page, want }) => {
    expect(extractPage(polisenPage(page)).published).toBe(want);
  });
});

describe('other sites: the generic reading', () => {
  const cityPage = `<!DOCTYPE html><html lang="sv"><head>
    <title>Staden satsar på trygghet | Stockholms stad</title>
    <meta property="og:title" content="Staden satsar på trygghet | Stockholms stad">
    <meta property="og:site_name" content="Stockholms stad">
    <meta property="article:published_time" content="2021-02-12T09:30:00+01:00">
    <link rel="canonical" href="https://start.stockholm/aktuellt/nyheter/2021/02/trygghet/">
    <style>p { color: red }</style><script>var x = "<p>inte text</p>";</script>
    </head><body>
    <div class="cookie-banner"><p>Vi använder kakor för att förbättra webbplatsen.</p><button>Godkänn alla kakor</button></div>
    <header><nav><ul><li><a href="/">Start</a></li><li>Jobba i staden</li></ul></nav></header>
    <main><ul class="breadcrumbs"><li>Start</li><li>Nyheter</li></ul>
    <article>
      <h1>Staden satsar på trygghet</h1>
      <p class="lead">Stockholms stad &amp; polisen <strong>fördjupar</strong> samverkan&nbsp;i&nbsp;ytterstaden.</p>
      <p>– Vi ska halvera otryggheten till 2025,<br>säger finansborgarrådet.</p>
      <h2>Fakta</h2>
      <ul><li>380 personer är häktade.</li><li>Cirka 100 av dem kommer från gängmiljön.</li></ul>
      <div class="share"><a>Dela på Facebook</a></div>
      <p>Annons:</p>
      <form><label>Prenumerera</label><input></form>
      <aside><p>Läs också: Nya badplatser</p></aside>
    </article></main>
    <footer><p>© Stockholms stad</p></footer>
    </body></html>`;

  it('reads title, publisher, date, address and the article’s paragraphs only', () => {
    const s = parseHtmlStatement(cityPage, 'sthlm/trygghet.html', 'trygghet.html');
    expect(s).toEqual({
      id: 'trygghet.html',
      title: 'Staden satsar på trygghet',
      publisher: 'Stockholms stad',
      published: '2021-02-12T09:30:00+01:00',
      url: 'https://start.stockholm/aktuellt/nyheter/2021/02/trygghet/',
      text: [
        'Stockholms stad & polisen fördjupar samverkan i ytterstaden.',
        '– Vi ska halvera otryggheten till 2025,',
        'säger finansborgarrådet.',
        'Fakta',
        '380 personer är häktade.',
        'Cirka 100 av dem kommer från gängmiljön.',
      ].join('\n\n'),
      source: 'sthlm/trygghet.html',
    });
  });

  it.each([
    {
      name: 'no <article>: <main>',
      html: '<html><head><title>T</title></head><body><nav>Meny</nav><main><p>Ett.</p></main><p>Utanför.</p></body></html>',
      want: { title: 'T', text: 'Ett.' },
    },
    {
      name: 'neither: <body>, with <time datetime>',
      html: '<body><h1>Rubrik</h1><p>Ett <time datetime="2024-05-01">1 maj</time>.</p><footer>Sidfot</footer></body>',
      want: { title: 'Rubrik', published: '2024-05-01', text: 'Ett 1 maj.' },
    },
    {
      name: 'broken HTML: unclosed tags',
      html: '<html><body><article><h1>Rubrik</h1><p>Ett<p>Två <b>fet<div>Tre</article>',
      want: { title: 'Rubrik', text: 'Ett\n\nTvå fet\n\nTre' },
    },
    {
      name: 'text straight in a div, numeric entities',
      html: '<body><div>Första&#8211;andra &#x2013; tredje</div></body>',
      want: { title: 'x', text: 'Första–andra – tredje' },
    },
    {
      name: 'hidden, screen-reader-only and navigation-role elements are chrome',
      html: '<body><div hidden><p>Dold.</p></div><p aria-hidden="true">Aria.</p><span class="sr-only">Dela</span><p>Synlig.</p><div role="navigation">Nav.</div></body>',
      want: { text: 'Synlig.' },
    },
    {
      name: 'no date, no address: unknown',
      html: '<body><p>Ett.</p><time datetime="igår">igår</time></body>',
      want: { published: null, url: null, publisher: null },
    },
  ])('$name', ({ html, want }) => {
    expect(parseHtmlStatement(html, 'dir/x.html', 'x.html')).toMatchObject(want);
  });

  it.each([
    ['an empty body', '<html><head><title>Tom</title></head><body></body></html>'],
    ['only chrome', '<body><nav><p>Meny</p></nav><p>Dela på Facebook</p><footer>Sidfot</footer></body>'],
    ['only a script', '<script>document.write("<p>x</p>")</script>'],
  ])('refuses a page with no text: %s', (_, html) => {
    expect(() => parseHtmlStatement(html, 'dir/x.html', 'x.html')).toThrow(IngestError);
    expect(() => parseHtmlStatement(html, 'dir/x.html', 'x.html')).toThrow(/dir\/x\.html: no text/);
  });
});
