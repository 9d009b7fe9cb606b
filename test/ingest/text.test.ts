import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../../src/errors.js';
import { parseTextStatement, stripInline } from '../../src/ingest/text.js';
import { HAVE_SHARED, paragraphs, SEED_CORPUS_FILE, SHARED, warnIfNoShared } from './fixtures.js';

describe('the seed press release (corpus/press-release-stockholm-gang-violence.md)', async () => {
  const content = await readFile(SEED_CORPUS_FILE, 'utf8');
  const s = parseTextStatement(content, 'corpus/press-release-stockholm-gang-violence.md', 'press-release-stockholm-gang-violence.md');
  const paras = paragraphs(s);

  it('still carries the boilerplate in the file, so dropping it is the loader’s work', () => {
    expect(content).toContain('\nAnnons:\n');
    expect(content).toContain('Pressmeddelande från Polisen\nPrint Friendly, PDF & Email\nAnnons:');
  });

  it.each(['Annons:', 'Print Friendly, PDF & Email', 'Pressmeddelande från Polisen'])('has no %j in its text', (chrome) => {
    expect(paras).not.toContain(chrome);
    expect(s.text).not.toContain(chrome);
  });

  it.each([
    // The seed has a no-break space after the dash; verbatim means that character too.
    '–\u00a0Tillsammans går vi nu på offensiven, vi arbetar gemensamt, offensivt och framåtlutat för att förbättra situationen. Just nu sitter 380 personer häktade och cirka 100 av dem är från gängmiljön. Vi har en vår med många rättegångar framför oss, sade regionpolischef i Stockholm Mats Löfving.',
    '2025 ska otryggheten vara halverad och ingen stadsdel ska klassas som särskilt utsatt',
    'Den fördjupade samverkan i stadsdelarna Rinkeby-Kista och Spånga-Tensta och polisregion Nord har ytterligare vässat samverkan kring grovt kriminella individer i området.',
  ])('keeps the paragraph verbatim: %s', (p) => {
    expect(paras).toContain(p);
  });

  warnIfNoShared('comparing the corpus file with shared/seed');
  it.skipIf(!HAVE_SHARED)('is the seed file’s body, boilerplate lines left out, every other line verbatim and in order', async () => {
    const seed = await readFile(path.join(SHARED, 'seed/press-release-stockholm-gang-violence.txt'), 'utf8');
    const boilerplate = ['Annons:', 'Print Friendly, PDF & Email', 'Pressmeddelande från Polisen'];
    expect(paras).toEqual(seed.split('\n').filter((l) => l.trim() && !boilerplate.includes(l.trim())));
  });

  it('has the front matter’s metadata, the date unknown', () => {
    expect(s).toMatchObject({
      id: 'press-release-stockholm-gang-violence.md',
      title: 'Stockholms stad och Polisregion Stockholm intensifierar arbetet mot det dödliga gängvåldet',
      publisher: 'Polisen',
      published: null,
      url: null,
      source: 'corpus/press-release-stockholm-gang-violence.md',
    });
  });
});

describe('parseTextStatement', () => {
  it.each([
    {
      name: 'plain text: blank lines split, single newlines are soft wraps',
      file: 'a.txt',
      content: 'Första raden\nfortsätter här.\n\n\n  Andra stycket.  \n',
      want: { title: 'a', text: 'Första raden fortsätter här.\n\nAndra stycket.' },
    },
    {
      name: 'plain text keeps Markdown characters as they are',
      file: 'a.txt',
      content: '# Inte en rubrik\n\n*Stjärnor* och _understreck_ står kvar.',
      want: { title: 'a', text: '# Inte en rubrik\n\n*Stjärnor* och _understreck_ står kvar.' },
    },
    {
      name: 'CRLF line ends',
      file: 'a.txt',
      content: 'Ett\r\ntvå.\r\n\r\nTre.\r\n',
      want: { text: 'Ett två.\n\nTre.' },
    },
    {
      name: 'Markdown: the first # heading is the title, not a paragraph',
      file: 'dir/pm.md',
      content: '# Polisen griper två\n\nTvå män **greps** under natten.\n\n## Bakgrund\n\nLäs [pressmeddelandet](https://polisen.se/x) för *mer*.',
      want: { title: 'Polisen griper två', text: 'Två män greps under natten.\n\nBakgrund\n\nLäs pressmeddelandet för mer.' },
    },
    {
      name: 'Markdown: list items and block quotes are paragraphs; rules, comments and link definitions go',
      file: 'a.markdown',
      content: 'Inledning:\n- första punkten\n- andra\n  fortsätter\n\n---\n\n> – Ett citat,\n> sade hon.\n<!-- intern anteckning -->\n\n[ref]: https://example.com',
      want: { title: 'a', text: 'Inledning:\n\nförsta punkten\n\nandra fortsätter\n\n– Ett citat, sade hon.' },
    },
    {
      name: 'Markdown: setext heading as title',
      file: 'a.md',
      content: 'Rubriken\n========\n\nText.',
      want: { title: 'Rubriken', text: 'Text.' },
    },
    {
      name: 'front matter title wins; an equal # heading is not repeated',
      file: 'a.md',
      content: '---\ntitle: Rubriken\ndate: 2023-03-21\nurl: https://polisen.se/a\nid: 42\n---\n# Rubriken\n\nText.',
      want: { id: '42', title: 'Rubriken', published: '2023-03-21', url: 'https://polisen.se/a', text: 'Text.' },
    },
    {
      name: 'published and source_url; a date-time stays local time, as written',
      file: 'a.md',
      content: '---\npublished: 2023-03-21 18:57:00\nsource_url: https://example.se/x\npublisher: Stockholms stad\n---\nText.',
      want: { published: '2023-03-21T18:57:00', url: 'https://example.se/x', publisher: 'Stockholms stad' },
    },
    {
      name: 'empty front matter',
      file: 'a.md',
      content: '---\n---\nText.',
      want: { title: 'a', published: null, url: null, publisher: null, text: 'Text.' },
    },
  ])('$name', ({ file, content, want }) => {
    expect(parseTextStatement(content, file, file.replace(/^.*\//, ''))).toMatchObject(want);
  });

  it.each([
    { name: 'YAML syntax error', content: '---\ntitle: [unclosed\n---\nText.', reason: /invalid front matter/ },
    { name: 'title of the wrong type', content: '---\ntitle:\n  - a\n  - b\n---\nText.', reason: /`title` must be a string, got a list/ },
    { name: 'date that is not ISO', content: '---\ndate: 21 mars 2023\n---\nText.', reason: /`date` must be an ISO date/ },
    { name: 'url that is not a URL', content: '---\nurl: polisen.se\n---\nText.', reason: /`url` must be an http\(s\) URL/ },
    { name: 'front matter that is a list', content: '---\n- a\n- b\n---\nText.', reason: /key: value/ },
    { name: 'no closing delimiter', content: '---\ntitle: x\nText.', reason: /no closing/ },
    { name: 'JavaScript front matter is never run', content: '---js\n{ title: (globalThis.pwned = 1, "x") }\n---\nText.', reason: /only YAML/ },
    { name: 'only boilerplate', content: 'Annons:\n\nPrint Friendly, PDF & Email\n', reason: /no text/ },
  ])('refuses $name', ({ content, reason }) => {
    let err: unknown;
    try {
      parseTextStatement(content, 'corpus/bad.md', 'bad.md');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).file).toBe('corpus/bad.md');
    expect((err as IngestError).reason).toMatch(reason);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });
});

describe('stripInline', () => {
  it.each([
    ['**fet** och *kursiv* och ***båda***', 'fet och kursiv och båda'],
    ['__fet__ och _kursiv_', 'fet och kursiv'],
    ['snake_case_namn och 2*3*4 står kvar', 'snake_case_namn och 2*3*4 står kvar'],
    ['[länk](https://x.se "titel") och ![bild](a.png)', 'länk och bild'],
    ['[referens][1] och <https://polisen.se>', 'referens och https://polisen.se'],
    ['`kod` och ~~struken~~', 'kod och struken'],
    ['\\*inte kursiv\\* och \\_inte\\_', '*inte kursiv* och _inte_'],
    ['**fet *inuti* fet**', 'fet inuti fet'],
    ['– Citat med tankstreck', '– Citat med tankstreck'],
  ])('%j → %j', (input, want) => {
    expect(stripInline(input)).toBe(want);
  });
});

describe('character references in Markdown (issue 11, finding 9)', () => {
  it('are decoded, so that a cited sentence reads as the page does', () => {
    const s = parseTextStatement('---\ntitle: Polisen &amp; kommunen\n---\n\nPolisen &amp; kommunen samverkar &#8211; sedan 2019 &ndash; i &quot;Tryggare Stockholm&quot;.\n\n```\nkod &amp; mer\n```\n', 'corpus/a.md', 'a.md');
    expect(s.text).toBe('Polisen & kommunen samverkar – sedan 2019 – i "Tryggare Stockholm".\n\nkod &amp; mer');
    // A plain-text file is taken as it is written.
    expect(parseTextStatement('Polisen &amp; kommunen.\n', 'corpus/a.txt', 'a.txt').text).toBe('Polisen &amp; kommunen.');
  });
});
