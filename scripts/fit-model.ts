/**
 * `npm run fit -- [--tune FILE]... [--questions FILE]... [--corpus PATH]... [--index DIR] [--out FILE] [--dry-run]
 *   [--keep-rankers] [--keep-decision]`
 *
 * Fits the answer model (src/answer/model.json) on the TUNE half only: the `--tune` files whole and the tune half
 * (evaluate.ts's fixed rule) of the `--questions` files. The check half is never read here.
 * Defaults: the dev sets in ../shared/eval and the written sets in test/eval over corpus/ plus the police notices,
 * lexical search.
 *
 * 1. the statement scorer, listwise over each question's candidate statements (the right one: the case's `doc`);
 * 2. the sentence scorer, listwise over the sentences of the statements the new statement scorer keeps (the right
 *    ones: those holding an `expect` fragment);
 * 2b. the sentence scorer's word weights by kind of question (model.ts fitWords), the rest of its score as it is;
 *    the L2 penalty is the one that carries best to held-out tune questions (5-fold cross-validation);
 * 3. the decision, a logistic model over the best answer's features (right: the right sentence among the first
 *    three ranked), and its threshold: the one that maximises the mean of the share of answerable questions
 *    answered right and the share of unanswerable ones refused.
 *
 * `--keep-rankers` leaves the weights of steps 1 and 2 as they are and `--keep-decision` those of step 3: the shipped
 * model's word weights were fitted so (`npm run fit -- --keep-rankers --keep-decision`), because a refit of the
 * rankers and the decision on the larger tune set did no better on it than the weights it has.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Explanation } from '../src/answer/engine.js';
import { sameDoc, splitOf, type QuestionCase } from '../src/answer/evaluate.js';
import { DECISION_FEATURES, SENTENCE_FEATURES, STATEMENT_FEATURES, type DecisionFeatures } from '../src/answer/features.js';
import { defaultModel, fitListwise, fitLogistic, fitWords, MODEL_FILE, sigmoid, logit, wordKind, wordScore, wordTable, type AnswerModel } from '../src/answer/model.js';
import { stemSv, tokenSpans } from '../src/text/analyze.js';
import { readJsonlFile as readJsonl, run } from '../src/cli/run.js';
import { loadConfig } from '../src/config.js';
import { IndexManager } from '../src/index/manager.js';

const ROOT = resolve(import.meta.dirname, '..');
const SHARED = resolve(ROOT, '../shared');


interface Outcome {
  /** The tune question it is (or is a variant of). */
  q: number;
  f: DecisionFeatures | null;
  answerable: boolean;
  vetoed: boolean;
  /** The right sentence is among the first three ranked. */
  right: boolean;
  w: number;
  /** An unanswerable variant, not a real question. */
  variant: boolean;
}

const vetoed = (x: Explanation) => !x.decision.answered && x.decision.reason.code !== 'low_coverage';

/**
 * Fits the decision on `all` (real tune questions and their unanswerable variants) and picks, on the real ones,
 * the threshold that maximises the mean of the share of answerable questions answered right and the share of
 * unanswerable ones refused.
 */
function fitDecision(all: Outcome[]): { decision: AnswerModel['decision']; threshold: number; hit3: number; refused: number } {
  const rows = all.flatMap((o) => (o.f ? [{ f: o.f as unknown as Record<string, number>, y: o.answerable && o.right ? 1 : 0, w: o.w }] : []));
  const decision = fitLogistic(DECISION_FEATURES as string[], rows, { l2: 0.02 }) as AnswerModel['decision'];
  // The variants teach the weights what a mismatch looks like; the threshold is set on real questions only.
  const outcomes = all.filter((o) => !o.variant);
  const p = outcomes.map((o) => (o.f ? sigmoid(logit(decision, o.f)) : 0));
  const nA = outcomes.filter((o) => o.answerable).length || 1;
  const nU = outcomes.filter((o) => !o.answerable).reduce((a, o) => a + o.w, 0) || 1;
  const sweep: { threshold: number; score: number; hit3: number; refused: number }[] = [];
  for (let t = 0.02; t <= 0.951; t += 0.01) {
    let hit = 0;
    let refused = 0;
    outcomes.forEach((o, i) => {
      const answered = !o.vetoed && p[i]! >= t;
      if (o.answerable && answered && o.right) hit++;
      if (!o.answerable && !answered) refused += o.w;
    });
    sweep.push({ threshold: Math.round(t * 100) / 100, score: (hit / nA + refused / nU) / 2, hit3: hit / nA, refused: refused / nU });
  }
  // The score smoothed over neighbouring thresholds (±SMOOTH): a threshold where a question or two more happen to
  // fall right is a spike of the tune set, not a better place; of those that score best, the middle one.
  const smooth = sweep.map((_, i) => {
    const near = sweep.slice(Math.max(0, i - SMOOTH), i + SMOOTH + 1);
    return near.reduce((a, x) => a + x.score, 0) / near.length;
  });
  const top = Math.max(...smooth);
  const ties = sweep.filter((_, i) => smooth[i]! >= top - 1e-9);
  const best = ties[Math.floor((ties.length - 1) / 2)]!;
  if (process.env.FIT_SWEEP) sweep.forEach((x, i) => process.stderr.write(`${x.threshold} ${x.hit3.toFixed(3)} ${x.refused.toFixed(3)} ${x.score.toFixed(3)} ${smooth[i]!.toFixed(3)}\n`));
  return { decision, threshold: best.threshold, hit3: best.hit3, refused: best.refused };
}

/** Thresholds on either side (steps of 0.01) over which the tune score is averaged before the best is chosen. */
const SMOOTH = 4;

/** The L2 penalties tried for the sentence scorer's word weights (the one that carries best to held-out questions is kept). */
const WORD_PENALTIES = [0.1, 0.03, 0.01];
const WORD_TOLERANCE = 0.005;

/** How much an unanswerable variant counts beside a real tune question. */
const VARIANT_WEIGHT = 0.5;
/** Places put in for the question's own in the place variants (towns across the country). */
const OTHER_PLACES = ['Haparanda', 'Ystad', 'Mora', 'Visby', 'Strömstad', 'Lycksele', 'Karlshamn', 'Tranås'];

/**
 * The question about another year, another day, another place, or with its weightiest content word swapped for
 * that of another question (`other`): the same shape, a fact the corpus does not hold.
 */
function variantsOf(question: string, x: Explanation, other: Explanation): string[] {
  const out: string[] = [];
  const year = /\b(202[3-6])\b/.exec(question);
  if (year) out.push(question.replace(year[0], String(Number(year[1]) === 2026 ? 2023 : Number(year[1]) + 1)));
  const day = /\b([1-9]|[12]\d|3[01])(\s+(?:jan|feb|mar|apr|maj|may|jun|jul|aug|sep|okt|oct|nov|dec)\p{L}*)/iu.exec(question);
  if (day) out.push(question.replace(day[0], `${((Number(day[1]) + 9) % 28) + 1}${day[2]}`));
  const place = x.concepts.find((c) => c.role === 'entity' && c.found && !c.surface.includes(' '));
  if (place) {
    const at = question.toLowerCase().indexOf(place.surface);
    const other = OTHER_PLACES.find((p) => p.toLowerCase() !== place.surface && !question.includes(p))!;
    if (at >= 0) out.push(question.slice(0, at) + other + question.slice(at + place.surface.length));
  }
  const mainWord = (e: Explanation) => e.concepts.filter((c) => c.role === 'content' && c.found && !c.surface.includes(' ')).sort((a, b) => b.weight - a.weight)[0];
  const mine = mainWord(x);
  const theirs = mainWord(other);
  if (mine && theirs && mine.surface !== theirs.surface) {
    const at = question.toLowerCase().indexOf(mine.surface);
    if (at >= 0) out.push(question.slice(0, at) + theirs.surface + question.slice(at + mine.surface.length));
  }
  return out;
}

/** The written tune sets, test/eval/written-N.jsonl, in the order of N. */
function writtenSets(): string[] {
  const dir = join(ROOT, 'test/eval');
  return readdirSync(dir)
    .flatMap((f) => (/^written-(\d+)\.jsonl$/.exec(f) ? [{ f, n: Number(/\d+/.exec(f)![0]) }] : []))
    .sort((a, b) => a.n - b.n)
    .map((x) => join(dir, x.f));
}

await run(async () => {
  const { values } = parseArgs({
    options: {
      tune: { type: 'string', multiple: true },
      questions: { type: 'string', multiple: true },
      corpus: { type: 'string', multiple: true },
      index: { type: 'string' },
      out: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'keep-rankers': { type: 'boolean' },
      'keep-decision': { type: 'boolean' },
    },
  });
  const tuneFiles = values.tune ?? [join(SHARED, 'eval/dev-questions.jsonl'), ...writtenSets()];
  const questionFiles = values.questions ?? [join(SHARED, 'eval/dev-questions-2.jsonl')];
  const corpus = values.corpus ?? [join(ROOT, 'corpus'), join(SHARED, 'data/polisen-events.jsonl.gz')];
  const cases: QuestionCase[] = [];
  for (const f of tuneFiles) cases.push(...readJsonl<QuestionCase>(f));
  for (const f of questionFiles) cases.push(...readJsonl<QuestionCase>(f).filter((c) => splitOf(c.id) === 'tune'));
  process.stderr.write(`fitting on ${cases.length} tune questions (${cases.filter((c) => c.expect).length} answerable)\n`);

  const config = loadConfig({
    ...process.env,
    CORPUS_PATHS: corpus.join(','),
    INDEX_DIR: values.index ?? join(tmpdir(), `citera-eval-${createHash('sha1').update(corpus.join('\n')).digest('hex').slice(0, 10)}`),
    EMBEDDING_MODEL: 'none',
  });
  const m = await IndexManager.open(config, { buildIfMissing: true, refresh: true });
  const explainAll = async (model: AnswerModel, threshold = model.threshold): Promise<Explanation[]> => {
    const engine = m.withParams({ model, threshold, requireFact: true });
    const out: Explanation[] = [];
    for (const c of cases) out.push(await engine.explain(c.question, { limit: 3 }));
    return out;
  };
  const holds = (c: QuestionCase, text: string) => (c.expect ?? []).some((e) => text.includes(e));
  /** Unanswerable variants of the answerable tune questions (another year, day or place), asked with `model`. */
  const explainVariants = async (model: AnswerModel): Promise<{ of: number; x: Explanation }[]> => {
    const engine = m.withParams({ model, threshold: 0, requireFact: true });
    const firsts = await Promise.all(cases.map((c) => engine.explain(c.question, { limit: 3 })));
    const out: { of: number; x: Explanation }[] = [];
    for (let i = 0; i < cases.length; i++) {
      if (!cases[i]!.expect) continue;
      const other = firsts[(i + 7) % cases.length]!;
      for (const v of variantsOf(cases[i]!.question, firsts[i]!, other)) out.push({ of: i, x: await engine.explain(v, { limit: 3 }) });
    }
    return out;
  };

  // 1. Statements. (With --keep-rankers the statement and sentence scorers' weights stay as they are, and only the
  // word weights and the decision are fitted again.)
  let model: AnswerModel = structuredClone(defaultModel());
  model.words = {};
  model.sentence.weights.words = 1;
  let xs = await explainAll(model);
  /** The questions whose statement is among the first three. */
  const statementsAt3 = (xs: Explanation[]) => xs.filter((x, i) => cases[i]!.doc !== null && cases[i]!.doc !== undefined && x.statements.slice(0, 3).some((s) => sameDoc(s.docId, cases[i]!.doc))).length;
  let stmtAt3 = statementsAt3(xs);
  if (!values['keep-rankers']) {
    const stmtGroups = xs.map((x, i) => x.statements.slice(0, 60).map((s) => ({ f: s.features as unknown as Record<string, number>, y: sameDoc(s.docId, cases[i]!.doc) ? 1 : 0 })));
    model.statement = fitListwise(STATEMENT_FEATURES as string[], stmtGroups) as AnswerModel['statement'];
    model.statement.weights.dense = 0;

    // 2. Sentences of the statements the new scorer keeps.
    xs = await explainAll(model);
    stmtAt3 = statementsAt3(xs);
    const sentGroups = xs.map((x, i) => x.sentences.map((s) => ({ f: s.features as unknown as Record<string, number>, y: holds(cases[i]!, s.text) ? 1 : 0 })));
    model.sentence = fitListwise(SENTENCE_FEATURES.filter((f) => f !== 'words'), sentGroups) as AnswerModel['sentence'];
    model.sentence.weights.dense = 0;
    model.sentence.weights.words = 1;
  }

  // 2b. The sentence scorer's word weights by kind of question, its other weights as they are.
  xs = await explainAll(model);
  const stemsOf = (text: string) => [...new Set(tokenSpans(text).map((t) => stemSv(t.token)))];
  // (A query that asks no question has no kind (wordKind): it takes no word weights, and its own are dropped below.)
  const wordGroups = xs.map((x, i) => ({
    kind: wordKind(x.analysis.legacy) ?? 'other',
    rows: x.sentences.map((s) => {
      const stems = stemsOf(s.text);
      return { base: s.logit, stems, words: stems.map((stem) => ({ stem })), y: holds(cases[i]!, s.text) ? 1 : 0 };
    }),
  }));
  // The penalty is chosen by 5-fold cross-validation by question: the share of held-out questions whose first
  // sentence is a right one.
  const firstRight = (g: (typeof wordGroups)[number], words: AnswerModel['words']) => {
    const w = wordTable(words[g.kind] ?? {});
    let best = -Infinity;
    let right = false;
    for (const r of g.rows) {
      const z = r.base + wordScore(r.words, w);
      if (z > best) [best, right] = [z, r.y > 0];
    }
    return right;
  };
  const answerable = wordGroups.map((g, i) => ({ g, i })).filter(({ g }) => g.kind !== 'other' && g.rows.some((r) => r.y > 0));
  const kinds = [...new Set(answerable.map(({ g }) => g.kind))];
  /** Held-out questions whose first sentence is right, in all and by kind, with the words fitted at `l2` on the other folds. */
  const cvAt1 = (l2: number) => {
    const byKind = new Map<string, number>();
    for (let k = 0; k < 5; k++) {
      const words = fitWords(answerable.filter(({ i }) => i % 5 !== k).map(({ g }) => g), { l2 });
      for (const { g, i } of answerable) if (i % 5 === k && firstRight(g, words)) byKind.set(g.kind, (byKind.get(g.kind) ?? 0) + 1);
    }
    return { at1: [...byKind.values()].reduce((a, b) => a + b, 0) / (answerable.length || 1), byKind };
  };
  const withoutByKind = new Map<string, number>();
  for (const { g } of answerable) if (firstRight(g, {})) withoutByKind.set(g.kind, (withoutByKind.get(g.kind) ?? 0) + 1);
  const without = [...withoutByKind.values()].reduce((a, b) => a + b, 0) / (answerable.length || 1);
  const tried = WORD_PENALTIES.map((l2) => ({ l2, ...cvAt1(l2) }));
  // Of the penalties within WORD_TOLERANCE of the best, the strongest: fewer weights for the same carry.
  const top = Math.max(...tried.map((t) => t.at1));
  const chosen = tried.find((t) => t.at1 >= top - WORD_TOLERANCE)!;
  // A kind of question whose held-out questions the words do not help keeps none (a count's or an age's recognisers
  // already find its sentence).
  const helped = new Set(kinds.filter((kind) => (chosen.byKind.get(kind) ?? 0) > (withoutByKind.get(kind) ?? 0)));
  process.stderr.write(`word weights, 5-fold cross-validation (first sentence right): without ${without.toFixed(3)}; ${tried.map((t) => `L2 ${t.l2}: ${t.at1.toFixed(3)}`).join(', ')}\n`);
  process.stderr.write(`  by kind at L2 ${chosen.l2}: ${kinds.map((k) => `${k} ${withoutByKind.get(k)} → ${chosen.byKind.get(k) ?? 0}`).join(', ')}\n`);
  // Held out, the kinds kept with their words and the others without.
  const effective = kinds.reduce((a, k) => a + ((helped.has(k) ? chosen.byKind : withoutByKind).get(k) ?? 0), 0) / (answerable.length || 1);
  model.words = Object.fromEntries(Object.entries(fitWords(wordGroups, { l2: chosen.l2 })).filter(([kind]) => helped.has(kind)));
  const wordFit = { l2: chosen.l2, weights: Object.values(model.words).reduce((a, w) => a + Object.keys(w).length, 0), crossValidatedFirstWithout: Math.round(without * 1000) / 1000, crossValidatedFirst: Math.round(effective * 1000) / 1000, kinds: [...helped].sort() };
  process.stderr.write(`word weights: ${wordFit.weights} (L2 ${chosen.l2}; kinds ${wordFit.kinds.join(', ')}; held out, first sentence right ${wordFit.crossValidatedFirst})\n`);

  // 3. The decision and its threshold (with --keep-decision they stay as they are), on the tune questions and on
  // unanswerable variants of them: the same question about another year, day or place, or with its main content word
  // swapped for another question's.
  let best = { t: model.threshold, hit3: NaN, refused: NaN, cvHit: NaN, cvRefused: NaN };
  if (!values['keep-decision']) {
    xs = await explainAll(model, 0);
    const variants = await explainVariants(model);
    const real: Outcome[] = xs.map((x, i) => ({ q: i, f: x.decision.features, answerable: cases[i]!.expect !== null, vetoed: vetoed(x), right: x.sentences.slice(0, 3).some((s) => holds(cases[i]!, s.text)), w: 1, variant: false }));
    const synthetic: Outcome[] = variants.map((v) => ({ q: v.of, f: v.x.decision.features, answerable: false, vetoed: vetoed(v.x), right: false, w: VARIANT_WEIGHT, variant: true }));
    // Cross-validation inside the tune half (5 folds by question): how the decision carries to questions it was not fitted on.
    const folds = 5;
    let cvHit = 0;
    let cvRefused = 0;
    for (let k = 0; k < folds; k++) {
      const fit = fitDecision([...real, ...synthetic].filter((o) => o.q % folds !== k));
      for (const o of real.filter((o) => o.q % folds === k)) {
        const answered = !o.vetoed && o.f !== null && sigmoid(logit(fit.decision, o.f)) >= fit.threshold;
        if (o.answerable && answered && o.right) cvHit++;
        if (!o.answerable && !answered) cvRefused++;
      }
    }
    const nA = real.filter((o) => o.answerable).length || 1;
    const nU = real.filter((o) => !o.answerable).length || 1;
    process.stderr.write(`decision, 5-fold cross-validation on the tune questions: hit@3 ${(cvHit / nA).toFixed(3)}, refusals ${(cvRefused / nU).toFixed(3)}\n`);
    const fitted = fitDecision([...real, ...synthetic]);
    model.decision = fitted.decision;
    best = { t: fitted.threshold, hit3: fitted.hit3, refused: fitted.refused, cvHit: cvHit / nA, cvRefused: cvRefused / nU };
    model.threshold = best.t;
  }
  const on = `${cases.length} tune questions: ${[...tuneFiles, ...questionFiles.map((f) => `${f} (tune half)`)].map((f) => f.replace(`${SHARED}/`, '../shared/').replace(`${ROOT}/`, '')).join(', ')}`;
  const corpusNames = corpus.map((f) => f.replace(`${SHARED}/`, '../shared/').replace(`${ROOT}/`, '')).join(', ');
  const words = { on, ...wordFit };
  // With the rankers and the decision kept, so is the record of how they were fitted; the word weights' own is added.
  // With the decision alone kept, its record moves under `decision` beside the rankers' new one.
  const shipped = defaultModel().fitted ?? {};
  const statementAt3 = Math.round((stmtAt3 / (cases.filter((c) => c.doc !== null && c.doc !== undefined).length || 1)) * 1000) / 1000;
  model.fitted =
    values['keep-rankers'] && values['keep-decision']
      ? { ...shipped, words }
      : values['keep-decision']
        ? {
            by: 'npm run fit (scripts/fit-model.ts)',
            on,
            corpus: corpusNames,
            statementAt3,
            decision: (shipped.decision as Record<string, unknown> | undefined) ?? {
              kept: true,
              on: shipped.on,
              tuneHitAt3AtThreshold: shipped.tuneHitAt3AtThreshold,
              tuneRefusalsAtThreshold: shipped.tuneRefusalsAtThreshold,
              crossValidatedHitAt3: shipped.crossValidatedHitAt3,
              crossValidatedRefusals: shipped.crossValidatedRefusals,
            },
            words,
          }
        : {
            by: 'npm run fit (scripts/fit-model.ts)',
            on,
            corpus: corpusNames,
            statementAt3,
            tuneHitAt3AtThreshold: Math.round(best.hit3 * 1000) / 1000,
            tuneRefusalsAtThreshold: Math.round(best.refused * 1000) / 1000,
            crossValidatedHitAt3: Math.round(best.cvHit * 1000) / 1000,
            crossValidatedRefusals: Math.round(best.cvRefused * 1000) / 1000,
            words,
          };
  const json = JSON.stringify(model, null, 2) + '\n';
  if (!values['keep-decision']) process.stderr.write(`threshold ${best.t}: tune hit@3 ${best.hit3.toFixed(3)}, refusals ${best.refused.toFixed(3)}\n`);
  if (values['dry-run']) process.stdout.write(json);
  else {
    const out = values.out ?? MODEL_FILE.pathname;
    writeFileSync(out, json);
    process.stderr.write(`wrote ${out}\n`);
  }
});
