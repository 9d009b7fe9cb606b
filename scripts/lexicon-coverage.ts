/**
 * `npm run lexicon:coverage -- [--notices FILE] [--top N] [--list FILE]`
 *
 * How much of the police notices' vocabulary the bilingual lexicon covers:
 * - of the N most frequent content word forms (not stop words, not names: words written with a capital in more
 *   than 85 % of their occurrences), how many have English equivalents (N = 3,000 and the whole file's size);
 * - what share of all content-word tokens of the notices those words make up;
 * - of the English content words of the dev questions (both halves; measured, never tuned on), how many the
 *   lexicon translates.
 * `--list FILE` writes the N words with their frequencies (the input the corpus lexicon was grown from).
 */
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createGunzip } from 'node:zlib';
import { swe } from 'stopword';
import { isQueryNoise, STOPWORDS, tokenize } from '../src/text/analyze.js';
import { corpusLexiconWords, CORPUS_LEXICON, loadLexicon, translate } from '../src/text/lexicon.js';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { notices: { type: 'string' }, top: { type: 'string' }, list: { type: 'string' } } });
const file = values.notices ?? resolve(ROOT, '../shared/data/polisen-events.jsonl.gz');
const topN = Number(values.top ?? 3000);

const stop = new Set(swe);
const count = new Map<string, number>();
const capital = new Map<string, number>();
let tokens = 0;
const WORD = /[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*/gu;
const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  const r = JSON.parse(line) as { title?: string; preamble?: string; paragraphs?: string[] };
  const text = [r.title ?? '', r.preamble ?? '', ...(r.paragraphs ?? [])].join('\n');
  for (const m of text.matchAll(WORD)) {
    const w = m[0];
    const l = w.toLowerCase();
    if (l.length < 2 || stop.has(l)) continue;
    tokens++;
    count.set(l, (count.get(l) ?? 0) + 1);
    if (/^\p{Lu}/u.test(w)) capital.set(l, (capital.get(l) ?? 0) + 1);
  }
}
const ranked = [...count].filter(([w, n]) => (capital.get(w) ?? 0) / n <= 0.85).sort((a, b) => b[1] - a[1]);

const entries = new Map(corpusLexiconWords(readFileSync(CORPUS_LEXICON, 'utf8')).map((e) => [e.sv, e.english]));
const pct = (a: number, b: number) => `${((100 * a) / (b || 1)).toFixed(1)}%`;
const report = (n: number) => {
  const words = ranked.slice(0, n);
  const names = words.filter(([w]) => entries.get(w) === 'name').length;
  const covered = words.filter(([w]) => Array.isArray(entries.get(w)) && (entries.get(w) as string[]).length > 0).length;
  const tokensCovered = words.filter(([w]) => entries.has(w)).reduce((a, [, c]) => a + c, 0);
  process.stdout.write(
    `top ${n.toLocaleString('en')} content words: ${covered} with English equivalents, ${names} names (nothing to translate), ${n - covered - names} missing → ${pct(covered + names, n)} covered; they are ${pct(tokensCovered, tokens)} of the notices' ${tokens.toLocaleString('en')} content-word tokens\n`,
  );
};
report(Math.min(topN, ranked.length));
if (entries.size > topN) report(Math.min(entries.size, ranked.length));

// English questions of the dev sets: which content words the lexicon (phrase or stem) translates.
const lex = loadLexicon();
let en = 0;
let known = 0;
const unknown = new Map<string, number>();
for (const f of ['dev-questions.jsonl', 'dev-questions-2.jsonl']) {
  let text: string;
  try {
    text = readFileSync(resolve(ROOT, '../shared/eval', f), 'utf8');
  } catch {
    continue;
  }
  for (const l of text.split('\n').filter(Boolean)) {
    const q = JSON.parse(l) as { question: string; lang?: string };
    if (q.lang !== 'en') continue;
    const original = q.question.match(/\p{N}+(?:[.,:]\p{N}+)*|[\p{L}\p{M}\p{N}]+/gu) ?? [];
    tokenize(q.question).forEach((t, i) => {
      if (i > 0 && /^\p{Lu}/u.test(original[i] ?? '')) return; // a name
      if (/\d/.test(t) || isQueryNoise(t) || STOPWORDS.has(t) || t.length < 3) return;
      en++;
      if (translate(lex, t)) known++;
      else unknown.set(t, (unknown.get(t) ?? 0) + 1);
    });
  }
}
process.stdout.write(`English content words in the dev questions: ${known} of ${en} translated (${pct(known, en)})\n`);
if (unknown.size) process.stdout.write(`  not translated: ${[...unknown.keys()].sort().join(', ')}\n`);
if (values.list) writeFileSync(values.list, ranked.slice(0, topN).map(([w, n]) => `${w}\t${n}`).join('\n') + '\n');
