/**
 * The short answer: a stretch of the best sentence that answers the question type ("380", "Mats Löfving",
 * "2019"), always the sentence's own characters. Null when the sentence holds no such stretch.
 */
import { nameIn } from '../text/speakers.js';
import type { QuestionType } from '../types.js';

const NUMBER_WORDS =
  'en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|tretton|fjorton|femton|sexton|sjutton|arton|nitton|tjugo|trettio|fyrtio|femtio|hundra|tusen|ett par|flera|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred|dozens';
const UNITS = 'promille|procent|kronor|kr|km/h|kilometer|km|meter|kilo|kg|gram|grader|percent|per cent';
const NUMBER = new RegExp(`(?<![\\p{L}\\p{N}-])(?:\\d+(?:[ ,.]\\d+)*(?:\\s(?:${UNITS})\\b)?|(?:${NUMBER_WORDS})(?![\\p{L}-]))`, 'giu');
const AGE = /(?<![\p{L}])(?:\d+-(?:årig|åring|årsåldern|årsålder)\p{L}*|\d+ år gammal|\d+ years? old|\d+-year-old)/giu;
const DATE =
  /\b(?:(?:den\s)?\d{1,2}(?::e)?\s(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)(?:\s\d{4})?|(?:january|february|march|april|may|june|july|august|september|october|november|december)\s\d{1,2}(?:,\s\d{4})?|(?:1[89]|20)\d{2}|(?:i\s)?(?:måndags|tisdags|onsdags|torsdags|fredags|lördags|söndags)|kl(?:\.|ockan)?\s?\d{1,2}[.:]\d{2})\b/giu;
const NAME = /(?<![\p{L}])\p{Lu}[\p{Ll}'’-]+(?:\s(?:von |af |de )?\p{Lu}[\p{Ll}'’-]+)+/gu;
const PLACE_LIST = /(?<![\p{L}])\p{Lu}[\p{L}-]+(?:(?:,\s|\s(?:och|samt|and)\s)\p{Lu}[\p{L}-]+)*/gu;
/** Words after which the answer to a "what" question follows in police notices. */
const WHAT_TRIGGERS =
  /\b(?:gällande|rubricering(?:en)?|rubriceras som|misstänkt(?:a|s)? för|misstänks för|anmälan om|anmäls för|stals|stulits|stulna|med sig|kolliderat med|kolliderade med|körde på|påkörd av|hittades|beslagtogs|suspected of|charged with)\s+/giu;
const WHAT_END = /(?=[.;:!?]|,\s|\s(?:inleds|upprättas|upprättades|har|hade|och har|som|efter|på grund|vid|i samband|eftersom|men)\b)/u;

export interface Span {
  text: string;
  start: number;
}

function all(re: RegExp, s: string): Span[] {
  return [...s.matchAll(re)].map((m) => ({ text: m[0], start: m.index! }));
}

/**
 * Picks the candidate nearest to where the question's words are in the sentence (`anchors`: character
 * offsets of matched words), favouring the same clause.
 */
function nearest(cands: Span[], anchors: number[], sentence: string): Span | null {
  if (cands.length === 0) return null;
  if (anchors.length === 0) return cands[0]!;
  const clause = (pos: number) => sentence.slice(0, pos).split(/,|;|\soch\s|\sand\s|\ssamt\s/).length;
  let best = cands[0]!;
  let bestScore = -Infinity;
  for (const c of cands) {
    let score = 0;
    for (const a of anchors) {
      const sameClause = clause(a) === clause(c.start) ? 2 : 0;
      score += sameClause + 1 / (1 + Math.abs(a - c.start) / 10);
    }
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}

/**
 * `given`: words of the question (lower case); a number the asker already gave ("länsväg 383", "den 26
 * oktober") is never the answer to "how many".
 */
export function shortAnswer(type: QuestionType, sentence: string, anchors: number[], speaker: string | null, given: ReadonlySet<string> = new Set()): string | null {
  switch (type) {
    case 'how_many':
      return nearest(counts(sentence).filter((n) => !given.has(n.text.toLowerCase())), anchors, sentence)?.text ?? null;
    case 'how_old':
      return nearest(all(AGE, sentence), anchors, sentence)?.text ?? null;
    case 'when':
      return nearest(all(DATE, sentence), anchors, sentence)?.text ?? null;
    case 'who': {
      if (speaker) return speaker;
      const names = all(NAME, sentence).filter((n) => n.start > 0 || n.text.includes(' '));
      const name = nearest(names, anchors, sentence);
      // "Finansborgarrådet Anna König Jerlmyr": the title is not the name.
      if (!name) return null;
      const bare = nameIn(name.text);
      return bare && sentence.includes(bare) ? bare : name.text;
    }
    case 'where': {
      const places = all(PLACE_LIST, sentence).filter((p) => p.start > 0);
      return nearest(places, anchors, sentence)?.text ?? null;
    }
    case 'what':
      return nearest(whatPhrases(sentence), anchors, sentence)?.text ?? null;
    default:
      return null;
  }
}

/** Whether a sentence holds the kind of fact the question type asks for (always false for types without one). */
export function hasAnswerShape(type: QuestionType, sentence: string, speaker: string | null): boolean {
  switch (type) {
    case 'how_many':
      return counts(sentence).length > 0;
    case 'how_old':
      return all(AGE, sentence).length > 0;
    case 'when':
      return all(DATE, sentence).length > 0;
    case 'who':
      return speaker !== null || all(NAME, sentence).some((n) => n.start > 0 || n.text.includes(' '));
    case 'what':
      return whatPhrases(sentence).length > 0;
    default:
      return false;
  }
}

/**
 * Numbers that can answer "how many": not the article "en"/"ett", not an age ("20-årsåldern"), not a clock
 * time ("00.18", "14:51"), not a date's day.
 */
function counts(sentence: string): Span[] {
  return all(NUMBER, sentence).filter((n) => {
    if (/^(en|ett|one)$/i.test(n.text)) return false;
    if (/^\d{1,2}[.:]\d{2}$/.test(n.text)) return false;
    if (/^(?:19|20)\d{2}$/.test(n.text)) return false; // a year
    const after = sentence.slice(n.start + n.text.length, n.start + n.text.length + 14);
    if (/^-\p{L}/u.test(after)) return false; // 20-årsåldern, 17-tiden, ett 40-tal
    if (/^\s(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\b/i.test(after)) return false;
    return true;
  });
}

function whatPhrases(sentence: string): Span[] {
  const found: Span[] = [];
  for (const m of sentence.matchAll(WHAT_TRIGGERS)) {
    const from = m.index! + m[0].length;
    const rest = sentence.slice(from);
    const end = WHAT_END.exec(rest);
    const text = rest.slice(0, end ? end.index : rest.length).trim();
    if (text && text.split(/\s+/).length <= 10) found.push({ text, start: from });
  }
  return found;
}
