/**
 * The answer engine: a question in, an answer made only of the statements' own sentences out. It knows
 * nothing of Telegram or terminals; the CLI and the bot translate to and from it.
 */
import type { Embedder } from '../embed/types.js';
import type { IndexSegment, LoadedIndex } from '../index/open.js';
import { queryConcepts } from '../search/query.js';
import { entityCoverage, lexicalSearch, type LexicalHit } from '../search/searcher.js';
import { detectLang, tokenize } from '../text/analyze.js';
import type { Lexicon } from '../text/lexicon.js';
import type { Answer, Citation, QuestionType, Verification } from '../types.js';
import type { AnswerEngine, AskOptions, IndexStatus, SentenceContext } from './api.js';
import { questionType } from './question.js';
import { hasAnswerShape, shortAnswer } from './short-answer.js';
import { align, findRun, sameSpeaker, verdictFor, words } from './verify.js';

/** Ranking and answering thresholds; documented defaults, tuned on the dev questions. */
export interface AnswerParams {
  /** Weight of the statement's score (title, whole text) beside the sentence's own. */
  statementWeight: number;
  /** Weight of the cosine between question and sentence when vectors are present. */
  denseWeight: number;
  /** Least share of the question's weight that the sentence and its statement must match to answer. */
  minCoverage: number;
  /** Weight of the share of the question's names and dates that the sentence and its statement match. */
  entityWeight: number;
  /** Least share of the weight of the names in the question (places, people) the statement must match. */
  minEntityCoverage: number;
  /** Least share the sentence itself must match. */
  minSentenceCoverage: number;
  /** Bonus for a sentence that holds the kind of fact asked for (a number for "how many", an age, a date). */
  shapeBonus: number;
  /** The same for the looser "what" patterns ("misstänks för …", "gällande …"). */
  whatBonus: number;
  /** Share of the previous sentence's score a sentence inherits (it continues what that one said). */
  continuity: number;
  /** The same for a sentence that opens with a pronoun ("Hon omhändertas …"), which speaks of the previous one's subject. */
  pronounContinuity: number;
}

/** Question types whose answer must have a shape (a number, an age, a date, a name). */
const SHAPED: ReadonlySet<QuestionType> = new Set(['how_many', 'how_old', 'when', 'who']);
const PRONOUN_START = /^(?:hon|han|de|den|det|dessa|denne|denna|hen|she|he|they|it|this)\b/i;

export const DEFAULT_PARAMS: AnswerParams = {
  statementWeight: 1.5,
  denseWeight: 0.5,
  minCoverage: 0.6,
  minSentenceCoverage: 0.05,
  minEntityCoverage: 0.6,
  entityWeight: 0.3,
  shapeBonus: 0.3,
  whatBonus: 0.15,
  continuity: 0.15,
  pronounContinuity: 0.6,
};

interface Ranked {
  hit: LexicalHit;
  score: number;
  shape: boolean;
}

export class Engine implements AnswerEngine {
  private readonly statusValue: IndexStatus;

  constructor(
    readonly index: LoadedIndex,
    private readonly lexicon: Lexicon,
    private readonly embedder: Embedder | null,
    private readonly options: { maxCitations: number; params?: Partial<AnswerParams> },
  ) {
    let statements = 0;
    let sentences = 0;
    let oldest: string | null = null;
    let newest: string | null = null;
    for (const seg of index.segments) {
      seg.data.docs.forEach((d, i) => {
        if (seg.deleted.has(i)) return;
        statements++;
        sentences += seg.data.docSent[i + 1]! - seg.data.docSent[i]!;
        if (d.published) {
          if (!oldest || d.published < oldest) oldest = d.published;
          if (!newest || d.published > newest) newest = d.published;
        }
      });
    }
    this.statusValue = {
      statements,
      sentences,
      oldest,
      newest,
      builtAt: index.manifest.createdAt,
      embeddingModel: embedder && index.manifest.model ? index.manifest.model.id : null,
    };
  }

  private get params(): AnswerParams {
    return { ...DEFAULT_PARAMS, ...this.options.params };
  }

  status(): IndexStatus {
    return this.statusValue;
  }

  private sentenceText(seg: IndexSegment, s: number): string {
    const d = seg.data;
    return d.texts[d.sentDoc[s]!]!.slice(d.sentStart[s]!, d.sentEnd[s]!);
  }

  private speaker(seg: IndexSegment, s: number): string | null {
    const i = seg.data.sentSpeaker[s]!;
    return i >= 0 ? seg.data.speakers[i]! : null;
  }

  private citation(seg: IndexSegment, s: number, score: number): Citation {
    const doc = seg.data.docs[seg.data.sentDoc[s]!]!;
    return {
      text: this.sentenceText(seg, s),
      docId: doc.id,
      title: doc.title,
      publisher: doc.publisher,
      published: doc.published,
      url: doc.url,
      speaker: this.speaker(seg, s),
      score: Math.round(score * 1000) / 1000,
      sentence: s - seg.data.docSent[seg.data.sentDoc[s]!]!,
    };
  }

  async ask(question: string, options: AskOptions = {}): Promise<Answer> {
    const q = question.trim().slice(0, 2000);
    const lang = detectLang(q, options.langHint ?? 'sv');
    const type: QuestionType = questionType(q);
    const limit = options.limit ?? this.options.maxCitations;
    const concepts = queryConcepts(q, lang, this.lexicon);
    const empty: Answer = { question, lang, answered: false, answer: null, type, citations: [] };
    if (concepts.length === 0) return empty;

    const segs = this.index.segments;
    const lex = lexicalSearch(segs, concepts);
    const p = this.params;
    let qv: Float32Array | null = null;
    if (this.embedder && segs.some((s) => s.vectors)) qv = await this.embedder.embedQuery(q);

    const byKey = new Map<string, LexicalHit>();
    for (const h of lex.hits) byKey.set(`${h.seg}:${h.sent}`, h);
    // The graph's nearest sentences come with their cosine. Any other sentence of a segment is at most as near
    // as that segment's farthest neighbour returned (up to the graph's recall): `denseBound`.
    const dense = new Map<string, number>();
    const denseBound = segs.map(() => -Infinity);
    if (qv) {
      segs.forEach((seg, si) => {
        if (!seg.vectors) return;
        const near = seg.vectors.search(qv!, VECTOR_NEIGHBOURS);
        if (near.length >= VECTOR_NEIGHBOURS) denseBound[si] = near[near.length - 1]!.score;
        for (const r of near) {
          const key = `${si}:${r.label}`;
          dense.set(key, r.score);
          if (!byKey.has(key) && !seg.deleted.has(seg.data.sentDoc[r.label]!)) {
            byKey.set(key, { seg: si, sent: r.label, doc: seg.data.sentDoc[r.label]!, sentScore: 0, docScore: 0, sentCoverage: 0, docCoverage: 0, sentMask: 0, docMask: 0, prevScore: 0 });
          }
        }
      });
    }

    // Every candidate's lexical score, and the most its cosine could add. The cosine of a candidate that is not
    // among the graph's neighbours is read from the rows file, and only while the candidate could still reach
    // the citations: candidates go best bound first, and the loop ends once `limit` distinct sentences score
    // above the next bound.
    const pending: { hit: LexicalHit; key: string; base: number; bound: number; shape: boolean }[] = [];
    for (const [key, hit] of byKey) {
      const seg = segs[hit.seg]!;
      const text = this.sentenceText(seg, hit.sent);
      const shape = hasAnswerShape(type, text, this.speaker(seg, hit.sent));
      const cont = PRONOUN_START.test(text) ? p.pronounContinuity : p.continuity;
      const base =
        hit.sentScore +
        cont * hit.prevScore +
        p.statementWeight * hit.docScore +
        p.entityWeight * entityCoverage(concepts, lex.conceptWeights, hit.sentMask | hit.docMask) +
        (shape ? (type === 'what' ? p.whatBonus : p.shapeBonus) : 0);
      const known = dense.get(key);
      const bound = !qv || !seg.vectors ? base : base + p.denseWeight * (known ?? Math.max(denseBound[hit.seg]!, -1));
      pending.push({ hit, key, base, bound, shape });
    }
    pending.sort((a, b) => b.bound - a.bound);
    const ranked: Ranked[] = [];
    for (let i = 0; i < pending.length; i++) {
      const c = pending[i]!;
      if (i > 0 && enoughAbove(ranked, c.bound, limit, (r) => this.sentenceText(segs[r.hit.seg]!, r.hit.sent))) break;
      const seg = segs[c.hit.seg]!;
      let score = c.base;
      if (qv && seg.vectors) score += p.denseWeight * (dense.get(c.key) ?? seg.vectors.cosine(c.hit.sent, qv));
      insertSorted(ranked, { hit: c.hit, score, shape: c.shape });
    }

    // One citation per distinct sentence text (the same sentence repeated across statements adds nothing).
    const seen = new Set<string>();
    const top: Ranked[] = [];
    for (const r of ranked) {
      const t = this.sentenceText(segs[r.hit.seg]!, r.hit.sent);
      if (seen.has(t)) continue;
      seen.add(t);
      top.push(r);
      if (top.length >= limit) break;
    }
    if (top.length === 0) return empty;
    const best = top[0]!;
    const answered =
      best.hit.docCoverage >= p.minCoverage &&
      best.hit.sentCoverage >= p.minSentenceCoverage &&
      entityCoverage(concepts, lex.conceptWeights, best.hit.sentMask | best.hit.docMask) >= p.minEntityCoverage &&
      (best.shape || !SHAPED.has(type)) &&
      // every rare word of the question that the index knows nowhere means the statements do not speak of it
      !lex.conceptWeights.some((w, i) => !lex.conceptFound[i] && w >= 0.5 * Math.max(...lex.conceptWeights) && !concepts[i]!.soft);
    const bestSeg = segs[best.hit.seg]!;
    const bestText = this.sentenceText(bestSeg, best.hit.sent);
    const anchors = anchorsIn(bestText, concepts.flatMap((c) => c.alternatives.map((a) => a.term)));
    return {
      question,
      lang,
      answered,
      answer: answered ? shortAnswer(type, bestText, anchors, this.speaker(bestSeg, best.hit.sent), new Set(tokenize(q))) : null,
      type,
      citations: top.map((r) => this.citation(segs[r.hit.seg]!, r.hit.sent, r.score)),
    };
  }

  async verify(quote: string, speaker?: string | null): Promise<Verification> {
    const qText = quote.trim().slice(0, 5000);
    const qWords = words(qText);
    const none: Verification = { quote, verdict: 'not_found', match: null, speakerMatches: speaker ? null : null, changes: [] };
    if (qWords.length === 0) return none;
    const segs = this.index.segments;
    const concepts = queryConcepts(qText, 'sv', new Map());
    const lex = lexicalSearch(segs, concepts, { sentenceCandidates: 50, statementCandidates: 10 });
    const cands = lex.hits.sort((a, b) => b.sentScore + 0.3 * b.docScore - (a.sentScore + 0.3 * a.docScore)).slice(0, 60);

    // Verbatim, possibly across sentences: the quote's words as one run in a statement's words.
    const docsTried = new Set<string>();
    for (const h of cands) {
      const key = `${h.seg}:${h.doc}`;
      if (docsTried.has(key)) continue;
      docsTried.add(key);
      const seg = segs[h.seg]!;
      const text = seg.data.texts[h.doc]!;
      // Only the citable sentences count: a pull-quote heading or boilerplate is not where a quote is from.
      const toks = [];
      for (let s = seg.data.docSent[h.doc]!; s < seg.data.docSent[h.doc + 1]!; s++) {
        const from = seg.data.sentStart[s]!;
        for (const w of words(text.slice(from, seg.data.sentEnd[s]!))) toks.push({ token: w.token, start: w.start + from, end: w.end + from });
      }
      const at = findRun(toks, qWords);
      if (at < 0) continue;
      const start = toks[at]!.start;
      const end = toks[at + qWords.length - 1]!.end;
      const s = this.sentenceAt(seg, h.doc, start);
      const src = s >= 0 ? this.speaker(seg, s) : null;
      return {
        quote,
        verdict: 'verbatim',
        match: this.quoteMatch(seg, h.doc, text.slice(start, end), src, 1),
        speakerMatches: sameSpeaker(speaker, src),
        changes: [],
      };
    }

    let best: { seg: IndexSegment; sent: number; sim: number; text: string; changes: Verification['changes'] } | null = null;
    for (const h of cands) {
      const seg = segs[h.seg]!;
      const text = this.sentenceText(seg, h.sent);
      const a = align(qWords, words(text), text, qText);
      if (a && (!best || a.similarity > best.sim)) best = { seg, sent: h.sent, sim: a.similarity, text, changes: a.changes };
    }
    if (!best || verdictFor(best.sim) === 'not_found') return none;
    const src = this.speaker(best.seg, best.sent);
    return {
      quote,
      verdict: 'altered',
      match: this.quoteMatch(best.seg, best.seg.data.sentDoc[best.sent]!, best.text, src, Math.round(best.sim * 1000) / 1000),
      speakerMatches: sameSpeaker(speaker, src),
      changes: best.changes,
    };
  }

  private sentenceAt(seg: IndexSegment, doc: number, offset: number): number {
    for (let s = seg.data.docSent[doc]!; s < seg.data.docSent[doc + 1]!; s++) {
      if (seg.data.sentEnd[s]! > offset) return s;
    }
    return -1;
  }

  private quoteMatch(seg: IndexSegment, doc: number, text: string, speaker: string | null, similarity: number) {
    const d = seg.data.docs[doc]!;
    return { text, docId: d.id, title: d.title, publisher: d.publisher, published: d.published, url: d.url, speaker, similarity };
  }

  context(docId: string, sentence: number, radius = 2): SentenceContext | null {
    for (const seg of this.index.segments) {
      const doc = seg.data.docs.findIndex((d, i) => d.id === docId && !seg.deleted.has(i));
      if (doc < 0) continue;
      const from = seg.data.docSent[doc]!;
      const to = seg.data.docSent[doc + 1]!;
      const s = from + sentence;
      if (sentence < 0 || s >= to) return null;
      const range = (a: number, b: number) => {
        const out: string[] = [];
        for (let i = Math.max(from, a); i < Math.min(to, b); i++) out.push(this.sentenceText(seg, i));
        return out;
      };
      const d = seg.data.docs[doc]!;
      return { docId, title: d.title, url: d.url, before: range(s - radius, s), sentence: this.sentenceText(seg, s), after: range(s + 1, s + 1 + radius) };
    }
    return null;
  }
}

/** Sentences the graph returns for a question, per segment, besides the lexical candidates. */
const VECTOR_NEIGHBOURS = 50;

/** Inserts `r` into `ranked`, kept best first (stable: equal scores keep their order of arrival). */
function insertSorted(ranked: Ranked[], r: Ranked): void {
  let i = ranked.length;
  ranked.push(r);
  while (i > 0 && ranked[i - 1]!.score < r.score) {
    ranked[i] = ranked[i - 1]!;
    i--;
  }
  ranked[i] = r;
}

/** True when `limit` distinct sentence texts of `ranked` (best first) score above `bound`. */
function enoughAbove(ranked: Ranked[], bound: number, limit: number, text: (r: Ranked) => string): boolean {
  const seen = new Set<string>();
  for (const r of ranked) {
    if (r.score <= bound) return false;
    seen.add(text(r));
    if (seen.size >= limit) return true;
  }
  return false;
}

/** Character offsets in `sentence` of words whose stem starts like one of the question's terms. */
function anchorsIn(sentence: string, terms: string[]): number[] {
  const out: number[] = [];
  for (const w of words(sentence)) {
    if (terms.some((t) => t.length >= 3 && (w.token.startsWith(t) || (w.token.length >= 4 && w.token.endsWith(t))))) out.push(w.start);
  }
  return out;
}
