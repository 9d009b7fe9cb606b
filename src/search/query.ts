/**
 * A question as search terms: content words grouped into concepts, each concept a set of alternative index
 * terms (its stem, its translations from the lexicon). A concept counts once however many of its alternatives
 * a sentence has. Each concept carries its role in the question: a name (place, person), the date, the kind of
 * event, or plain content (what is asked about), so that the answerer can tell which statement is meant from
 * what it says.
 */
import type { Lang } from '../types.js';
import { dateTerms, isQueryNoise, stemEn, stemSv, tokenize } from '../text/analyze.js';
import { translate, type Lexicon } from '../text/lexicon.js';
import { MONTHS, STRONG_VERBS, SUBORDINATORS, SWEDISH_SYNONYMS, WEEKDAYS } from '../text/vocabulary.js';

/** Every form of a strong verb → the stems of all its forms; casual Swedish → the statements' words. */
const SWEDISH_VARIANTS: ReadonlyMap<string, string[]> = (() => {
  const m = new Map<string, Set<string>>();
  const add = (w: string, stems: string[]) => {
    const s = m.get(w) ?? new Set<string>();
    for (const x of stems) s.add(x);
    m.set(w, s);
  };
  for (const forms of STRONG_VERBS) {
    const stems = forms.map((f) => stemSv(f));
    for (const f of forms) add(f, stems);
  }
  for (const [w, list] of SWEDISH_SYNONYMS) add(w, list.map((x) => stemSv(x)));
  return new Map([...m].map(([k, v]) => [k, [...v]]));
})();

/**
 * Other tenses of a weak verb, which the stemmer leaves apart: "hjälpte" → "hjälpt", "hjälper" → "hjälp",
 * "sökte"/"söker", "körde"/"kör". A past form also finds the present stem, a present or infinitive form the past
 * stems.
 */
export function tenseVariants(token: string): string[] {
  const stem = stemSv(token);
  if (/(?:te|de)$/.test(token) && /[td]$/.test(stem) && stem.length >= 4) return [stem.slice(0, -1)];
  if (/(?:er|ar|a)$/.test(token) && stem.length >= 3 && !/[td]$/.test(stem) && stem !== token) return [`${stem}t`, `${stem}d`];
  return [];
}

/** How much a strong verb's other form or a casual word's plain one counts beside the word itself. */
const VARIANT_WEIGHT = 0.9;
/** How much a translated English word's own stem counts (a shared word or a name: "regional" is not "region"). */
const ENGLISH_SELF_WEIGHT = 0.5;
/** How much a synonym from the lexicon counts (same main English sense: "hittades" – "anträffades"). */
const SYNONYM_WEIGHT = 0.6;

export interface Alternative {
  term: string;
  weight: number;
  /** Only the term itself, no compounds built on it (a synonym or another tense: a looser reading already). */
  exact?: boolean;
}

export type ConceptRole = 'entity' | 'date' | 'event' | 'content';

export interface Concept {
  /** The words of the question it stands for. */
  surface: string;
  alternatives: Alternative[];
  /**
   * True for English words: untranslated or translated, the statements may say it in other words, so their
   * absence from the index counts for less than that of a Swedish word the asker typed.
   */
  soft: boolean;
  /** A name (a place, a person): capitalised by the asker or a place the corpus names. A statement that lacks it is about something else. */
  entity: boolean;
  role: ConceptRole;
  /**
   * Its words stand in a subordinate clause of the question ("… when he jumped out of the window", "mannen som
   * greps"): they set the scene, and weigh less than the main clause's words in choosing the sentence.
   */
  setting?: boolean;
}

const SUBORDINATOR = new Set(SUBORDINATORS);

/** The index of the first token that opens a subordinate clause (after the first two tokens), or the length. */
export function settingFrom(tokens: readonly string[]): number {
  for (let i = 2; i < tokens.length; i++) if (SUBORDINATOR.has(tokens[i]!)) return i;
  return tokens.length;
}

/** What else the caller knows about the question's words. */
export interface ConceptHints {
  /** Lower-case words that name the question's date (they become one date term, not content words). */
  dateWords?: readonly string[];
  /** Lower-case words that name a kind of event ("rånet", "robbery"), each with the Swedish stems of its kind. */
  eventWords?: ReadonlyMap<string, readonly string[]>;
  /** Places the corpus names (lower case): a place typed in lower case is still a name. */
  places?: ReadonlySet<string>;
  /** Date terms (`§m-d`) of the day the question names, and of the days either side (weighted less). */
  dateTerms?: { term: string; weight: number }[];
}

const CALENDAR = new Set<string>([
  ...MONTHS.flat(),
  ...WEEKDAYS.flatMap((w) => [w.sv, w.past, w.en, w.short, `${w.sv}en`, `${w.sv}s`]),
  'i', 'en', 'ett', 'the', 'a', 'an',
]);

function addAlt(list: Alternative[], term: string, weight: number, exact = false) {
  const e = list.find((a) => a.term === term);
  if (e) {
    if (weight > e.weight) e.weight = weight;
    if (!exact) delete e.exact;
  } else list.push(exact ? { term, weight, exact } : { term, weight });
}

/** Weight of the other words for an event's kind ("skjutning" for "skottlossningen", "rån" for "robbery"). */
const EVENT_KIND_WEIGHT = 0.7;

/** Longest English phrase (up to this many words) looked up in the lexicon. */
const MAX_PHRASE = 4;

const byStem = new WeakMap<Lexicon, Map<string, string[]>>();

/**
 * The lexicon's synonyms of a Swedish word: its own, else those of the words it shares a stem with. The lexicon
 * lists a verb in some of its forms ("hitta", "hittade"); "hittades" and "hittas" are the same word.
 */
export function synonymsOf(lexicon: Lexicon, token: string): readonly string[] {
  const own = lexicon.synonyms.get(token);
  if (own) return own;
  let index = byStem.get(lexicon);
  if (!index) {
    index = new Map();
    for (const [word, syn] of lexicon.synonyms) {
      const k = stemSv(word);
      index.set(k, [...new Set([...(index.get(k) ?? []), ...syn])]);
    }
    byStem.set(lexicon, index);
  }
  return index.get(stemSv(token)) ?? [];
}

/** Words after which an English "may" is the modal: "may have", "may be", "may not". */
const MODAL_FOLLOWERS: ReadonlySet<string> = new Set(['have', 'be', 'not', 'also', 'well', 'possibly', 'never', 'still']);

/** Turns a question into concepts; English words go through the lexicon to their Swedish equivalents. */
export function queryConcepts(question: string, lang: Lang, lexicon: Lexicon, hints: ConceptHints = {}): Concept[] {
  const tokens = tokenize(question);
  // Capitalised words other than the first are names; tokenize() lower-cases, so look at the original.
  const capital = (question.match(/\p{N}+(?:[.,:]\p{N}+)*|[\p{L}\p{M}\p{N}]+/gu) ?? []).map((w, i) => i > 0 && /^\p{Lu}/u.test(w));
  const dateWords = new Set(hints.dateWords ?? []);
  const eventWords = hints.eventWords ?? new Map<string, readonly string[]>();
  const isEntity = (from: number, n: number) => {
    const ws = tokens.slice(from, from + n);
    if (ws.some((t) => CALENDAR.has(t) || dateWords.has(t))) return false;
    return capital.slice(from, from + n).some(Boolean) || (n === 1 && (hints.places?.has(ws[0]!) ?? false));
  };
  const roleOf = (from: number, n: number, entity: boolean): ConceptRole => {
    const ws = tokens.slice(from, from + n);
    if (entity) return 'entity';
    if (ws.some((t) => eventWords.has(t))) return 'event';
    return 'content';
  };
  const concepts: Concept[] = [];
  const scene = settingFrom(tokens);
  for (let i = 0; i < tokens.length; ) {
    const tok = tokens[i]!;
    // The date's own words ("28", "sep", "2024", "igår") are one date concept, added below.
    if (dateWords.has(tok) && hints.dateTerms?.length) {
      i++;
      continue;
    }
    // "may" before a verb is the modal ("what may have caused the fire"), not the month.
    if (lang === 'en' && tok === 'may' && MODAL_FOLLOWERS.has(tokens[i + 1] ?? '')) {
      i++;
      continue;
    }
    let matched = 0;
    let translations: { sv: string; weight: number }[] | undefined;
    if (lang === 'en') {
      for (let n = MAX_PHRASE; n >= 1 && !matched; n--) {
        if (i + n > tokens.length) continue;
        const phrase = tokens.slice(i, i + n).join(' ');
        // Question words are not content, even where the lexicon has them ("how many" → "antal").
        if (tokens.slice(i, i + n).every((w) => isQueryNoise(w))) continue;
        const t = translate(lexicon, phrase) ?? (n === 1 ? translate(lexicon, tok.replace(/'s$/, '')) : undefined);
        if (t) {
          matched = n;
          translations = t;
        }
      }
    }
    if (!matched) {
      const entity = isEntity(i, 1);
      const role = roleOf(i, 1, entity);
      const setting = i > scene;
      i++;
      if (isQueryNoise(tok) || (tok.length < 2 && !/\d/.test(tok))) continue;
      const alts: Alternative[] = [];
      addAlt(alts, stemSv(tok), 1);
      for (const v of SWEDISH_VARIANTS.get(tok) ?? []) addAlt(alts, v, VARIANT_WEIGHT);
      if (!entity) {
        for (const v of tenseVariants(tok)) addAlt(alts, v, VARIANT_WEIGHT, true);
        for (const v of synonymsOf(lexicon, tok)) addAlt(alts, stemSv(v), SYNONYM_WEIGHT, true);
      }
      if (lang === 'en') addAlt(alts, stemEn(tok), 1);
      for (const k of eventWords.get(tok) ?? []) addAlt(alts, k, EVENT_KIND_WEIGHT);
      concepts.push({ surface: tok, alternatives: alts, soft: lang === 'en' && !/\d/.test(tok) && !entity, entity, role, ...(setting ? { setting: true } : {}) });
      continue;
    }
    const words = tokens.slice(i, i + matched);
    const entity = isEntity(i, matched);
    const role = roleOf(i, matched, entity);
    const setting = i > scene;
    i += matched;
    const alts: Alternative[] = [];
    for (const tr of translations!) {
      for (const w of tokenize(tr.sv)) {
        if (isQueryNoise(w) && translations!.length > 1) continue;
        // A looser sense counts as itself only: its compounds would bring in more than the question meant.
        addAlt(alts, stemSv(w), tr.weight, tr.weight < 1);
        for (const v of SWEDISH_VARIANTS.get(w) ?? []) addAlt(alts, v, tr.weight * VARIANT_WEIGHT, true);
      }
    }
    for (const w of words) {
      if (isQueryNoise(w)) continue;
      // The English word itself, for names and words both languages share; the translations come first.
      addAlt(alts, stemEn(w), entity ? 1 : ENGLISH_SELF_WEIGHT, !entity);
      addAlt(alts, stemSv(w), entity ? 1 : ENGLISH_SELF_WEIGHT, !entity);
      for (const k of eventWords.get(w) ?? []) addAlt(alts, k, EVENT_KIND_WEIGHT);
    }
    if (alts.length === 0) continue;
    concepts.push({ surface: words.join(' '), alternatives: alts, soft: !entity, entity, role, ...(setting ? { setting: true } : {}) });
  }
  // The question's date as one concept: its day (and the days either side, weighted less), or, without hints,
  // a day with its month ("15 October", "den 26 oktober") read from the words.
  if (hints.dateTerms?.length) {
    concepts.push({ surface: [...dateWords].join(' '), alternatives: hints.dateTerms.map((d) => ({ ...d })), soft: false, entity: false, role: 'date' });
  } else {
    const dated: Concept[] = [];
    for (let i = 0; i < concepts.length; i++) {
      const [a, b] = [concepts[i]!, concepts[i + 1]];
      const date = b ? dateTerms([a.surface, b.surface])[0] : undefined;
      if (date) {
        dated.push({ surface: `${a.surface} ${b!.surface}`, alternatives: [{ term: date, weight: 1 }], soft: false, entity: false, role: 'date' });
        i++;
      } else dated.push(a);
    }
    concepts.splice(0, concepts.length, ...dated);
  }
  // The same concept twice ("polisen … polis") counts once.
  const seen = new Set<string>();
  return concepts.filter((c) => {
    const key = c.alternatives.map((a) => a.term).sort().join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
