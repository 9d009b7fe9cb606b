/**
 * Who says a sentence. Press releases mark quotes with an opening dash or quotation marks and name the speaker
 * at the end of the paragraph ("…, sade regionpolischef i Stockholm Mats Löfving.") or before it ("X säger:").
 * Every sentence of a quoted paragraph is attributed to that speaker. Speech verbs, titles and the prepositions
 * that join a unit to a name come from vocabulary.ts.
 */
import { alternation, ATTRIBUTION_PREPOSITIONS, NOT_NAMES, SPEECH_VERBS, TITLES } from './vocabulary.js';

const VERBS = alternation(SPEECH_VERBS);
const VERB_RE = new RegExp(`(?:^|[,;]\\s*|[”"»]\\s*)(?:${VERBS})\\s+(.+?)[.!:]?\\s*$`, 'u');
/** "…, Mats Löfving said." / "…, säger Mats Löfving." with the name before the verb. */
const NAME_THEN_VERB_RE = new RegExp(`[,;”"»]\\s*((?:\\p{Lu}[\\p{L}'’-]+\\s+){1,3}\\p{Lu}[\\p{L}'’-]+)\\s+(?:${VERBS})[.!]?\\s*$`, 'u');
/** "Mats Löfving säger:" / "X said:" introducing the quote that follows. */
const INTRO_RE = new RegExp(`((?:\\p{Lu}[\\p{L}'’-]+\\s+){0,3}\\p{Lu}[\\p{L}'’-]+)(?:,[^,]{1,60},)?\\s+(?:${VERBS})\\s*:\\s*$`, 'u');

const PREPOSITIONS = new Set(ATTRIBUTION_PREPOSITIONS);
const NAME_WORD = /^\p{Lu}[\p{L}'’-]*$/u;
/** A title word: one of TITLES, or a compound ending in one ("regionpolischef", "finansborgarråd"), definite forms included. */
const TITLE_RE = new RegExp(`(?:${alternation(TITLES.filter((t) => !t.includes(' ')))})(?:en|et|n|t)?$`, 'iu');
/** Name particles that may stand in lower case inside a name. */
const PARTICLES = new Set(['von', 'af', 'de', 'van', 'der', 'la', 'le', 'du', 'da']);
/** Words after which the attribution goes on about something else: "… som lett insatsen", "… och fortsätter". */
const NAME_ENDS = new Set([...PREPOSITIONS, 'som', 'och', 'samt', 'med', 'who', 'and']);

/** Opens a quoted paragraph: a dash of dialogue or a quotation mark. */
export function isQuoteParagraph(paragraph: string): boolean {
  return /^\s*(?:[–—]|-\s|["”“„»«])/.test(paragraph);
}

/**
 * The person named in an attribution phrase such as `regionpolischef i Stockholm Mats Löfving`,
 * `Anna König Jerlmyr, finansborgarråd`, `yttre befäl Andreas Pehrson som lett insatsen` or
 * `Patrik Bergqvist på brottssamordningen i Västmanland`: the first run of capitalised words that names a person,
 * without the title before it, the place before it (`i Stockholm`), or the unit after it (`vid …`, `på …`).
 */
export function nameIn(phrase: string): string | null {
  const head = phrase.split(/[,(;:]/)[0]!.trim();
  const words = head.split(/\s+/).filter(Boolean).map((w) => w.replace(/[.,!?:;”"»]+$/, ''));
  let i = 0;
  let afterTitle = false;
  while (i < words.length) {
    // Skip the title and anything lower-case before the name ("polisens presstalesperson", "yttre befäl").
    while (i < words.length && !NAME_WORD.test(words[i]!)) {
      if (NAME_ENDS.has(words[i]!.toLowerCase()) && i > 0 && !PREPOSITIONS.has(words[i]!.toLowerCase())) return null;
      afterTitle ||= TITLE_RE.test(words[i]!);
      i++;
    }
    const run: string[] = [];
    while (i < words.length) {
      const w = words[i]!;
      if (NAME_WORD.test(w)) run.push(w);
      else if (run.length > 0 && PARTICLES.has(w) && i + 1 < words.length && NAME_WORD.test(words[i + 1]!)) run.push(w);
      else break;
      i++;
    }
    if (run.length === 0) return null;
    const prepBefore = (() => {
      const k = words.indexOf(run[0]!) - 1;
      return k >= 0 && PREPOSITIONS.has(words[k]!.toLowerCase());
    })();
    // "i Stockholm Mats Löfving": a place before the name.
    if (run.length > 2 && prepBefore) run.shift();
    // A capitalised title opening the phrase is not part of the name ("Kommunalrådet Per Persson").
    if (run.length >= 2 && TITLE_RE.test(run[0]!)) run.shift();
    if (run.length === 1 && (NOT_NAMES.includes(run[0]!.toLowerCase()) || TITLE_RE.test(run[0]!))) {
      // "polisen", "Polisområde" are not people; look further ("säger Polisen i X" has no name).
      continue;
    }
    if (run.length === 1 && prepBefore) continue; // "på Brottssamordningen", "i Västerbotten": a unit or place
    if (run.length === 1 && !afterTitle && words.length > 1 && i < words.length && !NAME_ENDS.has(words[i]!.toLowerCase())) return null;
    return run.join(' ');
  }
  return null;
}

/** The speaker named at the end of a quoted paragraph, or null. */
export function trailingSpeaker(paragraph: string): string | null {
  const m = NAME_THEN_VERB_RE.exec(paragraph);
  if (m) return nameIn(m[1]!);
  // Look only at the last sentence-ish stretch, after the last closing quote or comma before the verb.
  const tail = paragraph.slice(Math.max(0, paragraph.length - 200));
  const v = VERB_RE.exec(tail);
  if (!v) return null;
  return nameIn(v[1]!);
}

/** The speaker a paragraph introduces for the quote after it ("Mats Löfving säger:"), or null. */
export function introducedSpeaker(paragraph: string): string | null {
  const m = INTRO_RE.exec(paragraph);
  return m ? nameIn(m[1]!) : null;
}

/**
 * Speakers for each paragraph: a quoted paragraph takes the name in its own attribution, else that of the
 * next quoted paragraph of the same run (the quote goes on), else the one an introducing paragraph named,
 * else the previous quoted paragraph's. Unquoted paragraphs have none.
 */
export function attributeParagraphs(paras: string[]): (string | null)[] {
  const own = paras.map((p) => (isQuoteParagraph(p) ? trailingSpeaker(p) : null));
  const out: (string | null)[] = paras.map(() => null);
  for (let i = 0; i < paras.length; i++) {
    if (!isQuoteParagraph(paras[i]!)) continue;
    let speaker = own[i] ?? null;
    for (let j = i + 1; speaker === null && j < paras.length && isQuoteParagraph(paras[j]!); j++) speaker = own[j] ?? null;
    for (let j = i - 1; speaker === null && j >= 0; j--) {
      if (isQuoteParagraph(paras[j]!)) {
        if (out[j]) speaker = out[j]!;
        continue;
      }
      speaker = introducedSpeaker(paras[j]!);
      break;
    }
    out[i] = speaker;
  }
  return out;
}

const QUOTE_OPEN = '["“”„»«]|[–—-]\\s';
const QUOTE_CLOSE = '["“”»«]';
/** `”De är nu frihetsberövade”, sa Löfving.` / `"…," said Jane Doe` / `… säger Mats Löfving`. */
const ATTRIBUTED = new RegExp(`^\\s*(?:${QUOTE_OPEN})?\\s*([\\s\\S]+?)\\s*(?:${QUOTE_CLOSE})?\\s*,?\\s*(?:${VERBS})\\s+([^,.;:!?]+?)[.!]?\\s*$`, 'u');
const NAME_FIRST = new RegExp(`^\\s*(?:${QUOTE_OPEN})?\\s*([\\s\\S]+?)\\s*(?:${QUOTE_CLOSE})?\\s*,\\s*((?:\\p{Lu}[\\p{L}'’-]+\\s+){0,3}\\p{Lu}[\\p{L}'’-]+)\\s+(?:${VERBS})[.!]?\\s*$`, 'u');

/**
 * A quote that carries its own attribution, split into the quoted words and the person it names:
 * `”De som trodde de var onåbara är nu frihetsberövade”, sa Löfving` → the words and "Löfving". Null when the
 * text names no speaker that way.
 */
export function splitAttribution(text: string): { quote: string; speaker: string } | null {
  const m = NAME_FIRST.exec(text) ?? ATTRIBUTED.exec(text);
  if (!m) return null;
  const speaker = NAME_FIRST.test(text) ? nameIn(m[2]!) ?? m[2]!.trim() : nameIn(m[2]!);
  const quote = m[1]!.replace(/[,;]\s*$/, '').trim();
  if (!speaker || quote.split(/\s+/).length < 2) return null;
  return { quote, speaker };
}
