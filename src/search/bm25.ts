/** BM25 scoring parameters; see Robertson & Zaragoza, "The Probabilistic Relevance Framework". */
export interface BM25Params {
  /** Term-frequency saturation. */
  k1: number;
  /** Length normalisation, 0 (none) to 1 (full). */
  b: number;
}

/**
 * Sentences: weak length normalisation. With the usual b = 0.75 a four-word fragment ("Man misstänkt för
 * misshandel") outranks the sentence that holds the answer and more of the question's words.
 */
export const SENTENCE_BM25: BM25Params = { k1: 1.2, b: 0.3 };
/** Statements vary from one line to pages: weaker length normalisation, so long ones are not buried. */
export const STATEMENT_BM25: BM25Params = { k1: 1.2, b: 0.5 };

/** Inverse document frequency, the BM25+ form that never goes negative. */
export function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** The term-frequency part of BM25 for one term in one unit. */
export function tfPart(tf: number, len: number, avgLen: number, p: BM25Params): number {
  return (tf * (p.k1 + 1)) / (tf + p.k1 * (1 - p.b + (p.b * len) / avgLen));
}
