/**
 * Guarantees 4 and 5: a corpus folder of a few hundred generated files (seeded), good ones mixed with empty
 * files, binary junk, broken and hostile HTML, invalid front matter, malformed JSON lines, wrong encodings,
 * duplicate ids, oversized files (a 300 MB sparse file among them), a FIFO and a dangling link. buildIndex must
 * not crash; every good statement is searchable (its unique marker word cites its sentence verbatim); every bad
 * file (or JSON line) gives exactly one issue naming it (and the line), in one line of text; nothing else is
 * reported. The same folder through the CLI: one `skipped …` line per issue on stderr, exit code 0.
 *
 * Files of other types (.pdf, .docx) and hidden files are passed over silently, by design (README: the corpus).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants as zlibConstants, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/answer/engine.js';
import { buildIndex, type BuildReport } from '../../src/index/build.js';
import { openIndex } from '../../src/index/open.js';
import { loadLexicon } from '../../src/text/lexicon.js';
import type { IngestIssue } from '../../src/types.js';
import { tempDir } from '../helpers.js';
import { marker, markerSentence, ROOT, rng, type Rng } from './gen.js';

/** Another seed: CITERA_FUZZ_SEED=n npx vitest run test/reliability/bad-corpus.test.ts */
const SEED = Number(process.env.CITERA_FUZZ_SEED ?? 424242);
const FILES = 320;
/** Small, so that "too large" files and over-long JSON lines (limit: max(MAX_FILE_BYTES, 1 MiB)) stay cheap. */
const MAX_FILE_BYTES = 256 * 1024;

interface Expected {
  rel: string;
  kind: string;
  content: string | Buffer | ((path: string) => void);
  statements: { id: string; sentence: string }[];
  /** Issues this file must give, exactly (a line number for JSON Lines). */
  issues: { line?: number; re: RegExp }[];
  /** Marker sentences that must not be indexed (a duplicate id's). */
  absent?: string[];
}

const work = tempDir('citera-fuzz-');
const corpus = join(work, 'corpus');
afterAll(() => rmSync(work, { recursive: true, force: true }));

let nextMarker = 1000;
const FILLER = [
  'Polisen fick larm strax efter midnatt.',
  'En person fördes till sjukhus med lindriga skador.',
  'Ärendet utreds som misshandel av normalgraden.',
  'Trafiken leddes om under två timmar.',
  'Vittnen ombeds höra av sig till polisen.',
];

function body(r: Rng, sentence: string): string[] {
  const paras = Array.from({ length: r.int(1, 3) }, () => r.pick(FILLER));
  paras.splice(r.int(0, paras.length), 0, sentence);
  return paras;
}

function newMarker(r: Rng) {
  const m = marker(nextMarker++);
  return { m, sentence: markerSentence(m, r) };
}

function junk(r: Rng, n: number, noNul: boolean): Buffer {
  const b = r.bytes(n);
  if (noNul) for (let i = 0; i < n; i++) if (b[i] === 0) b[i] = 1;
  return b;
}

/** One generated file of a kind chosen at random (weights: about half good). */
function generate(i: number, r: Rng): Expected[] {
  const n = String(i).padStart(3, '0');
  const kinds = [
    'md-fm', 'md-fm', 'md-plain', 'txt', 'txt-crlf', 'html', 'html-broken', 'jsonl-mixed', 'jsonl-mixed', 'jsonl-gz',
    'utf16le', 'utf16be', 'utf8-bom', 'cp1252', 'mostly-utf8', 'dup-id',
    'empty', 'blank', 'binary', 'binary-no-nul', 'bad-fm', 'bad-fm', 'boilerplate', 'html-no-text', 'html-deep',
    'too-large', 'jsonl-long-line', 'jsonl-gz-cut', 'jsonl-blank', 'jsonl-binary', 'other-type', 'hidden',
  ];
  const kind = r.pick(kinds);
  const good = (rel: string, content: Expected['content'], id: string, sentence: string, issues: Expected['issues'] = []): Expected[] => [
    { rel, kind, content, statements: [{ id, sentence }], issues },
  ];
  const bad = (rel: string, content: Expected['content'], re: RegExp): Expected[] => [{ rel, kind, content, statements: [], issues: [{ re }] }];

  switch (kind) {
    case 'md-fm': {
      const { m, sentence } = newMarker(r);
      const fm = `---\ntitle: Händelse ${m}\npublisher: Polisen region Syd\npublished: 2023-0${r.int(1, 9)}-1${r.int(0, 9)}T1${r.int(0, 9)}:30\nurl: https://polisen.se/aktuellt/${m}/\n---\n`;
      return good(`sub-${i % 7}/${n}-fm.md`, fm + '\n' + body(r, sentence).join('\n\n') + '\n', `sub-${i % 7}/${n}-fm.md`, sentence);
    }
    case 'md-plain': {
      const { m, sentence } = newMarker(r);
      return good(`${n}-plain.markdown`, `# Rubrik ${m}\n\n${body(r, sentence).join('\n\n')}\n`, `${n}-plain.markdown`, sentence);
    }
    case 'txt':
    case 'txt-crlf': {
      const { sentence } = newMarker(r);
      const eol = kind === 'txt' ? '\n' : '\r\n';
      return good(`${n}-text.txt`, body(r, sentence).join(eol + eol) + eol, `${n}-text.txt`, sentence);
    }
    case 'html': {
      const { m, sentence } = newMarker(r);
      const ps = body(r, sentence).map((p) => `<p>${p}</p>`).join('\n');
      return good(`pages/${n}.html`, `<!doctype html><html><head><title>Sida ${m}</title></head><body><nav><a href="/">Start</a></nav><article><h1>Sida ${m}</h1>${ps}</article><footer>Polisen</footer></body></html>`, `pages/${n}.html`, sentence);
    }
    case 'html-broken': {
      // Unclosed tags, a stray end tag, no <html> or <body>: still read.
      const { sentence } = newMarker(r);
      const ps = body(r, sentence).map((p) => `<p>${p}`).join('\n');
      return good(`pages/${n}-broken.htm`, `<div class="main"><p>${ps}</span>\n<div><b>Slut`, `pages/${n}-broken.htm`, sentence);
    }
    case 'jsonl-mixed': {
      const lines: string[] = [];
      const statements: Expected['statements'] = [];
      const issues: Expected['issues'] = [];
      const count = r.int(3, 8);
      for (let k = 0; k < count; k++) {
        const lineNo = lines.length + 1;
        const roll = r.next();
        if (roll < 0.6) {
          const { m, sentence } = newMarker(r);
          const id = `j${n}-${k}`;
          const rec = r.next() < 0.5 ? { id, title: `Notis ${m}`, text: body(r, sentence).join('\n') } : { id, title: `Notis ${m}`, preamble: sentence, paragraphs: [r.pick(FILLER)], published: '2023-03-21T18:57', publisher: 'Polisen' };
          lines.push(JSON.stringify(rec));
          statements.push({ id, sentence });
        } else if (roll < 0.68) {
          lines.push(r.pick(['', '   ']));
        } else {
          const [text, re] = r.pick<[string, RegExp]>([
            ['{"id": 1, "title": "Oavslutad', /^invalid JSON/],
            ['[1, 2, 3]', /^not a JSON object$/],
            ['"bara en sträng"', /^not a JSON object$/],
            [JSON.stringify({ id: `x${n}-${k}`, text: 'Ingen rubrik.' }), /^missing `title`$/],
            [JSON.stringify({ title: 42, text: 'Fel typ.' }), /^`title` must be a string, got a number$/],
            [JSON.stringify({ title: 'Tom', text: '   ' }), /^no text \(empty body, or only boilerplate\)$/],
            [JSON.stringify({ title: 'Datum', text: 'Text.', published: 'igår' }), /^`published` must be an ISO date, got "igår"$/],
            [JSON.stringify({ title: 'Datum', text: 'Text.', published: '2023-02-30' }), /^`published` must be an ISO date, got "2023-02-30"$/],
            [JSON.stringify({ id: `j${n}-0`, title: 'Dubblett', text: 'Dubblett.' }), /^duplicate id "j\d+-0" \(already loaded from .*\); skipped$/],
          ]);
          // A duplicate of line 1 only when line 1 is a statement; otherwise some other fault.
          if (text.includes('Dubblett') && !statements.some((s) => s.id === `j${n}-0`)) {
            lines.push('{nope');
            issues.push({ line: lineNo, re: /^invalid JSON/ });
          } else {
            lines.push(text);
            issues.push({ line: lineNo, re });
          }
        }
      }
      return [{ rel: `events/${n}.jsonl`, kind, content: lines.join(r.next() < 0.3 ? '\r\n' : '\n') + '\n', statements, issues }];
    }
    case 'jsonl-gz': {
      const statements: Expected['statements'] = [];
      const lines = Array.from({ length: r.int(2, 5) }, (_, k) => {
        const { m, sentence } = newMarker(r);
        statements.push({ id: `g${n}-${k}`, sentence });
        return JSON.stringify({ id: `g${n}-${k}`, title: `Notis ${m}`, text: sentence });
      });
      return [{ rel: `events/${n}.ndjson.gz`, kind, content: gzipSync(lines.join('\n') + '\n'), statements, issues: [] }];
    }
    case 'jsonl-gz-cut': {
      // A gzip stream that breaks off: the lines before the break are indexed, then one issue (a documented cut).
      const all: Expected['statements'] = [];
      const lines = Array.from({ length: 40 }, (_, k) => {
        const { m, sentence } = newMarker(r);
        all.push({ id: `c${n}-${k}`, sentence });
        return JSON.stringify({ id: `c${n}-${k}`, title: `Notis ${m}`, text: `${sentence} ${'Utfyllnad med fler ord. '.repeat(r.int(5, 60))}`.trim() });
      });
      const gz = gzipSync(lines.join('\n') + '\n', { level: 1 });
      const cut = gz.subarray(0, Math.floor(gz.length * (0.3 + 0.5 * r.next())));
      // The complete lines of what can be decompressed are read; the broken one and the rest are cut off.
      const whole = gunzipSync(cut, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString('utf8').split('\n').length - 1;
      return [{ rel: `events/${n}-cut.jsonl.gz`, kind, content: cut, statements: all.slice(0, whole), issues: [{ line: whole + 1, re: new RegExp(`^unreadable \\(.*\\); stopped after line ${whole}$`) }], absent: all.slice(whole).map((s) => s.sentence) }];
    }
    case 'utf16le':
    case 'utf16be': {
      const { sentence } = newMarker(r);
      const le = Buffer.from(`\uFEFF${body(r, sentence).join('\n\n')}\n`, 'utf16le');
      const buf = kind === 'utf16le' ? le : Buffer.from(le).swap16();
      return good(`${n}-${kind}.txt`, buf, `${n}-${kind}.txt`, sentence);
    }
    case 'utf8-bom': {
      const { sentence } = newMarker(r);
      return good(`${n}-bom.md`, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`---\ntitle: Med BOM\n---\n\n${body(r, sentence).join('\n\n')}\n`)]), `${n}-bom.md`, sentence);
    }
    case 'cp1252': {
      // Read, with one line saying how it was decoded.
      const { sentence } = newMarker(r);
      return good(`${n}-latin.txt`, Buffer.from(`Händelse i Västerås och Göteborg.\n\n${body(r, sentence).join('\n\n')}\n`, 'latin1'), `${n}-latin.txt`, sentence, [{ re: /^not valid UTF-8; decoded as windows-1252$/ }]);
    }
    case 'mostly-utf8': {
      const { sentence } = newMarker(r);
      const text = Buffer.concat([Buffer.from('Polisen i Malmö, Göteborg och Västerås griper '), Buffer.from([0xff]), Buffer.from(` tre personer.\n\n${sentence}\n`)]);
      return good(`${n}-mostly.txt`, text, `${n}-mostly.txt`, sentence, [{ re: /^not valid UTF-8: 1 invalid byte sequence\(s\) replaced with U\+FFFD$/ }]);
    }
    case 'dup-id': {
      const a = newMarker(r);
      const b = newMarker(r);
      const md = (s: string) => `---\nid: dup-${n}\ntitle: Samma id\n---\n\n${s}\n`;
      return [
        { rel: `dup/a-${n}.md`, kind, content: md(a.sentence), statements: [{ id: `dup-${n}`, sentence: a.sentence }], issues: [] },
        { rel: `dup/z-${n}.md`, kind, content: md(b.sentence), statements: [], issues: [{ re: new RegExp(`^duplicate id "dup-${n}" \\(already loaded from .*a-${n}\\.md\\); skipped$`) }], absent: [b.sentence] },
      ];
    }
    case 'empty':
      return bad(`${n}-empty${r.pick(['.md', '.txt', '.html', '.jsonl'])}`, '', /^empty file$/);
    case 'blank':
      return bad(`${n}-blank${r.pick(['.md', '.txt'])}`, r.pick([' \n\n\t\n', '\r\n\r\n', '   ']), /^empty file \(only whitespace\)$/);
    case 'jsonl-blank':
      return bad(`${n}-blank.jsonl`, r.pick(['\n\n', ' \n \n', '\r\n']), /^empty file \(only whitespace\)$/);
    case 'binary':
      return bad(`${n}-junk${r.pick(['.md', '.txt', '.html'])}`, junk(r, r.int(64, 4000), false), /^binary data/);
    case 'binary-no-nul':
      return bad(`${n}-junk2${r.pick(['.md', '.txt', '.htm'])}`, junk(r, r.int(500, 4000), true), /^binary data/);
    case 'jsonl-binary':
      return bad(`${n}-junk.jsonl`, junk(r, r.int(100, 20000), false), /^binary data/);
    case 'bad-fm': {
      const [fm, re] = r.pick<[string, RegExp]>([
        ['---\ntitle: Ingen avslutning\n\nText.\n', /^invalid front matter: no closing `---` line$/],
        ['---\ntitle: [oavslutad\n---\nText.\n', /^invalid front matter: /],
        ['---\ntitle: [a, b]\n---\nText.\n', /^invalid front matter: `title` must be a string, got a list$/],
        ['---\npublished: igår\n---\nText.\n', /^invalid front matter: `published` must be an ISO date .*got "igår"$/],
        ['---\ndate: 2023-13-45\n---\nText.\n', /^invalid front matter: `date` must be an ISO date .*got "2023-13-45"$/],
        ['---\nurl: ftp://example.se/x\n---\nText.\n', /^invalid front matter: `url` must be an http\(s\) URL/],
        ['---js\n{ title: require("fs") }\n---\nText.\n', /^invalid front matter: only YAML front matter is allowed$/],
        ['---\nid: ""\n---\nText.\n', /^invalid front matter: `id` must be a non-empty string or a number, got an empty string$/],
        ['---\n- en\n- lista\n---\nText.\n', /^invalid front matter: expected `key: value` pairs$/],
      ]);
      return bad(`${n}-badfm.md`, fm, re);
    }
    case 'boilerplate':
      return bad(`${n}-boiler.md`, 'Annons:\n\nPrint Friendly, PDF & Email\n\nDela på Facebook\n', /^no text \(empty body, or only boilerplate\)$/);
    case 'html-no-text':
      return bad(`pages/${n}-notext.html`, '<html><head><title>Tom</title><script>var x = "<p>inte text</p>";</script></head><body><nav>Meny</nav></body></html>', /^no text found in the page$/);
    case 'html-deep': {
      const depth = r.int(600, 20_000); // under MAX_FILE_BYTES: the depth is the reason, not the size
      const closed = r.next() < 0.5;
      return bad(`pages/${n}-deep.html`, `<html><body>${'<div>'.repeat(depth)}<p>Djupt.</p>${closed ? '</div>'.repeat(depth) : ''}</body></html>`, /^HTML nested (over )?\d+ elements deep \(limit 500; broken or hostile markup\); not read$/);
    }
    case 'too-large': {
      const size = MAX_FILE_BYTES + r.int(1, 5000);
      return bad(`${n}-large.txt`, Buffer.alloc(size, 'Stor fil. '), /^file too large: .* exceeds the limit of 256\.0 KiB \(262144 bytes\) \(MAX_FILE_BYTES\); not read$/);
    }
    case 'jsonl-long-line': {
      // One line over the line limit (1 MiB here) is skipped; the lines around it are read.
      const a = newMarker(r);
      const b = newMarker(r);
      const lines = [
        JSON.stringify({ id: `l${n}-a`, title: 'Före', text: a.sentence }),
        JSON.stringify({ id: `l${n}-x`, title: 'Lång', text: 'ord '.repeat(300_000) }),
        JSON.stringify({ id: `l${n}-b`, title: 'Efter', text: b.sentence }),
      ];
      return [{ rel: `events/${n}-long.jsonl`, kind, content: lines.join('\n') + '\n', statements: [{ id: `l${n}-a`, sentence: a.sentence }, { id: `l${n}-b`, sentence: b.sentence }], issues: [{ line: 2, re: /^line longer than 1048576 characters; skipped$/ }] }];
    }
    case 'other-type':
      return [{ rel: `${n}-attachment${r.pick(['.pdf', '.docx', '.csv', '.json'])}`, kind, content: junk(r, 300, false), statements: [], issues: [] }];
    case 'hidden': {
      const { sentence } = newMarker(r);
      return [{ rel: `.${n}-hidden.md`, kind, content: `${sentence}\n`, statements: [], issues: [], absent: [sentence] }];
    }
  }
  throw new Error(`unknown kind ${kind}`);
}

/** Special files, once each: the 300 MB sparse files, a FIFO, a dangling link, a name with spaces and å/ä/ö. */
function specials(r: Rng): Expected[] {
  const out: Expected[] = [
    { rel: 'huge-300MB.md', kind: 'huge', content: (p) => (writeFileSync(p, ''), truncateSync(p, 300 * 1024 * 1024)), statements: [], issues: [{ re: /^file too large: 300\.0 MiB .*not read$/ }] },
    // JSON Lines are streamed, so the size is no reason; NUL bytes are, at the first chunk.
    { rel: 'huge-300MB.jsonl', kind: 'huge', content: (p) => (writeFileSync(p, ''), truncateSync(p, 300 * 1024 * 1024)), statements: [], issues: [{ re: /^binary data \(NUL bytes\), not text$/ }] },
    { rel: 'dangling.md', kind: 'dangling-link', content: (p) => symlinkSync(join(work, 'nowhere.md'), p), statements: [], issues: [{ re: /^broken symbolic link \(not found at its target\)$/ }] },
  ];
  const { sentence } = newMarker(r);
  out.push({ rel: 'Händelse i Göteborg – åäö (kopia).md', kind: 'unicode-name', content: `${sentence}\n`, statements: [{ id: 'Händelse i Göteborg – åäö (kopia).md', sentence }], issues: [] });
  if (spawnSync('mkfifo', ['--help']).status === 0) {
    out.push({ rel: 'pipe.md', kind: 'fifo', content: (p) => execFileSync('mkfifo', [p]), statements: [], issues: [{ re: /^not a regular file$/ }] });
  }
  return out;
}

let expected: Expected[] = [];
let issues: IngestIssue[] = [];
let report: BuildReport;
let buildMs = 0;

beforeAll(async () => {
  const r = rng(SEED);
  for (let i = 0; i < FILES; i++) expected.push(...generate(i, r));
  expected.push(...specials(r));
  for (const e of expected) {
    const p = join(corpus, e.rel);
    mkdirSync(join(p, '..'), { recursive: true });
    if (typeof e.content === 'function') e.content(p);
    else writeFileSync(p, e.content);
  }
  const t = performance.now();
  report = await buildIndex({ corpus: [corpus], indexDir: join(work, 'index'), maxFileBytes: MAX_FILE_BYTES, embedder: null, onIssue: (i) => issues.push(i) });
  buildMs = performance.now() - t;
}, 120_000);

describe('bad corpus files (seeded fuzz)', () => {
  it('reports each bad file or line exactly once, in one line naming it, and nothing else', () => {
    const byFile = new Map<string, IngestIssue[]>();
    for (const i of issues) byFile.set(i.file, [...(byFile.get(i.file) ?? []), i]);
    const problems: string[] = [];
    for (const e of expected) {
      const path = join(corpus, e.rel);
      const got = byFile.get(path) ?? [];
      byFile.delete(path);
      const want = e.issues;
      if (got.length !== want.length) {
        problems.push(`${e.rel} (${e.kind}): ${got.length} issues, expected ${want.length}: ${JSON.stringify(got.map((g) => `${g.line ?? ''} ${g.reason}`))}`);
        continue;
      }
      const sorted = [...got].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      want.forEach((w, k) => {
        const g = sorted[k]!;
        if (!w.re.test(g.reason) || (w.line !== undefined && g.line !== w.line)) problems.push(`${e.rel} (${e.kind}): got "${g.line ?? ''} ${g.reason}", expected ${w.line ?? ''} ${w.re}`);
        if (/[\r\n]/.test(g.reason)) problems.push(`${e.rel}: the reason spans lines: ${JSON.stringify(g.reason)}`);
      });
    }
    for (const [file, rest] of byFile) problems.push(`unexpected issue for ${file}: ${rest.map((x) => x.reason).join('; ')}`);
    expect(problems).toEqual([]);
  });

  it('indexes every good statement: its marker word cites its sentence verbatim; skipped ones are absent', async () => {
    const index = openIndex(join(work, 'index'), { model: null, lexicalOnly: true });
    const engine = new Engine(index, loadLexicon(''), null, { maxCitations: 3 });
    const good = expected.flatMap((e) => e.statements);
    const missing: string[] = [];
    for (const s of good) {
      const m = /zq[a-z]{4}x/.exec(s.sentence)![0];
      const a = await engine.ask(m);
      const top = a.citations[0];
      if (!top || top.text !== s.sentence || top.docId !== s.id) missing.push(`${s.id}: ${m} → ${top ? `${top.docId}: ${top.text}` : 'nothing'}`);
    }
    expect(missing).toEqual([]);
    for (const sentence of expected.flatMap((e) => e.absent ?? [])) {
      const m = /zq[a-z]{4}x/.exec(sentence)![0];
      expect((await engine.ask(m)).citations.map((c) => c.text)).not.toContain(sentence);
    }
    expect(report.statements).toBe(good.length);
    const kinds = new Set(expected.map((e) => e.kind));
    const bad = expected.filter((e) => e.statements.length === 0 && e.issues.length > 0).length;
    console.log(
      `[reliability] bad-corpus fuzz: ${expected.length} files (${kinds.size} kinds; ${bad} wholly bad), ${issues.length} issues, ${good.length} good statements all found, build ${Math.round(buildMs)} ms`,
    );
  });
});

describe('the same corpus through the CLI', () => {
  it('prints one `skipped <file>[:<line>]: <reason>` line per issue on stderr and exits 0', () => {
    const tsx = join(ROOT, 'node_modules/.bin/tsx');
    const r = spawnSync(tsx, [join(ROOT, 'src/cli/index.ts'), '--corpus', corpus, '--index', join(work, 'cli-index')], {
      cwd: ROOT,
      env: { ...process.env, EMBEDDING_MODEL: 'none', MAX_FILE_BYTES: String(MAX_FILE_BYTES), LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const skipped = r.stderr.split('\n').filter((l) => l.startsWith('skipped '));
    const want = issues.map((i) => `skipped ${i.file}${i.line !== undefined ? `:${i.line}` : ''}: ${i.reason}`);
    expect(skipped.sort()).toEqual(want.sort());
    // Nothing else on stderr but progress lines.
    const other = r.stderr.split('\n').filter((l) => l && !l.startsWith('skipped ') && !/^(reading|indexing|embedding|writing): /.test(l));
    expect(other).toEqual([]);
    expect(r.stdout).toMatch(new RegExp(`indexed ${report.statements} statements`));
    expect(r.stdout).toMatch(new RegExp(`${issues.length} inputs skipped`));
  }, 120_000);
});
