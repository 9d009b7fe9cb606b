/**
 * Who says a sentence. Press releases mark quotes with an opening dash or quotation marks and name the speaker
 * at the end of the paragraph ("…, sade regionpolischef i Stockholm Mats Löfving.") or before it ("X säger:").
 * Every sentence of a quoted paragraph is attributed to that speaker.
 */

/** Verbs of saying that introduce the speaker after a quote, Swedish and English. */
const SPEECH_VERBS =
  'sade|sa|säger|sägs|fortsätter|fortsatte|berättar|berättade|förklarar|förklarade|menar|menade|konstaterar|konstaterade|framhåller|framhöll|avslutar|avslutade|understryker|underströk|betonar|betonade|tillägger|tillade|uppger|uppgav|skriver|skrev|säger hon|säger han|said|says|added|adds|continued|continues|explained|explains|told|stated|states|noted|notes|according to'.split(
    '|',
  );
const VERB_RE = new RegExp(`(?:^|[,;]\\s*|[”"»]\\s*)(?:${SPEECH_VERBS.join('|')})\\s+(.+?)[.!]?\\s*$`, 'u');
/** "…, Mats Löfving said." / "…, säger Mats Löfving." with the name before the verb. */
const NAME_THEN_VERB_RE = new RegExp(`[,;”"»]\\s*((?:\\p{Lu}[\\p{L}'’-]+\\s+){1,3}\\p{Lu}[\\p{L}'’-]+)\\s+(?:${SPEECH_VERBS.join('|')})[.!]?\\s*$`, 'u');
/** "Mats Löfving säger:" / "X said:" introducing the quote that follows. */
const INTRO_RE = new RegExp(`((?:\\p{Lu}[\\p{L}'’-]+\\s+){0,3}\\p{Lu}[\\p{L}'’-]+)(?:,[^,]{1,60},)?\\s+(?:${SPEECH_VERBS.join('|')})\\s*:\\s*$`, 'u');

const PREPOSITIONS = new Set(['i', 'på', 'vid', 'för', 'från', 'inom', 'in', 'at', 'of', 'for', 'from']);
const NAME_WORD = /^\p{Lu}[\p{L}'’-]*$/u;
const TITLE =
  /(?:råd|rådet|chef|chefen|inspektör|inspektören|ordförande|ordföranden|talesperson|talespersonen|direktör|direktören|minister|ministern|kommissarie|kommissarien|mästare|mästaren|åklagare|åklagaren|officer|chief|spokesperson|mayor|director)$/i;
/** Name particles that may stand in lower case inside a name. */
const PARTICLES = new Set(['von', 'af', 'de', 'van', 'der', 'la', 'le', 'du', 'da']);

/** Opens a quoted paragraph: a dash of dialogue or a quotation mark. */
export function isQuoteParagraph(paragraph: string): boolean {
  return /^\s*(?:[–—]|-\s|["”“„»«])/.test(paragraph);
}

/**
 * The person named in an attribution phrase such as `regionpolischef i Stockholm Mats Löfving` or
 * `Anna König Jerlmyr, finansborgarråd`: the run of capitalised words that names a person, without the title
 * or place before it.
 */
export function nameIn(phrase: string): string | null {
  const head = phrase.split(/[,(;]/)[0]!.trim();
  const words = head.split(/\s+/).filter(Boolean);
  // A name directly after the verb: "säger Mats Löfving, regionpolischef".
  let run: string[] = [];
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i]!.replace(/[.,!?:;]+$/, '');
    if (NAME_WORD.test(w) || (run.length > 0 && PARTICLES.has(w) && i > 0 && NAME_WORD.test(words[i - 1]!))) run.unshift(w);
    else {
      if (run.length > 2 && PREPOSITIONS.has(w.toLowerCase())) run.shift(); // "i Stockholm Mats Löfving"
      break;
    }
  }
  // A capitalised title opening the sentence is not part of the name ("Kommunalrådet Per Persson").
  if (run.length > 2 && TITLE.test(run[0]!)) run.shift();
  if (run.length === 0) return null;
  if (run.length === 1 && words.length > 1 && !/^\p{Lu}/u.test(words[0]!)) {
    // a lone surname after a title ("säger polisinspektör Andersson") still names someone
    return run[0]!;
  }
  return run.join(' ');
}

/** The speaker named at the end of a quoted paragraph, or null. */
export function trailingSpeaker(paragraph: string): string | null {
  const m = NAME_THEN_VERB_RE.exec(paragraph);
  if (m) return nameIn(m[1]!);
  // Look only at the last sentence-ish stretch, after the last closing quote or comma before the verb.
  const tail = paragraph.slice(Math.max(0, paragraph.length - 160));
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
