/**
 * Stage 1 of answering: what the question asks for. Its language, the kind of fact wanted (an answer type of
 * answer-types.ts, from its question words), the date it names (absolute or relative to the time of asking), the
 * kinds of event it names ("rånet", "the robbery") and whether it is a yes/no question. Every word list comes
 * from src/text/vocabulary.ts.
 */
import type { Lang, QuestionType } from '../types.js';
import { parseQuestionDate, type DateConstraint } from '../text/dates.js';
import { isStemOrHead, stemEn, stemSv, tokenize } from '../text/analyze.js';
import {
  ACCUSATION_WORDS,
  alternation,
  CARE_QUESTION,
  HARM_WORDS,
  SUFFERER_WORDS,
  SUSPECT_WORDS,
  DEED_VERBS,
  DRIVE_VERBS,
  DISPATCH_QUESTION,
  DOING_PASSIVES,
  POLICE_ACTION_VERBS,
  ENGLISH_IRREGULAR_PARTICIPLES,
  ENGLISH_IRREGULAR_PASTS,
  ENGLISH_PERSON_WORDS,
  EVENT_KINDS,
  KIND_WORDS,
  MEANS_VERBS,
  NOT_ENGLISH_PASTS,
  ORIGIN_VERBS,
  PERSON_NOUNS,
  QUESTION_NOISE,
  QUESTION_WORDS,
  REPORT_VERBS,
  SEX_WORDS,
  STRANDED_PREPOSITIONS,
  SUBORDINATORS,
  SWEDISH_FINITE_VERBS,
  SWEDISH_STRONG_PASSIVES,
  TYPE_NOUNS,
  SET_APART_WORDS,
  THING_FRAMES,
  GENERIC_THING_WORDS,
} from '../text/vocabulary.js';
import type { AnswerType } from './answer-types.js';

/** The question word groups of vocabulary.ts and the answer types each accepts, most likely first. */
const TYPE_OF: Record<string, { types: AnswerType[]; tier: number; legacy: QuestionType }> = {
  count: { types: ['count'], tier: 2, legacy: 'how_many' },
  age: { types: ['age'], tier: 2, legacy: 'how_old' },
  speed: { types: ['speed'], tier: 2, legacy: 'how_many' },
  alcohol: { types: ['alcohol'], tier: 2, legacy: 'how_many' },
  money: { types: ['money', 'quantity'], tier: 2, legacy: 'how_many' },
  duration: { types: ['duration', 'time'], tier: 2, legacy: 'how_many' },
  time: { types: ['time', 'date'], tier: 2, legacy: 'when' },
  date: { types: ['date', 'time'], tier: 2, legacy: 'when' },
  street: { types: ['street'], tier: 2, legacy: 'where' },
  organisation: { types: ['organisation', 'role', 'person'], tier: 2, legacy: 'who' },
  role: { types: ['role', 'person'], tier: 2, legacy: 'who' },
  vehicle: { types: ['vehicle'], tier: 2, legacy: 'what' },
  colour: { types: ['colour'], tier: 2, legacy: 'what' },
  animal: { types: ['animal'], tier: 2, legacy: 'what' },
  offence: { types: ['offence'], tier: 2, legacy: 'what' },
  cause: { types: ['cause', 'offence'], tier: 2, legacy: 'why' },
  injury: { types: ['injury'], tier: 2, legacy: 'what' },
  quantity: { types: ['quantity', 'money', 'count'], tier: 1, legacy: 'how_many' },
  when: { types: ['time', 'date'], tier: 1, legacy: 'when' },
  place: { types: ['place', 'street'], tier: 1, legacy: 'where' },
  who: { types: ['person', 'role', 'organisation'], tier: 1, legacy: 'who' },
  object: { types: ['object', 'vehicle'], tier: 1, legacy: 'what' },
  event: { types: ['event'], tier: 0, legacy: 'what' },
  what: { types: [], tier: 0, legacy: 'what' },
};

/** Question words as one list of phrases, with their group; "hur mycket" and "how much" stand for quantities. */
const CUES: { words: string[]; group: string }[] = [
  ...QUESTION_WORDS.flatMap((g) => g.words.map((w) => ({ words: tokenize(w), group: g.type }))),
  { words: ['hur', 'mycket'], group: 'quantity' },
  { words: ['how', 'much'], group: 'quantity' },
];

const YES_NO_START = /^(?:is|was|were|are|did|does|do|has|had|have|will|can|could|har|hade|är|var|blev|finns|fanns|skadades|dog|omkom|greps|gick)\b/i;

/** What a question asks for. */
export interface QuestionAnalysis {
  text: string;
  lang: Lang;
  /** The kinds of fact that answer it, most likely first; empty for an open question ("what about…"). */
  types: AnswerType[];
  /** The question words that decided the types ("how fast did"), for --explain. */
  cue: string | null;
  /** The coarse question type the API reported before answer types (kept for the JSON answer's `type`). */
  legacy: QuestionType;
  /** The date the question names, resolved against the time of asking. */
  date: DateConstraint | null;
  /** The kinds of event the question names (EVENT_KINDS), with the words that named them. */
  events: { kind: string; words: string[] }[];
  yesNo: boolean;
  /**
   * The noun a bare "vilket/vilken/vilka/which/what" asks about ("Vilket däck var sönderskuret?": däck), when the
   * question asks for a thing or for no kind of fact: a phrase of the sentence with that noun as its head answers
   * it. Not the noun of "vad för"/"what kind of": "vad var det för grej" is answered by what the thing was.
   */
  askedNoun: string | null;
  /**
   * The asked noun follows a word of kind ("Vilket slags vapen …?", "What kind of weapon …?"): a thing of that kind
   * answers, named without the noun ("en soft air gun"). A plain "Vilken möbelaffär …?" wants the noun itself.
   */
  askedKind: boolean;
  /**
   * The Swedish prepositions whose object a "vad/what" question asks for when it leaves one standing ("Vad
   * krockade elsparkcykeln med på Biblioteksgatan?": med; "what did the scooter crash into": in i, mot, med, på).
   */
  stranded: readonly string[];
  /**
   * The verb a "vad/what" question asks about the thing of ("Vad körde bilen in i?": körde; "What did the driver
   * hit?": hit): where the statement uses it, the phrase beside it may be the thing.
   */
  askedVerb: string | null;
  /** It asks why the police came ("Varför åkte polisen till Berget?"): the reason they were called out for answers. */
  dispatch: boolean;
  /** It asks when something will happen ("When will the police open …?", "När kommer polisen att …?"). */
  future: boolean;
  /**
   * It asks what something turned out to be ("Vad visade sig föremålet vara?", "What did the object turn out to be?"):
   * what follows the copula after it ("Föremålet var en tom termos") answers.
   */
  identity: boolean;
  /** It asks who someone claimed to be ("Vem utgav sig bedragaren för att vara?", "Who did the caller claim to be?"). */
  claimed: boolean;
  /** The sex of the person an age question asks about ("Hur gammal var kvinnan …?": female), when it names one. */
  sex: Sex | null;
  /** The noun of a "which place" question ("Which hospital …?", "Vilken skola …?"): a place answers with it or a name. */
  placeNoun: string | null;
  /** Whose age an age question asks: the one who did it or is suspected ('doer'), or the one who suffered it. */
  agedRole: AgedRole | null;
  /** It asks about the care of the hurt ("Vilket sjukhus …?", "Where was he taken?"): an ambulance or a hospital may answer it. */
  care: boolean;
  /**
   * It asks for a clock time ("Vilken tid …?", "At what time …?"): "på kvällen" does not answer it. `'day'` when it
   * asks for the time of day ("Vid vilken tid på dagen …?"): a part of the day answers, a day does not.
   */
  clock: boolean | 'day';
  /** It asks for a direction ("Åt vilket håll …?", "Which way …?"): only a place gone toward, or a point of the compass, answers. */
  direction: boolean;
  /** It asks where someone went or was taken ("Vart tog han vägen?", "Where did the skier get to?"): what follows "till" answers. */
  destination: boolean;
  /**
   * The choices a question ends on ("… – lastbilsföraren eller någon i personbilen?", "var det en man eller en
   * kvinna?"), each as its content words: the answer is one of them or none. Null when it offers none.
   */
  choices: string[][] | null;
  /** The content words of what the question sets apart ("Apart from drugs, what else …?", "… utöver rånförsöket, …"): no answer in itself. */
  setApart: string[];
  /** The verb of doing a who-question asks the doer of ("Vem släckte branden?": släckte), when it asks one. */
  doerVerb: string | null;
  /**
   * It asks who did something ("Vem krossade …?", "Who shot …?"): the one who suffered it does not answer, nor do
   * the police (who narrate the notice) unless the verb is of what they do (`police`). Null for other questions.
   */
  doer: DoerKind | null;
}

/**
 * The answer types of `question`: of the question-word phrases it contains, the most specific group wins
 * ("how much was the fine" asks for money, not for a thing); among equals the earliest, then the longest
 * ("how fast did the police get there" asks for a duration, "how fast" alone for a speed; "vad som hände" asks
 * what happened, not an open "vad"), then the one with the fewest words inside it.
 */
export function questionTypes(question: string): TypesResult {
  const tokens = tokenize(question);
  // Cue words after a subordinate clause opens ("When did the ambulance arrive for the man who hurt his arm?") may
  // say what that clause is about, not what is asked: a question word before it that names a kind of fact wins.
  // After a bare "what" they count ("What is the woman who rode the train suspected of?").
  const sub = tokens.findIndex((t, i) => i >= 2 && SUBORDINATOR_SET.has(t));
  const opening = sub >= 0 ? cueTypes(tokens, sub) : null;
  if (opening && opening.tier >= 1) return opening.result;
  return cueTypes(tokens, tokens.length)?.result ?? { types: [], cue: null, legacy: 'other' };
}

/** `group`: the question-word group of vocabulary.ts that decided the types, when one did directly. */
type TypesResult = { types: AnswerType[]; cue: string | null; legacy: QuestionType; group?: string };

/** questionTypes over the cues that start before token `end`, with the tier of the cue that won; null when none. */
function cueTypes(tokens: string[], end: number): { result: TypesResult; tier: number } | null {
  const won = { tier: 0 };
  const result = cueTypesOf(tokens, end, won);
  return result && { result, tier: won.tier };
}

function cueTypesOf(tokens: string[], end: number, won: { tier: number }): TypesResult | null {
  let best: { group: string; at: number; len: number; gap: number; tier: number } | null = null;
  for (let i = 0; i < end; i++) {
    for (const c of CUES) {
      if (c.words.length === 0 || tokens[i] !== c.words[0]) continue;
      // The rest of the cue follows at once, or after a few words of hedging: "vad tror man orsakade",
      // "what do police think caused".
      let gap = -1;
      for (let g = 0; g <= (c.words.length > 1 && WH.has(c.words[0]!) ? MAX_CUE_GAP : 0) && gap < 0; g++) {
        let ok = i + g + c.words.length <= tokens.length;
        // "which specialist unit", "vilken röd bil": one word of any kind may qualify the noun of a which-cue.
        const modifier = g === 1 && c.words.length === 2 && WHICH.has(c.words[0]!) && ((TYPE_OF[c.group]?.tier ?? 0) === 2 || c.group === 'place');
        for (let k = 1; k <= g && ok; k++) ok = HEDGES.has(tokens[i + k]!) || modifier;
        for (let k = 1; k < c.words.length && ok; k++) ok = tokens[i + g + k] === c.words[k];
        if (ok) gap = g;
      }
      if (gap < 0) continue;
      const tier = TYPE_OF[c.group]?.tier ?? 0;
      // A lone "var", "när", "who", "which" inside a question is a verb or a conjunction ("Hur stor var skadan?",
      // "the man who…"): only near its start is it the question word.
      if (c.words.length === 1 && tier < 2 && i > 1) continue;
      // Right after another question word it is the verb: "Vad var hastigheten?", "Vem var föraren?".
      if (c.words.length === 1 && c.words[0] === 'var' && i > 0 && WH.has(tokens[i - 1]!)) continue;
      const better =
        !best || tier > best.tier || (tier === best.tier && (i < best.at || (i === best.at && (c.words.length > best.len || (c.words.length === best.len && gap < best.gap)))));
      if (better) best = { group: c.group, at: i, len: c.words.length, gap, tier };
    }
  }
  if (!best) return null;
  won.tier = best.tier;
  // "What was the man carrying?", "what were they selling": a verb in -ing after the subject asks for that verb's
  // object, not for an event. Not a noun in -ing ("what was the shooting about": it follows the article), nor
  // "doing", "happening", "going on" (those ask what happened).
  if (best.group === 'event' && tokens[best.at] === 'what' && PROGRESSIVE_AUX.has(tokens[best.at + best.gap + 1] ?? '')) {
    const from = best.at + best.gap + 2;
    for (let k = from + 1; k < Math.min(tokens.length, from + 5); k++) {
      const t = tokens[k]!;
      if (!/^[a-z]{3,}ing$/.test(t) || EVENT_PROGRESSIVES.has(t)) continue;
      if (DETERMINERS_EN.has(tokens[k - 1]!)) break;
      const o = TYPE_OF.object!;
      return { types: o.types, cue: `${tokens.slice(best.at, best.at + best.gap + 2).join(' ')} … ${t}`, legacy: o.legacy };
    }
  }
  // "What was it that burned …?": a cleft asks for the thing its verb's subject is, not what happened.
  if (best.group === 'event' && tokens[best.at] === 'what' && tokens[best.at + 1] === 'was' && tokens[best.at + 2] === 'it' && tokens[best.at + 3] === 'that') {
    const o = TYPE_OF.object!;
    return { types: o.types, cue: 'what was it that', legacy: o.legacy };
  }
  // A bare question word ("hur", "what", "what was") takes its kind from a noun of the main clause that names
  // one: "Hur högt alkoholvärde blåste…" asks for alcohol, "How big was the fine…" for money.
  if (best.group === 'what' || (best.group === 'event' && COPULAS.has(tokens[best.at + best.gap + 1] ?? ''))) {
    const noun = typeNoun(tokens, best.at + 1);
    if (noun) {
      const t = TYPE_OF[noun.type]!;
      return { types: t.types, cue: `${tokens[best.at]} … ${noun.word}`, legacy: t.legacy };
    }
  }
  // "Hur flydde rånarna?", "How did they get away?": a bare how before a verb of getting away asks by what means.
  const means = best.group === 'what' && (tokens[best.at] === 'hur' || tokens[best.at] === 'how') ? MEANS_RE.exec(tokens.slice(best.at + 1, best.at + 16).join(' ')) : null;
  if (means) {
    const v = TYPE_OF.vehicle!;
    return { types: v.types, cue: `${tokens[best.at]} … ${means[0]}`, legacy: v.legacy };
  }
  // "How did the fire in the flat start?": a bare how before a verb of coming about asks why.
  const origin = best.group === 'what' && (tokens[best.at] === 'hur' || tokens[best.at] === 'how') ? ORIGIN_RE.exec(tokens.slice(best.at + 1).join(' ')) : null;
  if (origin) {
    const c = TYPE_OF.cause!;
    return { types: c.types, cue: `${tokens[best.at]} … ${origin[0]}`, legacy: c.legacy, group: 'cause' };
  }
  // "Vilka hundar …?", "which cars": a which-word before a noun that names no person asks about that thing, not who.
  if (best.group === 'who' && best.len === 1 && WHICH.has(tokens[best.at]!)) {
    const next = tokens[best.at + 1] ?? '';
    if (next.length >= 3 && !NOT_NOUNS.has(next) && !PERSON_WORD.test(next) && !VERB_FORM.test(next)) return { types: [], cue: tokens[best.at]!, legacy: 'what' };
  }
  // "What got nicked?", "What was damaged?", "Vad har förstörts?": a passive verb right after the question word (and
  // its auxiliaries) asks for the thing it happened to.
  if ((best.group === 'event' || best.group === 'what') && PASSIVE_ASKERS.has(tokens[best.at]!)) {
    let k = best.at + 1;
    while (k < tokens.length && k <= best.at + 3 && AUXILIARIES.has(tokens[k]!)) k++;
    const verb = tokens[k] ?? '';
    if (k > best.at && (tokens[best.at] === 'what' ? k > best.at + 1 && ENGLISH_PARTICIPLE.test(verb) && !EVENT_PROGRESSIVES.has(verb) : SWEDISH_PASSIVE.test(verb) && !DOING.has(verb))) {
      const o = TYPE_OF.object!;
      return { types: o.types, cue: tokens.slice(best.at, k + 1).join(' '), legacy: o.legacy };
    }
  }
  const t = TYPE_OF[best.group]!;
  return { types: t.types, cue: [tokens[best.at], ...tokens.slice(best.at + best.gap + 1, best.at + best.gap + best.len)].join(' '), legacy: t.legacy, group: best.group };
}

const ORIGIN_RE = new RegExp(`(?<![\\p{L}])(?:${ORIGIN_VERBS.join('|')})(?![\\p{L}])`, 'u');
const MEANS_RE = new RegExp(`(?<![\\p{L}])(?:${MEANS_VERBS.join('|')})(?![\\p{L}])`, 'u');
const COPULAS = new Set(['was', 'were', 'is', 'are', 'var', 'är', 'blev']);
const SUBORDINATOR_SET = new Set(SUBORDINATORS);
const TYPE_NOUN_STEMS = TYPE_NOUNS.map((k) => ({
  type: k.type,
  sv: k.sv.map((w) => stemSv(w)),
  en: k.en.map((w) => tokenize(w).map(stemEn).join(' ')),
}));

/**
 * The first word of the main clause from `from` on (up to a subordinate clause's first word) that names a kind of
 * fact (TYPE_NOUNS): a Swedish word by its stem or as a compound's head, an English one (or two) by their stems.
 */
function typeNoun(tokens: string[], from: number): { type: string; word: string } | null {
  for (let i = from; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (i > from + 1 && SUBORDINATOR_SET.has(tok)) break;
    const sv = stemSv(tok);
    const en = stemEn(tok);
    const en2 = i + 1 < tokens.length ? `${en} ${stemEn(tokens[i + 1]!)}` : '';
    for (const k of TYPE_NOUN_STEMS) {
      if (k.sv.some((st) => sv === st || isStemOrHead(sv, st, 4)) || k.en.some((st) => st === en || st === en2)) {
        return { type: k.type, word: tok };
      }
    }
  }
  return null;
}

/** A word that names people (PERSON_NOUNS or an English one), as the noun after "vilka/which". */
const PERSON_WORD = new RegExp(`^(?:${[...PERSON_NOUNS, ...ENGLISH_PERSON_WORDS].join('|')})`, 'i');
/** A Swedish verb form after "vilka" ("Vilka greps?", "Vilka skadades?", "Vilka dog?"): the question is who. */
const VERB_FORM = new RegExp(`^(?:\\p{L}+(?:s|de|te|dde|tt)|${SWEDISH_FINITE_VERBS.join('|')})$`, 'u');
const PASSIVE_ASKERS = new Set(['what', 'vad']);
const AUXILIARIES = new Set(['was', 'were', 'is', 'are', 'got', 'get', 'has', 'had', 'have', 'been', 'har', 'hade', 'ska', 'skulle', 'kan', 'kunde', 'ha', 'blev', 'blir']);
/** An English past participle: regular in -ed, or one of the irregular ones a notice's verbs take. */
const ENGLISH_PARTICIPLE = new RegExp(`^(?:[a-z]{3,}ed|${ENGLISH_IRREGULAR_PARTICIPLES.join('|')})$`);
/** A Swedish passive: "förstördes", "stulits", "skadats", "stals", "togs". */
const SWEDISH_PASSIVE = new RegExp(`^(?:\\p{L}{2,}(?:ades|ats|its|des|tes|ts|dds|tts)|${SWEDISH_STRONG_PASSIVES.join('|')})$`, 'u');

/** Passives of doing and happening ask what was done, not for a thing. */
const DOING = new Set(DOING_PASSIVES);

const PROGRESSIVE_AUX = new Set(['was', 'were', 'is', 'are']);
const EVENT_PROGRESSIVES = new Set(['doing', 'happening', 'going', 'occurring', 'during', 'nothing', 'something', 'anything', 'everything', 'morning', 'evening', 'building']);
const DETERMINERS_EN = new Set(['the', 'a', 'an', 'this', 'that', 'his', 'her', 'their', 'its', 'my', 'your', 'our']);

/** Question words after which the rest of a cue may come a few words later. */
const WH = new Set(['vad', 'vilken', 'vilket', 'vilka', 'hur', 'när', 'varför', 'vem', 'what', 'which', 'how', 'when', 'why', 'who']);
const MAX_CUE_GAP = 6;
/**
 * Words of hedging that may stand inside a question's cue ("vad tror man orsakade", "what do police think caused"),
 * the "som" of an embedded question ("bedömningen av vad som orsakade branden"), the "var det" of "vad var det
 * för fordon" (what kind of vehicle), and belief ("what is believed to have caused", "vad tros ha orsakat").
 */
const HEDGES = new Set([
  'som', 'var', 'är', 'det', 'tror', 'man', 'polisen', 'ni', 'du', 'de', 'do', 'does', 'did', 'you', 'police', 'they', 'think', 'believe', 'officers', 'cops', 'people',
  // "what is believed to have caused", "vad tros ha orsakat"
  'is', 'was', 'believed', 'thought', 'suspected', 'likely', 'probably', 'to', 'have', 'tros', 'misstänks', 'troligen', 'sannolikt', 'ha',
  // and a modal of likelihood ("what might have caused", "what may have started", "vad kan ha orsakat")
  'might', 'may', 'could', 'kan', 'kunde', 'skulle',
]);

/** The Swedish stems of an event kind (what a statement about it says), for searching. */
export function eventStems(kind: string): string[] {
  return EVENT_STEMS.find((k) => k.kind === kind)?.sv.filter((p) => !p.includes(' ')) ?? [];
}

/** Stems by which each event kind is recognised, Swedish and English. */
const EVENT_STEMS = EVENT_KINDS.map((k) => ({
  kind: k.kind,
  sv: k.sv.map((w) => tokenize(w).map(stemSv).join(' ')),
  en: k.en.map((w) => tokenize(w).map(stemEn).join(' ')),
}));

/** The event kinds a text names: a word starting with a Swedish stem or ending in one (a compound's head), or an English word's stem. */
export function eventKinds(text: string, lang: Lang | 'any' = 'any'): { kind: string; words: string[] }[] {
  // Names are not events: "Knivsta", "Rånäs". Capitalised words after the first are left out.
  const original = text.match(/\p{N}+(?:[.,:]\p{N}+)*|[\p{L}\p{M}\p{N}]+/gu) ?? [];
  const tokens = tokenize(text).map((t, i) => (i > 0 && /^\p{Lu}/u.test(original[i] ?? '') ? '' : t));
  const sv = tokens.map((t) => (t ? stemSv(t) : ''));
  const en = tokens.map((t) => (t ? stemEn(t) : ''));
  const out: { kind: string; words: string[] }[] = [];
  for (const k of EVENT_STEMS) {
    const words = new Set<string>();
    const phrase = (stems: string[], list: string[], compound: boolean) => {
      for (const p of list) {
        const parts = p.split(' ');
        for (let i = 0; i + parts.length <= stems.length; i++) {
          let ok = true;
          for (let j = 0; j < parts.length && ok; j++) {
            const s = stems[i + j]!;
            const part = parts[j]!;
            if (!s) {
              ok = false;
              break;
            }
            // The word itself, inflected ("rånet", "bränder"), or a compound's head ("bilbrand", "garageinbrottet");
            // a stem at a compound's start ("kniv" in "Knivsta", "häst" in "Hästskovägen") is not enough.
            ok = s === part || (j === parts.length - 1 && compound && ((part.length >= 3 && s.startsWith(part) && s.length - part.length <= 2) || isStemOrHead(s, part, 4)));
          }
          if (ok) for (let j = 0; j < parts.length; j++) words.add(tokens[i + j]!);
        }
      }
    };
    if (lang !== 'en') phrase(sv, k.sv, true);
    if (lang !== 'sv') phrase(en, k.en, false);
    if (words.size) out.push({ kind: k.kind, words: [...words] });
  }
  return out;
}

/**
 * A question as its grammar is read: without a leading "Apart from X," / "Förutom X," and without the "else" of
 * "what else", "who else", "vad mer" ("apart from drugs, what else did cops find …?": "what did cops find …?"). What
 * it sets apart stays in the question's words, where an answer naming only it adds nothing.
 */
export function coreQuestion(question: string): string {
  return question.replace(SET_APART, '').replace(ELSE_AFTER_WH, '$1');
}
const SET_APART = new RegExp(`^\\s*(?:${alternation(SET_APART_WORDS)})\\s[^,?]{1,80},\\s*`, 'iu');
const ELSE_AFTER_WH = /^(\s*(?:what|who|vad|vem|vilka))\s(?:else|mer|mera|fler)(?![\p{L}])/iu;

export function analyzeQuestion(text: string, lang: Lang, now: Date | null): QuestionAnalysis {
  // The grammar is read on the question's core; its date and events on all of it.
  const question = coreQuestion(text);
  const typed = questionTypes(question);
  // Who someone claimed to be is a role or a body, whatever the question word ("Vilka utgav sig de för att vara?").
  // Only when the claim is the question's own verb, a few words after its question word, not a clause's ("What did the
  // man who claimed to be a police officer take?").
  const claimed = CLAIMED_QUESTION.test(question);
  // "Vilket kreditföretag utgav sig …?" names what kind of claim it wants: its noun's phrase answers, its types stay.
  const nounAsked = NOUN_BEFORE_CLAIM.test(question);
  const { types: types0, cue, legacy, group } = claimed && !nounAsked && (typed.types.length === 0 || typed.types[0] === 'person' || typed.types[0] === 'object') ? { ...TYPES_CLAIMED, cue: typed.cue ?? 'claimed' } : typed;
  const yesNo = YES_NO_START.test(question.trim());
  // An offence says why someone is suspected, arrested or fined ("Varför greps mannen?" – "misstänkt för
  // misshandel"), not why something happened: "Varför knivskars pojken?" is not answered by "försök till mord".
  const types1 = group === 'cause' && !ACCUSATION_QUESTION.test(question) ? types0.filter((t) => t !== 'offence') : types0;
  // "What was the boy driving?", "Vad körde han?": what one drives or rides is first a vehicle (not "Vad körde han in i?").
  const types2 = types1[0] === 'object' && DRIVEN_QUESTION.test(question) && strandedPreposition(question).length === 0 ? (['vehicle', 'object'] as AnswerType[]) : types1;
  // "Vad fick tjuvarna med sig?", "Vad blev mannen av med?": a "vad" whose verb frame takes a thing asks for it.
  // "Vad var det misstänkta föremålet …?", "What was the suspicious object …?": what a thing named by a word that says
  // nothing of what turned out to be, not what happened.
  const thingIdentity = (types2.length === 0 || types2[0] === 'event') && THING_IDENTITY_QUESTION.test(question);
  const types = thingIdentity || (types2.length === 0 && THING_FRAME_QUESTION.test(question)) ? (['object'] as AnswerType[]) : types2;
  // A question open or about a thing: what it says of that thing besides its types.
  const open = types.length === 0 || types[0] === 'object';
  return {
    text,
    lang,
    // "Was anyone hurt…?" asks about injuries whatever its words say.
    types: yesNo && types.length === 0 && /\b(?:hurt|injur|skad|kill|dog|dött|omkom|died)/i.test(question) ? ['injury'] : types,
    cue,
    legacy,
    date: parseQuestionDate(text, now, lang),
    events: eventKinds(text, lang),
    yesNo,
    askedNoun: open ? askedNoun(question) : null,
    placeNoun: types[0] === 'place' && !DIRECTION_QUESTION.test(question) ? askedNoun(question) : null,
    askedKind: open && asksKind(question),
    stranded: open ? strandedPreposition(question) : [],
    askedVerb: open ? askedVerb(question) : null,
    dispatch: asksDispatch(question),
    care: CARE_QUESTION_RE.test(question),
    claimed,
    sex: types[0] === 'age' ? agedSex(question) : null,
    agedRole: types[0] === 'age' ? agedRole(question) : null,
    identity: thingIdentity || (open && IDENTITY_QUESTION.test(question)),
    future: FUTURE_QUESTION.test(question),
    clock: group === 'time' && (PART_OF_DAY_QUESTION.test(question) ? 'day' : true),
    direction: DIRECTION_QUESTION.test(question),
    destination: (types[0] === 'place' || types[0] === 'street') && DESTINATION_QUESTION.test(question),
    choices: types.length ? questionChoices(question) : null,
    setApart: setApartWords(text),
    doer: types[0] === 'person' ? doerKind(question) : null,
    doerVerb: types[0] === 'person' ? doerVerb(question) : null,
  };
}

/** "vad var det", "what was the" and, a few words on, a word for a thing that says nothing of what (GENERIC_THING_WORDS). */
const THING_IDENTITY_QUESTION = new RegExp(
  `^\\s*(?:vad|what)\\s+(?:var|är|was|is)\\s+(?:det|the|that|this)\\s+(?:[\\p{L}-]+\\s+){0,3}?(?:${alternation(GENERIC_THING_WORDS)})(?![\\p{L}])`,
  'iu',
);
/** "vad" and, within its main clause (no subordinator between), a frame of THING_FRAMES. */
const THING_FRAME_QUESTION = new RegExp(
  `^\\s*vad\\s+(?:(?!(?:${alternation(SUBORDINATORS)})\\s)[\\p{L}\\p{N}-]+\\s+){0,6}?(?:${alternation(THING_FRAMES)})(?![\\p{L}])`,
  'iu',
);
const ACCUSATION_QUESTION = new RegExp(`(?<![\\p{L}])(?:${alternation(ACCUSATION_WORDS)})\\p{L}*`, 'iu');
const DRIVEN_QUESTION = new RegExp(`^\\s*(?:what|vad)\\s(?:(?:was|were|is|did|does)\\s)?(?:\\p{L}+\\s){0,4}?(?:${alternation(DRIVE_VERBS)})(?![\\p{L}])`, 'iu');
const WHICH = new Set(['vilken', 'vilket', 'vilka', 'which', 'what']);
const KIND = new Set(KIND_WORDS);
const NOT_NOUNS = new Set([...QUESTION_NOISE, ...WH, 'the', 'a', 'an', 'en', 'ett', 'den', 'det', 'de', 'av', 'of', 'för', 'han', 'hon', 'he', 'she', 'they', 'it']);

/**
 * The noun right after a question's opening "vilket/which/what" ("Vilket däck …", "Which tyre …"), if any; after a
 * word of kind, the noun it qualifies ("Vilket slags vapen …", "What kind of weapon …": vapen, weapon).
 */
export function askedNoun(question: string): string | null {
  const tokens = tokenize(question);
  const isNoun = (t: string | undefined) => Boolean(t && t.length >= 3 && !NOT_NOUNS.has(t) && !/\d/.test(t));
  const i = tokens.findIndex((t) => WHICH.has(t));
  if (i < 0 || i > 1) return null;
  let j = i + 1;
  if (KIND.has(tokens[j] ?? '')) {
    j++;
    if (tokens[j] === 'av' || tokens[j] === 'of') j++;
  }
  // "What exploded …?", "What caught fire …?": a past tense right after a bare "what" is the question's verb, not a noun.
  if (j === i + 1 && tokens[i] === 'what' && EN_PAST.test(tokens[j] ?? '') && !NOT_PAST.has(tokens[j]!)) return null;
  return isNoun(tokens[j]) ? tokens[j]! : null;
}

const NOT_PAST = new Set(NOT_ENGLISH_PASTS);
const EN_PAST = new RegExp(`^(?:[a-z]{2,}ed|${ENGLISH_IRREGULAR_PASTS.join('|')})$`);

/** True when a word of kind follows the question's opening "vilket/which/what" ("What kind of …", "Vilken sorts …"). */
export function asksKind(question: string): boolean {
  const tokens = tokenize(question);
  const i = tokens.findIndex((t) => WHICH.has(t));
  return i >= 0 && i <= 1 && KIND.has(tokens[i + 1] ?? '');
}

const STRANDED_RE = new RegExp(
  `(?<![\\p{L}])(${Object.keys(STRANDED_PREPOSITIONS).join('|')})(?=\\s*(?:$|[?!.,]|\\s(?:på|i|vid|utanför|nära|under|in|on|at|near|outside|during|när|efter|innan|då|som|when|after|before|while)(?![\\p{L}])))`,
  'giu',
);

/**
 * The preposition a "vad/what" question leaves standing at its end or before its place or time ("… med på
 * Hästskovägen", "… crash into on Biblioteksgatan"), as the Swedish prepositions that may say it.
 */
export function strandedPreposition(question: string): readonly string[] {
  if (!/^\s*(?:vad|what)(?![\p{L}])/iu.test(question)) return [];
  const found = [...question.matchAll(STRANDED_RE)];
  const last = found[found.length - 1];
  if (!last) return [];
  // Standing in a relative clause, it is that clause's ("… föremålet vara som en grupp barn lekte avrättning med"),
  // unless the "som" is a cleft's ("Vad var det som bilen krockade med?").
  const before = question.slice(0, last.index!);
  if (/(?<![\p{L}])(?!det\s|vad\s|what\s)\p{L}+\s(?:som|that|which)\s/iu.test(before) && !/^\s*(?:vad|what)\s(?:\p{L}+\s){0,2}(?:det|it)\s(?:som|that)\s/iu.test(before)) return [];
  return STRANDED_PREPOSITIONS[last[1]!.toLowerCase()] ?? [];
}

const SV_MODALS = new Set(['har', 'hade', 'ska', 'skulle', 'kan', 'kunde', 'kommer', 'behövde', 'måste', 'brukar', 'fick', 'får', 'tros', 'verkar', 'lär']);
/** A Swedish supine or passive, the main verb after an auxiliary: "hittat", "tagit", "städas", "stulits". */
const SV_MAIN_AFTER_AUX = /^\p{L}{2,}(?:at|it|tt|ts|as|ats|its|ades|des|tes)$/u;
const EN_DO = new Set(['did', 'does', 'do', 'has', 'had', 'have', 'will', 'would', 'could', 'can', 'should', 'might']);
const EN_CLAUSE_END = new Set([...SUBORDINATORS, 'in', 'on', 'at', 'from', 'to', 'into', 'onto', 'with', 'by', 'for', 'of', 'off', 'out', 'up', 'down', 'during', 'near', 'outside', 'inside', 'under', 'over', 'about', 'around', 'through', 'behind', 'against', 'across', 'along']);
const EN_OBJECT_PRONOUNS = new Set(['them', 'him', 'her', 'it', 'us', 'me', 'you']);

/**
 * The verb whose thing a "vad/what" question asks for: in Swedish the word after "vad" (or "vad var det som"), or
 * after an auxiliary the supine or passive that follows ("Vad har polisen hittat?"); in English the last word of
 * the main clause after "what did/does …" ("What did the man threaten them with?": threaten).
 */
export function askedVerb(question: string): string | null {
  const tokens = tokenize(question);
  const i = tokens.findIndex((t) => t === 'vad' || t === 'what');
  if (i < 0 || i > 1) return null;
  let k = i + 1;
  if (tokens[i] === 'vad') {
    if (tokens[k] === 'som') k++;
    else if ((tokens[k] === 'var' || tokens[k] === 'är') && tokens[k + 1] === 'det' && tokens[k + 2] === 'som') k += 3;
    const t = tokens[k];
    if (!t || COPULAS.has(t) || NOT_NOUNS.has(t)) return null;
    if (!SV_MODALS.has(t)) return t;
    for (let j = k + 1; j < Math.min(tokens.length, k + 6); j++) if (SV_MAIN_AFTER_AUX.test(tokens[j]!) && tokens[j] !== 'det') return tokens[j]!;
    // "Vad ska kvinnan som greps för rån i Ängelholm ha tagit …?": the supine after a later "ha".
    for (let j = k + 6; j < tokens.length - 1; j++) if (tokens[j] === 'ha' && SV_MAIN_AFTER_AUX.test(tokens[j + 1]!)) return tokens[j + 1]!;
    return null;
  }
  // "What exploded at the entrance?", "What was it that burned?": the past tense after a bare "what" (its subject asked).
  if (tokens[k] === 'was' && tokens[k + 1] === 'it' && tokens[k + 2] === 'that') k += 3;
  if (EN_PAST.test(tokens[k] ?? '') && !NOT_PAST.has(tokens[k]!)) return tokens[k]!;
  // "What machine did the thieves use …?": the noun asked stands between "what" and "did".
  if (!EN_DO.has(tokens[k] ?? '') && EN_DO.has(tokens[k + 1] ?? '') && !NOT_NOUNS.has(tokens[k] ?? '')) k++;
  if (!EN_DO.has(tokens[k] ?? '')) return null;
  let j = k + 2;
  while (j < tokens.length && !EN_CLAUSE_END.has(tokens[j]!)) j++;
  let v = j - 1;
  if (EN_OBJECT_PRONOUNS.has(tokens[v] ?? '')) v--;
  return v > k + 1 ? tokens[v]! : null;
}

const DISPATCH_POLICE = new Set(DISPATCH_QUESTION.police);
const DISPATCH_VERB = new Set(DISPATCH_QUESTION.verbs);
/** Words after "vem/who" that ask for who suffered or who someone is, not who did something. */
const NOT_ACTIVE = new Set([
  'var', 'är', 'blev', 'blir', 'har', 'hade', 'ska', 'skulle', 'kan', 'kunde', 'sitter', 'satt', 'heter', 'hette', 'omkom', 'dog', 'avled', 'drunknade',
  'föll', 'försvann', 'saknas', 'was', 'were', 'is', 'are', 'got', 'gets', 'has', 'had', 'will', 'would', 'can', 'could', 'died', 'drowned', 'fell',
  'disappeared', 'the', 'of', 'in', 'from',
]);
/**
 * True when "vem/who" is followed by an active verb ("Vem krossade …?", "Who pushed …?"), after "var det som"/"was it
 * that"; not a copula, an auxiliary or a Swedish passive ("Vem greps?", "Vem var föraren?", "Who was hurt?").
 */
export function asksDoer(question: string): boolean {
  return doerVerb(question) !== null;
}

/** The active verb after "vem/who" (see asksDoer), or null. */
function doerVerb(question: string): string | null {
  const tokens = tokenize(question);
  const i = tokens.findIndex((t) => t === 'vem' || t === 'vilka' || t === 'who');
  if (i < 0 || i > 1) return null;
  let k = i + 1;
  if (['var', 'är', 'was', 'is'].includes(tokens[k] ?? '') && ['det', 'it'].includes(tokens[k + 1] ?? '') && ['som', 'that', 'who'].includes(tokens[k + 2] ?? '')) k += 3;
  // "Who managed to put out the fire?": the verb after "managed to", "tried to".
  if (['managed', 'tried'].includes(tokens[k] ?? '') && tokens[k + 1] === 'to' && tokens[k + 2]) k += 2;
  // "Vem låg bakom …?", "Who was behind …?": who did it.
  if (['låg', 'ligger', 'was', 'is', 'were'].includes(tokens[k] ?? '') && (tokens[k + 1] === 'bakom' || tokens[k + 1] === 'behind')) return 'bakom';
  const v = tokens[k] ?? '';
  if (!v || NOT_ACTIVE.has(v)) return null;
  // "Who did police arrest?", "Who did the driver hit?": a subject after "did" makes "who" its object.
  if (tokens[i] === 'who' && ['did', 'does', 'do'].includes(v) && tokens.length > k + 2) return null;
  return tokens[i] === 'who' || !/s$/.test(v) ? v : null;
}

export type AgedRole = 'doer' | 'sufferer';
const SUSPECT_QUESTION = new RegExp(`(?<![\\p{L}])(?:${alternation(SUSPECT_WORDS)})|(?:who|som)\\s(?:${alternation(DEED_VERBS)})(?![\\p{L}])`, 'iu');
const SUFFERER_QUESTION = new RegExp(`(?<![\\p{L}])(?:${alternation([...SUFFERER_WORDS, ...HARM_WORDS])})|(?:was|were|got|blev|blivit)\\s(?!arrest|detain|suspect|charg|stopp|fined|remand|caught|gripen|gripna|anhållen)(?:\\p{L}+ed|${alternation(HARM_WORDS)}|hit|shot|beaten|stabbed|knifed)(?![\\p{L}])|(?:som|who)\\s\\p{L}+(?:ades|des|tes|ats|its)(?![\\p{L}])`, 'iu');

/** Whose age an age question asks ("How old was the guy who robbed …?": the doer), when its words tell; else null. */
export function agedRole(question: string): AgedRole | null {
  const doer = SUSPECT_QUESTION.test(question);
  const sufferer = SUFFERER_QUESTION.test(question);
  return doer === sufferer ? null : doer ? 'doer' : 'sufferer';
}

/**
 * Who did it: the police (a police verb: "Vem grep …?"), one who reported, found or helped ("Vem larmade …?"), the doer
 * of a deed ("Vem sköt …?"), or another.
 */
export type DoerKind = 'police' | 'report' | 'deed' | 'other';
const POLICE_VERB = new Set(POLICE_ACTION_VERBS);
const REPORT_VERB = new Set(REPORT_VERBS);
const DEED_VERB = new Set(DEED_VERBS);

/** What kind of doer a "who did it" question asks for; null when it asks something else. */
export function doerKind(question: string): DoerKind | null {
  const v = doerVerb(question);
  if (v === null) return null;
  return POLICE_VERB.has(v) ? 'police' : REPORT_VERB.has(v) ? 'report' : DEED_VERB.has(v) ? 'deed' : 'other';
}

const CHOICES_RE = /(?:\s[–—-]\s|,\s|\s(?:var det|was it|is it|är det)\s)(?:(?:var det|was it|is it|är det)\s)?([^–—,?]+?)\s(?:eller|or)\s([^–—,?]+?)\s*\?\s*$/iu;
const CHOICE_FILLER = new Set(['en', 'ett', 'någon', 'något', 'den', 'det', 'de', 'i', 'på', 'the', 'a', 'an', 'someone', 'somebody', 'in', 'on', 'of', 'var', 'was', 'is', 'it']);

/** The choices a question ends on, as their content words ("en man eller en kvinna" → [["man"], ["kvinna"]]). */
export function questionChoices(question: string): string[][] | null {
  const m = CHOICES_RE.exec(question);
  if (!m) return null;
  const words = (t: string) => tokenize(t).filter((w) => !CHOICE_FILLER.has(w));
  const a = words(m[1]!);
  const b = words(m[2]!);
  return a.length && b.length && a.length <= 4 && b.length <= 4 ? [a, b] : null;
}

const SET_APART_PHRASE = new RegExp(`(?:^|,|\\s)\\s*(?:${alternation(SET_APART_WORDS)})\\s([^,?]{1,60})`, 'giu');

/** The content words of what a question sets apart ("Apart from drugs, …" → ["drugs"]; "…, utöver rånförsöket, …" → ["rånförsöket"]). */
export function setApartWords(question: string): string[] {
  return [...question.matchAll(SET_APART_PHRASE)].flatMap((m) => tokenize(m[1]!).filter((w) => !CHOICE_FILLER.has(w) && !NOT_NOUNS.has(w) && w.length >= 3));
}

const CARE_QUESTION_RE = new RegExp(`(?<![\\p{L}])(?:${CARE_QUESTION.join('|')})`, 'iu');

const PART_OF_DAY_QUESTION = /(?<![\p{L}])(?:time of (?:the )?day|tid på (?:dagen|dygnet))(?![\p{L}])/iu;

/** A question about what is still to come: "will", "gonna", "going to", "kommer … att", "i framtiden", "nästa år". */
const FUTURE_QUESTION = /(?<![\p{L}])(?:will|won't|gonna|going to|shall|in the future|next (?:week|month|year|summer|winter|spring|autumn)|kommer\s(?:\p{L}+\s){0,2}att|i framtiden|nästa (?:vecka|månad|år|sommar|vinter|vår|höst))(?![\p{L}])/iu;

/** A where-question about where to: "vart", "where to", or a verb of going ("where did he go/flee/get to"). */
const DESTINATION_QUESTION = /(?<![\p{L}])(?:vart|varthän|where to|where (?:\p{L}+\s){1,6}?(?:go|goes|went|gone|flee|fled|run|ran|drive|drove|head|headed|escape|escaped|get to|got to|taken|brought|move|moved))(?![\p{L}])(?!\s+missing)/iu;
const IDENTITY_QUESTION = /(?:^\s*(?:vad|what)(?![\p{L}]).*(?:(?<![\p{L}])vara\s*\?\s*$|(?<![\p{L}])(?:visade|visat|visar)\ssig|(?<![\p{L}])(?:turn|turned|turns)\sout\sto\sbe(?![\p{L}])|(?<![\p{L}])egentligen(?![\p{L}])|(?<![\p{L}])really(?![\p{L}])))/iu;
export type Sex = 'male' | 'female';
/** The sex of the first word in `text` that names a man or a woman (SEX_WORDS), or null. */
export function sexOf(text: string): Sex | null {
  for (const t of tokenize(text)) {
    for (const sex of ['male', 'female'] as const) {
      const w = SEX_WORDS[sex];
      if ((w.en as readonly string[]).includes(t) || w.sv.some((p) => (p.length <= 3 ? t === p || t === `${p}en` : t.startsWith(p)))) return sex;
    }
  }
  return null;
}

const AGE_WORDS = new Set(['gammal', 'gamla', 'ung', 'unga', 'ålder', 'old', 'age', 'aged', 'young']);
const AGE_FILLERS = new Set(['var', 'är', 'blev', 'was', 'is', 'were', 'are', 'den', 'det', 'de', 'the', 'a', 'an', 'that', 'this']);
/** The sex of whom an age question asks about: the first word after "gammal/old" and its copula ("Hur gammal var kvinnan"). */
function agedSex(question: string): Sex | null {
  const tokens = tokenize(question);
  const i = tokens.findIndex((t) => AGE_WORDS.has(t));
  if (i < 0) return null;
  let j = i + 1;
  while (j < tokens.length && AGE_FILLERS.has(tokens[j]!)) j++;
  return tokens[j] ? sexOf(tokens[j]!) : null;
}

/** A verb of claiming to be someone: "utgav sig (för att vara)", "påstod sig", "låtsades", "claimed to be", "posing as". */
const CLAIM_VERB = String.raw`(?:utg(?:av|er|ett|ivit|e)\ssig|påst(?:od|ått|år)\ssig|uppg(?:av|ett|er)\ssig|(?:sa|sade|säger)\ssig|låtsa(?:s|des|ts)|claim(?:s|ed|ing)?\sto\sbe|pretend(?:s|ed|ing)?\sto\sbe|pos(?:e|es|ed|ing)\sas|impersonat\p{L}*)(?![\p{L}])`;
const CLAIM_ASKERS = String.raw`^\s*(?:vem|vilka|vilken|vilket|vad|who|what|which)`;
/** The claim is the question's own verb, a few words after its question word, not a clause's ("the man who claimed …"). */
// (… or, in English, the bare verb after "did" and its subject, a relative clause and all: "Who did the man who phoned
// her claim to be calling from?"; not a past tense inside the clause: "What did the man who claimed to be … take?".)
const CLAIMED_QUESTION = new RegExp(String.raw`${CLAIM_ASKERS}(?:\s+(?!(?:som|who|that)(?![\p{L}]))\S+){0,4}?\s+${CLAIM_VERB}|^\s*(?:who|what|which\s+\S+)\s+(?:did|does|do)\s+(?:\S+\s+){1,16}?(?:(?:claim|pretend|say)\s+to\s+(?:be|work|come|call|represent)|(?:say|claim)\s+(?:he|she|they|it)\s+(?:was|were|worked|came|called|represented))`, 'iu');
/** "Vilket kreditföretag utgav sig …?": a noun between the question word and the claim. */
const NOUN_BEFORE_CLAIM = new RegExp(String.raw`^\s*(?:vilket|vilken|vilka|which|what)\s+(?!${CLAIM_VERB}|(?:did|does|do|was|were|is)(?![\p{L}]))\p{L}{3,}\s`, 'iu');
const TYPES_CLAIMED = { types: ['role', 'organisation', 'person'] as AnswerType[], legacy: 'who' as QuestionType, group: 'role' };

const DIRECTION_QUESTION = /(?<![\p{L}])(?:which way|which direction|what direction|åt vilket håll|vilket håll|i vilken riktning|åt vilken riktning)(?![\p{L}])/iu;

/** True when the question names the police and a verb of their coming or being called ("why did the cops come"). */
export function asksDispatch(question: string): boolean {
  const tokens = tokenize(question);
  return tokens.some((t) => DISPATCH_POLICE.has(t)) && tokens.some((t) => DISPATCH_VERB.has(t));
}

/** The legacy question type, kept for callers that knew only that ("how_many", "who", …). */
export function questionType(question: string): QuestionType {
  return questionTypes(question).legacy;
}
