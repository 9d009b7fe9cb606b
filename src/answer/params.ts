/**
 * Every tuning value of the answerer, in one typed object with documented defaults. `ask` and `eval` take a
 * JSON file of overrides (`--params FILE`); the model's weights (model.json) are part of it.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { defaultModel, parseModel, type AnswerModel } from './model.js';

export interface AnswerParams {
  /**
   * Sentences taken from the sentence-level BM25 ranking as candidates (per segment), besides every sentence of the
   * best statements: 100 answers the tune half as 300 did (hit@1 0.79 → 0.80) with fewer statements to weigh.
   */
  sentenceCandidates: number;
  /** Statements taken from the statement-level BM25 ranking; all their sentences become candidates (per segment). */
  statementCandidates: number;
  /** Statements, best first by the statement model, whose sentences go on to the sentence stage. */
  statementsKept: number;
  /**
   * Weight of the question–sentence cosine in a sentence's and a statement's log-odds when vectors are present.
   * Set by hand, not fitted: the tune run is lexical (no model weights can be downloaded where it is fitted).
   */
  denseWeight: number;
  /** Least probability of the best sentence for an answer; null takes the model's fitted threshold. */
  threshold: number | null;
  /** Refuse when the question names a place or person (that the index knows) and the chosen statement holds none of them. */
  requireEntity: boolean;
  /** Refuse when the question names a date and the chosen statement is dated otherwise without mentioning it. */
  requireDate: boolean;
  /** Refuse when the question names a kind of event the chosen statement neither is nor mentions. */
  requireEvent: boolean;
  /** Refuse when the question asks for a kind of fact (a count, an age …) that no likely sentence holds. */
  requireFact: boolean;
  /**
   * Weight, in choosing the sentence, of the question's words that stand in a subordinate clause ("What was the
   * man carrying when he jumped out of the window?": jumped, window) against those of the main clause
   * (carrying). They count fully in finding the statement. 0.1 on the 1,974 tune questions (hit@1 0.773 → 0.780 and
   * short answers 0.717 → 0.722 against 0.25; 0.05 and 0.15 about the same, 0 worse).
   */
  settingWeight: number;
  /**
   * Weight, in choosing the sentence, of the words that name the question's event ("Vad stals vid
   * kyrkinbrottet?": stals, kyrkinbrottet) beside its content words. When it has no content words, they count fully.
   */
  eventSentenceWeight: number;
  /** Another statement whose best sentence reaches this share of the answer's probability is listed as a further source. */
  furtherSourceRatio: number;
  /** The scoring model (weights and threshold). */
  model: AnswerModel;
}

export const DEFAULT_PARAMS: Omit<AnswerParams, 'model'> = {
  sentenceCandidates: 100,
  statementCandidates: 40,
  statementsKept: 8,
  denseWeight: 2,
  threshold: null,
  requireEntity: true,
  requireDate: true,
  requireEvent: true,
  requireFact: true,
  furtherSourceRatio: 0.25,
  settingWeight: 0.1,
  eventSentenceWeight: 0.5,
};

export function defaultParams(): AnswerParams {
  return { ...DEFAULT_PARAMS, model: defaultModel() };
}

const overrides = z
  .object({
    sentenceCandidates: z.number().int().positive(),
    statementCandidates: z.number().int().positive(),
    statementsKept: z.number().int().positive(),
    denseWeight: z.number(),
    threshold: z.number().min(0).max(1).nullable(),
    requireEntity: z.boolean(),
    requireDate: z.boolean(),
    requireEvent: z.boolean(),
    requireFact: z.boolean(),
    furtherSourceRatio: z.number().min(0).max(1),
    settingWeight: z.number().min(0).max(1),
    eventSentenceWeight: z.number().min(0).max(1),
    model: z.unknown(),
  })
  .partial()
  .strict();

/** Reads a params file (any subset of AnswerParams; `model` a whole model as in model.json). */
export function loadParams(file: string): Partial<AnswerParams> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError('params', `${file}: ${(e as Error).message}`);
  }
  const r = overrides.safeParse(raw);
  if (!r.success) throw new ConfigError('params', `${file}: ${r.error.issues[0]!.path.join('.') || 'top level'}: ${r.error.issues[0]!.message}`);
  const { model, ...rest } = r.data;
  return model === undefined ? rest : { ...rest, model: parseModel(JSON.stringify(model), `${file} (model)`) };
}
