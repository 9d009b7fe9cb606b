import type { Answer, Lang, Verification } from '../types.js';

/** What the index holds, for /status and /help. */
export interface IndexStatus {
  statements: number;
  sentences: number;
  /** Oldest and newest known publication dates (ISO), null when none is known. */
  oldest: string | null;
  newest: string | null;
  /** When the index was built (ISO). */
  builtAt: string;
  /** The embedding model id, or null when searching lexically only. */
  embeddingModel: string | null;
}

/** The sentences around a cited one, for "show context". */
export interface SentenceContext {
  docId: string;
  title: string;
  url: string | null;
  before: string[];
  sentence: string;
  after: string[];
}

export interface AskOptions {
  /** How many citations at most (default from config). */
  limit?: number;
  /** Language hint when the question itself is ambiguous (e.g. Telegram's language_code). */
  langHint?: Lang;
  /** The time of asking, against which "igår", "i lördags", "last week" are read (default: now). */
  now?: Date;
  /**
   * Only these statements (by id) may answer or be cited: the question is asked of them alone, with the same
   * stages and refusal gate (the alerts of followed topics ask whether new statements answer them).
   */
  docIds?: ReadonlySet<string>;
}

/**
 * The answer engine as every surface (CLI, bot) sees it: a question in, a value out. It never writes words
 * of its own into a citation.
 */
export interface AnswerEngine {
  ask(question: string, options?: AskOptions): Promise<Answer>;
  verify(quote: string, speaker?: string | null): Promise<Verification>;
  /** The sentences around sentence number `sentence` of statement `docId`; null when unknown. */
  context(docId: string, sentence: number, radius?: number): SentenceContext | null;
  status(): IndexStatus;
}
