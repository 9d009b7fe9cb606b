/**
 * The kinds of fact a question can ask for, and for each a recogniser that finds such facts in a sentence.
 * A recogniser returns spans of the sentence itself (start, end, and the very characters), so a short answer is
 * always cut verbatim from the cited sentence. Every word list comes from src/text/vocabulary.ts.
 *
 * The taxonomy:
 * - figures: count, age, speed, money, alcohol, duration, quantity;
 * - time: time (of day), date;
 * - where and who: street, place, person, role, organisation;
 * - things and acts: vehicle, animal, object, offence, cause, injury, colour, event (what happened).
 *
 * A count is never an age, a year, a clock time, a date, a speed, an amount with a unit or a number inside a
 * name ("länsväg 250", "Storgatan 12").
 */
import { isStemOrHead, stemInflects, stemSv } from '../text/analyze.js';
import { nameIn } from '../text/speakers.js';
import { eventKinds } from './question.js';
import {
  ALCOHOL_UNITS,
  alternation,
  ANIMAL_NOUNS,
  APPROX,
  CAUSE_BEFORE_MARKERS,
  CAUSING_VERBS,
  CAUSE_MARKERS,
  CAUSE_PHRASES,
  COMPASS_WORDS,
  DISPATCH_VERBS,
  REPORT_OBJECT_VERBS,
  SANCTION_VERBS,
  COLOURS,
  DECADE_WORDS,
  DURATION_UNITS,
  FINITE_AUXILIARIES,
  INJURY_WORDS,
  MONEY_UNITS,
  DIGIT_COUNTS,
  INDEFINITE_DETERMINERS,
  MONTHS,
  NARRATOR_WORDS,
  NOT_NAMES,
  NUMBER_WORDS,
  OBJECT_VERBS,
  HAPPENING_NOUNS,
  OFFENCE_MARKERS,
  ORGANISATION_NOUNS,
  PERSON_NOUNS,
  PLACE_NOUNS,
  QUANTITY_UNITS,
  ROAD_WORDS,
  SPEED_UNITS,
  STREET_HEADS,
  VAGUE_COUNTS,
  VEHICLE_NOUNS,
  WEEKDAYS,
} from '../text/vocabulary.js';

export type AnswerType =
  | 'count'
  | 'age'
  | 'speed'
  | 'money'
  | 'alcohol'
  | 'duration'
  | 'quantity'
  | 'time'
  | 'date'
  | 'street'
  | 'place'
  | 'person'
  | 'role'
  | 'organisation'
  | 'vehicle'
  | 'object'
  | 'offence'
  | 'cause'
  | 'injury'
  | 'colour'
  | 'animal'
  | 'event';

export const ANSWER_TYPES: readonly AnswerType[] = [
  'count', 'age', 'speed', 'money', 'alcohol', 'duration', 'quantity', 'time', 'date', 'street', 'place', 'person', 'role',
  'organisation', 'vehicle', 'object', 'offence', 'cause', 'injury', 'colour', 'animal', 'event',
];

/** A stretch of a sentence that states a fact of one type: `text === sentence.slice(start, end)`. */
export interface Span {
  type: AnswerType;
  start: number;
  end: number;
  text: string;
  /** How surely the stretch is of its type (1 sure; less for weaker readings such as "en" as a count). */
  weight: number;
  /** A reason the police were called out for ("Polis larmas … med anledning av …"), weighed at half (DISPATCH_VERBS). */
  dispatch?: true;
}

// ---------------------------------------------------------------------------------------------------------------
// Shared pieces

const B = '(?<![\\p{L}\\p{N}])'; // word start
const E = '(?![\\p{L}\\p{N}])'; // word end
const DIGITS = '\\d{1,3}(?:[ \\u00a0]\\d{3})+(?:,\\d+)?|\\d+(?:,\\d+)?';
const NUM_WORDS = alternation(NUMBER_WORDS.keys());
const NUM = `(?:${DIGITS}|${NUM_WORDS})`;
const APPROX_RE = alternation(APPROX);
const MONTH_RE = alternation(MONTHS.flat());
const TAL = alternation(['tio', 'tjugo', 'trettio', 'fyrtio', 'femtio', 'sextio', 'sjuttio', 'åttio', 'nittio', 'hundra', 'tusen'].map((w) => `${w}tal`));

function spans(re: RegExp, sentence: string, type: AnswerType, weight = 1, group = 0): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  for (const m of sentence.matchAll(re)) {
    const text = m[group];
    if (!text) continue;
    const start = m.index! + (group ? m[0].indexOf(text) : 0);
    out.push({ type, start, end: start + text.length, text, weight });
  }
  return out;
}

/** Trims a span to its words (no leading or trailing spaces or commas), keeping offsets right. */
function trimSpan(s: Span): Span | null {
  let { start, end } = s;
  const t = s.text;
  let a = 0;
  let b = t.length;
  while (a < b && /[\s,;:–—-]/.test(t[a]!)) a++;
  while (b > a && /[\s,;:.!?–—"”»)-]/.test(t[b - 1]!)) b--;
  if (a >= b) return null;
  start += a;
  end = start + (b - a);
  return { ...s, start, end, text: t.slice(a, b) };
}

function stemSet(words: readonly string[]): string[] {
  return [...new Set(words.map((w) => w.toLowerCase()))].sort((a, b) => b.length - a.length);
}

/**
 * A stem's ending that is a compound's joint and another word ("flerfamiljshus": familj + s + hus): no inflection
 * starts with "s" and goes on.
 */
const COMPOUND_JOINT = /^s\p{L}{2}/u;

/** True when `word` is one of `stems` or starts with one (inflected: at most `maxEnding` more letters). */
function hasStem(word: string, stems: readonly string[], maxEnding = 5, compounds = true): boolean {
  const w = word.toLowerCase();
  for (const s of stems) {
    if (w.startsWith(s) && w.length - s.length <= maxEnding && !COMPOUND_JOINT.test(w.slice(s.length))) return true;
    // A compound's head: "personbil", "timmerbilen", "ambulanspersonal".
    if (compounds && s.length >= 3) {
      const at = w.indexOf(s, 3);
      if (at > 0 && w.length - at - s.length <= maxEnding && !COMPOUND_JOINT.test(w.slice(at + s.length))) return true;
    }
  }
  return false;
}

interface Word {
  text: string;
  start: number;
  end: number;
}

function wordsOf(s: string): Word[] {
  return [...s.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’:/.-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu)].map((m) => ({ text: m[0], start: m.index!, end: m.index! + m[0].length }));
}

// ---------------------------------------------------------------------------------------------------------------
// Figures

const UNIT_AFTER = new RegExp(
  `^\\s?(?:${alternation([...MONEY_UNITS, ...SPEED_UNITS, ...ALCOHOL_UNITS, ...QUANTITY_UNITS, ...DURATION_UNITS, 'miljoner', 'miljarder', 'tusen', 'dollar', 'euro', 'grader', 'kr'])})(?![\\p{L}])|^\\s?:-`,
  'iu',
);
const AGE_AFTER = /^(?:-|\s)?(?:års?\s?-?åld|årsåld|åring|årig|års\b|år\b)/iu;
const COUNT_RE = new RegExp(
  `${B}(?:(?:${APPROX_RE})\\s+)?(?:ett\\s+(?:\\d+-tal|${TAL})|(?:${alternation(VAGUE_COUNTS)})|${NUM}(?:-tal)?)${E}`,
  'giu',
);
/** Words before a number that make it part of a name, a road, a time or a year, not a count. */
const NOT_COUNT_BEFORE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${alternation([...ROAD_WORDS, 'e', 'nr', 'nummer', 'linje', 'buss', 'tåg', 'kl', 'kl.', 'klockan', 'år', 'avfart', 'plan', 'våning', 'rum', 'sal', 'lägenhet', 'port', 'box', 'ålder', 'under', 'över', 'född', 'sedan', 'mellan', 'version', 'vecka', 'v', 'paragraf', '§', 'kapitel', 'punkt'])})\\.?\\s*$|\\p{Lu}\\p{L}*(?:${alternation(STREET_HEADS)})\\s$|[\\d/.:-]$`,
  'iu',
);

/** Numbers that say how many: "tre bilar", "ett 30-tal nötkreatur", "minst tre", "ett tiotal stölder", "Fem personer". */
export function counts(sentence: string): Span[] {
  const out: Span[] = [];
  for (const s of spans(COUNT_RE, sentence, 'count')) {
    const after = sentence.slice(s.end, s.end + 24);
    const before = sentence.slice(Math.max(0, s.start - 24), s.start);
    const core = s.text.replace(new RegExp(`^(?:${APPROX_RE})\\s+`, 'iu'), '').toLowerCase();
    if (/^(?:19|20)\d{2}$/.test(core)) continue; // a year
    if (/^[.:]\d{2}/.test(after) || /^-tiden/i.test(after)) continue; // a clock time
    if (/^-(?!tal)\p{L}/u.test(after)) continue; // 20-årsåldern, 70-sträcka, 17-tiden
    if (AGE_AFTER.test(after)) continue;
    if (UNIT_AFTER.test(after)) continue; // money, speed, alcohol, a measure, a duration
    if (new RegExp(`^\\s(?:${MONTH_RE})${E}`, 'iu').test(after)) continue; // a date's day
    if (/^\s?%/.test(after) || /^\s?-\s?\d/.test(after)) continue;
    if (NOT_COUNT_BEFORE.test(before)) continue;
    if (/\d/.test(core) && /\p{Lu}[\p{L}-]*\s$/u.test(before) && !/^(?:En|Ett|Totalt|Cirka|Ca)\s$/u.test(before.slice(-7))) continue; // "Storgatan 12", "Volvo 240"
    // "en"/"ett"/"one" are mostly articles: a weak count.
    const article = /^(?:en|ett|one)$/i.test(core);
    out.push({ ...s, weight: article ? 0.25 : /^(?:flera|många|några|several|many|a few)$/i.test(core) ? 0.5 : 1 });
  }
  return out;
}

const AGE_RE = new RegExp(
  [
    `${B}(?:\\d{1,3}(?:\\s?[-–]\\s?\\d{1,3})?|${alternation(DECADE_WORDS.keys())})(?:[- ]?års?[- ]?åld(?:ern|er|en)|[- ]?årsålder(?:n)?|-?åring(?:en|ar|arna|ens)?|-?årig(?:a|e|t)?)${E}`,
    `${B}\\d{1,3}\\s(?:år|years)(?:\\s(?:gammal|gamla|gammalt|old))?(?=\\s|[.,;!?]|$)`,
    `${B}född(?:\\så[r])?\\s(?:i\\s)?(?:19|20)\\d{2}${E}`,
    `${B}född\\s[-–']\\d{2}${E}`,
    `${B}i\\såldrarna\\s(?:mellan\\s)?\\d{1,3}\\s?(?:[-–]|och|till)\\s?\\d{1,3}(?:\\sår)?${E}`,
    `(?<=(?:män|kvinnor|personer|pojkar|flickor|ungdomar|barn|person|pojke|flicka|man|kvinna)\\s)(?:under|över)\\s\\d{1,2}\\sår${E}`,
    `${B}(?:i\\s)?(?:de\\s|övre\\s|nedre\\s|sena\\s|tidiga\\s|yngre\\s)?tonåren${E}`,
    `${B}tonårs?\\p{L}*`,
    `${B}medelålders${E}`,
    `${B}\\d{1,3}-year-old${E}`,
    `${B}(?:in\\s(?:his|her|their)\\s)(?:\\d0s|${alternation([...DECADE_WORDS.keys()].filter((k) => /[a-z]$/.test(k) && /ies$|teens/.test(k)))})${E}`,
  ].join('|'),
  'giu',
);

/**
 * Ages: "70-årsåldern", "35-års åldern", "13 år", "född 1996", "född -48", "i tonåren", "15-årig", "i åldrarna 18-50",
 * "under 18 år" after a word for people ("tre personer under 18 år").
 */
export function ages(sentence: string): Span[] {
  return spans(AGE_RE, sentence, 'age').filter((s) => {
    if (/^\d{1,3}\s(?:år|years)$/i.test(s.text)) {
      // "13 år" is an age after "är/var/,", not in "i 13 år", "13 år sedan", "fängelse i 2 år".
      const before = sentence.slice(Math.max(0, s.start - 12), s.start);
      const after = sentence.slice(s.end, s.end + 10);
      if (!/(?:är|var|blev|,|och)\s$/iu.test(before) || /^\s(?:sedan|senare|tidigare|fängelse|och\s\d)/iu.test(after)) return false;
    }
    return true;
  });
}

const SPEED_RE = new RegExp(`${B}(?:(?:${APPROX_RE})\\s+)?(?:${DIGITS})\\s?(?:${alternation(SPEED_UNITS)})(?![\\p{L}])`, 'giu');
/** Speeds: "121 km/timmen", "66 km/h"; a speed limit ("begränsning är 70 km/h") counts less. */
export function speeds(sentence: string): Span[] {
  return spans(SPEED_RE, sentence, 'speed').map((s) => {
    const before = sentence.slice(Math.max(0, s.start - 40), s.start);
    return /(?:begränsning(?:en)?|gräns(?:en)?|skyltad|tillåten|tillåtna|högsta tillåtna)\s(?:\p{L}+\s)?(?:är|var|på|om)?\s?$/iu.test(before) ? { ...s, weight: 0.3 } : s;
  });
}

const MONEY_RE = new RegExp(
  `${B}(?:(?:${APPROX_RE})\\s+)?(?:\\d{1,3}(?:\\.\\d{3})+|${DIGITS}|${NUM_WORDS}|flera|några|ett par|(?:tio|hundra)?tusentals|miljontals|hundratals)(?:\\s(?:halv\\s)?(?:miljoner|miljon|miljarder|tusen|hundra))?\\s?(?:(?:${alternation(MONEY_UNITS)})(?![\\p{L}])|:-)`,
  'giu',
);
/** An amount said by its number of digits: "ett sexsiffrigt belopp", "ett högt femsiffrigt värde". */
const DIGITS_AMOUNT_RE = new RegExp(
  `${B}(?:(?:ett|en)\\s)?(?:(?:högt|lågt|hög|låg)\\s)?(?:${alternation(DIGIT_COUNTS)})siffrig[at]?\\s(?:belopp|värde|summa)${E}`,
  'giu',
);
/** Amounts of money: "50 000 kronor", "cirka 1900 kronor", "15.000 kronor", "en halv miljon kronor", "ett sexsiffrigt belopp". */
export function money(sentence: string): Span[] {
  return dedupe([...spans(MONEY_RE, sentence, 'money'), ...spans(DIGITS_AMOUNT_RE, sentence, 'money')]);
}

const ALCOHOL_RE = new RegExp(`${B}(?:(?:${APPROX_RE})\\s+)?(?:${DIGITS}|\\d+[.,]\\d+)\\s?(?:${alternation(ALCOHOL_UNITS)}|milligram(?:\\salkohol)?\\sper\\sliter)(?![\\p{L}])`, 'giu');
/** Alcohol levels: "1,2 promille", "0,5 mg/l". */
export function alcohol(sentence: string): Span[] {
  return spans(ALCOHOL_RE, sentence, 'alcohol');
}

const DURATION_RE = new RegExp(
  `${B}(?:(?:${APPROX_RE})\\s+)?(?:(?:${DIGITS}|${NUM_WORDS}|några|ett par|flera|en halv)\\s(?:${alternation(DURATION_UNITS)})|en\\shalvtimme|en\\skvart|ett\\sdygn|några\\sminuter|en\\stimme)${E}`,
  'giu',
);
/** Durations: "fyra minuter", "två timmar", "ett dygn"; an age ("13 år gammal") is not one. */
export function durations(sentence: string): Span[] {
  const ageAt = new Set(ages(sentence).map((a) => a.start));
  return spans(DURATION_RE, sentence, 'duration').filter((s) => {
    if (ageAt.has(s.start)) return false;
    const after = sentence.slice(s.end, s.end + 10);
    return !/^\s?(?:gammal|gamla|old)/i.test(after) && !/^-/.test(after);
  });
}

const QUANTITY_RE = new RegExp(`${B}(?:(?:${APPROX_RE})\\s+)?(?:(?:${DIGITS})\\s?[-–]\\s?)?(?:${DIGITS}|${NUM_WORDS})\\s?(?:${alternation(QUANTITY_UNITS)})(?![\\p{L}/])`, 'giu');
/** Measured quantities: "500 liter", "2 kilo", "30 gram", "cirka 130-140 centimeter". */
export function quantities(sentence: string): Span[] {
  return spans(QUANTITY_RE, sentence, 'quantity').filter((s) => !/\s(?:m|g|l)$/i.test(s.text) || /\d\s?(?:m|g|l)$/i.test(s.text));
}

// ---------------------------------------------------------------------------------------------------------------
// Time

const CLOCK = '\\d{1,2}(?:[.:]\\d{2})?';
const TIME_RE = new RegExp(
  [
    `${B}mellan\\s(?:klockan\\s|kl\\.?\\s?)?\\d{1,2}[.:]\\d{2}(?:\\s(?:igår|idag|i går|i dag))?,?\\s(?:och|till|-)\\s(?:klockan\\s|kl\\.?\\s?)?\\d{1,2}[.:]\\d{2}(?:\\s(?:igår|idag|i går|i dag))?`,
    `${B}(?:(?:strax\\s)?(?:före|efter|innan)\\s|(?:cirka|ca\\.?|omkring|runt|kring|vid)\\s)?(?:kl\\.?|klockan)\\s?${CLOCK}(?:-tiden)?(?:\\s?[-–]\\s?${CLOCK})?`,
    `${B}(?:vid\\s|runt\\s|omkring\\s|strax\\s(?:före|efter)\\s)?\\d{1,2}[.:]\\d{2}(?:-tiden)?(?![\\d])`,
    `${B}(?:vid\\s|runt\\s|omkring\\s|strax\\s(?:före|efter)\\s)?\\d{1,2}-tiden${E}`,
    `${B}(?:sent\\s|tidigt\\s)?(?:under|på|i|vid)\\s(?:sen\\s|tidig\\s)?(?:natten|morgonen|förmiddagen|eftermiddagen|kvällen|lunchtid|lunch-tid|lunchen|dagen|morse)(?:\\s(?:${alternation(WEEKDAYS.map((w) => w.sv))}))?${E}`,
    `${B}(?:i\\s?morse|i\\s?kväll|i\\s?natt|under\\snatten|natten\\s(?:till|mot)\\s\\p{L}+)${E}`,
  ].join('|'),
  'giu',
);
/** Times of day: "kl. 05.40", "klockan 04.45", "vid 03.00-tiden", "strax efter klockan 13", "under natten". */
export function times(sentence: string): Span[] {
  // The first reading at a place wins (the longest alternatives come first).
  return dedupe(spans(TIME_RE, sentence, 'time'));
}

const DATE_RE = new RegExp(
  [
    `${B}(?:den\\s)?\\d{1,2}(?::e|:a)?\\s(?:${MONTH_RE})(?:\\s(?:19|20)\\d{2})?${E}`,
    `${B}(?:i\\s)?(?:${alternation(WEEKDAYS.map((w) => w.past))})(?:\\s?(?:kväll|morse|natt|eftermiddag|förmiddag|morgon))?${E}`,
    `${B}(?:på\\s|under\\s|i\\s)?(?:${alternation(WEEKDAYS.map((w) => w.sv))})(?:en|s)?(?:morgon|kväll|natt|eftermiddag|förmiddag)?(?:en)?(?:\\sden\\s\\d{1,2}\\s(?:${MONTH_RE}))?${E}`,
    `${B}natten\\s(?:till|mot)\\s(?:den\\s\\d{1,2}\\s(?:${MONTH_RE})|(?:${alternation(WEEKDAYS.map((w) => w.sv))})(?:en)?)${E}`,
    `${B}(?:igår|i går|idag|i dag|i förrgår|igårkväll|i går kväll)${E}`,
    `${B}(?:år\\s|i\\s|under\\s|sedan\\s|från\\s|stulen\\s)?(?:19|20)\\d{2}${E}`,
    `${B}(?:i\\s)?(?:början|mitten|slutet)\\sav\\s(?:${MONTH_RE})${E}`,
  ].join('|'),
  'giu',
);
/** Dates: "den 5 maj", "i lördags", "natten till söndag", "igår", "2019". */
export function dates(sentence: string): Span[] {
  return dedupe(spans(DATE_RE, sentence, 'date'));
}

// ---------------------------------------------------------------------------------------------------------------
// Where and who

const STREET_HEAD_RE = alternation(STREET_HEADS);
const STREET_RE = new RegExp(
  [
    `(?<![\\p{L}])(?:\\p{Lu}[\\p{L}-]*\\s(?:\\p{Ll}+\\s)?)?\\p{Lu}?[\\p{L}-]*(?:${STREET_HEAD_RE})(?:\\s\\d{1,4}[A-Za-z]?)?(?![\\p{L}])`,
    `${B}(?:${alternation(ROAD_WORDS.filter((w) => !/\s/.test(w) && w !== 'road' && w !== 'route'))})(?:en)?\\s?\\d{1,4}${E}`,
    `(?<![\\p{L}\\p{N}])E\\s?\\d{1,2}${E}`,
  ].join('|'),
  'gu',
);
/** Streets and roads: "Storgatan 12", "Norra grängesbergsgatan", "länsväg 250", "E4", "Södra torget". */
export function streets(sentence: string): Span[] {
  return spans(STREET_RE, sentence, 'street').filter((s) => {
    // A street name is capitalised ("Kungsgatan") or a road number; "vägen"/"platsen" alone is not a name.
    if (/^(?:vägen|gatan|platsen|torget|bron|parken|backen|leden|gången|planen|höjden|liden)$/i.test(s.text)) return false;
    if (/^\p{Ll}/u.test(s.text) && !/\d/.test(s.text)) return false;
    if (/^(?:Platsen|Vägen|Gatan|Bron)$/u.test(s.text)) return false;
    return true;
  });
}

const PLACE_PREPS = ['i', 'vid', 'på', 'från', 'till', 'mot', 'utanför', 'nära', 'längs', 'inne på', 'ute på', 'hemma hos', 'norr om', 'söder om', 'öster om', 'väster om', 'nordost om', 'sydost om', 'nordväst om', 'sydväst om', 'i höjd med', 'i närheten av', 'i anslutning till', 'in', 'at', 'near', 'outside', 'to', 'from'];
const PLACE_NOUN_STEMS = stemSet(PLACE_NOUNS);
const PLACE_NOUN_WORDS: ReadonlySet<string> = new Set(PLACE_NOUNS.map((w) => w.toLowerCase()));
/** A word pattern that matches `w` with its first letter in either case (a flag-free case-insensitive alternation). */
function eitherCase(words: readonly string[]): string {
  return [...new Set(words)].sort((a, b) => b.length - a.length).map((w) => `[${w[0]!.toLowerCase()}${w[0]!.toUpperCase()}]${w.slice(1).replace(/ /g, '\\s+')}`).join('|');
}
const PLACE_PREP_RE = new RegExp(`${B}(?:${eitherCase(PLACE_PREPS)})\\s+`, 'gu');
const PLACE_STOP = new Set([...PLACE_PREPS.filter((w) => !/\s/.test(w)), 'i', 'vid', 'på', 'från', 'till', 'mot', 'och', 'som', 'där', 'när', 'efter', 'med', 'av', 'för', 'runt', 'under', 'om', 'att', 'men', 'då', 'sedan', 'samt', 'eller', 'ska', 'har', 'hade', 'är', 'var', 'blev', 'kl', 'klockan', 'strax', 'omkring', 'cirka', 'ca', 'inte', 'utan']);
const CHAIN_PREP = new Set(['i', 'vid', 'på', 'och']);
const NAME_TAIL_STEMS = stemSet([...PLACE_NOUNS, ...STREET_HEADS, 'kulle', 'backe', 'udde', 'holme', 'berg', 'äng', 'dal', 'strand', 'hamn', 'skog', 'sjö', 'fjäll', 'museum', 'kyrka', 'torg', 'park', 'by', 'gård']);
const isName = (w: string) => /^\p{Lu}/u.test(w) && !NOT_NAMES.includes(w.toLowerCase());

/** A trace is no track: "blodspår", "fotspår", "däckspår" end in "spår" without being a place. */
const TRACE = /^(?:blod|fot|däck|sko|brand|kul|skott|släp|hjul|dna|slag|spräng|kör)spår/i;
const COMPASS_RE = new RegExp(`${B}(?:${alternation(COMPASS_WORDS)})${E}`, 'giu');
/** Places: the phrase after "i/vid/på/till/utanför …" when it names a place: "en campingplats", "Fredens kulle", "Gällivare". */
export function places(sentence: string): Span[] {
  const out: Span[] = [];
  const words = wordsOf(sentence);
  const gapOk = (k: number) => k + 1 < words.length && /^\s+$/.test(sentence.slice(words[k]!.end, words[k + 1]!.start));
  for (const m of sentence.matchAll(PLACE_PREP_RE)) {
    const at = m.index! + m[0].length;
    let i = words.findIndex((w) => w.start === at);
    if (i < 0) continue;
    // The phrase: up to five words before a stop word or punctuation; a name may take a lower-case tail ("Fredens kulle", "Södra torget").
    const first = i;
    let last = -1;
    let named = false;
    let noun = false;
    for (let n = 0; i < words.length && n < 5; i++, n++) {
      const w = words[i]!.text;
      const stop = PLACE_STOP.has(w.toLowerCase());
      // A particle's "till" ("hjälpt till med tips") starts no place; a finite verb ends one ("till skolan får kännedom").
      if (n === 0 ? stop && !isName(w) : stop || FINITE.has(w.toLowerCase())) break;
      if (isName(w)) named = true;
      else if (named && !hasStem(w, NAME_TAIL_STEMS, 4)) break;
      if (hasStem(w, PLACE_NOUN_STEMS, 4)) noun = true;
      last = i;
      if (!gapOk(i)) break;
    }
    if (last < 0) continue;
    // "… i Ramsele", "…, Umeå": names that locate the phrase.
    let chained = false;
    for (let k = last; k + 2 < words.length; ) {
      const sep = sentence.slice(words[k]!.end, words[k + 1]!.start);
      const prep = words[k + 1]!.text;
      if (/^\s+$/.test(sep) && CHAIN_PREP.has(prep) && isName(words[k + 2]!.text)) k += 2;
      else if (/^,\s+$/.test(sep) && isName(words[k + 1]!.text) && /^\p{Lu}/u.test(words[k + 1]!.text)) k += 1;
      else break;
      while (k + 1 < words.length && gapOk(k) && (isName(words[k + 1]!.text) || hasStem(words[k + 1]!.text, NAME_TAIL_STEMS, 4, false))) k++;
      last = k;
      chained = true;
    }
    const head = words[first]!.text;
    if (/^(?:grund|samband|nuläget|dagsläget|övrigt|stället|tid|fall|plats|platsen)$/i.test(head) && !chained) continue; // "på grund", "på plats", "på platsen" (at the scene)
    if (first === last && /^väg$/i.test(head) && /på\s$/i.test(m[0])) continue; // "Ambulans på väg" (on its way)
    if (!named && !noun && !chained) continue;
    const start = words[first]!.start;
    const end = words[last]!.end;
    out.push({ type: 'place', start, end, text: sentence.slice(start, end), weight: named ? 1 : noun ? 0.8 : 0.7 });
  }
  // A place noun without a preposition: "lämnade en campingplats".
  words.forEach((w, i) => {
    if (w.text.length >= 4 && !/^(?:platsen?|hamnar)$/i.test(w.text) && !TRACE.test(w.text) && isNounOf(w.text, PLACE_NOUN_WORDS) && !out.some((o) => o.start <= w.start && o.end >= w.end)) {
      out.push(nounPhrase(sentence, words, i, 'place', 0.5));
    }
  });
  for (const s of spans(/(?<![\p{L}])(?:[Hh]emifrån|[Uu]tomlands|[Hh]emma|[Ii]nomhus|[Uu]tomhus|utanför Sverige)(?![\p{L}])/gu, sentence, 'place')) out.push(s);
  // A direction: "körde iväg söderut", "försvann springandes norrut".
  for (const s of spans(COMPASS_RE, sentence, 'place', 0.8)) out.push(s);
  // Where a fire began, whatever the thing: "Branden ska ha startat i en säng", "en brand startat i en bastu".
  for (const m of sentence.matchAll(FIRE_ORIGIN_RE)) {
    if (!/(?:i|vid|på)\s$/u.test(m[0])) continue;
    const p = phraseFrom(sentence, m.index! + m[0].length, 'place', 0.9, 8);
    if (p && p.text.length >= 2) out.push(p);
  }
  // Nested phrases stay apart ("sitt boende vid Fredens kulle" and "Fredens kulle"); only repeats go.
  const seen = new Set<string>();
  return out.filter((o) => !seen.has(`${o.start}:${o.end}`) && seen.add(`${o.start}:${o.end}`)).sort((a, b) => a.start - b.start);
}

const NAME_RE = /(?<![\p{L}])\p{Lu}[\p{Ll}'’-]+(?:\s(?:von |af |de |van )?\p{Lu}[\p{Ll}'’-]+){1,3}(?![\p{L}])/gu;
/** People by name: "Sophia Jiglind", "Mats Löfving"; a street, a place with a direction, an organisation is not one. */
export function persons(sentence: string): Span[] {
  const out: Span[] = [];
  for (const found of spans(NAME_RE, sentence, 'person')) {
    // "i Karlstad Ulrika Sundström": the place before a name is not part of it.
    let s = found;
    if (/(?:^|\s)(?:i|på|vid|från)\s$/u.test(sentence.slice(Math.max(0, s.start - 5), s.start)) && s.text.split(' ').length > 2) {
      const cut = s.text.indexOf(' ') + 1;
      s = { ...s, start: s.start + cut, text: s.text.slice(cut) };
    }
    // "Regionpolischef Mattias Andersson": a title opening the sentence is not the name.
    const bare = nameIn(s.text);
    if (bare && bare !== s.text && s.text.endsWith(bare)) s = { ...s, start: s.end - bare.length, text: bare };
    out.push(s);
  }
  return out.filter((s) => {
    const first = s.text.split(' ')[0]!.toLowerCase();
    if (NOT_NAMES.includes(first) && s.start === 0) return false;
    if (new RegExp(`(?:${STREET_HEAD_RE})(?:\\s\\d+)?$`, 'iu').test(s.text)) return false;
    if (/^(?:Norra|Södra|Östra|Västra|Stora|Lilla|Nya|Gamla|Region|Polisregion|Polisen|Länsstyrelsen)\s/u.test(s.text)) return false;
    return !s.text.split(' ').some((w) => hasStem(w, ORG_STEMS, 4, false));
  });
}

const PERSON_STEMS = stemSet(PERSON_NOUNS);
/** Words that start like a person noun but are not one ("kunde" is not "kund", "personbil" is a vehicle). */
const NOT_PERSON_WORDS = new Set(['kunde', 'kunna', 'kunnat', 'mannens', 'manne', 'personbil', 'personbilen', 'personbilar', 'personskada', 'personskador', 'vänster', 'vänstra', 'vända', 'vände', 'vänt', 'vänta', 'väntan', 'väntar', 'väntade', 'väntat', 'gästa', 'makten', 'barnvagn', 'polisbil', 'polisbilen', 'polisbilar', 'polisbilarna', 'polishus', 'polishuset', 'polisstation', 'polisstationen']);
const ORG_STEMS = stemSet(ORGANISATION_NOUNS.filter((w) => !/\s/.test(w) && w.length > 3));
/** Bodies of three letters or fewer ("SL", "SVA") are whole words: "slagen" is no "SL". */
const ORG_SHORT = new Set(ORGANISATION_NOUNS.filter((w) => !/\s/.test(w) && w.length <= 3));
const DETERMINER = /^(?:en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|flera|några|många|båda|samtliga|alla|de|den|det|denna|denne|dessa|ytterligare|totalt|\d+)$/i;
const ADJECTIVE = /^\p{Ll}+(?:a|e|ad|at|ig|igt|iga|isk|iska|nde|sk|ska|ne|na|re|ste|are|ere)$/u;
/** Endings that make a word an adjective or participle whatever stands before it ("vakthavande", "fullastad", "nationella"). */
const SURE_ADJECTIVE = /^\p{Ll}+(?:ig|iga|igt|lig|liga|ligt|isk|iska|iskt|ad|ade|nde|sam|samma|ell|ella|ellt|iv|iva|ivt|ör|öra)$/u;

const FINITE = new Set(FINITE_AUXILIARIES);
/** A noun phrase ending at word `i` of `words`: up to two determiners or adjectives before it, a genitive before that. */
function nounPhrase(sentence: string, words: Word[], i: number, type: AnswerType, weight: number, tail?: RegExp): Span {
  let from = i;
  for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
    const w = words[k]!.text;
    const gap = sentence.slice(words[k]!.end, words[k + 1]!.start);
    if (gap.trim() !== '') break;
    const genitive = /^\p{Lu}.*s$/u.test(w) || /^\p{Ll}+(?:ens|ets|ns)$/u.test(w);
    // One word of any kind between a determiner and the noun is its modifier ("en lätt mc", "en röd elsparkcykel").
    // Not a finite verb: "Det finns blodspår" has no phrase "Det finns".
    const afterDeterminer = k === i - 1 && k > 0 && DETERMINER.test(words[k - 1]!.text) && /^\p{Ll}+$/u.test(w) && !FINITE.has(w);
    if (DETERMINER.test(w) || genitive || afterDeterminer || (ADJECTIVE.test(w) && !/^(?:inte|också|även|sedan|efter|under|mycket|samma|andra|bara)$/i.test(w))) from = k;
    else break;
  }
  // A leading word that may be a verb ("lämnade en campingplats", "meddela polispatrullerna") belongs to the phrase
  // only after a determiner, or when its ending makes it an adjective.
  while (from < i) {
    const w = words[from]!.text;
    if (DETERMINER.test(w) || /^\p{Lu}.*s$/u.test(w) || /^\p{Ll}+(?:ens|ets|ns)$/u.test(w)) break;
    if (SURE_ADJECTIVE.test(w) && !/(?:ade|de|te|dde|tt)$/i.test(w)) break;
    from++;
  }
  let end = words[i]!.end;
  if (tail) {
    const m = tail.exec(sentence.slice(end));
    if (m && m.index === 0) end += m[0].length;
  }
  const start = words[from]!.start;
  return { type, start, end, text: sentence.slice(start, end), weight };
}

const NARRATOR = new Set(NARRATOR_WORDS);
const PREPOSITION_BEFORE = /(?<![\p{L}])(?:till|med|mot|för|om|på|i|vid|hos|åt|efter|under|bland|utan|av)\s$/iu;
const AGENT_BEFORE = /(?<![\p{L}])(?:\p{L}{3,}s\s(?:(?:ner|upp|ut|in|bort|fast|omkull)\s)?|(?:fått|fick|får|tagit|tog|tar)\s(?:\p{L}+\s)?hjälp\s)av\s$/iu;

/**
 * How likely a phrase starting at `start` is the one who did or underwent what is asked ("who"): the agent of a
 * passive ("Mannen brottas ner av ordningsvakter", "kunde släckas av inringaren") most, a preposition's object
 * ("som har en relation till mannen") least, a subject or object in between.
 */
function roleInClause(sentence: string, start: number): number {
  const before = sentence.slice(Math.max(0, start - 40), start);
  if (AGENT_BEFORE.test(before)) return 1.25;
  return PREPOSITION_BEFORE.test(before) ? 0.75 : 1;
}
/** How much a phrase naming the police counts as a "who" answer beside other people and bodies (NARRATOR_WORDS). */
const NARRATOR_WEIGHT = 0.3;

const FUNCTION_AFTER_SUSPECT = /^(?:för|är|var|har|hade|ska|och|som|i|på|vid|till|man|men|kvinna|person|personer|gärningsman|gärningsperson|gärningspersoner)$/i;
/** People by role: "En cyklist", "Bilägaren", "Flera medborgare", "vakthavande befäl på regionledningscentralen". */
export function roles(sentence: string): Span[] {
  const words = wordsOf(sentence);
  const out: Span[] = [];
  words.forEach((w, i) => {
    if (!hasStem(w.text, PERSON_STEMS, 5) || NOT_PERSON_WORDS.has(w.text.toLowerCase())) return;
    if (/^(?:man|men)$/i.test(w.text) && i > 0 && /^(?:om|att|när|som|där|då|så)$/i.test(words[i - 1]!.text)) return; // "man" = one
    if (/^man$/i.test(w.text) && !(i > 0 && DETERMINER.test(words[i - 1]!.text))) return;
    // "en persons cykel", "kvinnans väska": a genitive names whose the thing is, not who.
    const genitive = /\p{L}{3,}s$/u.test(w.text) && hasStem(w.text.slice(0, -1), PERSON_STEMS, 3);
    if (genitive && /^\p{Ll}/u.test(words[i + 1]?.text ?? '') && sentence.slice(w.end, words[i + 1]?.start ?? w.end) === ' ') return;
    // "misstänkt skadegörelse", "misstänkta narkotika": before a noun it says what is suspected, not who.
    if (/^misstänkt[ae]?$/i.test(w.text) && /^\p{Ll}/u.test(words[i + 1]?.text ?? '') && !FUNCTION_AFTER_SUSPECT.test(words[i + 1]!.text)) return;
    const np = nounPhrase(sentence, words, i, 'role', 0.8, /^\s(?:på|vid|i|från|inom)\s\p{Ll}*(?:central|centralen|enhet|enheten|avdelning|avdelningen|stationen)\b/u);
    // The police's own people ("polisens tekniker") are the police, who narrate.
    const police = NARRATOR.has(w.text.toLowerCase()) || /^polisens\s/iu.test(np.text);
    out.push({ ...np, weight: police ? NARRATOR_WEIGHT : np.weight * roleInClause(sentence, np.start) });
  });
  // "Föraren är en man i 50-årsåldern", "Bilföraren som körde på henne är en kvinna i 60-årsåldern": who the one named
  // by a role is. The description says more than the role, which the question has usually named already.
  for (const m of sentence.matchAll(ROLE_IDENTITY_RE)) {
    const subject = words.findIndex((w) => w.start === m.index! + m[0].indexOf(m[1]!));
    if (subject < 0 || !hasStem(words[subject]!.text, PERSON_STEMS, 5)) continue;
    const p = phraseFrom(sentence, m.index! + m[0].length, 'role', 1, 10, IDENTITY_END);
    if (!p || !p.text.split(/\s+/).slice(1, 4).some((w) => hasStem(w, PERSON_STEMS, 5) && !NOT_PERSON_WORDS.has(w.toLowerCase()))) continue;
    for (const o of out) if (o.start <= words[subject]!.start && o.end >= words[subject]!.end) o.weight *= 0.5;
    out.push(p);
  }
  return out;
}
/** A role named definitely ("Föraren", "Den misstänkte", "Målsäganden som …"), then "är/var" and a phrase that opens with a determiner. */
const INDEFINITE = alternation(INDEFINITE_DETERMINERS);
const ROLE_IDENTITY_RE = new RegExp(
  `(?:^|[.;:!?]\\s+|,\\s+|\\s(?:och|men)\\s+)(?:[Dd]en\\s+|[Dd]e\\s+)?(\\p{L}+(?:en|et|na|n|e))(?:\\s+som(?:\\s+[\\p{L}\\d-]+){1,8}?)?\\s+(?:är|var)\\s+(?=(?:${INDEFINITE})\\s)`,
  'gu',
);
/** … up to the end of that phrase: a comma, or a clause of its own. */
const IDENTITY_END = /[.;:!?,]|\s(?=(?:som|och(?!\s(?:en|ett|två|tre)\s)|men|när|där|då|efter|enligt|samt)(?![\p{L}]))/u;

/** Words that end in a body's word without being one: a "lägenhet" is no "enhet". */
const NOT_ORGANISATION = /^lägenhet/i;
const DESTINATION_BEFORE = /^(?:till|med|på|från|vid|mot)$/i;
/** Bodies: "Räddningstjänsten", "Polisens nationella bombskydd", "SVA, Statens veterinärmedicinska anstalt", "“Hemfrid”". */
export function organisations(sentence: string): Span[] {
  const words = wordsOf(sentence);
  const out: Span[] = [];
  words.forEach((w, i) => {
    if (!(hasStem(w.text, ORG_STEMS, 5) || ORG_SHORT.has(w.text.toLowerCase().replace(/:?s$/, ''))) || NOT_ORGANISATION.test(w.text)) return;
    // "fördes till sjukhus", "med ambulans": a lower-case noun right after a preposition is where to or by what, not who.
    if (/^\p{Ll}+$/u.test(w.text) && i > 0 && DESTINATION_BEFORE.test(words[i - 1]!.text)) return;
    const np = nounPhrase(sentence, words, i, 'organisation', NARRATOR.has(w.text.toLowerCase()) ? NARRATOR_WEIGHT : 0.9, /^\s(?:för|vid|på)\s(?:\p{Lu}[\p{L}-]*\s?)+(?:\p{Ll}+)?|^,\s\p{Lu}[\p{L}]*(?:\s\p{Ll}+){0,3}/u);
    // "i Köpings kommun", "inom region Syd": a municipality or region one is in is a place, not a body that acts.
    // (… a name between: "i Älvdalen kommun".)
    if (/^(?:kommun|region|län)/i.test(w.text) && /(?:^|\s)(?:i|inom|utanför|(?:norr|söder|öster|väster) om)\s(?:\p{Lu}[\p{L}-]*\s)?$/u.test(sentence.slice(Math.max(0, np.start - 40), np.start))) return;
    out.push(np);
  });
  // Acronyms and quoted names.
  // Not a word in capitals before a clock time or beside another such word ("UPPDATERING KL 13:50"): that is shouting.
  for (const s of spans(/(?<![\p{L}])\p{Lu}{2,6}(?![\p{L}])/gu, sentence, 'organisation', 0.6)) {
    if (/^(?:OBS|LOB|MC|SMS|ID|GPS|ADHD|BMW|VW|E\d+)$/.test(s.text)) continue;
    if (/^\s+\d/.test(sentence.slice(s.end)) || /\p{Lu}{2,}\s+$/u.test(sentence.slice(Math.max(0, s.start - 20), s.start))) continue;
    out.push(s);
  }
  for (const s of spans(/["“”»«]([^"“”»«]{2,40})["“”»«]/gu, sentence, 'organisation', 0.5, 1)) out.push(s);
  return dedupe(out);
}

// ---------------------------------------------------------------------------------------------------------------
// Things and acts

const VEHICLE_STEMS = stemSet(VEHICLE_NOUNS);
/** Vehicles: "en personbil", "En fullastad timmerbil", "en Volvo V70", "mopeden". */
export function vehicles(sentence: string): Span[] {
  const words = wordsOf(sentence);
  const out: Span[] = [];
  words.forEach((w, i) => {
    if (!hasStem(w.text, VEHICLE_STEMS, 4)) return;
    // A rider or driver is no vehicle: "bilisten", "motorcyklisten".
    if (/^(?:bilist|fordonsförare|bilägare)|cyklist/i.test(w.text)) return;
    out.push(nounPhrase(sentence, words, i, 'vehicle', 1, /^\s(?:av\smärket\s)?\p{Lu}[\p{L}-]*(?:\s[A-Z0-9][\w-]*)?/u));
  });
  // No vehicle at all: "försvann till fots" answers "Hur flydde de?" too.
  for (const s of spans(/(?<![\p{L}])till fots(?![\p{L}])/giu, sentence, 'vehicle', 0.8)) out.push(s);
  return out;
}

/** Endings of a Swedish noun: definite, plural, genitive ("älgen", "rådjuren", "hästarna", "kons"). */
const NOUN_ENDINGS = ['', 'en', 'et', 'n', 't', 'ar', 'arna', 'er', 'erna', 'or', 'orna', 'na', 's', 'ens', 'ets', 'ns', 'arnas'];
const ANIMAL_WORDS = new Set(ANIMAL_NOUNS.map((w) => w.toLowerCase()));
/**
 * True when `word` is an animal noun with one of its endings, or a compound whose head is one of four letters or
 * more ("kronhjorten"; not "hundpatrull": the head must be the animal). Matched by whole forms, not stems:
 * "kom", "körkort", "följer" and "nuläget" are no "ko", "föl" or "get".
 */
function isAnimal(word: string): boolean {
  return isNounOf(word, ANIMAL_WORDS);
}

/** True when `word` is a whole noun form (NOUN_ENDINGS) of one of `nouns`, or of a compound headed by one. */
function isNounOf(word: string, nouns: ReadonlySet<string>): boolean {
  const w = word.toLowerCase();
  for (const e of NOUN_ENDINGS) {
    if (e && !w.endsWith(e)) continue;
    const base = w.slice(0, w.length - e.length);
    if (nouns.has(base)) return true;
    for (let at = 3; at <= base.length - 4; at++) if (nouns.has(base.slice(at))) return true;
  }
  return false;
}
/** Animals: "en älg", "Två av rådjuren", "ett vildsvin", "en död hjort", "en lösspringande häst". */
export function animals(sentence: string): Span[] {
  const words = wordsOf(sentence);
  const out: Span[] = [];
  words.forEach((w, i) => {
    // A capitalised word inside the sentence is a name ("Sälen", "Björn").
    if (i > 0 && /^\p{Lu}/u.test(w.text)) return;
    if (!isAnimal(w.text)) return;
    out.push(nounPhrase(sentence, words, i, 'animal', 1));
  });
  return out;
}

const COLOUR_RE = new RegExp(`${B}(?:${alternation(COLOURS)})(?:a|t|e|färgad|färgade)?(?:\\s\\p{Ll}+)?${E}`, 'giu');
/** Colours: "grön laser", "en vit skåpbil". */
export function colours(sentence: string): Span[] {
  return spans(COLOUR_RE, sentence, 'colour');
}

/** Where a noun phrase, list or clause stops: a new clause ("… och mannen är …") among them. */
const PHRASE_END = new RegExp(
  `[.;:!?]|\\s[–—-]\\s|,\\s(?=(?:${alternation(['som', 'vilket', 'vilka', 'där', 'när', 'efter', 'då', 'men', 'eftersom', 'och han', 'och hon', 'och de', 'och polisen', 'han', 'hon', 'de', 'polisen', 'samt att', 'enligt', 'det', 'vidare', 'dessutom', 'därefter', 'sedan'])})${E})|\\s(?=(?:${alternation([
    'som', 'vilket', 'där', 'när', 'efter att', 'efter', 'då', 'men', 'eftersom', 'sedan', 'innan', 'medan', 'i samband', 'vid', 'till', 'från',
    'under', 'utan', 'i anslutning', 'över sig', 'och har', 'och hade', 'och därför', 'och sedan', 'och då', 'samt har', 'och är', 'och kan', 'och ska', 'och polisen', 'har', 'hade', 'är', 'var', 'kommer',
    'ska', 'kan', 'blev', 'blir', 'tas', 'togs', 'hittas', 'hittades', 'påträffades', 'enligt', 'för att', 'in', 'ut', 'upp', 'ner', 'men',
    'fick', 'får', 'skrivs', 'upprättas', 'anmäls', 'inleds', 'på grund av', 'p.g.a.', 'pga', 'mot',
  ])})${E})|\\s(?:och|samt),?\\s(?=\\p{Ll}+(?:at|it|ade|ats|its|ades)${E})|\\s(?:och|samt)\\s(?=\\p{Ll}{2,}(?:as|ps|rs|ms|ks|ts|gs|es)(?<!ets)${E})|\\s(?=(?:och|men)\\s\\p{Ll}+\\s(?:${alternation(FINITE_AUXILIARIES)})${E})`,
  'iu',
);

/** The phrase that starts at `from`, up to where it stops (at most `maxWords` words). */
function phraseFrom(sentence: string, from: number, type: AnswerType, weight: number, maxWords: number, stop = PHRASE_END): Span | null {
  let rest = sentence.slice(from);
  const lead = /^\s*/.exec(rest)![0].length;
  rest = rest.slice(lead);
  const m = stop.exec(rest);
  let text = m ? rest.slice(0, m.index) : rest;
  const ws = text.split(/\s+/);
  if (ws.length > maxWords) text = ws.slice(0, maxWords).join(' ');
  return trimSpan({ type, start: from + lead, end: from + lead + text.length, text, weight });
}

/**
 * A particle verb may have an adverbial between its verb and its particle ("bar enligt uppgift på back öl",
 * "tog också med sig"): each two-word entry of OBJECT_VERBS allows one of these there.
 */
const INSERTED_ADVERBIALS = ['enligt uppgift', 'enligt uppgifter', 'också', 'även', 'då', 'sedan', 'därefter', 'troligen', 'sannolikt', 'endast', 'bara', 'enbart'];
const OBJECT_VERB_RE = new RegExp(
  `${B}(?:${[...OBJECT_VERBS]
    .sort((a, b) => b.length - a.length)
    .map((v) => {
      const [verb, ...rest] = v.split(' ');
      if (rest.length !== 1) return alternation([v]);
      return `${alternation([verb!])}(?:\\s+(?:${alternation(INSERTED_ADVERBIALS)}))?\\s+${alternation([rest[0]!])}`;
    })
    .join('|')})${E}`,
  'giu',
);
/** A denial right before a verb: "utan att (ha)", "inte", "ej", "aldrig", with at most one word between. */
const DENIED_BEFORE = /(?<![\p{L}])(?:utan\s+att(?:\s+ha)?|inte|ej|aldrig)\s+(?:\p{L}+\s+)?$/iu;
const PASSIVE_FOUND = /^(?:saknas|saknades|stals|stulits|tillgreps|tillgripits|hittades|hittas|påträffas|påträffades|anträffas|anträffades|beslagtogs|beslagtas|togs|tas|omhändertogs|omhändertas|(?:tas|togs)\si\sbeslag|användes|har\sanvänts|är\s(?:anträffade|anträffad|anträffat|påträffade|påträffad))$/i;
/** Where a clause before a verb starts: punctuation, a comma, or a word that opens a clause ("…, varför beslut om ett gripande tas"). */
const CLAUSE_SPLIT = /[.;:!?]|,\s(?:(?:varför|vilket|eftersom|och|men|samt|där|då|när|som|att)\s)?|\s(?:och|men|samt|där|då|när|som|varför|vilket|eftersom|att)\s/i;

/** An item of a list just before `start`: "En värmepump, " or "tvättmaskin och " (group 1, the item). */
const LIST_ITEM_BEFORE = /(?:^|,\s|\s)((?:(?!(?:och|samt)\s)[\p{L}\d-]+\s){0,2}[\p{L}\d-]+)(?:,\s|\s(?:och|samt)\s)$/u;
/** An adverbial of a few words and the auxiliary after it, before a subject that opens with a determiner. */
const INVERTED_AUXILIARY = new RegExp(`^(?:[\\p{L}\\d-]+\\s){1,4}?(?:ska|skall|har|hade|kan|kunde|skulle)\\s+(?=(?:${INDEFINITE})\\s)`, 'iu');
/** Auxiliaries that end a passive's subject as the text gives it: "ska ha", "har", "kan ha". */
const AUXILIARIES_AFTER = /(?:\s+(?:ska|skall|skulle|har|hade|kan|kunde|ha|tros|uppges|misstänks|inte))+\s*$/iu;

/** Things taken, found, carried or seized: "paket med medicin", "kontanter, smycken, pass och testamente", "En plastdunk med brännbar vätska". */
export function objects(sentence: string): Span[] {
  const out: Span[] = [];
  for (const m of sentence.matchAll(OBJECT_VERB_RE)) {
    // Nothing was taken or found where the verb is denied ("utan att hitta något", "har inte anträffat").
    if (DENIED_BEFORE.test(sentence.slice(Math.max(0, m.index! - 30), m.index!))) continue;
    const verb = m[0];
    const after = m.index! + verb.length;
    // Skip adverbs and particles between the verb and its object ("tagit med sig", "stulit bland annat").
    let from = after;
    for (let k = 0; k < 3; k++) {
      // … and an indirect object ("avtvingat honom en mobiltelefon").
      const adv = /^\s+(?:med sig|med|bland annat|bl\.a\.|även|också|därefter|då|sedan|först|enligt uppgift|på sig|under hot|i beslag|på|honom|henne|dem|endast|bara|enbart)(?=\s)/iu.exec(sentence.slice(from));
      if (!adv) break;
      from += adv[0].length;
    }
    // A clause that opens with something else has its subject after the verb ("I bilen hittade polisen en kniv").
    // (… or a person named by a definite noun: "När polis kommer fram släpper mannen tillhygget".)
    const subjectAfter = /^\s+(?:polisen|patrullen|polispatrullen|han|hon|de|man|vi|hen|(\p{Ll}+(?:en|na|an)))(?=\s+\p{Ll})/u.exec(sentence.slice(from));
    const inversion = subjectAfter && (!subjectAfter[1] || isPersonPhrase(subjectAfter[1])) ? subjectAfter : null;
    if (inversion && m.index! > 0) from += inversion[0].length;
    const next = /^\s*(\S+)/.exec(sentence.slice(from))?.[1] ?? '';
    // After a passive verb comes the thing only where the clause opens with something else ("Vid kontrollen
    // hittades en kniv"); "En plastdunk hittas några meter från huset" has it before the verb.
    const clauseStart = sentence.slice(0, m.index!).split(CLAUSE_SPLIT).pop() ?? '';
    // … or with an empty "det" as its subject ("att det saknades en stor summa pengar").
    const adverbialFirst = /^\s*(?:vid|i|på|under|efter|där|då|nu|sedan|kl\.?|klockan|inne|ute|senare|även|också|dessutom|bland|\d)/iu.test(clauseStart);
    // An empty "det" may have adverbs after it ("att det bland annat saknas en fyrhjuling").
    const emptySubject = /(?:^|\s)det(?:\s(?:bland annat|bl\.a\.|även|också|dessutom|sedan|då|troligen))?\s*$/i.test(clauseStart);
    const inverted = !PASSIVE_FOUND.test(verb) || clauseStart.trim() === '' || emptySubject || adverbialFirst;
    if (inverted && next && !/^(?:sig|det|den|han|hon|de|polisen|att|som|i|vid|på|av|från|till|under|efter|och|men|inte|ut|in|upp|ner|över|hem|bort|fast|kontakt|emot)$/i.test(next.replace(/[,.]$/, ''))) {
      const p = phraseFrom(sentence, from, 'object', 0.9, 8);
      if (p && p.text.length >= 2) out.push(p);
    }
    // Passive "X hittas/stals": the thing is the clause's subject before the verb.
    if (PASSIVE_FOUND.test(verb) && !adverbialFirst && !emptySubject) {
      const before = sentence.slice(0, m.index!);
      const clause = before.split(CLAUSE_SPLIT).pop() ?? '';
      const subj = clause.replace(/^(?:\s*(?:Vid|I|Under|Efter|Kl\.?|Klockan|Där|Då|Nu|Sedan)\s[^\s]+(?:\s[^\s]+)?\s)/u, '');
      let start = before.length - clause.length + (clause.length - subj.length);
      // A list split by the clause's commas and "och" is the subject whole ("En värmepump, tvättmaskin och verktyg ska
      // ha stulits"): earlier items of a few words with no verb (nor a passive's -s) or preposition among them.
      for (let k = 0; k < 6; k++) {
        const item = LIST_ITEM_BEFORE.exec(sentence.slice(0, start));
        if (!item || item[1]!.split(/\s+/).some((w) => FINITE.has(w.toLowerCase()) || /^(?:som|att|när|där|då|till|från|med|i|på|vid|och|samt|men|eller)$/i.test(w) || /\p{Ll}(?:s|ade|des|tes)$/u.test(w))) break;
        start = item.index + item[0].indexOf(item[1]!);
      }
      const adverb = /^(?:även|också|dessutom|bland annat|bl\.a\.)\s+/iu.exec(sentence.slice(start));
      if (adverb) start += adverb[0].length;
      // … without the auxiliaries before the verb ("ett bestickset har", "verktyg ska ha").
      const end = start + (AUXILIARIES_AFTER.exec(sentence.slice(start, m.index!))?.index ?? m.index! - start);
      // An adverbial first puts the auxiliary before the subject: "Enligt initiala uppgifter ska en flaska champagne".
      const inverted = INVERTED_AUXILIARY.exec(sentence.slice(start, end));
      if (inverted) start += inverted[0].length;
      const t = trimSpan({ type: 'object', start, end, text: sentence.slice(start, end), weight: 0.8 });
      if (t && t.text.split(/\s+/).length <= 8 && !/^(?:det|den|han|hon|de|polisen|mannen|kvinnan|sådana|sådan|sådant|dessa|detta|något|inget|ingenting)$/i.test(t.text)) out.push(t);
    }
  }
  // A cleft puts the thing in focus: "Det är en mindre lastbil som kolliderat …", "Det ska ha varit en säck med
  // spån som börjat brinna"; a frame around it names it too: what someone carries, what fell onto someone.
  for (const re of [CLEFT_RE, CARRIED_RE, ONTO_RE]) {
    for (const s of spans(re, sentence, 'object', 0.9, 1)) {
      const t = trimSpan(s);
      if (t) out.push(t);
    }
  }
  // What a thing turned out to be ("rör det sig om någon form av pyroteknik", "visade sig vara en tom termos") and a
  // thing of some kind ("slagen med någon typ av tillhygge").
  for (const m of sentence.matchAll(IDENTIFY_RE)) {
    if (/^\s*(?:att|en person|personer)(?![\p{L}])/u.test(sentence.slice(m.index! + m[0].length))) continue;
    const p = phraseFrom(sentence, m.index! + m[0].length, 'object', 0.9, 8);
    if (p && p.text.length >= 2 && !isHappening(p.text)) out.push(p);
  }
  for (const m of sentence.matchAll(SOME_KIND_RE)) {
    const p = phraseFrom(sentence, m.index! + m[0].length, 'object', 0.5, 6);
    if (p && !isHappening(p.text)) out.push({ ...p, start: m.index!, text: sentence.slice(m.index!, p.end) });
  }
  // Any passive's subject at the start of its clause ("En lägenhetsdörr har beskjutits"): a weaker guess, which the
  // question's own verb beside it makes likely.
  for (const s of spans(PASSIVE_SUBJECT_RE, sentence, 'object', 0.6, 1)) {
    const t = trimSpan(s);
    if (t && !/^(?:en anmälan|anmälan)$/i.test(t.text)) out.push(t);
  }
  // A person is no thing: "En man har skadats", "tog med sig en kvinna" (by its head: "två mobiltelefoner tillhörande
  // en kund" is a thing).
  return dedupe(out).filter((s) => !isPersonPhrase(headOfPhrase(s.text)));
}

/** A phrase up to the word that opens what is said of its head ("två mobiltelefoner" of "… tillhörande en kund"). */
function headOfPhrase(text: string): string {
  const m = /\s(?:tillhörande|från|med|i|på|till|av|för|som|under|vid|hos|åt)\s/iu.exec(text);
  return m ? text.slice(0, m.index) : text;
}

/** A phrase whose last word names a person ("en man", "målsäganden", "två äldre kvinnor"). */
export function isPersonPhrase(text: string): boolean {
  const last = /(\p{L}+)\P{L}*$/u.exec(text)?.[1] ?? '';
  return hasStem(last, PERSON_STEMS, 5) && !NOT_PERSON_WORDS.has(last.toLowerCase());
}

const HAPPENING_STEMS = stemSet(HAPPENING_NOUNS);
/** A phrase whose first noun names something that happened ("en singelolycka med en personbil", "dispyt"). */
function isHappening(text: string): boolean {
  const first = /^(?:(?:en|ett|någon|något|\p{Ll}+a)\s)?(\p{L}+)/u.exec(text)?.[1] ?? '';
  return hasStem(first, HAPPENING_STEMS, 4) || eventKinds(first, 'sv').length > 0;
}
const IDENTIFY_RE = /(?<![\p{L}])(?<!(?:inte|ej)\s)(?:(?:(?:rör|rörde)\s(?:det\s)?sig|(?:handlar|handlade)(?:\sdet)?|(?:är|var)\sdet\sfråga)\s(?:(?:troligen|troligtvis|troligt|sannolikt|förmodligen|möjligen|antagligen)\s)?om|(?:visade|visar|har\svisat|hade\svisat)\s(?:det\s)?sig\s(?:\p{Ll}+\s)?vara|(?:ser|såg)\sut\satt\svara|(?:verkar|verkade|bedöms|bedömdes|konstaterades|konstateras)\s(?:\p{Ll}+\s)?vara)\s/giu;
const SOME_KIND_RE = /(?<![\p{L}])(?:någon|något|en|ett)\s(?:form|typ|sorts|sort|slags)\sav\s(?=\p{Ll})/giu;
/** What someone carries: "har ett knogjärn på sig", "hade flera föremål med sig" (group 1). */
const CARRIED_RE = /(?<![\p{L}])(?:har|hade|bar)\s+((?:en|ett|två|tre|flera|några|lite|en\smindre|en\sstörre)\s(?:[\p{L}\p{N}-]+\s+){0,4}?[\p{L}\p{N}-]+)\s+(?:på|med)\s+sig(?![\p{L}])/giu;
/** What fell, spilled or struck onto someone: "har fått en kran över sig", "fick ett hagel i ansiktet" (group 1). */
const ONTO_RE = /(?<![\p{L}])(?:fått|fick|får)\s+((?:[\p{L}\p{N}-]+\s+){0,5}?[\p{L}\p{N}-]+)\s+(?:över\s+(?:sig|honom|henne|dem|benen|benet|foten|ryggen|huvudet)|i\s+(?:ansiktet|huvudet|magen|ögat|ögonen|benet|armen|ryggen|bröstet|halsen|handen|foten))(?![\p{L}])/giu;
const CLEFT_RE = /(?<![\p{L}])[Dd]et\s(?:är|var|ska\s(?:ha\s)?varit|ska\svara|har\svarit|visade\ssig\svara|rör\ssig\som|handlar\som)\s((?:en|ett|två|tre|flera|några)\s(?:\p{Ll}+\s){0,3}?\p{Ll}+)\s(?=som\s)/gu;
// (… or with "bli" and a participle: "där en lägenhet blivit beskjuten", "En bil har blivit stulen".)
const PASSIVE_SUBJECT_RE = /(?:^|[.;:!?]\s|,\s|\s(?:och|men|där|då)\s)((?:[EeDd]n|[Ee]tt|[Dd]en|[Dd]et|[Tt]vå|[Tt]re|[Ff]lera)\s(?:\p{Ll}+\s){0,2}?\p{Ll}+)\s(?:har|hade|ska\sha|kan\sha|har\sinte)?\s?(?:\p{Ll}{3,}(?:ats|its|ades|ts)|(?:blivit|blev|blir)\s\p{Ll}{3,}(?:ad|at|ade|en|et|na|ta|da|d|t))(?![\p{L}])/gu;

const PREP_NP_END = new RegExp(
  `[.;:!?,]|\\s(?=(?:i|på|vid|till|från|mot|med|under|efter|som|och|men|när|då|där|för|av|om|samt|eftersom|innan|sedan|att|${alternation(FINITE_AUXILIARIES)})(?![\\p{L}]))`,
  'u',
);

/** The phrase after one of `preps` ("kolliderat med en öppen bildörr": en öppen bildörr), up to the next preposition. */
export function prepositionObjects(sentence: string, preps: readonly string[]): Span[] {
  const out: Span[] = [];
  for (const prep of preps) {
    const re = new RegExp(`${B}${prep.replace(/\s/g, '\\s')}\\s+(?=\\p{L})`, 'giu');
    for (const m of sentence.matchAll(re)) {
      // A preposition inside a fixed phrase ("i samband med händelsen", "med anledning av") has no thing for object.
      if (FIXED_BEFORE.test(sentence.slice(Math.max(0, m.index! - 12), m.index!))) continue;
      let p = phraseFrom(sentence, m.index! + m[0].length, 'object', 1, 6, PREP_NP_END);
      // "någon form av trafikdelare": a word of kind takes the noun after its "av".
      const kind = p && /(?:form|typ|sorts?|slags)$/iu.test(p.text) ? /^\s+av\s+/u.exec(sentence.slice(p.end)) : null;
      if (p && kind) {
        const rest = phraseFrom(sentence, p.end + kind[0].length, 'object', 1, 6, PREP_NP_END);
        if (rest) p = { ...p, end: rest.end, text: sentence.slice(p.start, rest.end) };
      }
      // A clause is no thing nor place ("leder till att kvinnan hittas").
      // Nor is another preposition's phrase: "hjälpt till med tips" has a particle "till".
      if (p && p.text.length >= 2 && !/^(?:sig|honom|henne|dem|det|den|polisen|att|plats|platsen)$/i.test(p.text) && !/^(?:att|som|om|hur|vad|vem|var|när|där|då|med|på|i|av|för|från|till|mot|vid)\s/i.test(p.text)) out.push(p);
    }
  }
  return dedupe(out);
}

const FIXED_BEFORE = /(?:i samband|tillsammans|i enlighet|i jämförelse|i förhållande|med anledning|med hjälp|på grund|i stället|i närheten)\s$/iu;

/** What may stand between a verb and its object: particles, adverbs, a subject after the verb. */
const VERB_TO_OBJECT = /^\s+(?:in i|in|ut|upp|ner|bort|fast|på|med|mot|över|av|sedan|då|också|även|bland annat|bl\.a\.|först|troligen|polisen|han|hon|de)(?=\s)/iu;
const NOT_A_THING = /^(?:att|som|sig|det|den|detta|han|hon|de|dem|honom|henne|polisen|och|men|när|där|då|i|på|vid|till|från|inte|ingen|inget|sin|sitt|sina)(?![\p{L}])/iu;
/** Words before "som" that end the phrase it refers to, looking back ("rör det sig om solceller … som"). */
const BEFORE_SOM_STOP = /^(?:om|att|är|var|varit|vara|sig|det|har|hade|ska|av|för|och|men|när|då|där|vad|vem|vilka)$/i;

/**
 * The thing beside the verb a question asks about (`stems`: that verb's Swedish stems): the phrase after it ("körde
 * in i en taxibil", "ska ha åkt elsparkcykel"), or the one a "som" before it refers to ("en säck med spån som
 * börjat brinna"). A weak guess (weight 0.5), for when nothing surer names the thing.
 */
export function verbObjects(sentence: string, stems: readonly string[]): Span[] {
  const words = wordsOf(sentence);
  const out: Span[] = [];
  const isVerb = (w: string) => {
    const st = stemSv(w.toLowerCase());
    return stems.some((v) => stemInflects(st, v));
  };
  words.forEach((w, i) => {
    if (!isVerb(w.text)) return;
    let from = w.end;
    for (let k = 0; k < 3; k++) {
      const skip = VERB_TO_OBJECT.exec(sentence.slice(from));
      if (!skip) break;
      from += skip[0].length;
    }
    const rest = sentence.slice(from).trimStart();
    if (rest && !NOT_A_THING.test(rest) && !/^\d/.test(rest)) {
      const p = phraseFrom(sentence, from, 'object', 0.5, 6, PREP_NP_END);
      if (p && p.text.length >= 2) out.push(p);
    }
    // "… X som börjat brinna", "en kokpanna som har smällt": X, back to its determiner or to a word that ends it.
    let som = i - 1;
    while (som > 0 && som >= i - 2 && SOM_AUX.test(words[som]!.text)) som--;
    const prev = words[som];
    if (prev && prev.text.toLowerCase() === 'som' && /^[\s\p{L}]*$/u.test(sentence.slice(prev.end, w.start))) {
      const t = phraseBeforeSom(sentence, words, som, 'object', 0.5);
      if (t) out.push(t);
    }
  });
  return dedupe(out).filter((s) => !isPersonPhrase(s.text));
}

/** Auxiliaries between a "som" and its verb ("som har smällt", "som ska ha orsakat"). */
const SOM_AUX = /^(?:har|hade|ska|skulle|kan|kunde|ha)$/i;

/** The phrase a "som" (`words[som]`) refers to, looking back to its determiner or to a word that ends it: "en kastrull med smör som …". */
function phraseBeforeSom(sentence: string, words: Word[], som: number, type: AnswerType, weight: number): Span | null {
  let start = -1;
  for (let j = som - 1, n = 0; j >= 0 && n < 6; j--, n++) {
    const t = words[j]!.text;
    if (BEFORE_SOM_STOP.test(t)) break;
    start = words[j]!.start;
    if (DETERMINER.test(t)) break;
  }
  if (start < 0) return null;
  const t = trimSpan({ type, start, end: words[som - 1]!.end, text: sentence.slice(start, words[som - 1]!.end), weight });
  return t && !NOT_A_THING.test(t.text) ? t : null;
}

const CLAIMED_RE = /(?<![\p{L}])(?:(?:(?:utgav|utger|utgett|utgivit|påstod|påstått|påstår|uppgav|uppgett|uppgivit|uppger|sa|sade|säger|sagt)\ssig\s(?:för\satt\s)?|(?:låtsas|låtsades|låtsats)\s(?:att\s)?)(?:vara(?:\s(?:från|på|för|åt)(?=\s))?|(?:komma|ringa|arbeta|jobba)\s(?:från|på|för|åt))|(?:uppger|uppgav|uppgett|uppgivit|säger|sa|sade|påstår|påstod|påstått)\satt\s(?:han|hon|de|den|hen)\s(?:(?:är|var)(?:\s(?:från|på|för|åt)(?=\s))?|representerar|representerade|(?:ringer|ringde|arbetar|arbetade|jobbar|jobbade|kommer|kom)\s(?:från|på|för|åt)))\s/giu;
/**
 * Who someone claimed to be ("utgav sig för att vara polis", "påstod sig komma från banken", "uppgav sig vara ett
 * dörrföretag", or in a clause of its own: "uppger att de är från ett telefonbolag", "säger att han representerar en
 * bank"): the phrase after it, for "Vem utgav sig bedragaren för att vara?", "Who did the caller claim to be?".
 */
export function claimedIdentities(sentence: string): Span[] {
  const out: Span[] = [];
  for (const m of sentence.matchAll(CLAIMED_RE)) {
    const p = phraseFrom(sentence, m.index! + m[0].length, 'role', 1, 8, CLAIM_END);
    if (p && p.text.length >= 2) out.push(p);
  }
  return out;
}
// (… or where the main clause's verb follows with its particle: "ett taxibolag knackar på".)
const CLAIM_END = new RegExp(
  `[.;:!?]|,\\s|\\s(?=(?:och\\s(?:att|han|hon|de|bad|ville|sa|ska|skulle|vill|\\p{Ll}+(?:ar|er)(?![\\p{L}]))|som|men|när|då|där|för att|samt|${alternation(FINITE_AUXILIARIES)})(?![\\p{L}]))|\\s(?=\\p{Ll}+(?:ar|er)\\s(?:på|in|upp|ut|hem|till)(?![\\p{L}]))`,
  'iu',
);

const COPULA_RE = /(?<![\p{L}])\p{L}+(?:en|et|na)\s(?:var|är)\s(?=(?:en|ett|\p{Ll}+)\s)/gu;
/**
 * What a thing named by a definite noun was ("Föremålet var en tom termos", "Väskan var tom"): the phrase after the
 * copula, for a question about what something turned out to be. Not an adverb ("var inte", "var där").
 */
export function copulaObjects(sentence: string): Span[] {
  const out: Span[] = [];
  for (const m of sentence.matchAll(COPULA_RE)) {
    const from = m.index! + m[0].length;
    if (NOT_A_THING.test(sentence.slice(from)) || /^(?:också|även|därför|sedan|redan|troligen)(?![\p{L}])/iu.test(sentence.slice(from))) continue;
    const p = phraseFrom(sentence, from, 'object', 0.8, 6, PREP_NP_END);
    if (p && p.text.length >= 2 && !isPersonPhrase(p.text)) out.push(p);
  }
  return out;
}

const OFFENCE_MARKER_RE = new RegExp(`${B}(?:${alternation(OFFENCE_MARKERS)})${E}`, 'giu');
const OFFENCE_NOUN_RE = /(?<![\p{L}])(?:(?:ringa|grov|grovt|grova|synnerligen grov|försök till|förberedelse till|olaga|olovlig|vårdslöshet|brott mot)\s)*(?:\p{L}{3,})?(?:brott|fylleri|stöld|stölder|misshandel|bedrägeri|skadegörelse|ofredande|intrång|rån|inbrott|häleri|mord|dråp|våldtäkt|hot|körning|lagen|vållande till \p{L}+|tillgrepp av fortskaffningsmedel|vårdslöshet i (?:trafik|sjötrafik)|(?:mord|dråp|rån|inbrotts|stölds|våldtäkts)försök)(?![\p{L}])/giu;
const OFFENCE_END = new RegExp(`[.;:!?]|\\s(?=(?:${alternation(['efter att', 'efter', 'då', 'sedan', 'när', 'vid', 'i samband', 'som', 'men', 'där', 'eftersom', 'för att', 'mot en', 'mot ett', 'mot den', 'och han', 'och hon', 'och de', 'och polisen', 'och det', 'och föraren', 'och mannen', 'och kvinnan', 'inleds', 'upprättas', 'upprättades', 'har', 'hade', 'och har', 'utan', 'på platsen', 'i bostaden', 'enligt', 'skrivs', 'kommer', 'ska', 'i nuläget', 'på grund av'])})${E})|,\\s(?=(?:${alternation(['som', 'vilket', 'där', 'när', 'efter', 'men', 'polisen', 'han', 'hon', 'de', 'och', 'det'])})${E})`, 'iu');
/** Words that go on a list of offences after "och", "samt" or a comma. */
const OFFENCE_NEXT = /^(?:ringa|grov|grovt|grova|synnerligen|försök|förberedelse|olaga|olovlig|brott|vårdslöshet|vållande|\p{L}*(?:brott|fylleri|stöld|misshandel|bedrägeri|skadegörelse|ofredande|intrång|rån|inbrott|häleri|mord|dråp|våldtäkt|hot|körning|förolämpning|tillgrepp))(?![\p{L}])/iu;

/** An offence phrase up to the first "och"/"samt"/comma that does not go on with another offence. */
function cutList(span: Span): Span | null {
  const re = /(?:,\s|\s(?:och|samt)\s)/g;
  for (const m of span.text.matchAll(re)) {
    const rest = span.text.slice(m.index! + m[0].length);
    if (!OFFENCE_NEXT.test(rest)) return trimSpan({ ...span, end: span.start + m.index!, text: span.text.slice(0, m.index!) });
  }
  return span;
}

/** Offences and suspicions: "ringa misshandel och brott mot strålskyddslagen", "försök till mord", "grov misshandel". */
export function offences(sentence: string): Span[] {
  const out: Span[] = [];
  for (const m of sentence.matchAll(OFFENCE_MARKER_RE)) {
    let from = m.index! + m[0].length;
    const lead = /^\s+(?:att\s+ha\s+|ha\s+|att\s+)/i.exec(sentence.slice(from));
    const verbal = Boolean(lead);
    if (lead) from += lead[0].length;
    const found = phraseFrom(sentence, from, 'offence', verbal ? 0.6 : 1, 14, OFFENCE_END);
    const p = found && cutList(found);
    if (p && p.text.length >= 3 && !/^(?:det|den|detta|han|hon|de)$/i.test(p.text)) out.push(p);
  }
  for (const s of spans(OFFENCE_NOUN_RE, sentence, 'offence', 0.7)) if (s.text.length >= 4) out.push(s);
  // "misstanke om brott" names no offence: a bare "brott" is none.
  return dedupe(out).filter((s) => !/^(?:(?:ett|något|inget|inga|några)\s)?brott(?:et|en)?$/i.test(s.text));
}

const CAUSE_RE = new RegExp(`${B}(?:${alternation(CAUSE_MARKERS)})${E}`, 'giu');
const CAUSED_BY_SOM_RE = new RegExp(`${B}som\\s(?:(?:har|hade|ska\\sha|kan\\sha|tros\\sha|troligen|troligtvis|sannolikt)\\s)?(?:${alternation(CAUSING_VERBS)})${E}`, 'giu');
/**
 * A reason clause put first ends where the main clause's finite verb follows its comma: "Då det råder oklarheter
 * kring dödsorsaken, har polisen inlett …", "Eftersom …, inleds en förundersökning".
 */
const MAIN_CLAUSE_VERB = `(?:${alternation(FINITE_AUXILIARIES)}|\\p{Ll}+(?:as|ds|ts|ades|des|tes))(?![\\p{L}])`;
/** … or, with no comma, where the main clause's verb stands before its subject ("I och med att han var berusad fördes han …"). */
const INVERTED_MAIN = `(?!trots|alls|hans|dess)(?:${alternation(FINITE_AUXILIARIES)}|\\p{Ll}{2,}(?:s|de|te|ade))\\s(?:han|hon|hen|de|den|det|polisen|patrullen)(?![\\p{L}])`;
/**
 * … or where "och" opens a main clause of its own: a subject of a few words, then its verb ("… och boende i lägenheten
 * lyckas ta sig ut"). A negation before the verb keeps a subordinate clause's order: "Eftersom …, och brott inte går
 * att utesluta" is still the reason.
 */
const AND_CLAUSE = `och\\s(?:(?!och|inte|ej|aldrig|också|även|redan)\\p{L}+\\s){1,4}?(?:${alternation(FINITE_AUXILIARIES)}|\\p{Ll}+(?:as|ds|ades|des|tes))(?![\\p{L}])`;
// … and where "och därför" goes on with what the reason led to ("sedan skåpbilen inte kunnat stanna vid en korsning och
// därför kört in i lastbilen").
const CAUSE_END = new RegExp(`[.;!?]|,?\\s(?=och\\s(?:har\\s|hade\\s)?därför(?![\\p{L}]))|\\s[–—]\\s|,\\s(?=(?:men|och polisen|polisen|vilket|varpå)(?![\\p{L}]))|,\\s(?=${MAIN_CLAUSE_VERB})|\\s(?=${INVERTED_MAIN})|(?<!-)\\s(?=${AND_CLAUSE})`, 'u');
// … and "X, och han misstänks därför för Y": "därför" a few words into the clause after "och".
const NOMINAL_CAUSE = /^(?:på grund av|p\.g\.a\.|pga\.?|till följd av|med anledning av|orsakad av|orsakat av|orsakades av)$/;
const NOMINAL_CAUSE_END = new RegExp(`${CAUSE_END.source}|\\s(?=och\\s(?:inte\\s)?(?:${alternation(FINITE_AUXILIARIES)}|\\p{Ll}+(?:ade|de|te))(?![\\p{L}]))`, 'u');
const CAUSE_BEFORE_RE = new RegExp(`,?\\s(?:${alternation(CAUSE_BEFORE_MARKERS)}|och\\s(?:\\p{L}+\\s){1,3}därför)${E}`, 'giu');
/** Where such a phrase ends: at a comma or the next clause ("väjt för vilt och hamnat i mitträcket"). */
const CAUSE_PHRASE_END = /[.;:!?,]|\s(?=(?:och|men|då|där|när|samt|efter|enligt|som|vilket|varpå)(?![\p{L}]))/iu;
// A phrase on "för" may take a second verb before it: "väjt och bromsat för ett dött djur".
const FOR_PHRASE_HEADS = CAUSE_PHRASES.filter((p) => p.endsWith(' för')).map((p) => p.slice(0, -' för'.length));
const CAUSE_PHRASE_RE = new RegExp(
  `${B}(?:(?:${alternation(FOR_PHRASE_HEADS)})(?:\\s+och\\s+\\p{L}+)?\\s+för|${alternation(CAUSE_PHRASES.filter((p) => !p.endsWith(' för')))})${E}`,
  'giu',
);
const PURPOSE = /^(?:för att|i syfte att|med syfte att|med syftet att|i syftet att)$/;
const POLICE_BEFORE = new RegExp(`${B}(?:${alternation(NARRATOR_WORDS)})${E}`, 'iu');
const DISPATCH_BEFORE = new RegExp(`${B}(?:${alternation(DISPATCH_VERBS)})${E}`, 'iu');
const SANCTIONED_RE = new RegExp(`${B}(?:${alternation(SANCTION_VERBS)})\\s(?:och\\s\\p{Ll}+\\s)?(?:en|ett|den|det|två|tre|flera)\\s(?:\\p{Ll}+\\s){0,2}?\\p{Ll}+\\s+som\\s+`, 'giu');
const REPORTED_RE = new RegExp(`${B}(?:${alternation(REPORT_OBJECT_VERBS)})\\s((?:en|ett|två|tre|flera)\\s(?:\\p{Ll}+\\s){0,2}?\\p{Ll}+)\\s+som\\s+`, 'giu');
/** Where the clause before a reason's marker starts: after a comma, or the word that opens it. */
const CLAUSE_OPENER = /(?:[,;:]\s|(?<![\p{L}])(?:att|om att|då|när|eftersom|efter att|sedan)\s)/giu;
/** A likely reason: what it may have been after saying it is not known or what the signs point to, then belief. */
const LIKELY_CAUSE_RES = [
  /(?<![\p{L}])(?:(?:oklart|okänt|utreda|utreds|utredning)\s[^.;!?]*?(?:hur|vad|varför)\s[^.;!?]*?\smen|(?:indikationer på|tyder på|pekar på)\satt)\s[^.;!?]*?(?:röra|rör|rört)\s(?:det\s)?sig\som\s([^.;!?,]{3,100})/giu,
  /(?<![\p{L}])(?:tror (?:man|polisen) att|man tror att|troligen|troligtvis|sannolikt|misstänks vara|tros vara)\s([^.;!?]{3,100})/giu,
];
/** Where a sound, smoke or smell came from is its cause: "ljudet kommit från en bil med kraftiga avgassmällar". */
const SOURCE_RE = /(?<![\p{L}])(?:röken|rök|smällen|smällarna|smällar|knallen|knallarna|lukten|ljudet|ljuden|skotten|skottet)\s(?:(?:ska|kan|tros)\s(?:ha\s)?|har\s|hade\s)?(?:kom|kommer|kommit|härrör|härrörde|härstammar|härstammade)\sfrån\s/giu;
/** … up to where a reason ends, or a clause with a subject of its own opens ("… från en lägenhet och patrullen försöker …"). */
const SOURCE_END = new RegExp(`${CAUSE_END.source}|\\s(?=och\\s(?:patrullen|polisen|polispatrullen|han|hon|hen|de|man|vi)(?![\\p{L}]))`, 'u');

/** A fine and the "för" of what it is for: "ordningsbot för", "böter på 2 000 kronor för att". */
const FINED_FOR_RE = /(?<![\p{L}])(?:ordningsbot|ordningsboten|ordningsböter|böter|böterna|penningböter|bötesbelopp|sanktionsavgift)\s(?:på\s[\d\s.]+(?:kronor|kr)\s)?för\s(?:att\s)?/giu;
/** … up to where a reason ends, or a clause of when or why it was given ("… då de åkte förbi olycksplatsen"). */
const FINED_FOR_END = new RegExp(`${CAUSE_END.source}|\\s(?=(?:då|eftersom|efter att|efter|när|sedan|vid)\\s)`, 'u');
/** A fire's start and the word after it: "Branden har troligen startat i", "branden uppstått genom" (then what it began in or by). */
const FIRE_ORIGIN_RE = /(?<![\p{L}])(?:[Bb]randen|[Ee]lden|en\sbrand)\s(?:som\s)?(?:(?:har|hade|ska|kan|tros|misstänks|uppges|bedöms)\s)?(?:(?:ha|troligen|troligtvis|sannolikt|möjligen|förmodligen)\s){0,2}(?:startat|startade|uppstått|uppstod|börjat|började)\s(?:(?:i|vid|på|genom|av)\s(?!samband)|i samband med(?:\satt)?\s)/gu;
/** Reasons: "en hårfön i en papperskorg" after "p.g.a.", "för att hinna med en buss…", what "Orsaken … ska ha varit". */
export function causes(sentence: string): Span[] {
  const out: Span[] = [];
  // "får ordningsbot för hastighetsöverträdelse", "tilldelas böter för brister i lastsäkringen": what a fine is for
  // (first: where a marker's "för att" gives the same stretch, this one's weight holds).
  for (const m of sentence.matchAll(FINED_FOR_RE)) {
    const p = phraseFrom(sentence, m.index! + m[0].length, 'cause', 1, 14, FINED_FOR_END);
    if (p && p.text.length >= 3) out.push(p);
  }
  for (const m of sentence.matchAll(CAUSE_RE)) {
    const marker = m[0].toLowerCase();
    let from = m.index! + m[0].length;
    if (/^(?:orsaken|anledningen|upprinnelsen)$/.test(marker)) {
      // "Orsaken till rökutvecklingen ska ha varit X", "Anledningen är X".
      const v = /^[^.;!?]*?\s(?:är|var|ska\s+vara|ska\s+ha\s+varit|tros\s+vara|tros\s+ha\s+varit|uppges\s+vara|verkar\s+vara|kan\s+vara|är\s+troligen|var\s+troligen)\s/iu.exec(sentence.slice(from));
      if (!v) continue;
      from += v[0].length;
    }
    if (/^(?:tros ha startat|tros ha orsakats|misstänks ha orsakats|misstänks ha startat|ska ha startat|startade i|uppstod)$/.test(marker)) {
      // (Not the "i" of "i samband med": that phrase is the reason's own.)
      const v = /^\s+(?:av|i(?!\s+samband)|genom|på grund av|p\.g\.a\.|pga|vid)?\s*/iu.exec(sentence.slice(from));
      if (v) from += v[0].length;
    }
    const weight = /^(?:då|sedan|efter att|för att|uppstod)$/.test(marker) ? 0.6 : 1;
    // A noun phrase after "på grund av", "till följd av" ends where "och" goes on with a verb of the main clause
    // ("till följd av snön och kunde inte köras från platsen").
    const nominal = NOMINAL_CAUSE.test(marker) && !/^\s*att\s/iu.test(sentence.slice(from));
    // (Not inside a relative clause: "på grund av fordon som var avställt och hade körförbud".)
    const short = nominal ? phraseFrom(sentence, from, 'cause', weight, 16, NOMINAL_CAUSE_END) : null;
    const p = short && !/\ssom\s/iu.test(short.text) ? short : phraseFrom(sentence, from, 'cause', weight, 16, CAUSE_END);
    // Why the police came, or what they are there for ("En annan patrull beordras till sjukhuset för att möta
    // ambulansen", "Polis är på plats för att bistå räddningstjänsten"): their reason, not the event's.
    const before = sentence.slice(0, m.index!);
    // So is what the police did before ("Polisen kunde efter att ha genomsökt arbetsplatsen anträffa mannen"): "efter
    // att ha" shares the main clause's subject, the police.
    const policeFirst = marker === 'efter att' && /^\s+ha\s/i.test(sentence.slice(m.index! + m[0].length)) && POLICE_BEFORE.test(before);
    const dispatch = DISPATCH_BEFORE.test(before) || (PURPOSE.test(marker) && POLICE_BEFORE.test(before)) || policeFirst;
    if (p && p.text.length >= 3) out.push(dispatch ? { ...p, weight: p.weight / 2, dispatch: true } : p);
  }
  // "Branden har startat i ett sovrum", "branden uppstått genom brott", "Branden ska ha startat i samband med matlagning":
  // where or how a fire began (a weaker guess than a marker's: where it began is not always why).
  for (const m of sentence.matchAll(FIRE_ORIGIN_RE)) {
    const p = phraseFrom(sentence, m.index! + m[0].length, 'cause', 0.8, 12, CAUSE_PHRASE_END);
    if (p && p.text.length >= 3) out.push(p);
  }
  // "ljudet kom från en bil": what a sound, smoke or smell came from.
  for (const m of sentence.matchAll(SOURCE_RE)) {
    const p = phraseFrom(sentence, m.index! + m[0].length, 'cause', 0.8, 10, SOURCE_END);
    if (p && p.text.length >= 2) out.push(p);
  }
  // "ska ha väjt för vilt", "har fått sladd": a reason in itself (a weaker guess than a marker's).
  for (const m of sentence.matchAll(CAUSE_PHRASE_RE)) {
    // The phrase itself, then what follows it up to the clause's end ("väjt och bromsat för" + "ett dött djur …").
    const after = m.index! + m[0].length;
    const stop = CAUSE_PHRASE_END.exec(sentence.slice(after));
    const rest = stop?.index === 0 ? null : phraseFrom(sentence, after, 'cause', 0.6, 8, CAUSE_PHRASE_END);
    const end = rest && rest.start - after <= 1 ? rest.end : after;
    const p = trimSpan({ type: 'cause', start: m.index!, end, text: sentence.slice(m.index!, end), weight: 0.6 });
    if (p) out.push(p);
  }
  // "stoppar en man som ryckt sönder en registreringsskylt": why he was stopped (a weaker guess).
  for (const m of sentence.matchAll(SANCTIONED_RE)) {
    const p = phraseFrom(sentence, m.index! + m[0].length, 'cause', 0.6, 16, CAUSE_END);
    if (p && p.text.split(/\s+/).length >= 2) out.push(p);
  }
  // "En förbipasserande uppmärksammar tre män som rotar runt i en container", "samtal om en bil som kör vingligt": what
  // someone saw the one they reported do is why the police came (not a happening's "som": "larm om en olycka som inträffat").
  for (const m of sentence.matchAll(REPORTED_RE)) {
    if (isHappening(m[1]!)) continue;
    const p = phraseFrom(sentence, m.index! + m[0].length, 'cause', 0.6, 16, CAUSE_END);
    if (p && p.text.split(/\s+/).length >= 2) out.push({ ...p, weight: p.weight / 2, dispatch: true });
  }
  // "X vilket resulterat i Y", "X och därför Y": the reason is the clause before, from its start or its "att".
  for (const m of sentence.matchAll(CAUSE_BEFORE_RE)) {
    const before = sentence.slice(0, m.index!).replace(/,\s*$/, '');
    const opener = [...before.matchAll(CLAUSE_OPENER)].pop();
    let start = opener ? opener.index! + opener[0].length : 0;
    const lead = /^enligt(?:\s\p{L}+)?\suppgift(?:er)?,?\s(?:(?:har|ska|är)\s)?/iu.exec(before.slice(start));
    if (lead) start += lead[0].length;
    const t = trimSpan({ type: 'cause', start, end: before.length, text: before.slice(start), weight: 0.8 });
    if (t && t.text.split(/\s+/).length >= 2 && t.text.split(/\s+/).length <= 16) out.push(t);
  }
  // "en torrkokning som gett upphov till lukten", "ett förstoringsglas … som har orsakat branden": the thing that
  // caused it, named before the "som" of a verb of causing (not a person: "Föraren som orsakade olyckan").
  for (const m of sentence.matchAll(CAUSED_BY_SOM_RE)) {
    const words = wordsOf(sentence.slice(0, m.index! + 4));
    const som = words.length - 1;
    const p = som > 0 ? phraseBeforeSom(sentence, words, som, 'cause', 0.8) : null;
    if (p && !isPersonPhrase(p.text)) out.push(p);
  }
  // What it may have been, after saying how or why is not known: "Det är oklart vad som orsakat smällen men eventuellt
  // kan det röra sig om X", "Polisen ska utreda hur olyckan gått till, men det kan röra sig om sjukdomsfall"; or what the
  // signs point to: "Tidiga uppgifter tyder på att det rör sig om en torrkokning". And "Man tror att det är X",
  // "troligen X".
  for (const re of LIKELY_CAUSE_RES) {
    for (const s of spans(re, sentence, 'cause', 0.6, 1)) {
      const t = trimSpan(s);
      if (t) out.push(t);
    }
  }
  // "Upprinnelsen … är okänt" names no reason: it says none is known.
  return dedupe(out).filter((s) => !/^(?:(?:ännu|fortfarande|i nuläget)\s)?(?:okänd|okänt|okända|oklar|oklart|inte känd|inte känt|ej känd|ej känt)$/iu.test(s.text));
}

const INJURY_RE = new RegExp(
  `(?<![\\p{L}])(?:(?:ingen|inga|inte|ej|ingen person|ingen människa|ingen av dem)\\s(?:\\p{L}+\\s){0,4})?(?:(?:lindrigt|allvarligt|svårt|livshotande|kritiskt|lätt|lättare|mycket|ytligt|oklart|okänt|oklara|lindriga|allvarliga)\\s)?(?:${alternation(INJURY_WORDS)})\\p{L}*(?:\\s(?:skador|till skada|till sjukhus|med ambulans(?: till sjukhus)?))?`,
  'giu',
);
/** Injuries and outcomes: "lindrigt skadad", "ingen person ska ha kommit till skada", "inga personskador", "avled". */
export function injuries(sentence: string): Span[] {
  // Where the hurt were taken ("till sjukhus med ambulans") says less of the injury than the injury itself
  // ("skrapsår på handen"); damage to things ("skadegörelse") is none.
  return dedupe(
    spans(INJURY_RE, sentence, 'injury')
      .map(trimSpan)
      .filter((s): s is Span => s !== null && !/^skadegörelse/iu.test(s.text))
      .map((s) => (/^(?:(?:ej|inte|ingen|inga)\s)?(?:sjukhus|ambulans|vård|sjukvård)/iu.test(s.text) ? { ...s, weight: s.weight * 0.6 } : s)),
  );
}

const EVENT_CLAUSE = /(?<![\p{L}])(?:om att|uppgifter om att|att|där|som|om)\s+(?=\p{L})/giu;
const LEAD_ADVERBIAL = /^(?:(?:kl\.?|klockan)\s?\d{1,2}(?:[.:]\d{2})?|\d{1,2}[.:]\d{2}|(?:under|vid|efter|strax|runt|på)\s(?:\p{L}+\s)?(?:\d{1,2}(?:[.:]\d{2})?(?:-tiden)?|natten|kvällen|morgonen|eftermiddagen|förmiddagen|dagen)|(?:i|under)\s(?:natt|kväll|morse|dag)|(?:idag|igår|nu|sedan|därefter|då))[,:]?\s+/iu;
/** What happened: the clause after "att/där/som/om att" when one follows a report, else the sentence past its opening time. */
export function events(sentence: string): Span[] {
  const out: Span[] = [];
  for (const m of sentence.matchAll(EVENT_CLAUSE)) {
    const from = m.index! + m[0].length;
    const p = phraseFrom(sentence, from, 'event', 0.8, 20, /[.;!?]|\s[–—]\s/u);
    if (p && p.text.split(/\s+/).length >= 2) out.push(p);
  }
  const lead = LEAD_ADVERBIAL.exec(sentence);
  const from = lead ? lead[0].length : 0;
  const whole = trimSpan({ type: 'event', start: from, end: sentence.length, text: sentence.slice(from), weight: 0.5 });
  if (whole) out.push(whole);
  return out;
}

/** A name given after a noun: "förskolan Solrosen", "butiken Ringströms". */
const NAME_AFTER = /^\s(?:\p{Lu}[\p{L}-]*|"[^"]{2,40}"|”[^”]{2,40}”)(?:\s\p{Lu}[\p{L}-]*){0,2}/u;

/**
 * Phrases whose head is the noun a question asks about ("Vilket däck …?": "vänster bakdäck" in "… fått vänster
 * bakdäck sönderskurna"): a word with the stem of one of `nouns` (that noun's Swedish words or stems) as its stem
 * or its compound's head, with its determiners and adjectives.
 */
export function headNounPhrases(sentence: string, nouns: readonly string[]): Span[] {
  const stems = nouns.map((n) => stemSv(n.toLowerCase()));
  const words = wordsOf(sentence);
  const out: Span[] = [];
  words.forEach((w, i) => {
    const st = stemSv(w.text.toLowerCase());
    // The name it is given after it counts too: "förskolan Solrosen", "restaurangen Pinchos".
    // (The stemmer leaves some definite forms whole: "förskolan" is "förskol" with its ending.)
    if (stems.some((h) => isStemOrHead(st, h, 3) || stemInflects(st, h))) out.push(nounPhrase(sentence, words, i, 'object', 1, NAME_AFTER));
  });
  return dedupe(out);
}

// ---------------------------------------------------------------------------------------------------------------

/** Keeps the first of spans that overlap (earlier, then longer, first). */
function dedupe(list: Span[]): Span[] {
  const sorted = [...list].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const prev = out[out.length - 1];
    if (prev && s.start < prev.end && s.type === prev.type) {
      if (s.end - s.start > prev.end - prev.start && s.start === prev.start) out[out.length - 1] = s;
      continue;
    }
    out.push(s);
  }
  return out;
}

export const RECOGNISERS: Record<AnswerType, (sentence: string) => Span[]> = {
  count: counts,
  age: ages,
  speed: speeds,
  money,
  alcohol,
  duration: durations,
  quantity: quantities,
  time: times,
  date: dates,
  street: streets,
  place: places,
  person: persons,
  role: roles,
  organisation: organisations,
  vehicle: vehicles,
  object: objects,
  offence: offences,
  cause: causes,
  injury: injuries,
  colour: colours,
  animal: animals,
  event: events,
};

/** Every span of the given types in `sentence`, in the order of `types` (a type's spans in sentence order). */
export function findSpans(types: readonly AnswerType[], sentence: string): Span[] {
  return types.flatMap((t) => RECOGNISERS[t](sentence));
}
