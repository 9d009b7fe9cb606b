/**
 * A question as search terms: content words grouped into concepts, each concept a set of alternative index
 * terms (its stem, its translations from the lexicon). A concept counts once however many of its alternatives
 * a sentence has.
 */
import type { Lang } from '../types.js';
import { dateTerms, isQueryNoise, stemEn, stemSv, tokenize } from '../text/analyze.js';
import type { Lexicon } from '../text/lexicon.js';

export interface Alternative {
  term: string;
  weight: number;
}

export interface Concept {
  /** The words of the question it stands for. */
  surface: string;
  alternatives: Alternative[];
  /**
   * True for English words: untranslated or translated, the statements may say it in other words, so their
   * absence from the index counts for less than that of a Swedish word the asker typed.
   */
  soft: boolean;
  /** A name the asker capitalised (a place, a person): a statement that lacks it is about something else. */
  entity: boolean;
}

const NOT_ENTITIES = new Set(
  'i en ett the a an monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december måndag tisdag onsdag torsdag fredag lördag söndag'.split(' '),
);

function addAlt(list: Alternative[], term: string, weight: number) {
  const e = list.find((a) => a.term === term);
  if (e) e.weight = Math.max(e.weight, weight);
  else list.push({ term, weight });
}

/** Turns a question into concepts; English words go through the lexicon to their Swedish equivalents. */
export function queryConcepts(question: string, lang: Lang, lexicon: Lexicon): Concept[] {
  const tokens = tokenize(question);
  // Capitalised words other than the first are names; tokenize() lower-cases, so look at the original.
  const capital = (question.match(/\p{N}+(?:[.,:]\p{N}+)*|[\p{L}\p{M}\p{N}]+/gu) ?? []).map((w, i) => i > 0 && /^\p{Lu}/u.test(w));
  const isEntity = (from: number, n: number) => capital.slice(from, from + n).some(Boolean) && !tokens.slice(from, from + n).some((t) => NOT_ENTITIES.has(t));
  const concepts: Concept[] = [];
  for (let i = 0; i < tokens.length; ) {
    let matched = 0;
    let translations: string[] | undefined;
    if (lang === 'en') {
      for (let n = 3; n >= 1 && !matched; n--) {
        if (i + n > tokens.length) continue;
        const phrase = tokens.slice(i, i + n).join(' ');
        const t = lexicon.get(phrase) ?? (n === 1 ? lexicon.get(tokens[i]!.replace(/'s$/, '')) : undefined);
        if (t && (n > 1 || !isQueryNoise(phrase))) {
          matched = n;
          translations = t;
        }
      }
    }
    if (!matched) {
      const tok = tokens[i]!;
      const entity = isEntity(i, 1);
      i++;
      if (isQueryNoise(tok) || (tok.length < 2 && !/\d/.test(tok))) continue;
      const alts: Alternative[] = [];
      addAlt(alts, stemSv(tok), 1);
      if (lang === 'en') addAlt(alts, stemEn(tok), 1);
      concepts.push({ surface: tok, alternatives: alts, soft: lang === 'en' && !/\d/.test(tok) && !entity, entity });
      continue;
    }
    const words = tokens.slice(i, i + matched);
    const entity = isEntity(i, matched);
    i += matched;
    const alts: Alternative[] = [];
    for (const tr of translations!) {
      for (const w of tokenize(tr)) if (!isQueryNoise(w) || translations!.length === 1) addAlt(alts, stemSv(w), 1);
    }
    for (const w of words) {
      addAlt(alts, stemEn(w), 1);
      addAlt(alts, stemSv(w), 1);
    }
    concepts.push({ surface: words.join(' '), alternatives: alts, soft: !entity, entity });
  }
  // A day with its month ("15 October", "den 26 oktober") becomes one date term, and names the event as surely
  // as a place does.
  const dated: Concept[] = [];
  for (let i = 0; i < concepts.length; i++) {
    const [a, b] = [concepts[i]!, concepts[i + 1]];
    const date = b ? dateTerms([a.surface, b.surface])[0] : undefined;
    if (date) {
      dated.push({ surface: `${a.surface} ${b!.surface}`, alternatives: [{ term: date, weight: 1 }], soft: false, entity: true });
      i++;
    } else dated.push(a);
  }
  concepts.splice(0, concepts.length, ...dated);
  // The same concept twice ("polisen … polis") counts once.
  const seen = new Set<string>();
  return concepts.filter((c) => {
    const key = c.alternatives.map((a) => a.term).sort().join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
