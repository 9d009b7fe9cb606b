/**
 * Text analysis shared by indexing and querying: tokens, stop words, stems, language.
 * Index and query must go through the very same functions, or terms would not meet.
 */
import snowball from 'snowball-stemmers';
import { eng, swe } from 'stopword';
import type { Lang } from '../types.js';
import { MONTHS, NUMBER_WORDS, QUESTION_NOISE } from './vocabulary.js';

/** Words kept although the stop-word lists name them: numbers (but the articles "en", "ett", "one") and content words answers hinge on. */
const KEEP = new Set([
  ...[...NUMBER_WORDS.keys()].filter((w) => !['en', 'ett', 'one'].includes(w)),
  ...'beslut beslutat dag dagar dagen imorgon igår idag höger vänster'.split(' '),
]);

export const STOPWORDS: ReadonlySet<string> = new Set([...swe, ...eng].filter((w) => !KEEP.has(w)));
const QUERY_STOP: ReadonlySet<string> = new Set([...STOPWORDS, ...QUESTION_NOISE]);

const svStemmer = snowball.newStemmer('swedish');
const enStemmer = snowball.newStemmer('english');

/** Letters and digits, with decimal or clock separators kept inside numbers ("1,12", "19.59"). */
const TOKEN = /\p{N}+(?:[.,:]\p{N}+)*|[\p{L}\p{M}\p{N}]+/gu;

/** Lower-cased word tokens in order of appearance. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

/** Tokens with their character offsets in `text` (for short-answer extraction and diffs). */
export function tokenSpans(text: string): { token: string; start: number; end: number }[] {
  const out: { token: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(TOKEN)) out.push({ token: m[0].toLowerCase(), start: m.index!, end: m.index! + m[0].length });
  return out;
}

/** "03" and "3" are the same day of the month. */
function normaliseNumber(token: string): string {
  return /^0\d$/.test(token) ? token.slice(1) : token;
}

const svCache = new Map<string, string>();
const BRAND = /(?:brand(?:en|ens|er|erna|ernas|s)?|bränder(?:na|nas)?)$/;
const enCache = new Map<string, string>();

/**
 * The Swedish stem: Snowball, then the definite-form ending Snowball keeps (`-et`), then a final doubled
 * consonant made single, so that every form meets: `gängvåldet`/`gängvåld`, `rånet`/`rån`,
 * `inbrottet`/`inbrott` (Snowball gives `inbrott` and `inbrot`), and `våld` can match the compound's head.
 */
export function stemSv(token: string): string {
  let s = svCache.get(token);
  if (s === undefined) {
    if (/^\p{N}/u.test(token)) s = normaliseNumber(token);
    else if (BRAND.test(token)) {
      // Snowball cuts "-anden" from a compound ("gräsbranden" → "gräsbr") but not from "branden": every form of
      // "brand" (fire), the commonest compound head of the notices, keeps its root.
      s = token.replace(BRAND, 'brand');
    } else {
      s = svStemmer.stem(token);
      if (s.length > 4 && s.endsWith('et')) s = s.slice(0, -2);
      if (s.length > 3 && /([bdfgklmnprstv])\1$/.test(s)) s = s.slice(0, -1);
    }
    if (svCache.size > 500_000) svCache.clear();
    svCache.set(token, s);
  }
  return s;
}

/**
 * True when the Swedish stem `stem` is `head` or a compound ending in it ("bakdäck" in "däck", "bötesbelopp" in
 * "belopp"), with at least three letters before it; `head` must have `minHead` letters or more.
 */
export function isStemOrHead(stem: string, head: string, minHead: number): boolean {
  return head.length >= minHead && (stem === head || (stem.length > head.length + 2 && stem.endsWith(head)));
}

/** True when the Swedish stem `word` is `stem` (three letters or more) with at most three more letters ("åkt" of "åk…"). */
export function stemInflects(word: string, stem: string): boolean {
  return stem.length >= 3 && (word === stem || (word.startsWith(stem) && word.length - stem.length <= 3));
}

export function stemEn(token: string): string {
  let s = enCache.get(token);
  if (s === undefined) {
    s = /^\p{N}/u.test(token) ? normaliseNumber(token) : enStemmer.stem(token);
    if (enCache.size > 200_000) enCache.clear();
    enCache.set(token, s);
  }
  return s;
}

export function stem(token: string, lang: Lang): string {
  return lang === 'en' ? stemEn(token) : stemSv(token);
}

export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}

export function isQueryNoise(token: string): boolean {
  return QUERY_STOP.has(token);
}

/** Index terms of a text: stems of the non-stop-word tokens. */
export function indexTerms(text: string, lang: Lang): string[] {
  const out: string[] = [];
  const tokens = tokenize(text);
  for (const t of tokens) if (!STOPWORDS.has(t)) out.push(stem(t, lang));
  out.push(...dateTerms(tokens));
  return out;
}

const MONTH_NUMBER = new Map<string, number>(MONTHS.flatMap((names, i) => names.map((n) => [n, i + 1] as [string, number])));

/**
 * One term per calendar date a text names, "20 mars", "den 3 december" or "March 20" alike: `§3-20`. A
 * question's date then matches that date only, not every text with a 20 and a March in it ("20-årsåldern").
 */
export function dateTerms(tokens: string[]): string[] {
  const out: string[] = [];
  const day = (t: string | undefined) => (t && /^\d{1,2}$/.test(t) && Number(t) >= 1 && Number(t) <= 31 ? Number(t) : 0);
  for (let i = 0; i + 1 < tokens.length; i++) {
    const m = MONTH_NUMBER.get(tokens[i + 1]!);
    const d = day(tokens[i]);
    if (d && m) out.push(`§${m}-${d}`);
    const m2 = MONTH_NUMBER.get(tokens[i]!);
    const d2 = day(tokens[i + 1]);
    if (m2 && d2 && !day(tokens[i - 1])) out.push(`§${m2}-${d2}`);
  }
  return out;
}

const SV_MARKERS = new Set('och att det som är på för med har av till den inte om ett en var vi de polisen sade säger efter under vid'.split(' '));
const EN_MARKERS = new Set('the and of to is are was were in that it for on with as by at from have has be how what who when where why many said says'.split(' '));

/**
 * Swedish or English, by function words; Swedish letters (å, ä, ö) decide only when the function words do not,
 * since an English question may well name Bonäshamn or Åre.
 */
export function detectLang(text: string, fallback: Lang = 'sv'): Lang {
  let sv = 0;
  let en = 0;
  for (const t of tokenize(text)) {
    if (SV_MARKERS.has(t)) sv++;
    if (EN_MARKERS.has(t)) en++;
  }
  if (en > sv) return 'en';
  if (sv > en) return 'sv';
  return /[åäöÅÄÖ]/.test(text) ? 'sv' : fallback;
}
