/**
 * The answerer's scoring model, in three parts over the features of features.ts:
 * - a linear scorer of candidate statements ("is this the statement the question is about"),
 * - a linear scorer of candidate sentences ("does this sentence answer it"), both fitted listwise: the softmax of
 *   a question's candidates should put its mass on the right one;
 * - a logistic decision over the best answer ("is it right at all"), whose probability must reach `threshold`.
 * The weights live in `model.json`, fitted on the tune half of the dev questions by `npm run fit`
 * (scripts/fit-model.ts) with the functions below.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import type { QuestionType } from '../types.js';
import { DECISION_FEATURES, SENTENCE_FEATURES, STATEMENT_FEATURES, type DecisionFeatures, type SentenceFeatures, type StatementFeatures } from './features.js';

export interface Linear<K extends string> {
  bias: number;
  weights: Record<K, number>;
}

export interface AnswerModel {
  statement: Linear<keyof StatementFeatures>;
  sentence: Linear<keyof SentenceFeatures>;
  decision: Linear<keyof DecisionFeatures>;
  /**
   * Word weights of the sentence scorer by kind of question (QuestionType: "why", "who" …; none for "other"):
   * Swedish word stems (analyze.ts stemSv) whose presence makes a sentence likelier or less likely to answer that
   * kind. Fitted listwise beside the sentence scorer's other weights, which stay as they are; the feature
   * `words` is their sum over a sentence's distinct stems.
   */
  words: Record<string, Record<string, number>>;
  /** Least decision probability for an answer; below it the engine refuses ("coverage too low"). */
  threshold: number;
  /** How and on what the weights were fitted (informational). */
  fitted?: Record<string, unknown>;
}

const linearSchema = (names: readonly string[]) =>
  z.object({ bias: z.number(), weights: z.record(z.string(), z.number()) }).transform((l) => ({
    bias: l.bias,
    weights: Object.fromEntries(names.map((n) => [n, l.weights[n] ?? 0])),
  }));

const modelSchema = z.object({
  statement: linearSchema(STATEMENT_FEATURES),
  sentence: linearSchema(SENTENCE_FEATURES),
  decision: linearSchema(DECISION_FEATURES),
  threshold: z.number().min(0).max(1),
  words: z.record(z.string(), z.record(z.string(), z.number())).default({}),
  fitted: z.record(z.string(), z.unknown()).optional(),
});

/** Reads and checks a model file; a bad one is refused with the file named. */
export function parseModel(json: string, file: string): AnswerModel {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new ConfigError('model', `${file} is not JSON (${(e as Error).message})`);
  }
  const r = modelSchema.safeParse(raw);
  if (!r.success) throw new ConfigError('model', `${file} is not an answer model (${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message})`);
  return r.data as AnswerModel;
}

export const MODEL_FILE = new URL('./model.json', import.meta.url);

let builtIn: AnswerModel | null = null;
/** The shipped model (src/answer/model.json), read once. */
export function defaultModel(): AnswerModel {
  builtIn ??= parseModel(readFileSync(MODEL_FILE, 'utf8'), 'src/answer/model.json');
  return builtIn;
}

/** The model's score (log-odds) for a feature record. */
export function logit<K extends string>(m: Linear<K>, f: Record<K, number>): number {
  let z = m.bias;
  for (const k in m.weights) z += m.weights[k] * (f[k] ?? 0);
  return z;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Softmax of `scores` (stable). */
export function softmax(scores: number[]): number[] {
  if (scores.length === 0) return [];
  const max = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Fits a logistic model by full-batch gradient descent with an L2 penalty (not on the bias). `rows` are feature
 * records with a 0/1 label and an optional weight.
 */
export function fitLogistic<K extends string>(names: readonly K[], rows: { f: Record<K, number>; y: number; w?: number }[], opts: { l2?: number; steps?: number; rate?: number } = {}): Linear<K> {
  const l2 = opts.l2 ?? 0.01;
  const steps = opts.steps ?? 4000;
  const rate = opts.rate ?? 0.3;
  const n = names.length;
  const w = new Float64Array(n);
  let b = 0;
  const X = rows.map((r) => names.map((k) => r.f[k] ?? 0));
  const total = rows.reduce((a, r) => a + (r.w ?? 1), 0) || 1;
  for (let step = 0; step < steps; step++) {
    const g = new Float64Array(n);
    let gb = 0;
    rows.forEach((r, i) => {
      const x = X[i]!;
      let z = b;
      for (let j = 0; j < n; j++) z += w[j]! * x[j]!;
      const e = (sigmoid(z) - r.y) * (r.w ?? 1);
      for (let j = 0; j < n; j++) g[j] += e * x[j]!;
      gb += e;
    });
    for (let j = 0; j < n; j++) w[j] -= rate * (g[j]! / total + l2 * w[j]!);
    b -= rate * (gb / total);
  }
  return { bias: round(b), weights: Object.fromEntries(names.map((k, j) => [k, round(w[j]!)])) as Record<K, number> };
}

/**
 * Fits a linear scorer listwise (conditional logit): for each group (a question's candidates, at least one
 * labelled right), the softmax of the scores should give the right ones the mass. L2 penalty on the weights.
 * The bias cancels in a softmax and stays 0.
 */
export function fitListwise<K extends string>(names: readonly K[], groups: { f: Record<K, number>; y: number }[][], opts: { l2?: number; steps?: number; rate?: number } = {}): Linear<K> {
  const l2 = opts.l2 ?? 0.01;
  const steps = opts.steps ?? 3000;
  const rate = opts.rate ?? 0.3;
  const n = names.length;
  const w = new Float64Array(n);
  const data = groups
    .filter((g) => g.some((r) => r.y > 0))
    .map((g) => ({ X: g.map((r) => names.map((k) => r.f[k] ?? 0)), y: g.map((r) => r.y) }));
  const total = data.length || 1;
  for (let step = 0; step < steps; step++) {
    const grad = new Float64Array(n);
    for (const { X, y } of data) {
      const z = X.map((x) => x.reduce((a, v, j) => a + v * w[j]!, 0));
      const p = softmax(z);
      const ySum = y.reduce((a, b) => a + b, 0);
      // d(-log Σ_right p)/dw = E_p[x] − E_{p restricted to right}[x]
      const pr = p.map((pi, i) => (y[i]! > 0 ? pi : 0));
      const prSum = pr.reduce((a, b) => a + b, 0) || 1;
      for (let i = 0; i < X.length; i++) {
        const coef = p[i]! - (ySum > 0 ? pr[i]! / prSum : 0);
        if (coef === 0) continue;
        const x = X[i]!;
        for (let j = 0; j < n; j++) grad[j] += coef * x[j]!;
      }
    }
    for (let j = 0; j < n; j++) w[j] -= rate * (grad[j]! / total + l2 * w[j]!);
  }
  return { bias: 0, weights: Object.fromEntries(names.map((k, j) => [k, round(w[j]!)])) as Record<K, number> };
}

/** The kind of question whose word weights a question takes: its QuestionType, none when it asks no question ("other"). */
export function wordKind(type: QuestionType): string | null {
  return type === 'other' ? null : type;
}

/** The sum of the weights of the distinct stems among `words` (the sentence feature `words`). */
export function wordScore(words: readonly { stem: string }[], weights: ReadonlyMap<string, number>): number {
  let sum = 0;
  let seen: string[] | null = null;
  for (const w of words) {
    const v = weights.get(w.stem);
    // (A stem twice in one sentence counts once; few sentences hold a weighted stem twice.)
    if (v === undefined || seen?.includes(w.stem)) continue;
    (seen ??= []).push(w.stem);
    sum += v;
  }
  return sum;
}

/** A kind's word weights as a Map (wordScore runs for every candidate sentence), made once per table. */
export function wordTable(weights: Readonly<Record<string, number>>): ReadonlyMap<string, number> {
  let table = WORD_TABLES.get(weights);
  if (!table) WORD_TABLES.set(weights, (table = new Map(Object.entries(weights))));
  return table;
}
const WORD_TABLES = new WeakMap<Readonly<Record<string, number>>, Map<string, number>>();

/** A question's candidate sentences for `fitWords`: each with its score without the word weights, its distinct stems, and 1 when it answers. */
export interface WordGroup {
  kind: string;
  rows: { base: number; stems: readonly string[]; y: number }[];
}

/**
 * Fits the word weights of the sentence scorer listwise, the rest of the score (`base`) as it is: for each
 * question, the softmax of base + the sum of its kind's weights of a sentence's stems should give the right
 * sentences the mass. Only stems among the candidates of at least `minQuestions` questions get a weight; an L2
 * penalty keeps the others near 0. Full-batch Adam. Weights below `prune` in size are left out.
 */
export function fitWords(groups: WordGroup[], opts: { l2?: number; steps?: number; rate?: number; minQuestions?: number; prune?: number } = {}): Record<string, Record<string, number>> {
  const l2 = opts.l2 ?? 0.03;
  const steps = opts.steps ?? 400;
  const rate = opts.rate ?? 0.05;
  const minQuestions = opts.minQuestions ?? 8;
  const prune = opts.prune ?? 0.01;
  const data = groups.filter((g) => g.rows.some((r) => r.y > 0));
  const df = new Map<string, number>();
  for (const g of data) for (const st of new Set(g.rows.flatMap((r) => r.stems))) df.set(st, (df.get(st) ?? 0) + 1);
  const index = new Map<string, number>();
  const key = (kind: string, stem: string) => `${kind}\u0000${stem}`;
  for (const g of data) for (const r of g.rows) for (const st of r.stems) if ((df.get(st) ?? 0) >= minQuestions && !index.has(key(g.kind, st))) index.set(key(g.kind, st), index.size);
  const rows = data.map((g) => g.rows.map((r) => ({ base: r.base, y: r.y, cols: r.stems.flatMap((st) => index.get(key(g.kind, st)) ?? []) })));
  const w = new Float64Array(index.size);
  const m = new Float64Array(index.size);
  const v = new Float64Array(index.size);
  const n = rows.length || 1;
  for (let step = 1; step <= steps; step++) {
    const grad = new Float64Array(index.size);
    for (const g of rows) {
      const z = g.map((r) => r.cols.reduce((a, j) => a + w[j]!, r.base));
      const p = softmax(z);
      const right = p.reduce((a, pi, i) => a + (g[i]!.y > 0 ? pi : 0), 0) || 1;
      g.forEach((r, i) => {
        const coef = (p[i]! - (r.y > 0 ? p[i]! / right : 0)) / n;
        if (coef !== 0) for (const j of r.cols) grad[j] += coef;
      });
    }
    for (let j = 0; j < w.length; j++) {
      const gj = grad[j]! + l2 * w[j]!;
      m[j] = 0.9 * m[j]! + 0.1 * gj;
      v[j] = 0.999 * v[j]! + 0.001 * gj * gj;
      w[j] -= (rate * (m[j]! / (1 - 0.9 ** step))) / (Math.sqrt(v[j]! / (1 - 0.999 ** step)) + 1e-8);
    }
  }
  const out: Record<string, Record<string, number>> = {};
  for (const [k, j] of index) {
    if (Math.abs(w[j]!) < prune) continue;
    const [kind, stem] = k.split('\u0000') as [string, string];
    (out[kind] ??= {})[stem] = round(w[j]!);
  }
  return out;
}
