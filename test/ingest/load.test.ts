import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { IngestIssue, Statement } from '../../src/types.js';
import { loadAll, REPO_ROOT, tempDir } from './fixtures.js';

// A pass-through spy, to prove that a file over the size limit is never read.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, readFile: vi.fn(actual.readFile) };
});
const fsp = await import('node:fs/promises');
const { formatOf, loadCorpus, loadStatementsFromFile, statementHash } = await import('../../src/ingest/load.js');

const md = (fm: string, body: string) => `---\n${fm}\n---\n${body}\n`;
const jsonLine = (o: object) => JSON.stringify(o);

/** Binary junk without a pattern a sniffer could mistake for text. */
function junk(n: number): Buffer {
  const b = Buffer.alloc(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    b[i] = x >> 16;
  }
  return b;
}

function utf16(text: string, endian: 'le' | 'be'): Buffer {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  if (endian === 'le') return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return be;
}

/**
 * The corpus folder: for each file, what it should give — statements (by id) or exactly one issue.
 * `null` means the file is passed over silently.
 */
const FILES: Array<{ name: string; content: string | Buffer; ids?: string[]; issue?: RegExp; line?: number }> = [
  { name: 'a-good.md', content: md('title: Bra\npublisher: Polisen', 'Ett stycke.\n\nAnnons:'), ids: ['a-good.md'] },
  { name: 'sub/b.txt', content: 'Vanlig text.\n', ids: ['sub/b.txt'] },
  { name: 'sub/deeper/c.html', content: '<html><body><article><h1>C</h1><p>Text.</p></article></body></html>', ids: ['sub/deeper/c.html'] },
  { name: 'broken.html', content: '<html><body><div><p>Oavslutad <b>fet <i>kursiv', ids: ['broken.html'] },
  { name: 'events.jsonl', content: [jsonLine({ id: 7, title: 'Sju', text: 'Sju.' }), '{nope', jsonLine({ id: 8, title: 'Åtta', text: 'Åtta.' })].join('\n'), ids: ['7', '8'], issue: /^invalid JSON/, line: 2 },
  { name: 'empty.md', content: '', issue: /^empty file$/ },
  { name: 'blank.txt', content: '  \n\n \t\n', issue: /^empty file \(only whitespace\)$/ },
  { name: 'empty.jsonl', content: '', issue: /^empty file$/ },
  { name: 'junk.txt', content: junk(1500), issue: /^binary data/ },
  { name: 'junk-no-nul.txt', content: Buffer.from(junk(1500).map((b) => b || 1)), issue: /^binary data or unknown encoding \(not UTF-8/ },
  { name: 'mostly-utf8.txt', content: Buffer.concat([Buffer.from('Polisen i Malmö, Göteborg och Västerås '), Buffer.from([0xff]), Buffer.from(' griper.\n')]), ids: ['mostly-utf8.txt'], issue: /^not valid UTF-8: 1 invalid byte sequence\(s\) replaced with U\+FFFD$/ },
  { name: 'nul.md', content: Buffer.concat([Buffer.from('Text med NUL'), Buffer.from([0]), Buffer.from('i mitten.')]), issue: /^binary data \(NUL bytes\)/ },
  // A page that names its legacy charset is read in it, without an issue.
  { name: 'legacy.html', content: Buffer.from('<html><head><meta charset="windows-1252"></head><body><p>Polisen i Malmö.</p></body></html>', 'latin1'), ids: ['legacy.html'] },
  { name: 'notext.html', content: '<html><head><title>Tom</title></head><body><nav>Meny</nav><script>x()</script></body></html>', issue: /^no text found/ },
  { name: 'badfm.md', content: md('title: [oavslutad', 'Text.'), issue: /^invalid front matter/ },
  { name: 'wrongtype.md', content: md('title: Rubrik\npublisher:\n  namn: Polisen', 'Text.'), issue: /^invalid front matter: `publisher` must be a string, got a mapping/ },
  { name: 'latin1.txt', content: Buffer.from('Polisen i Malmö griper två män på Möllevångstorget.\n', 'latin1'), ids: ['latin1.txt'], issue: /^not valid UTF-8; decoded as windows-1252$/ },
  { name: 'bom8.md', content: `\uFEFF${md('title: Med BOM', 'Text efter BOM.')}`, ids: ['bom8.md'] },
  { name: 'bom16le.txt', content: utf16('Sextonbitars text, lilla änden.\n', 'le'), ids: ['bom16le.txt'] },
  { name: 'bom16be.txt', content: utf16('Sextonbitars text, stora änden.\n', 'be'), ids: ['bom16be.txt'] },
  { name: 'dup-first.md', content: md('id: samma\ntitle: Först', 'Först.'), ids: ['samma'] },
  { name: 'dup-second.md', content: md('id: samma\ntitle: Sedan', 'Sedan.'), issue: /^duplicate id "samma" \(already loaded from .*dup-first\.md\); skipped$/ },
  { name: 'z-dup.jsonl', content: jsonLine({ id: 7, title: 'Sju igen', text: 'Sju.' }), issue: /^duplicate id "7" \(already loaded from .*events\.jsonl:1\); skipped$/, line: 1 },
  { name: 'huge.txt', content: 'Stor fil. '.repeat(300), issue: /^file too large: 2\.9 KiB \(3000 bytes\) exceeds the limit of 2\.0 KiB \(2048 bytes\) \(MAX_FILE_BYTES\); not read$/ },
  // JSON Lines are streamed: the size limit does not apply to them.
  { name: 'huge.jsonl', content: Array.from({ length: 100 }, (_, i) => jsonLine({ id: `h${i}`, title: 'H', text: 'Stor.' })).join('\n'), ids: Array.from({ length: 100 }, (_, i) => `h${i}`) },
  // Passed over silently: hidden entries and other file types inside a folder.
  { name: '.hidden.md', content: 'Dold.' },
  { name: '.git/config.md', content: 'Dold mapp.' },
  { name: 'bild.png', content: junk(100) },
  { name: 'anteckningar.docx', content: 'x' },
];

const MAX = 2048;

describe('loadCorpus on a folder with one file for each kind of problem', () => {
  let dir: string;
  let statements: Statement[];
  let issues: IngestIssue[];

  beforeAll(async () => {
    dir = await tempDir();
    for (const f of FILES) {
      await mkdir(path.dirname(path.join(dir, f.name)), { recursive: true });
      await writeFile(path.join(dir, f.name), f.content);
    }
    vi.mocked(fsp.readFile).mockClear();
    ({ statements, issues } = await loadAll([dir], { maxFileBytes: MAX }));
  });

  it('loads every good statement, in sorted path order, with ids relative to the folder', () => {
    const sorted = [...FILES].filter((f) => f.ids).sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(statements.map((s) => s.id)).toEqual(sorted.flatMap((f) => f.ids!));
  });

  it.each(FILES.filter((f) => f.issue).map((f) => [f.name, f] as const))('%s: exactly one issue naming it', (name, f) => {
    const mine = issues.filter((i) => i.file === path.join(dir, name));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.reason).toMatch(f.issue!);
    expect(mine[0]!.line).toBe(f.line);
  });

  it('reports nothing else (hidden files and other types pass silently)', () => {
    expect(issues).toHaveLength(FILES.filter((f) => f.issue).length);
  });

  it('never reads a file over the size limit', () => {
    const read = vi.mocked(fsp.readFile).mock.calls.map(([p]) => String(p));
    expect(read).toContain(path.join(dir, 'a-good.md'));
    expect(read).not.toContain(path.join(dir, 'huge.txt'));
  });

  it.each([
    ['a-good.md', { title: 'Bra', publisher: 'Polisen', text: 'Ett stycke.' }],
    ['sub/deeper/c.html', { title: 'C', text: 'Text.' }],
    ['broken.html', { text: 'Oavslutad fet kursiv' }],
    ['latin1.txt', { text: 'Polisen i Malmö griper två män på Möllevångstorget.' }],
    ['legacy.html', { text: 'Polisen i Malmö.' }],
    ['mostly-utf8.txt', { text: 'Polisen i Malmö, Göteborg och Västerås \uFFFD griper.' }],
    ['bom8.md', { title: 'Med BOM', text: 'Text efter BOM.' }],
    ['bom16le.txt', { title: 'bom16le', text: 'Sextonbitars text, lilla änden.' }],
    ['bom16be.txt', { title: 'bom16be', text: 'Sextonbitars text, stora änden.' }],
    ['samma', { title: 'Först' }],
  ])('%s reads as expected', (id, want) => {
    expect(statements.find((s) => s.id === id)).toMatchObject(want);
  });

  it('names the source of each statement: the path, plus the line for JSON Lines', () => {
    expect(statements.find((s) => s.id === 'sub/b.txt')!.source).toBe(path.join(dir, 'sub/b.txt'));
    expect(statements.find((s) => s.id === '8')!.source).toBe(`${path.join(dir, 'events.jsonl')}:3`);
  });
});

describe('loadCorpus arguments', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
    await writeFile(path.join(dir, 'one.md'), md('title: Ett', 'Ett.'));
    await writeFile(path.join(dir, 'notes.docx'), 'x');
    await writeFile(path.join(dir, '.dold.md'), 'Dold men uttryckligen nämnd.');
  });

  it.each([
    { name: 'a file: its base name is the id', args: ['one.md'], ids: ['one.md'], issues: [] as RegExp[] },
    { name: 'an unknown type named explicitly is an issue', args: ['notes.docx'], ids: [], issues: [/^unsupported file type \(supported: .*\.md.*\)$/] },
    { name: 'a missing path is an issue', args: ['nothing-here.md'], ids: [], issues: [/^not found$/] },
    { name: 'a hidden file named explicitly is read', args: ['.dold.md'], ids: ['.dold.md'], issues: [] },
    { name: 'the same file twice: the second is a duplicate', args: ['one.md', 'one.md'], ids: ['one.md'], issues: [/^duplicate id "one\.md"/] },
  ])('$name', async ({ args, ids, issues: wantIssues }) => {
    const { statements, issues } = await loadAll(args.map((a) => path.join(dir, a)));
    expect(statements.map((s) => s.id)).toEqual(ids);
    expect(issues).toHaveLength(wantIssues.length);
    issues.forEach((i, k) => expect(i.reason).toMatch(wantIssues[k]!));
  });

  it('loads the repository’s corpus folder: the seed press release, without issues', async () => {
    const { statements, issues } = await loadAll([path.join(REPO_ROOT, 'corpus')]);
    expect(issues).toEqual([]);
    expect(statements.map((s) => s.id)).toContain('press-release-stockholm-gang-violence.md');
  });

  it('stops reading when the consumer stops', async () => {
    const it = loadCorpus([dir], { maxFileBytes: MAX, onIssue: () => {} });
    const first = await it.next();
    expect(first.done).toBe(false);
    await it.return(undefined);
  });
});

describe('loadStatementsFromFile (an uploaded document)', () => {
  it('uses the given id and source name in the statement and its issues', async () => {
    const dir = await tempDir();
    const tmp = path.join(dir, 'upload-123.tmp');
    await writeFile(tmp, md('title: Uppladdad', 'Text.'));
    const issues: IngestIssue[] = [];
    const got: Statement[] = [];
    for await (const s of loadStatementsFromFile(tmp, { maxFileBytes: MAX, onIssue: (i) => issues.push(i), id: 'uploads/pm.md', source: 'pm.md' })) got.push(s);
    expect(issues).toEqual([]);
    expect(got).toEqual([expect.objectContaining({ id: 'uploads/pm.md', title: 'Uppladdad', source: 'pm.md' })]);

    await writeFile(tmp, '');
    for await (const s of loadStatementsFromFile(tmp, { maxFileBytes: MAX, onIssue: (i) => issues.push(i), source: 'tom.txt' })) got.push(s);
    expect(issues).toEqual([{ file: 'tom.txt', reason: 'empty file' }]);
  });
});

describe('formatOf', () => {
  it.each([
    ['a.md', 'text'],
    ['a.MARKDOWN', 'text'],
    ['a.txt', 'text'],
    ['a.html', 'html'],
    ['a.htm', 'html'],
    ['a.jsonl', 'jsonl'],
    ['a.ndjson', 'jsonl'],
    ['a.jsonl.gz', 'jsonl'],
    ['a.gz', null],
    ['a.json', null],
    ['a.pdf', null],
  ])('%s → %s', (name, want) => {
    expect(formatOf(name)).toBe(want);
  });
});

describe('statementHash', () => {
  const s: Statement = { id: 'a', title: 'T', publisher: null, published: null, url: null, text: 'Ett.', source: 'x/a.md' };
  it.each([
    ['the same statement read from elsewhere', { source: 'y/a.md' }, true],
    ['a changed text', { text: 'Två.' }, false],
    ['a changed title', { title: 'U' }, false],
    ['a date now known', { published: '2023-03-21' }, false],
    ['a changed address', { url: 'https://polisen.se/a' }, false],
    ['a publisher now known', { publisher: 'Polisen' }, false],
  ])('%s → same hash: %s', (_, change, same) => {
    expect(statementHash({ ...s, ...change }) === statementHash(s)).toBe(same);
    expect(statementHash(s)).toMatch(/^[0-9a-f]{40}$/);
  });
});
