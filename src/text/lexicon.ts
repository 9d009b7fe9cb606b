/**
 * The bilingual lexicon that lets English questions reach Swedish statements. Two built-in files:
 * - `lexicon.tsv` (English → Swedish, hand-made): domain phrases ("drunk driving" → rattfylleri), police and
 *   court vocabulary, time words. Admins extend it with a file of the same format named in `LEXICON_PATH`.
 * - `lexicon-sv-en.tsv` (Swedish → English, grown from the corpus): every one of the 3,000 most frequent content
 *   word forms of the police notices with the English words people use for it, irregular inflections included.
 * Both are read into one map from English (a word or phrase, and a single word's stem, so regular inflections
 * meet) to weighted Swedish words.
 */
import { readFileSync } from 'node:fs';
import { IngestError } from '../errors.js';
import { stemEn, tokenize } from './analyze.js';

/** A Swedish equivalent; weight 1 for a main sense, less for a looser one. */
export interface Translation {
  sv: string;
  weight: number;
}

export interface Lexicon {
  /** English word or phrase (tokens joined by one space) → Swedish equivalents. */
  phrases: Map<string, Translation[]>;
  /** English single-word stem → Swedish equivalents (for inflected forms the files do not list). */
  stems: Map<string, Translation[]>;
  /**
   * Swedish word → Swedish words of the same main sense: those of the corpus lexicon whose first English
   * equivalents meet ("hittades" and "anträffades" are both "found"). A Swedish question finds what the
   * statements say in other words.
   */
  synonyms: Map<string, string[]>;
}

/** Words that begin an English phrase without adding to it ("the driver" is "driver"). */
const LEADING = /^(?:the|a|an|to|is|was|were|be|been|being|his|her|their|its|of)\s+/;
/** Weight of the English senses after the first two of a corpus entry (synonyms, looser readings). */
const LATER_SENSE = 0.7;

export function emptyLexicon(): Lexicon {
  return { phrases: new Map(), stems: new Map(), synonyms: new Map() };
}

/** How many English equivalents of a corpus entry count as its main sense (for synonyms). */
const MAIN_SENSES = 2;
/** At most this many synonyms per word (a sense shared by more words is too general to tell anything). */
const MAX_SYNONYMS = 25;

function put(into: Lexicon, english: string, t: Translation): void {
  const key = tokenize(english.replace(LEADING, '')).join(' ');
  if (!key) return;
  const add = (map: Map<string, Translation[]>, k: string) => {
    const list = map.get(k) ?? [];
    const e = list.find((x) => x.sv === t.sv);
    if (e) e.weight = Math.max(e.weight, t.weight);
    else list.push({ ...t });
    map.set(k, list);
  };
  add(into.phrases, key);
  if (!key.includes(' ')) add(into.stems, stemEn(key));
}

/** Parses the English → Swedish format (`english<TAB>swedish, swedish`); `file` names the source in errors. */
export function parseLexicon(tsv: string, file: string, into: Lexicon = emptyLexicon()): Lexicon {
  tsv.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [en, sv, ...rest] = line.split('\t');
    if (!en || !sv || rest.length > 0) throw new IngestError(file, 'expected "english<TAB>swedish, swedish"', i + 1);
    for (const w of sv.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean)) put(into, en, { sv: w, weight: 1 });
  });
  return into;
}

/** Parses the Swedish → English format (`swedish<TAB>english, english`, `=name` for names) into the same map. */
export function parseCorpusLexicon(tsv: string, file: string, into: Lexicon = emptyLexicon()): Lexicon {
  const bySense = new Map<string, Set<string>>();
  const senses = new Map<string, string[]>();
  tsv.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [sv, en, ...rest] = line.split('\t');
    if (!sv || !en || rest.length > 0) throw new IngestError(file, 'expected "swedish<TAB>english, english"', i + 1);
    if (en.trim() === '=name') return;
    const word = sv.trim().toLowerCase();
    const english = en.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean);
    english.forEach((e, k) => put(into, e, { sv: word, weight: k < MAIN_SENSES ? 1 : LATER_SENSE }));
    const main = [...new Set(english.slice(0, MAIN_SENSES).map((e) => tokenize(e.replace(LEADING, '')).map(stemEn).join(' ')).filter(Boolean))];
    senses.set(word, main);
    for (const m of main) bySense.set(m, (bySense.get(m) ?? new Set()).add(word));
  });
  for (const [word, main] of senses) {
    const syn = new Set<string>();
    for (const m of main) {
      const group = bySense.get(m)!;
      if (group.size > MAX_SYNONYMS) continue;
      for (const w of group) if (w !== word) syn.add(w);
    }
    if (syn.size) into.synonyms.set(word, [...new Set([...(into.synonyms.get(word) ?? []), ...syn])]);
  }
  return into;
}

/** The Swedish words of a corpus lexicon file, in order (what the coverage report counts). */
export function corpusLexiconWords(tsv: string): { sv: string; english: string[] | 'name' }[] {
  return tsv
    .split(/\r?\n/)
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [sv, en] = l.split('\t');
      return { sv: sv!.trim(), english: en!.trim() === '=name' ? 'name' : en!.split(',').map((x) => x.trim()).filter(Boolean) };
    });
}

/** Looks up an English word or phrase: exact first, then (single words) by stem. */
export function translate(lex: Lexicon, english: string): Translation[] | undefined {
  const key = tokenize(english).join(' ');
  return lex.phrases.get(key) ?? (key.includes(' ') ? undefined : lex.stems.get(stemEn(key)));
}

export const BUILT_IN_LEXICON = new URL('./lexicon.tsv', import.meta.url);
export const CORPUS_LEXICON = new URL('./lexicon-sv-en.tsv', import.meta.url);

/** The built-in lexicons, extended by the admin's file at `extraPath` when given. */
export function loadLexicon(extraPath = ''): Lexicon {
  const lex = parseCorpusLexicon(readFileSync(CORPUS_LEXICON, 'utf8'), 'src/text/lexicon-sv-en.tsv');
  parseLexicon(readFileSync(BUILT_IN_LEXICON, 'utf8'), 'src/text/lexicon.tsv', lex);
  if (extraPath) parseLexicon(readFileSync(extraPath, 'utf8'), extraPath, lex);
  return lex;
}
