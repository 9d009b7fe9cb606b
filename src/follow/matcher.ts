/**
 * Whether new or updated statements match a follow, decided by the answer engine itself (its matching and its
 * refusal gate), not by bare keyword hits: the follow's words are asked as a question of those statements alone
 * (`AskOptions.docIds`), and they match when the engine answers (does not refuse) from one of them.
 */
import type { AnswerEngine } from '../answer/api.js';
import type { Citation } from '../types.js';

/** Decides which of some statements a follow's words match. */
export interface FollowMatcher {
  /**
   * The cited sentence of each statement in `statementIds` that answers `words`, best first (the answer, then
   * other statements that answer too); empty when the engine refuses the words for these statements.
   */
  match(words: string, statementIds: readonly string[]): Promise<Citation[]>;
}

export interface EngineMatcherOptions {
  /** Citations asked for: the answer and the further statements that answer too. */
  askLimit: number;
}

export const DEFAULT_ENGINE_MATCHER_OPTIONS: EngineMatcherOptions = { askLimit: 5 };

/**
 * A FollowMatcher over `AnswerEngine.ask` with `docIds`. `engine` is read per call: the index manager swaps
 * engines after every change, and the statements just added are only in the newest.
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
    const ids = new Set(statementIds);
    const answer = await this.engine().ask(words, { limit: this.options.askLimit, docIds: ids });
    const first = answer.citations[0];
    if (!answer.answered || !first || !ids.has(first.docId)) return [];
    const best = new Map<string, Citation>();
    for (const c of answer.citations) {
      if ((c.role === 'answer' || c.role === 'also') && ids.has(c.docId) && !best.has(c.docId)) best.set(c.docId, c);
    }
    return [...best.values()];
  }
}
