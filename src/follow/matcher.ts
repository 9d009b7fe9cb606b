/**
 * Whether new or updated statements match a follow, decided by the answer engine itself (its matching and its
 * refusal gate), not by bare keyword hits: the follow's words are asked as a question, and a statement matches
 * when the answer is given (not refused) and cites it near the top.
 *
 * This adapter is the only place that knows how; the engine may later get a direct filter by statement ids.
 */
import type { AnswerEngine } from '../answer/api.js';
import type { Citation } from '../types.js';

/** Decides which of some statements a follow's words match. */
export interface FollowMatcher {
  /**
   * The best cited sentence of each statement in `statementIds` that `words` match, best first; empty when the
   * engine refuses the words or cites none of these statements strongly enough.
   */
  match(words: string, statementIds: readonly string[]): Promise<Citation[]>;
}

export interface EngineMatcherOptions {
  /** Citations asked for: room for new statements below older ones that match too. */
  askLimit: number;
  /**
   * A statement's best citation must score at least this share of the answer's best: the engine's trailing
   * citations (context it adds from the same statements) never make a match on their own.
   */
  minScoreRatio: number;
}

export const DEFAULT_ENGINE_MATCHER_OPTIONS: EngineMatcherOptions = { askLimit: 20, minScoreRatio: 0.5 };

/**
 * A FollowMatcher over `AnswerEngine.ask`. `engine` is read per call: the index manager swaps engines after
 * every change, and the statements just added are only in the newest.
 *
 * @example
 * const matcher = new EngineFollowMatcher(() => manager.engine);
 * await matcher.match('skottlossning Rinkeby', summary.changed); // [] or the cited sentences
 */
export class EngineFollowMatcher implements FollowMatcher {
  private readonly options: EngineMatcherOptions;

  constructor(
    private readonly engine: () => Pick<AnswerEngine, 'ask'>,
    options: Partial<EngineMatcherOptions> = {},
  ) {
    this.options = { ...DEFAULT_ENGINE_MATCHER_OPTIONS, ...options };
  }

  async match(words: string, statementIds: readonly string[]): Promise<Citation[]> {
    if (statementIds.length === 0) return [];
    const answer = await this.engine().ask(words, { limit: this.options.askLimit });
    if (!answer.answered || answer.citations.length === 0) return [];
    const wanted = new Set(statementIds);
    const floor = answer.citations[0]!.score * this.options.minScoreRatio;
    const best = new Map<string, Citation>();
    for (const c of answer.citations) {
      if (wanted.has(c.docId) && c.score >= floor && !best.has(c.docId)) best.set(c.docId, c);
    }
    return [...best.values()];
  }
}
