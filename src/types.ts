/**
 * The values that flow between ingesting, indexing, answering and the surfaces (CLI, bot).
 * Nothing here knows about Telegram or the terminal.
 */

/** One official statement, as a loader hands it over. */
export interface Statement {
  /** Stable id: the `id` from JSON Lines, else the file's path relative to the corpus root. */
  id: string;
  title: string;
  /** Who published it ("Polisen region Syd"); null when the source does not say. */
  publisher: string | null;
  /** ISO 8601 date or date-time; null when unknown (shown as unknown, never guessed). */
  published: string | null;
  /** Where to read it; null when there is no public address. */
  url: string | null;
  /** The body with boilerplate removed: paragraphs separated by "\n\n". Citations are substrings of it. */
  text: string;
  /** Where it came from, for messages: "corpus/x.md", "events.jsonl.gz:1234". */
  source: string;
  /** When the source edited it after publishing (ISO 8601), when known (JSON Lines `updated`). */
  updated?: string;
}

/** A problem with one input that was skipped (or cut), reported in one line; the rest is indexed. */
export interface IngestIssue {
  file: string;
  line?: number;
  reason: string;
}

/** A sentence of a statement: `text === statement.text.slice(start, end)`. */
export interface Sentence {
  start: number;
  end: number;
  /** Index of the paragraph it belongs to. */
  paragraph: number;
  /** The person the source names as saying it, when it is a quote. */
  speaker: string | null;
}

export type Lang = 'sv' | 'en';

/** A sentence (or run of words) of a statement with everything a reader needs to check it at the source. */
export interface SourceText {
  /** Verbatim, character for character, from the statement. */
  text: string;
  docId: string;
  title: string;
  publisher: string | null;
  published: string | null;
  url: string | null;
  /** The person the source names as saying it, when it is a quote. */
  speaker: string | null;
}

/** A calendar day; `year` null when the source gives only day and month. */
export interface DayDate {
  year: number | null;
  month: number;
  day: number;
}

/**
 * What a citation is to its answer: `answer` the sentence that answers, `also` a sentence of another statement
 * that answers too (a further source, listed newest first after the answer), `near` a near sentence that does
 * not answer (every citation of a refusal).
 */
export type CitationRole = 'answer' | 'also' | 'near';

/** A cited sentence of an answer. */
export interface Citation extends SourceText {
  /** The answerer's probability that this sentence answers the question (0..1). */
  score: number;
  /** Position of the sentence in its statement (for "show context"); not part of the CLI's JSON. */
  sentence: number;
  /** The statement's day: from its publication time, its address or its title (day and month only); null when none. */
  date: DayDate | null;
  role: CitationRole;
  /** When the source edited the statement (ISO), when it says so; absent otherwise. */
  updated?: string;
}

export type QuestionType = 'how_many' | 'how_old' | 'who' | 'when' | 'where' | 'what' | 'why' | 'other';

/** Why the engine did not answer. */
export type RefusalCode =
  | 'no_question'
  | 'place_not_matched'
  | 'date_not_matched'
  | 'nothing_that_recent'
  | 'event_not_matched'
  | 'fact_not_present'
  | 'fact_unknown'
  | 'low_coverage';

export interface Refusal {
  code: RefusalCode;
  /** What was not matched: the place, the date, the kind of event or fact, or the newest statement's date. */
  detail: string | null;
}

export interface Answer {
  question: string;
  lang: Lang;
  /** False when the statements do not answer the question; citations are then the nearest, not answers. */
  answered: boolean;
  /** The short answer taken verbatim from the best sentence, when there is one ("380", "Mats Löfving"). */
  answer: string | null;
  type: QuestionType;
  /** The kinds of fact the question asks for (answer types), most likely first. */
  asks: string[];
  citations: Citation[];
  /** Why it did not answer (only when `answered` is false). */
  reason?: Refusal;
}

export type Verdict = 'verbatim' | 'altered' | 'not_found';

/** Where a checked quote was found. */
export interface QuoteMatch extends SourceText {
  /** 0..1, 1 for verbatim. */
  similarity: number;
  /** The statement's day (see Citation.date). */
  date?: DayDate | null;
}

/** One change between a quote and the source sentence, word level. */
export interface WordChange {
  kind: 'added' | 'removed' | 'changed';
  /** The quote's words (empty for 'removed'). */
  quote: string;
  /** The source's words (empty for 'added'). */
  source: string;
}

export interface Verification {
  quote: string;
  verdict: Verdict;
  match: QuoteMatch | null;
  /** null when no speaker was claimed or the source names none; else whether they are the same person. */
  speakerMatches: boolean | null;
  /** For 'altered': what differs. */
  changes: WordChange[];
  /** The speaker named in the checked text's own attribution ("”…”, sa Löfving"), when it had one and none was given apart. */
  claimedSpeaker?: string | null;
  /** A remark on the verdict (an English rendering of a Swedish quote can only be checked in the original wording). */
  note?: string;
  /** With such a note: the nearest sentence in the statements' language, shown as a lead, not as a match. */
  nearest?: QuoteMatch;
}
