/**
 * Whether new or updated statements match a follow, decided by the answer engine itself (its matching and its
 * refusal gate), not by bare keyword hits: the follow's words are asked as a question of those statements alone
 * (`AskOptions.docIds`), and a statement matches when the engine answers (does not refuse) from it: the answer's
 * first citation is one of its sentences. When several of the statements hold the words, each is asked alone.
 */
import type { AnswerEngine } from '../answer/api.js';
import type { Citation } from '../types.js';

/** Decides which of some statements a follow's words match. */
export interface FollowMatcher {
  /**
   * The cited sentence of each statement in `statementIds` that answers `words`, best first; empty when the
   * engine refuses the words for each of them.
   */
  match(words: string, statementIds: readonly string[]): Promise<Citation[]>;
}

export interface EngineMatcherOptions {
  /** Citations of the first question (over all the statements): the statements among them are the candidates. */
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
    const engine = this.engine();
    const all = await engine.ask(words, { limit: this.options.askLimit, docIds: new Set(statementIds) });
    // The statements the engine found anything in, best first; the others do not speak of the words at all.
    const candidates = [...new Set(all.citations.map((c) => c.docId))];
    if (candidates.length <= 1) return all.answered && all.citations[0] ? [all.citations[0]] : [];
    // Several new statements that answer alike make each other's answer less sure (the engine may refuse the
    // pair where it answers each): each is asked alone, and matches when the engine answers from it.
    const out: Citation[] = [];
    for (const id of candidates) {
      const a = await engine.ask(words, { limit: 1, docIds: new Set([id]) });
      if (a.answered && a.citations[0]?.docId === id) out.push(a.citations[0]);
    }
    return out;
  }
}
