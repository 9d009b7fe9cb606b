/**
 * The features the answerer decides with: per candidate statement, and per candidate sentence. Each is a number
 * (mostly 0..1) with a name and a meaning, so `--explain` can show them and the model (model.ts) can weigh them.
 */
import { isStemOrHead, isStopword, stemInflects, stemSv, tokenize, tokenSpans } from '../text/analyze.js';
import { eventKinds, sexOf, type AgedRole, type DoerKind, type Sex } from './question.js';
import { NARRATION_STEMS, PHRASE_DETERMINERS, CARE_WORDS, DISPATCH_VERBS, POLICE_UNIT_WORDS, GENERIC_PERSON_WORDS, GENERIC_THING_WORDS, GENERIC_PLACE_WORDS, SUFFERER_WORDS, SUSPECT_WORDS, alternation, RESPONDER_WORDS, VAGUE_COUNTS, COMPASS_WORDS, FINITE_AUXILIARIES, HARM_WORDS, NARRATOR_WORDS, NON_IDENTIFYING, VICTIM_WORDS } from '../text/vocabulary.js';
import { claimedIdentities, copulaObjects, findSpans, headNounPhrases, isPersonPhrase, prepositionObjects, verbObjects, type AnswerType, type Span } from './answer-types.js';
import type { Concept } from '../search/query.js';

/** What tells that a statement is the one the question is about. */
export interface StatementFeatures {
  /** BM25 of the whole statement (title included) for all the question's concepts, normalised (0..~1). */
  docScore: number;
  /** The best BM25 of one of its sentences, normalised. */
  bestSentence: number;
  /** Share of the weight of the question's content concepts the statement holds (1 when there are none). */
  content: number;
  /** The question names places or people and the statement holds none of them (0..1: the share it misses). */
  entityMiss: number;
  /** The question names places or people and the statement holds them all. */
  entityAll: number;
  /** The statement's date (or a date in its text) is the day, month or year the question names. */
  dateMatch: number;
  /** The statement's date is a day either side of the one asked about ("natten till", the morning after). */
  dateNear: number;
  /** The question names a date and the statement is dated otherwise, with no mention of that date. */
  dateMiss: number;
  /** Both years are known and differ. */
  yearConflict: number;
  /** The statement gives no year, and the year its place among the others suggests is not the one asked (dates.ts estimateYears). */
  yearLikelyOther: number;
  /** The question names a kind of event and the statement's title is of that kind. */
  eventTitle: number;
  /** … or its text speaks of it. */
  eventText: number;
  /** The question names a kind of event the statement neither is nor mentions. */
  eventMiss: number;
  /** A summary notice ("Sammanfattning natt"): many events in one statement. */
  summary: number;
  /** Cosine of the question with the statement's nearest sentence (0 without vectors). */
  dense: number;
}

/** What tells that a sentence of a likely statement holds the answer. */
export interface SentenceFeatures {
  /** The statement model's log-odds for the sentence's statement. */
  statement: number;
  /** BM25 of the sentence itself, normalised. */
  sentScore: number;
  /** Share of the content concepts' weight in the sentence (1 when there are none). */
  content: number;
  /** … in the sentence or the one before it (a pronoun or a continued report). */
  contentNear: number;
  /** The question names places or people and the sentence holds one. */
  entityHere: number;
  /** The question asks for a kind of fact (a count, an age, a place …). */
  typed: number;
  /** The sentence holds a fact of the first kind asked for (the recogniser's certainty, 0..1). */
  typeFirst: number;
  /** … of any kind the question accepts. */
  typeAny: number;
  /** How close that fact stands to the words the question asks about (1 adjacent, toward 0 far). */
  typeNear: number;
  /** 1 for the statement's first sentence, ½ the second, … */
  position: number;
  /** A heading, a time stamp or a fragment rather than a sentence ("Kl 01.15 Trafikolycka Riksväg 24"). */
  heading: number;
  /** Opens with a pronoun ("Han", "De"): it continues the sentence before. */
  pronoun: number;
  /** A quote with a named speaker. */
  quote: number;
  /** Cosine of question and sentence (0 without vectors). */
  dense: number;
  /**
   * What the sentence's words say of it as an answer to this kind of question, learned from the tune questions
   * (model.ts `AnswerModel.words`): the sum of its distinct word stems' weights for the question's kind.
   */
  words: number;
}

/** What tells that the best sentence found answers the question at all (the answer-or-refuse decision). */
export interface DecisionFeatures {
  /** How far it stands above the best sentence of any other statement. */
  margin: number;
  /** Its share of the sentence model's probability mass among the candidates (0..1). */
  share: number;
  /** The best statement's share among the candidate statements (0..1). */
  statementShare: number;
  /** Share of the question's content weight its sentence holds, and its statement. */
  content: number;
  statementContent: number;
  /** The question names places or people: the statement holds all of them / none of them. */
  entityAll: number;
  entityMiss: number;
  /** The question names a date: the statement matches it, is a day off, or is dated otherwise. */
  dateMatch: number;
  dateNear: number;
  dateMiss: number;
  /** … its year, given or estimated, is not the one asked. */
  yearOther: number;
  /** The question names a kind of event: the statement's title is of it / neither is nor mentions it. */
  eventTitle: number;
  eventMiss: number;
  /** The question asks for a kind of fact, and the best sentence holds it. */
  typed: number;
  typeFirst: number;
  typeAny: number;
  /** Share of the question's concept weight that the index does not hold anywhere. */
  unknown: number;
}

export const DECISION_FEATURES: readonly (keyof DecisionFeatures)[] = [
  'margin', 'share', 'statementShare', 'content', 'statementContent', 'entityAll', 'entityMiss', 'dateMatch', 'dateNear',
  'dateMiss', 'yearOther', 'eventTitle', 'eventMiss', 'typed', 'typeFirst', 'typeAny', 'unknown',
];

export const STATEMENT_FEATURES: readonly (keyof StatementFeatures)[] = [
  'docScore', 'bestSentence', 'content', 'entityMiss', 'entityAll', 'dateMatch', 'dateNear', 'dateMiss', 'yearConflict',
  'yearLikelyOther', 'eventTitle', 'eventText', 'eventMiss', 'summary', 'dense',
];
export const SENTENCE_FEATURES: readonly (keyof SentenceFeatures)[] = [
  'statement', 'sentScore', 'content', 'contentNear', 'entityHere', 'typed', 'typeFirst', 'typeAny', 'typeNear', 'position',
  'heading', 'pronoun', 'quote', 'dense', 'words',
];

const PRONOUN_START = /^(?:hon|han|hen|de|dessa|denne|she|he|they)\b/i;
/** A line that reports a time or a heading rather than a sentence: no verb-like ending, short, or a time stamp first. */
const TIME_STAMP = /^(?:kl\.?\s?)?\d{1,2}[.:]\d{2}\b|^uppdater/i;

export function isHeading(sentence: string): boolean {
  const words = sentence.split(/\s+/).filter(Boolean);
  if (TIME_STAMP.test(sentence) && words.length <= 6) return true;
  if (!/[.!?:"”]$/.test(sentence.trim()) && words.length <= 8) return true;
  return words.length <= 2;
}

/** Where a word of the question stands in a sentence, and how much that word weighs (its concept's idf). */
export interface Anchor {
  at: number;
  weight: number;
}

/**
 * The best span of the types asked for, and how near it stands to the anchors (the question's words in the
 * sentence, weighted: "hur många av de häktade kommer från gängmiljön" wants the count beside the rarer word).
 */
export function typeEvidence(
  types: readonly AnswerType[],
  sentence: string,
  anchors: Anchor[],
  question: ReadonlySet<string> = new Set(),
  asked: AskedThing = {},
): { first: number; any: number; near: number; best: Span | null; spans: Span[] } {
  const headStems = asked.headStems ?? [];
  const stranded = asked.stranded ?? [];
  const verbStems = asked.verbStems ?? [];
  // A question about a noun ("Vilket däck …?") or with a preposition left standing ("Vad krockade den med?") is
  // answered first by a phrase with that noun as its head, or by that preposition's object.
  const kinds: readonly AnswerType[] = types.length === 0 && (headStems.length || stranded.length || verbStems.length) ? ['object'] : types;
  if (kinds.length === 0) return { first: 0, any: 0, near: 0, best: null, spans: [] };
  // Asked for a kind ("What kind of snake …?"), a compound that names one ("en majsorm") says more than the noun
  // itself ("en ofarlig orm"): the bare noun counts half.
  const bare = (t: string) => headStems.includes(stemSv((/(\p{L}+)\P{L}*$/u.exec(t)?.[1] ?? '').toLowerCase()));
  // A direction asked is said by what follows "mot", "via", "genom" ("i riktning mot vattentornet", "via en
  // balkongdörr"); a destination by what follows "till" ("tog sig till en vindstuga"), whatever the noun: a guess
  // (weight 0.8), below a place the recognisers know.
  const goneTo = [
    ...(asked.direction ? prepositionObjects(sentence, ROUTE_PREPOSITIONS) : []),
    ...(asked.destination ? prepositionObjects(sentence, DESTINATION_PREPOSITIONS) : []),
  ].map((s): Span => ({ ...s, type: 'place', weight: 0.8 }));
  // What the question's own shape points at, besides the recognisers: mostly at weight 1, above their guesses.
  const heads = [
    ...goneTo,
    // Who someone claimed to be: "utgav sig för att vara polis".
    ...(asked.claimed ? claimedIdentities(sentence) : []),
    // What something turned out to be: "Föremålet var en tom termos" (0.8).
    ...(asked.identity ? copulaObjects(sentence) : []),
    // The phrase headed by the noun asked about, and the object of the preposition a question leaves standing.
    ...(headStems.length ? headNounPhrases(sentence, headStems).map((s) => (asked.kind && bare(s.text) ? { ...s, weight: s.weight / 2 } : s)) : []),
    ...(stranded.length ? prepositionObjects(sentence, stranded) : []),
  ];
  // A stretch made only of the question's own words does not answer it ("Vilken nattklubb …?" – "en nattklubb"), nor
  // does a reason that only names the event asked about ("Varför kolliderade bilarna?" – "med anledning av en
  // trafikolycka": why the police came, not why it happened).
  const events = new Set(asked.eventKinds ?? []);
  // For a why-question an offence that names the event asked about is no reason either ("Varför gav de sig på
  // mannen?" – "misshandel"). A thing never starts with a verb ("är släckt"), and a phrase that only says the noun
  // asked about had a name, or was unknown, does not say which ("ett namngivet betaltjänstföretag").
  const questionPersons = asked.persons?.length ? new Set(asked.persons) : null;
  const why = types[0] === 'cause';
  const who = types[0] === 'person' || types[0] === 'role' || types[0] === 'organisation';
  const adds = (s: Span) =>
    addsToQuestion(s.text, question, s.type === 'place' || s.type === 'street' ? GENERIC_PLACE : undefined) &&
    !((s.type === 'cause' || (why && s.type === 'offence')) && events.size > 0 && namesOnly(s.text, events)) &&
    !(s.type === 'object' && (VERB_FIRST.test(s.text) || MANNER.test(s.text))) &&
    !((headStems.length > 0 || asked.claimed || (s.type === 'organisation' && types[0] === 'organisation')) && NOT_IDENTIFYING.test(s.text));
  // What the question itself rules out: a question that ends on choices ("… en man eller en kvinna?") is answered
  // by one of them; a time still to come ("When will …?") by a sentence about what is to come; an age by that of the
  // person asked about, not of one of the other sex; a clock time asked is not a part of the day or a day ("på
  // kvällen" for "Vilken tid …?"); a direction asked is a place gone toward; who did it is not one who suffered it
  // ("målsäganden", "två skadade män", "Mannen … ska ha blivit skjuten"), not the one the question names, nor the
  // police who narrate the notice unless the verb is of what they do; the care of the hurt ("med ambulans") answers
  // only a question about care; "en person" no "who"; "Flera" no "how many"; and who someone in the event was ("Vem
  // satt bakom ratten?") is not the police, unless named, nor one who responded or reported ("räddningstjänsten").
  const fitsQuestion = (s: Span) =>
    (!asked.choices || isChoice(s.text, asked.choices)) &&
    !(asked.setApart?.length && namesOnlySetApart(s.text, asked.setApart)) &&
    !(asked.future && (s.type === 'time' || s.type === 'date') && !FUTURE_SENTENCE.test(sentence)) &&
    !(asked.sex && s.type === 'age' && ageOfOther(sentence, s, asked.sex)) &&
    !(asked.agedRole && s.type === 'age' && ageRole(sentence, s) === otherRole(asked.agedRole)) &&
    !(asked.clock && (s.type === 'date' || (s.type === 'time' && !(/\d/.test(s.text) || (asked.clock === 'day' && PART_OF_DAY.test(s.text)))))) &&
    !(asked.direction && (s.type === 'place' || s.type === 'street') && !towards(sentence, s)) &&
    !(asked.placeStems?.length && (s.type === 'place' || s.type === 'street') && !namesPlaceOf(sentence, s, asked.placeStems)) &&
    !(asked.destination && !asked.police && !asked.dispatch && (s.type === 'place' || s.type === 'street') && notGoneTo(sentence, s)) &&
    !(asked.doer && isPerson(s) && (notTheDoer(sentence, s, asked.doer) || namesQuestionPerson(s.text, question))) &&
    !(!asked.care && s.type !== 'injury' && CARE.test(s.text)) &&
    !(who && !asked.choices && isPerson(s) && GENERIC_PERSON.test(s.text)) &&
    !(s.type === 'object' && GENERIC_THING.test(s.text)) &&
    !(types[0] === 'count' && s.type === 'count' && VAGUE_COUNT.test(s.text)) &&
    // (Who someone claimed to be may be the police: "utgav sig för att vara polis".)
    !(who && !asked.doer && !asked.claimed && !asked.police && isPerson(s) && NARRATOR.test(s.text)) &&
    !(who && !asked.doer && !asked.claimed && isPerson(s) && RESPONDER.test(s.text) && addsToQuestion(s.text, question)) &&
    // A person the sentence names by a definite noun alone ("mannen", "föräldrarna") is one it has spoken of: when the
    // question names one such, it is that one, not whom it asks for ("Vem sitter anhållen efter att en äldre man
    // hittades död?" – "mannen").
    // So is one it names by an article and the question's own person word ("en man" for "Vilka drabbades när en man
    // greps?"), unless the question offers it as a choice.
    !(who && questionPersons && isPerson(s) && (DEFINITE_PERSON.test(s.text) || (!asked.choices && BARE_PERSON.test(s.text) && !DESCRIBED.test(sentence.slice(s.end)))) && namesQuestionPerson(s.text, questionPersons));
  // A question about the police coming takes the reason they were called out for at its full weight; one that does
  // not name the police at all takes it as a poor guess ("Varför hamnade motorcyklisten i diket?" – "larmas … med
  // anledning av att en motorcykel kört ner i diket": why the police came, which the question already knows).
  const dispatchWeight = (s: Span): Span => (!s.dispatch ? s : asked.dispatch ? { ...s, weight: s.weight * 2 } : asked.police ? s : { ...s, weight: s.weight * OTHERS_DISPATCH });
  // The one the sentence says does what a who-question asks about ("Who managed to stop the car?" – "Tullpersonal får
  // stopp på aktuellt fordon") is a sure answer, whatever the recogniser's certainty.
  const doerWeight = (s: Span): Span => (asked.doerStems?.length && isPerson(s) && doesAskedVerb(sentence, s, asked.doerStems) ? { ...s, weight: Math.max(s.weight, 1) } : s);
  // … and none at all when it only says the event again ("larm om en bil som voltat ned i diket" for "Why did the car
  // flip over into the ditch?").
  const echoedDispatch = (s: Span) => Boolean(s.dispatch) && !asked.dispatch && !asked.police && echoShare(s.text, question) >= 0.5;
  const found = [...heads, ...findSpans(types, sentence)].filter((s) => adds(s) && fitsQuestion(s) && !echoedDispatch(s)).map(dispatchWeight).map(doerWeight);
  // The kinds asked for are in order of likelihood: the first kind the sentence holds is the answer's
  // (a reason before an offence for "why", a person before a role for "who").
  const firstType = kinds.find((t) => found.some((s) => s.type === t));
  // Such a question's thing may also be named without its noun ("Vilket slags vapen …?" – "en soft air gun"): with
  // no phrase above, the recognisers of things give the short answer. They are no evidence for the sentence.
  // Last, the phrase beside the question's own verb where the sentence uses it ("Vad körde bilen in i?" – "körde in i
  // en taxibil").
  let spans = firstType ? found.filter((s) => s.type === firstType) : types.length === 0 && (asked.kind || !headStems.length) ? findSpans(kinds, sentence).filter(adds) : [];
  // (Only where a word of the sentence may be the verb: stemming every word is the cost.)
  const lower = verbStems.length ? sentence.toLowerCase() : '';
  const verbed = verbStems.length && (types.length === 0 || types[0] === 'object') && verbStems.some((v) => lower.includes(v)) ? verbObjects(sentence, verbStems).filter(adds) : [];
  if (spans.length === 0) spans = verbed;
  let first = 0;
  let any = 0;
  let near = 0;
  let best: Span | null = null;
  let bestScore = -Infinity;
  // The phrase beside the question's own verb is evidence too ("vad saknades" – "saknades bland annat alkoholhaltiga
  // drycker"), at a guess's weight.
  for (const s of [...found, ...verbed.map((v) => ({ ...v, weight: VERB_OBJECT_EVIDENCE }))]) {
    if (s.type === kinds[0]) first = Math.max(first, s.weight);
    any = Math.max(any, s.weight);
  }
  for (const s of spans) {
    let prox = 0.5;
    if (anchors.length) {
      let sum = 0;
      let total = 0;
      for (const a of anchors) {
        const d = a.at < s.start ? s.start - a.at : a.at > s.end ? a.at - s.end : 0;
        sum += a.weight / (1 + d / 25);
        total += a.weight;
      }
      prox = sum / total;
    }
    // A reason that mostly repeats the question ("har föraren av motorcykeln kört in i bilen bakifrån" for "Varför körde
    // mc-föraren in i bilen bakifrån?") is the event again: the other reason comes first.
    const score = s.weight * (0.5 + prox) * (s.type === 'cause' ? 1 - ECHO_PENALTY * echoShare(s.text, question) : 1);
    if (score > bestScore) {
      bestScore = score;
      best = s;
      near = prox;
    }
  }
  return { first, any, near, best, spans };
}

/**
 * The Swedish stems of a word of the question, from the concept that holds it: its terms of at least `least` weight
 * (1: the word and its translations; less takes in other tenses, synonyms, looser senses). Undefined when no concept
 * holds the word.
 */
export function conceptTerms(concepts: readonly Concept[], word: string, least = 1): string[] | undefined {
  return concepts.find((c) => c.surface === word)?.alternatives.filter((x) => x.weight >= least).map((x) => x.term);
}

/**
 * The Swedish stems of the verb whose thing a "vad/what" question asks for: its translations and its other tenses
 * ("Vad var det som brann?" is answered beside "en bil som brunnit").
 */
export function askedVerbTerms(concepts: readonly Concept[], verb: string): string[] {
  return conceptTerms(concepts, verb, VERB_TERM_WEIGHT) ?? [];
}
/** The least weight of a concept's term that still names the verb itself: not a synonym, nor a looser sense. */
const VERB_TERM_WEIGHT = 0.9;

/** What an open or "what thing" question says about its answer besides its types (QuestionAnalysis). */
export interface AskedThing {
  /** Swedish stems of the noun asked about ("Vilket däck …?"). */
  headStems?: readonly string[];
  /** The noun follows a word of kind ("Vilket slags vapen …?"): things named without it answer too. */
  kind?: boolean;
  /** Prepositions whose object is asked for ("Vad krockade den med?"). */
  stranded?: readonly string[];
  /** The question asks who did something ("Vem krossade …?"), of this kind (question.ts doerKind). */
  doer?: DoerKind | null;
  /** The choices the question ends on, as Swedish stems of each ("en man eller en kvinna?"). */
  choices?: readonly (readonly string[])[] | null;
  /** Swedish stems of the verb whose doer the question asks (question.ts `doerVerb`). */
  doerStems?: readonly string[];
  /** Swedish stems of the person words the question uses ("en äldre man", "the boy"). */
  persons?: readonly string[];
  /** What the question sets apart, as Swedish stems of each of its words (question.ts `setApart`). */
  setApart?: readonly (readonly string[])[];
  /** The question asks for a direction ("Åt vilket håll …?"). */
  direction?: boolean;
  /** The question asks where someone went or was taken ("Vart …?", "Where did he get to?"). */
  destination?: boolean;
  /** The question asks for a clock time ("Vilken tid …?"), or for the time of day ('day': "At what time of day …?"). */
  clock?: boolean | 'day';
  /** The question asks about the care of the hurt: an ambulance or a hospital may answer it (vocabulary.ts CARE_WORDS). */
  care?: boolean;
  /** The question asks what something turned out to be (question.ts `identity`). */
  identity?: boolean;
  /** The question asks who someone claimed to be: what follows "utgav sig för att vara" answers. */
  claimed?: boolean;
  /** The sex of the person whose age is asked (question.ts `sex`). */
  sex?: Sex | null;
  /** Swedish stems of the noun of a "which place" question: a place answers with it as a word's head, or a name. */
  placeStems?: readonly string[];
  /** Whose age is asked: the doer's or the sufferer's (question.ts `agedRole`). */
  agedRole?: AgedRole | null;
  /** The question asks when something will happen: only a sentence about what is to come gives its time. */
  future?: boolean;
  /** The question names the police: the police, who narrate the notices, may then answer "who". */
  police?: boolean;
  /** The question asks why the police came (question.ts asksDispatch). */
  dispatch?: boolean;
  /** The kinds of event the question names (question.ts eventKinds). */
  eventKinds?: readonly string[];
  /** Swedish stems of the verb whose thing a "vad/what" question asks for ("Vad körde bilen in i?"). */
  verbStems?: readonly string[];
}

const VICTIM = new RegExp(`(?<![\\p{L}])(?:${[...VICTIM_WORDS, ...HARM_WORDS].join('|')})(?![\\p{L}])`, 'iu');
// After the person, perhaps past an apposition ("Mannen, som är i 20-årsåldern, ska ha blivit skjuten"): a harm's
// passive, or injuries had ("Männen, som har stick- eller skärskador").
const SUFFERED_AFTER = new RegExp(
  `^(?:,\\s[^,.;]{0,40},)?(?:,?\\s[^,.;]{0,40}?)?\\s(?:(?:har|ska|hade|som)?\\s?(?:ha\\s)?(?:blivit|blev|bli|är|var)\\s(?:${HARM_WORDS.join('|')})(?![\\p{L}])|(?:som\\s)?(?:har|hade|fått|fick)\\s(?:\\p{L}+-\\s(?:eller|och)\\s)?\\p{L}*skador)`,
  'iu',
);
// (… and the police's own people: "polisens tekniker".)
const NARRATOR = new RegExp(`^(?:(?:en|ett|den|de)\\s)?(?:${NARRATOR_WORDS.join('|')})$|^polisens\\s\\p{L}+$`, 'iu');
/** `text` holds a word of one of the choices (their Swedish stems): the word itself, inflected, or a compound's head. */
function isChoice(text: string, choices: readonly (readonly string[])[]): boolean {
  const stems = tokenize(text).map(stemSv);
  return choices.some((c) => c.some((st) => stems.some((w) => stemInflects(w, st) || isStemOrHead(w, st, 4))));
}

/**
 * Every word of `text` is a part of what the question set apart ("försök till rån" for "utöver rånförsöket",
 * "narkotika" for "apart from drugs"): it names that thing again, not another.
 */
function namesOnlySetApart(text: string, setApart: readonly (readonly string[])[]): boolean {
  const words = tokenize(text).filter((w) => w.length >= 3 && !SET_APART_FILLER.has(w));
  const stems = setApart.flat().filter((st) => st.length >= 3);
  return words.length > 0 && words.every((w) => {
    const st = stemSv(w);
    return stems.some((a) => stemInflects(st, a) || a.includes(st) || st.includes(a));
  });
}
const SET_APART_FILLER = new Set(['till', 'för', 'och', 'med', 'av', 'som', 'den', 'det', 'ett', 'hans', 'hennes', 'sin', 'sitt', 'sina']);

const COMPASS = new RegExp(`^(?:${COMPASS_WORDS.join('|')})$`, 'i');
/** A place gone toward ("i riktning mot Järntorget", "mot centrum") or a point of the compass ("söderut"). */
function towards(sentence: string, s: Span): boolean {
  return COMPASS.test(s.text) || /(?:^|\s)(?:mot|åt|riktning mot|in mot|bort mot|vidare mot|via|genom)\s$/i.test(sentence.slice(Math.max(0, s.start - 20), s.start));
}

/**
 * `s` is not where someone went: where the police were sent ("Polis kallades till Kvarnkroken"), or where one came
 * from ("avvek från platsen", "smitning från trafikolycksplats").
 */
function notGoneTo(sentence: string, s: Span): boolean {
  const before = sentence.slice(Math.max(0, s.start - 60), s.start);
  return DISPATCHED_TO.test(before) || /(?:^|\s)(?:från|ifrån)\s$/i.test(before) || /^(?:från|ifrån)\s/i.test(s.text);
}

/**
 * `s` is a place of the kind a "which place" question asks ("Vilket sjukhus …?": "Sahlgrenska sjukhuset", "USÖ",
 * "Kortedala"): a word with that noun as its head, or a name (capitalised, not as the sentence's first word). Not
 * another kind of place ("en vårdcentral", "sjukvård").
 */
function namesPlaceOf(sentence: string, s: Span, stems: readonly string[]): boolean {
  return s.text.split(/\s+/).some((w, i) => {
    if (/^\p{Lu}/u.test(w) && !(i === 0 && /^\P{L}*$/u.test(sentence.slice(0, s.start)))) return true;
    const st = stemSv(w.toLowerCase());
    return stems.some((h) => h.length >= 3 && (stemInflects(st, h) || (st.length > h.length && st.endsWith(h))));
  });
}

/** A phrase that names only the care of the hurt ("med ambulans", "till sjukhuset", "ambulanspersonal"). */
const CARE = new RegExp(`^(?:(?:med|till|på|av|från|en|ett|den|det)\\s)*(?:${CARE_WORDS.join('|')})$`, 'iu');
/** A part of the day ("vid lunchtid", "på kvällen", "under natten"). */
const PART_OF_DAY = /natt|morgon|morse|förmiddag|eftermiddag|kväll|lunch|midnatt|gryning|skymning/iu;
/** Someone named by a word that says nothing of who ("en person", "tre personer", "gärningsmannen"). */
const GENERIC_PERSON = new RegExp(`^(?:(?:en|ett|den|de|någon|några|flera|två|tre|fyra|fem|sex|\\d+)\\s)?(?:${GENERIC_PERSON_WORDS.join('|')})$`, 'iu');
/** A thing named by a word that says nothing of what ("gods", "ett föremål", "okänt gods"). */
// (A word that only says where, "adressen", "platsen", is no thing either: "Mannen lämnar adressen".)
const GENERIC_THING = new RegExp(`^(?:(?:en|ett|den|det|de|något|några|flera|okänt|okända|visst)\\s)?(?:${[...GENERIC_THING_WORDS, ...GENERIC_PLACE_WORDS].join('|')})$`, 'iu');
/** A count that does not say how many ("Flera", "ett antal"): no answer to "Hur många …?". */
const VAGUE_COUNT = new RegExp(`^(?:${VAGUE_COUNTS.join('|')})$`, 'iu');
/** A unit of the police that came to the scene ("Nationella bombskyddet", "kriminaltekniker"). */
const POLICE_UNIT = new RegExp(`^(?:(?:en|ett|den|de|från|av)\\s)*(?:polisens\\s)?(?:${POLICE_UNIT_WORDS.join('|')})$`, 'iu');
/** One who responded to or reported the event ("Räddningstjänsten", "allmänheten", "En inringare"). */
const RESPONDER = new RegExp(`^(?:(?:en|ett|den|de|från|av)\\s)*(?:polisens\\s)?(?:${RESPONDER_WORDS.join('|')})$`, 'iu');
/** A manner ("på ett vingligt sätt", "ett liknande sätt"): how, not what. */
const MANNER = /^(?:på\s)?(?:ett|samma|det)\s(?:\p{L}+\s)?sätt$/iu;
/** A sentence about what is to come ("kommer att öppna", "ska inledas", "planeras", "från och med"). */
const FUTURE_SENTENCE = /(?<![\p{L}])(?:kommer\s(?:\p{L}+\s){0,2}att|ska\s(?!ha\s)\p{L}+|skall\s(?!ha\s)\p{L}+|planeras|planerar|beräknas|väntas|från och med|fr\.o\.m\.?)(?![\p{L}])/iu;
/**
 * Where the police were sent: "Polis kallades till …", "patrullen åkte till …" (a passive dispatch verb, or the police as
 * subject), and the place the destination lies in ("till Kvarnkroken på Norra fäladen").
 */
const DISPATCHED_TO = new RegExp(
  `(?<![\\p{L}])(?:(?:${alternation(DISPATCH_VERBS.filter((v) => /(?:as|ades|ats)$/.test(v)))})|(?:polis\\p{L}*|patrull\\p{L}*)\\s(?:\\p{L}+\\s){0,2}?(?:${alternation(DISPATCH_VERBS)}))\\s(?:(?:\\p{L}+\\s){0,3})?(?:till|in i)\\s(?:[\\p{L}\\d-]+\\s(?:på|i|vid)\\s)?$`,
  'iu',
);
/** How much a reason loses for each share of its words that are the question's own (1: all lost). */
const ECHO_PENALTY = 0.8;
/** How many words after a person the verb of the deed asked about may stand ("Personalen hade uppmärksammat att det brann och själv släckt"). */
const DOER_VERB_WORDS = 8;
/** What is left of the weight of a reason the police were called out for, in a why-question that does not name the police. */
const OTHERS_DISPATCH = 0.3;
/** How sure the phrase beside the question's own verb is, as evidence for its sentence. */
const VERB_OBJECT_EVIDENCE = 0.8;
const ROUTE_PREPOSITIONS = ['i riktning mot', 'mot', 'via', 'genom'];
const DESTINATION_PREPOSITIONS = ['till', 'in i'];
const VERB_FIRST = new RegExp(`^(?:${FINITE_AUXILIARIES.join('|')})(?![\\p{L}])`, 'iu');
const NOT_IDENTIFYING = new RegExp(`^(?:(?:en|ett|ena|den|det|de|någon|något|några)\\s)?(?:${NON_IDENTIFYING.join('|')})\\s\\p{L}+$`, 'iu');
const isPerson = (s: Span) => s.type === 'person' || s.type === 'role' || s.type === 'organisation';
/** `span` names someone who cannot be the doer a question of kind `kind` asks for. */
function notTheDoer(sentence: string, span: Span, kind: DoerKind): boolean {
  // One who suffered it may have reported it; one who reports or responds ("inringaren", "räddningstjänsten") did
  // no deed.
  if (kind !== 'report' && span.type !== 'organisation' && isVictim(sentence, span)) return true;
  if (kind === 'deed' && (RESPONDER.test(span.text) || POLICE_UNIT.test(span.text))) return true;
  return kind !== 'police' && NARRATOR.test(span.text);
}

/**
 * The person of `text` is one the question already names ("Vilka höll fast de två männen …?" – "båda män"): the doer
 * asked for is someone else. Its last word is a person word whose stem and a question stem are inflections of each other.
 */
/**
 * The person `s` does what the question asks about: the verb (one of `stems`) follows it within a few words of the
 * same clause ("Tullpersonal får stopp på …", "Personalen hade … själv släckt"), or `s` is its agent after "av"
 * ("släcktes av personalen").
 */
function doesAskedVerb(sentence: string, s: Span, stems: readonly string[]): boolean {
  const isVerb = (w: string) => {
    const st = stemSv(w.toLowerCase());
    return stems.some((v) => v.length >= 3 && (stemInflects(st, v) || st.startsWith(v)));
  };
  // (The clause ends where "och" brings a subject of its own: "… ringde larmcentralen och en granne släckte".)
  const after = sentence.slice(s.end, s.end + 80).split(/[.;:!?]|,\s|\s(?:som|men|eftersom|när|då|där)\s|\soch\s(?=(?:en|ett|två|de|den|det|han|hon|hen|polis\p{L}*|\p{Lu}\p{L}*)\s)/u)[0] ?? '';
  if (tokenize(after).slice(0, DOER_VERB_WORDS).some(isVerb)) return true;
  const before = sentence.slice(Math.max(0, s.start - 60), s.start);
  return /(?<![\p{L}])av\s$/iu.test(before) && tokenize(before).slice(-5).some(isVerb);
}

/** One definite noun: "mannen", "Kvinnan", "pojkarna" (not "en man", "två kvinnor", "Anna"). */
const DEFINITE_PERSON = /^\p{L}+(?:en|an|na|et)$/u;
/** A person named by an article or a small number and a noun alone: "en man", "två kvinnor" … */
const BARE_PERSON = /^(?:en|ett|två|tre)\s\p{L}+$/iu;
/** … unless the sentence describes them right after: "en man i 40-årsåldern", "en man, 25 år,". */
const DESCRIBED = /^\s*(?:i\s+(?:\d|\p{L}+årsåldern)|,?\s*\d|,\s*(?:född|som\sär\si))/iu;

function namesQuestionPerson(text: string, question: ReadonlySet<string>): boolean {
  if (!isPersonPhrase(text)) return false;
  const st = stemSv((/(\p{L}+)\P{L}*$/u.exec(text)?.[1] ?? '').toLowerCase());
  // … or the head of a question word's compound ("En pojke" for "tonårspojken").
  for (const q of question) if (q.length >= 3 && (stemInflects(st, q) || stemInflects(q, st) || (st.length >= 3 && q.length > st.length + 2 && q.endsWith(st)))) return true;
  return false;
}

/**
 * The age `span` is given of someone of the other sex: the person word right before it ("en man i 40-årsåldern", "en
 * man, som är i 40-årsåldern,") or right after it ("en 40-årig man").
 */
function ageOfOther(sentence: string, span: Span, sex: Sex): boolean {
  const before = /(\p{L}+)(?:\s(?:i|på)|,\s(?:som\s)?(?:är|var)\s(?:i|på))?\s$/u.exec(sentence.slice(Math.max(0, span.start - 30), span.start))?.[1];
  const after = /^\s(\p{L}+)/u.exec(sentence.slice(span.end, span.end + 20))?.[1];
  const of = (before && sexOf(before)) || (/årig/iu.test(span.text) && after ? sexOf(after) : null);
  return of !== null && of !== sex;
}

const SUSPECT_NEAR = new RegExp(`(?<![\\p{L}])(?:${alternation(SUSPECT_WORDS)})`, 'iu');
const SUFFERER_NEAR = new RegExp(`(?<![\\p{L}])(?:${alternation([...SUFFERER_WORDS, ...VICTIM_WORDS, ...HARM_WORDS])}|\\p{L}*(?:rånats|misshandlats|skadats|knivhuggits|skjutits|hotats|slagits|utsatts|bestulits))(?![\\p{L}])`, 'iu');
const otherRole = (r: AgedRole): AgedRole => (r === 'doer' ? 'sufferer' : 'doer');

/**
 * Whose an age is, by the words of its sentence within a few words of it: a suspect's ("Gärningspersonen beskrivs som
 * en man i 40-årsåldern", "gripa fyra pojkar i 18-årsåldern") or a sufferer's ("En pojke i nedre tonåren uppger att
 * han har blivit rånad"); null when both or neither.
 */
function ageRole(sentence: string, span: Span): AgedRole | null {
  const near = sentence.slice(Math.max(0, span.start - 50), span.end + 50);
  const doer = SUSPECT_NEAR.test(near);
  const sufferer = SUFFERER_NEAR.test(near);
  return doer === sufferer ? null : doer ? 'doer' : 'sufferer';
}

/** The person of `span` suffered: named as a victim, with a word of harm, or the subject of a harm's passive. */
function isVictim(sentence: string, span: Span): boolean {
  return VICTIM.test(span.text) || SUFFERED_AFTER.test(sentence.slice(span.end, span.end + 60));
}

/** A noun phrase that names one of `kinds` of event and no other ("en trafikolycka", "en singelolycka med personbil"). */
function namesOnly(text: string, kinds: ReadonlySet<string>): boolean {
  // A clause ("att en motorcykel kört ner i diket") says more than what happened.
  if (text.split(/\s+/).length > 5 || /^att\s/i.test(text)) return false;
  const named = eventKinds(text, 'sv');
  return named.length > 0 && named.every((k) => kinds.has(k.kind));
}

/** Words of a place that say nothing of where ("området Hedentorp" for a question that names Hedentorp). */
const GENERIC_PLACE = new Set(GENERIC_PLACE_WORDS);
/** Words that carry nothing of their own in an answer: articles, determiners, pronouns. */
const EMPTY = new Set(['en', 'ett', 'den', 'det', 'de', 'dessa', 'denna', 'detta', 'sin', 'sitt', 'sina', 'hans', 'hennes', 'deras', 'i', 'på', 'vid', 'av', 'och', 'the', 'a', 'an']);

/** The share of the content words of `text` that are the question's own (as addsToQuestion reads them). */
function echoShare(text: string, question: ReadonlySet<string>): number {
  let n = 0;
  let known = 0;
  for (const t of tokenize(text)) {
    if (EMPTY.has(t) || t.length < 3 || /\d/.test(t)) continue;
    n++;
    if (isQuestionStem(stemSv(t), question)) known++;
  }
  return n ? known / n : 0;
}

/** `stem` is a question stem or starts with one (`polisman` repeats `polis`). */
function isQuestionStem(stem: string, question: ReadonlySet<string>): boolean {
  if (question.has(stem)) return true;
  for (const q of question) if (q.length >= 4 && stem.startsWith(q)) return true;
  return false;
}

/**
 * True when `text` holds a word the question does not: a content word whose stem is not a question stem nor
 * starts with one (`polisman` repeats `polis`), or any figure.
 */
export function addsToQuestion(text: string, question: ReadonlySet<string>, empty?: ReadonlySet<string>): boolean {
  if (question.size === 0) return true;
  for (const t of tokenize(text)) {
    if (EMPTY.has(t) || empty?.has(t)) continue;
    if (/\d/.test(t)) {
      if (question.has(t)) continue;
      return true;
    }
    if (!isQuestionStem(stemSv(t), question)) return true;
  }
  return false;
}

/**
 * The span without the question's own words at its start ("stadsdelarna Rinkeby-Kista och Spånga-Tensta" for
 * "Vilka stadsdelar …?" is "Rinkeby-Kista och Spånga-Tensta"); still a stretch of the sentence.
 */
export function trimQuestionWords(span: Span, question: ReadonlySet<string>): Span {
  let { start, text } = span;
  for (;;) {
    const m = /^([\p{L}\p{N}'’-]+)(\s+)(?=\S)/u.exec(text);
    if (!m) break;
    const s = stemSv(m[1]!.toLowerCase());
    if (!isQuestionStem(s, question)) break;
    start += m[0].length;
    text = text.slice(m[0].length);
  }
  return { ...span, start, text, end: start + text.length };
}

export function pronounStart(sentence: string): boolean {
  return PRONOUN_START.test(sentence);
}

/** Where a stretch ends besides the question's words: punctuation and the words that open a clause of its own. */
const STRETCH_BREAK = /[,;:()–—"”]|\s(?=(?:men|som|där|när|då|eftersom|vilket|varpå|medan|innan|efter att|sedan)\s)/giu;
const NARRATION = new RegExp(`^(?:${alternation(NARRATION_STEMS)})`, 'u');
const DETERMINERS: ReadonlySet<string> = new Set(PHRASE_DETERMINERS);
/** A word a stretch does not count: a stop word or an article, preposition or pronoun (EMPTY). */
const filler = (token: string) => isStopword(token) || EMPTY.has(token);
/** A stretch that opens with a noun phrase scores this much more than its content words alone. */
const PHRASE_BONUS = 0.5;

/**
 * The last resort for an open "what" question no recogniser answers ("What blew up in the stairwell?"): the stretch
 * of a clause of `sentence` that the question does not already say, with the most content words of its own, a
 * stretch that opens with a noun phrase first. It runs between the question's words and the notice's words for its
 * own handling (NARRATION_STEMS); stop words at its edges are left out, and a verb or two before a noun phrase too
 * ("börjat brinna i en högtalare" for "What caught fire?" is "en högtalare"). Still a stretch of the sentence.
 */
export function novelStretch(sentence: string, question: ReadonlySet<string>): Span | null {
  let best: { start: number; end: number; score: number } | null = null;
  const clauses: [number, number][] = [];
  let from = 0;
  for (const m of sentence.matchAll(STRETCH_BREAK)) {
    clauses.push([from, m.index!]);
    from = m.index! + m[0].length;
  }
  clauses.push([from, sentence.length]);
  for (const [cs, ce] of clauses) {
    // `phrase`: where the run's noun phrase starts (at most two content words in), or -1.
    let run: { start: number; end: number; content: number; phrase: number } | null = null;
    const close = () => {
      if (run && run.content > 0) {
        const score = run.content + (run.phrase >= 0 ? PHRASE_BONUS : 0);
        if (!best || score > best.score) best = { start: run.phrase >= 0 ? run.phrase : run.start, end: run.end, score };
      }
      run = null;
    };
    for (const t of tokenSpans(sentence.slice(cs, ce))) {
      const stop = filler(t.token);
      if (!stop && (isQuestionStem(stemSv(t.token), question) || NARRATION.test(t.token))) {
        close();
        continue;
      }
      const det = DETERMINERS.has(t.token);
      if (!run) {
        if (stop && !det) continue;
        run = { start: cs + t.start, end: cs + t.end, content: 0, phrase: det ? cs + t.start : -1 };
      } else if (det && run.phrase < 0 && run.content <= 2) run.phrase = cs + t.start;
      run.end = cs + t.end;
      if (!stop && t.token.length >= 3) run.content++;
    }
    close();
  }
  if (!best) return null;
  const { start, end } = best as { start: number; end: number };
  let text = sentence.slice(start, end);
  // No stop word at its end ("tog två mobiltelefoner från").
  for (;;) {
    const m = /\s+(\p{L}+)$/u.exec(text);
    if (!m || !filler(m[1]!.toLowerCase())) break;
    text = text.slice(0, m.index);
  }
  return { type: 'object', start, end: start + text.length, text, weight: 0.3 };
}
