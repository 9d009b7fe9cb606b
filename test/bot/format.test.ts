import { describe, expect, it } from 'vitest';
import { parseVerifyArgs } from '../../src/bot/bot.js';
import { CitationStore, decodeButton, encodeButton } from '../../src/bot/citations.js';
import { encodeTextDirective, escapeHtml, formatAnswer, formatVerification, splitHtml, textFragmentUrl, truncate } from '../../src/bot/format.js';
import { MESSAGES } from '../../src/bot/messages.js';
import { sniffUpload, uploadFileName } from '../../src/bot/upload.js';
import type { Answer, Citation, Verification } from '../../src/types.js';
import { checkTelegramHtml } from './helpers.js';

const citation = (over: Partial<Citation> = {}): Citation => ({
  text: 'Just nu sitter 380 personer häktade och cirka 100 av dem är från gängmiljön.',
  docId: 'a.md',
  title: 'Titel <med> & tecken',
  publisher: 'Polisen',
  published: '2024-05-02T18:57:00+02:00',
  url: 'https://polisen.se/a?x=1&y=2',
  speaker: 'Mats Löfving',
  score: 1,
  sentence: 3,
  date: null,
  role: 'answer',
  ...over,
});

describe('escaping and links', () => {
  it('escapes everything HTML parse mode treats as markup', () => {
    expect(escapeHtml(`<b>&amp;"x"</b>`)).toBe('&lt;b&gt;&amp;amp;&quot;x&quot;&lt;/b&gt;');
  });

  it('percent-encodes a text directive, including the "-", "&" and "," that are its syntax', () => {
    expect(encodeTextDirective('Rinkeby-Kista, Spånga & Tensta')).toBe('Rinkeby%2DKista%2C%20Sp%C3%A5nga%20%26%20Tensta');
  });

  it('links to the sentence with #:~:text=, start and end words for a long sentence, and keeps an existing fragment', () => {
    expect(textFragmentUrl('https://polisen.se/a', 'Just nu sitter 380 personer häktade.')).toBe(
      'https://polisen.se/a#:~:text=Just%20nu%20sitter%20380%20personer%20h%C3%A4ktade.',
    );
    const long = `${'ord '.repeat(40)}slutet här nu.`;
    expect(textFragmentUrl('https://x.se/p', long)).toBe('https://x.se/p#:~:text=ord%20ord%20ord%20ord%20ord,ord%20ord%20slutet%20h%C3%A4r%20nu.');
    expect(textFragmentUrl('https://x.se/p#top', 'Hej.')).toBe('https://x.se/p#top:~:text=Hej.');
    expect(textFragmentUrl(null, 'Hej.')).toBeNull();
    expect(textFragmentUrl('javascript:alert(1)', 'Hej.')).toBeNull();
  });
});

describe('answers', () => {
  it('leads with the short answer, then the sentence in quotation marks, speaker, title, publisher, date and link', () => {
    const a: Answer = { question: 'q', lang: 'en', answered: true, answer: '380', type: 'how_many', asks: ['count'], citations: [citation(), citation({ text: 'Annan mening.', speaker: null, role: 'near' })] };
    const r = formatAnswer(a);
    expect(r.html.split('\n')).toEqual([
      '<b>Answer:</b> 380',
      '',
      '“Just nu sitter 380 personer häktade och cirka 100 av dem är från gängmiljön.”',
      '— Mats Löfving',
      '<i>Titel &lt;med&gt; &amp; tecken</i>',
      expect.stringMatching(/^Polisen · 2 May 2024 18:57 · <a href="https:\/\/polisen\.se\/a\?x=1&amp;y=2#:~:text=Just%20nu/),
    ]);
    expect(r.more).toHaveLength(1);
    expect(checkTelegramHtml(r.html)).toBeNull();
  });

  it('shows when the source edited the statement, after its date', () => {
    const a: Answer = { question: 'q', lang: 'sv', answered: true, answer: null, type: 'what', asks: [], citations: [citation({ updated: '2024-05-03T09:12:00+02:00' })] };
    expect(formatAnswer(a).html).toMatch(/\nPolisen · 2 maj 2024 18:57, uppdaterad 3 maj 2024 09:12 · <a href=/);
  });

  it('says plainly when the statements do not answer, lists the nearest as not answering, and suggests a rephrase', () => {
    const a: Answer = { question: '<script>x</script>', lang: 'sv', answered: false, answer: null, type: 'other', asks: [], citations: [citation({ published: null, url: null, publisher: null })] };
    const r = formatAnswer(a);
    expect(r.html).toContain('Uttalandena jag känner till besvarar inte frågan ”&lt;script&gt;x&lt;/script&gt;”.');
    expect(r.html).toContain('(de besvarar <b>inte</b> frågan)');
    expect(r.html).toContain('okänd utgivare · datum okänt · ingen offentlig länk');
    expect(r.html).toContain('Tips:');
    expect(r.more).toEqual([]);
  });

  it('renders a verification: altered words, the source speaker, and a warning for the wrong speaker', () => {
    const v: Verification = {
      quote: 'x',
      verdict: 'altered',
      match: { text: 'Det är <inte> vilka som helst.', docId: 'a', title: 'T', publisher: 'P', published: null, url: null, speaker: 'Mats Löfving', similarity: 0.83 },
      speakerMatches: false,
      changes: [
        { kind: 'changed', quote: 'några', source: 'vilka' },
        { kind: 'removed', quote: '', source: 'som helst' },
      ],
    };
    const html = formatVerification(v, 'en', { claimed: 'Anna & Co', statements: 3 });
    expect(html).toContain('⚠️ <b>Altered</b>');
    expect(html).toContain('the quote is attributed to Anna &amp; Co, but the source names Mats Löfving.'.replace('the quote', 'The quote'));
    expect(html).toContain('• the quote says “<b>några</b>”, the source says “<b>vilka</b>”');
    expect(html).toContain('• the quote leaves out “<b>som helst</b>”');
    expect(html).toContain('Similarity: 83%');
    expect(html).toContain('“Det är &lt;inte&gt; vilka som helst.”');
    expect(checkTelegramHtml(html)).toBeNull();
    expect(formatVerification({ quote: 'x', verdict: 'not_found', match: null, speakerMatches: null, changes: [] }, 'sv', { statements: 7 })).toMatch(/^❌ <b>Hittades inte<\/b> i de 7 uttalanden/);
  });

  it('parses /verify arguments: "Name: quote", quotation marks dropped, and a colon inside a quote left alone', () => {
    expect(parseVerifyArgs('Mats Löfving: ”de som trodde”')).toEqual({ speaker: 'Mats Löfving', quote: 'de som trodde' });
    expect(parseVerifyArgs('Anna König Jerlmyr: 2025 ska otryggheten vara halverad')).toEqual({ speaker: 'Anna König Jerlmyr', quote: '2025 ska otryggheten vara halverad' });
    expect(parseVerifyArgs('det sänder en tydlig signal: de som trodde')).toEqual({ speaker: null, quote: 'det sänder en tydlig signal: de som trodde' });
    expect(parseVerifyArgs('"bara ett citat"')).toEqual({ speaker: null, quote: 'bara ett citat' });
    expect(parseVerifyArgs('')).toEqual({ speaker: null, quote: '' });
  });

  it('truncates on code points', () => {
    expect(truncate('åäö😀x', 4)).toBe('åäö…');
    expect(truncate('kort', 10)).toBe('kort');
  });
});

describe('splitting under the message limit', () => {
  const para = (i: number) => `<b>${i}.</b> ”${escapeHtml(`mening nummer ${i} & <mer> `.repeat(8))}” <a href="https://x.se/#:~:text=a%20b">länk</a>`;

  it('keeps short messages whole', () => {
    expect(splitHtml('<b>hej</b>')).toEqual(['<b>hej</b>']);
  });

  it('cuts at line breaks, every part within the limit and valid on its own, no text lost', () => {
    const html = Array.from({ length: 60 }, (_, i) => para(i)).join('\n\n');
    expect(html.length).toBeGreaterThan(4096 * 3);
    const parts = splitHtml(html);
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(4096);
      expect(checkTelegramHtml(p)).toBeNull();
      expect(p.startsWith('<b>')).toBe(true); // each part begins at a paragraph
    }
    expect(parts.join('\n\n')).toBe(html);
  });

  it('cuts one huge line inside a tag’s text by closing and reopening the tag, never inside an entity or a tag', () => {
    const html = `<b><a href="https://x.se/">${'&amp;&lt;åäö 😀 '.repeat(1500)}</a></b>`;
    const parts = splitHtml(html, 1000);
    expect(parts.length).toBeGreaterThan(5);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(1000);
      expect(checkTelegramHtml(p)).toBeNull();
      expect(p.startsWith('<b><a href="https://x.se/">')).toBe(true);
      expect(p.endsWith('</a></b>')).toBe(true);
      expect(p).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no lone surrogate
    }
    const text = (s: string) => s.replace(/<[^>]+>/g, '').replace(/\s+/g, '');
    expect(parts.map(text).join('')).toBe(text(html));
  });

  it('cuts a line with no spaces anywhere between characters', () => {
    const parts = splitHtml('x'.repeat(9000));
    expect(parts.map((p) => p.length)).toEqual([4096, 4096, 808]);
  });
});

describe('buttons', () => {
  it('fit in 64 bytes and decode back; anything else does not decode', () => {
    const store = new CitationStore(2);
    const key = store.put({ lang: 'sv', citations: [citation({ docId: 'x'.repeat(300) })], shown: 1 });
    const data = encodeButton({ kind: 'context', key, index: 0 });
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(decodeButton(data)).toEqual({ kind: 'context', key, index: 0 });
    expect(decodeButton(encodeButton({ kind: 'more', key }))).toEqual({ kind: 'more', key });
    expect(decodeButton('ctx:some-doc.md:3')).toBeNull();
    expect(decodeButton('c:../../x:1')).toBeNull();
  });

  it('forgets the least recently used answers beyond its capacity', () => {
    const store = new CitationStore(2);
    const a = store.put({ lang: 'sv', citations: [], shown: 0 });
    const b = store.put({ lang: 'sv', citations: [], shown: 0 });
    store.get(a);
    const c = store.put({ lang: 'sv', citations: [], shown: 0 });
    expect(store.get(b)).toBeUndefined();
    expect(store.get(a)).toBeDefined();
    expect(store.get(c)).toBeDefined();
  });
});

describe('uploads judged by content', () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it('recognises text, HTML and JSON Lines whatever the name says', () => {
    expect(sniffUpload(enc('---\ntitle: Hej\n---\nText.'))).toEqual({ ok: true, kind: 'text' });
    expect(sniffUpload(enc('<!DOCTYPE html><html><body><p>Hej</p></body></html>'))).toEqual({ ok: true, kind: 'html' });
    expect(sniffUpload(enc('\uFEFF<!-- x --><article><h1>Rubrik</h1></article>'))).toEqual({ ok: true, kind: 'html' });
    expect(sniffUpload(enc('{"id":"a","text":"Hej."}\n{"id":"b","text":"Då."}\n'))).toEqual({ ok: true, kind: 'jsonl' });
  });

  it('refuses binary files, pretty-printed JSON and empty files', () => {
    expect(sniffUpload(enc('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toEqual({ ok: false, reason: 'PDF document' });
    expect(sniffUpload(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 1]))).toEqual({ ok: false, reason: 'ZIP archive or Office document' });
    expect(sniffUpload(new Uint8Array([0x68, 0x65, 0, 0x6c]))).toMatchObject({ ok: false, reason: expect.stringContaining('binary') });
    expect(sniffUpload(enc('{\n  "id": "a"\n}\n'))).toMatchObject({ ok: false, reason: expect.stringContaining('not JSON Lines') });
    expect(sniffUpload(enc('  \n '))).toMatchObject({ ok: false });
  });

  it('names the saved file safely, with the extension of what it is', () => {
    expect(uploadFileName('../../etc/passwd', 'text')).toBe('passwd.txt');
    expect(uploadFileName('Pressmeddelande å ä ö.md', 'text')).toBe('Pressmeddelande-å-ä-ö.md');
    expect(uploadFileName('statements.txt', 'jsonl')).toBe('statements.jsonl');
    expect(uploadFileName('.hidden.html', 'html')).toBe('hidden.html');
    expect(uploadFileName('page.md', 'html')).toBe('page.html');
    expect(uploadFileName(undefined, 'text', new Date('2024-01-02T03:04:05Z'))).toBe('upload-2024-01-02T03-04-05-000Z.txt');
  });
});

describe('short replies and plurals (issue 11)', () => {
  it('a refusal is short and scannable: the two nearest sentences, cut, one source line each', () => {
    const long = 'Polisen genomför just nu en omfattande insats mot den organiserade brottsligheten i flera stadsdelar, och arbetet kommer att pågå under hela hösten med stöd från andra regioner och myndigheter.';
    const citations = [0, 1, 2].map((i) => citation({ text: `${long} (${i})`, title: `En lång rubrik om polisens arbete i Stockholm, del ${i}` }));
    for (const lang of ['sv', 'en'] as const) {
      const a: Answer = { question: 'Vad kostar en ny cykel i Paris i år, och var kan man köpa den billigast?', lang, answered: false, answer: null, type: 'other', asks: [], citations };
      const { html } = formatAnswer(a);
      const visible = html.replace(/<a href="[^"]*">/g, '<a>');
      expect(visible.length, `${lang}: ${visible}`).toBeLessThan(800);
      expect(html).not.toContain('(2)');
      expect(html.match(/^\d\. /gm)).toEqual(['1. ', '2. ']);
      expect(checkTelegramHtml(html)).toBeNull();
    }
  });

  it('says "1 uttalande", "1 statement", not "1 uttalanden"', () => {
    expect(MESSAGES.sv.reindexDone({ statements: 1, sentences: 1, issues: 1, seconds: '0.1' })).toBe('✅ Klart: 1 uttalande, 1 mening, 1 fil eller rad hoppades över (se loggen), på 0.1 s. Det nya indexet används nu.');
    expect(MESSAGES.en.reindexDone({ statements: 1, sentences: 2, issues: 0, seconds: '0.1' })).toBe('✅ Done: 1 statement, 2 sentences, in 0.1 s. The new index is live.');
    expect(MESSAGES.sv.reindexUnchanged(1)).toContain('indexet (1 uttalande)');
    expect(MESSAGES.sv.notFound(1)).toContain('i det enda uttalande jag känner till');
    expect(MESSAGES.en.notFound(1)).toContain('in the one statement I know');
    expect(MESSAGES.sv.uploadAdded({ added: 1, replaced: 0, removed: 0, file: 'a.md', issues: '' })).toBe('✅ Sparad som <code>a.md</code> och indexerad: 1 uttalande tillagt.');
    expect(MESSAGES.sv.help({ statements: 1, sentences: 1, from: null, to: null, admin: false, bot: 'b' })).toContain('<b>1</b> uttalande (1 mening)');
  });
});
