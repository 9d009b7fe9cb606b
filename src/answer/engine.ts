/**
 * The answer engine: a question in, an answer made only of the statements' own sentences out. It knows
 * nothing of Telegram or terminals; the CLI and the bot translate to and from it.
 *
 * Answering runs in stages, each returning a value that `explain` shows:
 * 1. question: what is asked for (answer types, date, event kinds) and the search concepts, each with its role;
 * 2. candidates: sentences and statements from the lexical index (and the vector graph when there is one);
 * 3. statements: features per candidate statement, scored by the statement model; the best go on;
 * 4. sentences: features per sentence of those statements, scored by the sentence model;
 * 5. decision: answer, or refuse with the reason (place, date or event not matched, fact not present, coverage
 *    too low);
 * 6. the answer: the short answer cut from the best sentence, the citations, further sources newest first.
 */
import type { Embedder } from '../embed/types.js';
import { queryConcepts, type Concept, type ConceptRole } from '../search/query.js';
import { lexicalSearch, type LexicalHit, type SearchSegment } from '../search/searcher.js';
import { detectLang, tokenize, tokenSpans, stemSv } from '../text/analyze.js';
import { compareNewestFirst, dateFit, estimateYears, formatConstraint, formatDay, statementDate, type StatementDate } from '../text/dates.js';
import { emptyLexicon, type Lexicon } from '../text/lexicon.js';
import { alternation, EVENT_KINDS, GUESS_WORDS, NATIONAL_SCOPES, UNKNOWN_FACT } from '../text/vocabulary.js';
import type { Answer, Citation, CitationRole, Refusal, Verification } from '../types.js';
import type { AnswerEngine, AskOptions, IndexStatus, SentenceContext } from './api.js';
import { isPersonPhrase, type Span } from './answer-types.js';
import { askedVerbTerms, conceptTerms, novelStretch, isHeading, pronounStart, trimQuestionWords, typeEvidence, type Anchor, type AskedThing, type DecisionFeatures, type SentenceFeatures, type StatementFeatures } from './features.js';
import { logit, sigmoid, softmax, wordKind, wordScore, wordTable } from './model.js';
import { defaultParams, type AnswerParams } from './params.js';
import { analyzeQuestion, eventStems, type QuestionAnalysis } from './question.js';
import { align, findRun, sameSpeaker, verdictFor, words } from './verify.js';
import { splitAttribution } from '../text/speakers.js';

/** What the engine needs of a segment: the lexical data, deletions, and the vectors when there are any. */
export interface EngineSegment extends SearchSegment {
  vectors: { search(query: Float32Array, k: number): { label: number; score: number }[]; cosine(row: number, query: Float32Array): number } | null;
}

/** What the engine needs of an index (LoadedIndex of index/open.ts is one). */
export interface EngineIndex {
  segments: EngineSegment[];
  manifest: { createdAt: string; model: { id: string } | null };
}

export interface EngineOptions {
  maxCitations: number;
  params?: Partial<AnswerParams>;
}

/** A statement that may be the one the question is about. */
export interface StatementCandidate {
  seg: number;
  doc: number;
  docId: string;
  title: string;
  date: StatementDate | null;
  features: StatementFeatures;
  logit: number;
  /** Its share of the statement model's probability among the candidates. */
  p: number;
  /** Its sentences among the lexical hits, by sentence number. */
  hits: Map<number, LexicalHit>;
}

/** A sentence of a likely statement. */
export interface SentenceCandidate {
  seg: number;
  sent: number;
  statement: StatementCandidate;
  text: string;
  features: SentenceFeatures;
  logit: number;
  /** Its share of the sentence model's probability among the candidates. */
  p: number;
  /** The best stretch of the kind of fact asked for, when it holds one. */
  fact: Span | null;
}

export interface ConceptInfo {
  surface: string;
  role: ConceptRole;
  weight: number;
  found: boolean;
  terms: string[];
}

/** The answer-or-refuse decision: `p` is the decision model's probability that the best sentence answers. */
export type Decision =
  | { answered: true; p: number; threshold: number; features: DecisionFeatures | null }
  | { answered: false; p: number; threshold: number; features: DecisionFeatures | null; reason: Refusal };

/** Every stage's value for one question (what `npm run ask -- --explain` prints). */
export interface Explanation {
  analysis: QuestionAnalysis;
  concepts: ConceptInfo[];
  statements: StatementCandidate[];
  sentences: SentenceCandidate[];
  decision: Decision;
  answer: Answer;
}

/** Names of the whole country (vocabulary.ts): a question about it is matched only by a statement about it. */
const NATIONAL = new Set(NATIONAL_SCOPES);
/** Sentences the graph returns for a question, per segment, besides the lexical candidates. */
const VECTOR_NEIGHBOURS = 50;

/**
 * Kinds of fact whose recognisers are sure enough that a sentence without one does not answer: a question about
 * an age, a count, a place or a reason is refused when no likely sentence states one ("fact not present"; a
 * why-question takes an offence too: "misstänkt för rattfylleri" says why). So is one about a vehicle, a colour, an
 * animal or an injury: their recognisers know the words (VEHICLE_NOUNS, COLOURS, ANIMAL_NOUNS, INJURY_WORDS), and a
 * sentence with none of them does not say which. Things and events are said in too many ways; for them the
 * decision model weighs the evidence.
 */
const STRICT_TYPES: ReadonlySet<string> = new Set(['cause', 'count', 'age', 'speed', 'money', 'alcohol', 'duration', 'quantity', 'time', 'date', 'street', 'place', 'person', 'role', 'organisation', 'vehicle', 'colour', 'animal', 'injury']);

const UNKNOWN = Object.fromEntries(Object.entries(UNKNOWN_FACT).map(([k, v]) => [k, new RegExp(`(?<![\\p{L}])(?:${v})`, 'iu')])) as Record<keyof typeof UNKNOWN_FACT, RegExp>;
/**
 * A likely answer after the not-known ("Det är oklart när inbrottet skett men troligtvis under natten mot onsdag",
 * "Oklart vad som exploderat men troligtvis rör det sig om en handgranat"): the sentence gives the fact after all.
 */
const GUESS_AFTER = new RegExp(`^[^.;!?]*?\\smen\\s(?:(?:${alternation(GUESS_WORDS)})(?![\\p{L}])|(?:man|polisen)\\s(?:tror|misstänker|bedömer))`, 'iu');
/** `text` says the fact of kind `kind` is not known, and offers no likely one after it. */
export function saysUnknown(kind: keyof typeof UNKNOWN_FACT, text: string): boolean {
  const m = UNKNOWN[kind].exec(text);
  return m !== null && !GUESS_AFTER.test(text.slice(m.index + m[0].length));
}
/** Which of UNKNOWN_FACT's kinds a question asks: a thing (an open or "what" question), a reason, a person, a place or a time. */
function unknownKind(a: QuestionAnalysis): keyof typeof UNKNOWN_FACT | null {
  const t = a.types[0];
  if (!t || t === 'object' || t === 'vehicle' || t === 'offence') return 'object';
  if (t === 'cause') return 'cause';
  if (t === 'person' || t === 'role' || t === 'organisation') return 'person';
  if (t === 'place' || t === 'street') return 'place';
  if (t === 'time' || t === 'date') return 'time';
  return null;
}

interface DocInfo {
  date: StatementDate | null;
  kinds: Set<string>;
  summary: boolean;
  /** The year estimated from the statement's place among the others (estimateYears), when it gives none. */
  estimatedYear?: number | null;
}

/** Per segment: each statement's date and title event kinds, computed on first use. */
const docInfos = new WeakMap<object, (DocInfo | undefined)[]>();
const TITLE_KIND = new Map<string, string[]>();
for (const k of EVENT_KINDS) for (const t of k.titles) TITLE_KIND.set(t.toLowerCase(), [...(TITLE_KIND.get(t.toLowerCase()) ?? []), k.kind]);

interface SegmentFacts {
  /** Places named by the statements' titles ("…, Trafikolycka, Malmö"), lower case. */
  places: Set<string>;
  /** Statements whose date has a year (from publication time or address), newest first. */
  dated: { doc: number; date: StatementDate }[];
}

const factsBySegment = new WeakMap<object, SegmentFacts>();

function segmentFacts(data: SearchSegment['data']): SegmentFacts {
  let f = factsBySegment.get(data);
  if (!f) {
    const places = new Set<string>();
    const dated: { doc: number; date: StatementDate }[] = [];
    data.docs.forEach((d, i) => {
      const t = titleFields(d.title);
      if (t) for (const p of t.place.split(/\s+och\s+|\//)) if (p && !/län$/i.test(p)) places.add(p.toLowerCase());
      if (d.published || (d.url && /\/(?:19|20)\d\d\//.test(d.url))) {
        const date = statementDate(d);
        if (date && date.year !== null) dated.push({ doc: i, date });
      }
    });
    dated.sort((a, b) => compareNewestFirst(a.date, b.date));
    f = { places, dated };
    factsBySegment.set(data, f);
  }
  return f;
}

/** What makes two police notices one event: their titles' kind and place, and their day. Null for other statements. */
function eventKey(st: StatementCandidate): string | null {
  // Asked for each candidate sentence of a statement in the decision: worked out once per statement.
  let key = eventKeys.get(st);
  if (key === undefined) {
    const f = titleFields(st.title);
    key = f && st.date ? `${f.type}|${f.place}|${st.date.month}-${st.date.day}` : null;
    eventKeys.set(st, key);
  }
  return key;
}
const eventKeys = new WeakMap<StatementCandidate, string | null>();

function titleFields(title: string): { type: string; place: string } | null {
  const parts = title.split(',').map((p) => p.trim());
  if (parts.length < 3 || !/^\d{1,2}\s\p{L}+\s\d{1,2}[.:]\d{2}$/u.test(parts[0]!)) return null;
  return { type: parts.slice(1, -1).join(', '), place: parts[parts.length - 1]! };
}

export class Engine<I extends EngineIndex = EngineIndex> implements AnswerEngine {
  private readonly statusValue: IndexStatus;
  private readonly params: AnswerParams;
  /** Places named by the statements' titles and the newest dated day: worked out on the first question (lazily,
   * so that loading an index stays fast), and per segment kept with the segment. */
  private facts: { places: Set<string>; newestDay: StatementDate | null } | null = null;
  private yearsEstimated = false;

  constructor(
    readonly index: I,
    private readonly lexicon: Lexicon,
    private readonly embedder: Embedder | null,
    private readonly options: EngineOptions,
  ) {
    this.params = { ...defaultParams(), ...options.params };
    let statements = 0;
    let sentences = 0;
    let oldest: string | null = null;
    let newest: string | null = null;
    index.segments.forEach((seg) => {
      seg.data.docs.forEach((d, i) => {
        if (seg.deleted.has(i)) return;
        statements++;
        sentences += seg.data.docSent[i + 1]! - seg.data.docSent[i]!;
        if (d.published) {
          if (!oldest || d.published < oldest) oldest = d.published;
          if (!newest || d.published > newest) newest = d.published;
        }
      });
    });
    this.statusValue = {
      statements,
      sentences,
      oldest,
      newest,
      builtAt: index.manifest.createdAt,
      embeddingModel: embedder && index.manifest.model ? index.manifest.model.id : null,
    };
  }

  status(): IndexStatus {
    return this.statusValue;
  }

  /**
   * The places the titles name and the newest dated day, over the live statements. What a segment says of them
   * is worked out once and kept with the segment (a new engine after a change reuses the segments it shares
   * with the old one).
   */
  private indexFacts(): { places: Set<string>; newestDay: StatementDate | null } {
    if (!this.facts) {
      // The country is a place whatever the titles say: "i sverige" typed in lower case names it too.
      const places = new Set<string>(NATIONAL_SCOPES);
      let newestDay: StatementDate | null = null;
      for (const seg of this.index.segments) {
        const f = segmentFacts(seg.data);
        for (const p of f.places) places.add(p);
        const latest = f.dated.find((x) => !seg.deleted.has(x.doc));
        if (latest && compareNewestFirst(latest.date, newestDay) < 0) newestDay = latest.date;
      }
      this.facts = { places, newestDay };
    }
    return this.facts;
  }

  private docInfo(seg: SearchSegment, doc: number): DocInfo {
    let list = docInfos.get(seg.data);
    // Filled lazily but made full length: written at random positions, an empty array would turn into a slow
    // dictionary of elements.
    if (!list) docInfos.set(seg.data, (list = new Array<DocInfo | undefined>(seg.data.docs.length).fill(undefined)));
    let info = list[doc];
    if (!info) {
      const d = seg.data.docs[doc]!;
      const f = titleFields(d.title);
      const kinds = new Set<string>(f ? (TITLE_KIND.get(f.type.toLowerCase()) ?? []) : []);
      info = { date: statementDate(d), kinds, summary: Boolean(f && /^sammanfattning/i.test(f.type)) };
      list[doc] = info;
    }
    return info;
  }

  /**
   * Fills in `estimatedYear` for statements with numeric ids (ids that grow with time) and a day and month but no
   * year, once per engine, on the first question that names a year.
   */
  private estimateYears(): void {
    if (this.yearsEstimated) return;
    this.yearsEstimated = true;
    const items: { order: number; month: number; year: number | null }[] = [];
    const infos: DocInfo[] = [];
    this.index.segments.forEach((seg) => {
      seg.data.docs.forEach((d, i) => {
        if (seg.deleted.has(i) || !/^\d{1,15}$/.test(d.id)) return;
        const info = this.docInfo(seg, i);
        if (!info.date) return;
        items.push({ order: Number(d.id), month: info.date.month, year: info.date.year });
        infos.push(info);
      });
    });
    estimateYears(items).forEach((y, k) => {
      const info = infos[k]!;
      info.estimatedYear = info.date!.year === null ? y : null;
    });
  }

  private sentenceText(seg: SearchSegment, s: number): string {
    const d = seg.data;
    return d.texts[d.sentDoc[s]!]!.slice(d.sentStart[s]!, d.sentEnd[s]!);
  }

  private speaker(seg: SearchSegment, s: number): string | null {
    const i = seg.data.sentSpeaker[s]!;
    return i >= 0 ? seg.data.speakers[i]! : null;
  }

  private citation(c: SentenceCandidate, role: CitationRole): Citation {
    const seg = this.index.segments[c.seg]!;
    const doc = seg.data.docs[seg.data.sentDoc[c.sent]!]!;
    const date = c.statement.date;
    return {
      text: c.text,
      docId: doc.id,
      title: doc.title,
      publisher: doc.publisher,
      published: doc.published,
      url: doc.url,
      speaker: this.speaker(seg, c.sent),
      score: Math.round(c.p * 1000) / 1000,
      sentence: c.sent - seg.data.docSent[seg.data.sentDoc[c.sent]!]!,
      date: date ? { year: date.year, month: date.month, day: date.day } : null,
      role,
      ...(doc.updated ? { updated: doc.updated } : {}),
    };
  }

  async ask(question: string, options: AskOptions = {}): Promise<Answer> {
    return (await this.explain(question, options)).answer;
  }

  /** Answers `question` and returns every stage's value. */
  async explain(question: string, options: AskOptions = {}): Promise<Explanation> {
    const p = this.params;
    const model = p.model;
    const threshold = p.threshold ?? model.threshold;
    const q = question.trim().slice(0, 2000);
    const lang = detectLang(q, options.langHint ?? 'sv');
    const limit = options.limit ?? this.options.maxCitations;
    const analysis = analyzeQuestion(q, lang, options.now ?? new Date());
    const segs = this.index.segments;

    // Stage 1: the question as concepts with roles.
    const date = analysis.date;
    const dayTerms: { term: string; weight: number }[] = [];
    if (date && (date.kind === 'day' || date.kind === 'range')) {
      for (const d of date.days) {
        dayTerms.push({ term: `§${d.month}-${d.day}`, weight: 1 });
        for (const off of [-1, 1]) {
          const t = new Date(Date.UTC(2001, d.month - 1, d.day + off));
          dayTerms.push({ term: `§${t.getUTCMonth() + 1}-${t.getUTCDate()}`, weight: 0.5 });
        }
      }
    }
    const concepts = queryConcepts(q, lang, this.lexicon, {
      dateWords: date?.words,
      eventWords: new Map(analysis.events.flatMap((e) => e.words.map((w) => [w, eventStems(e.kind)] as [string, string[]]))),
      places: this.indexFacts().places,
      dateTerms: dedupeTerms(dayTerms),
    });
    const refuse = (reason: Refusal, rest: Partial<Explanation> = {}): Explanation => {
      const decision: Decision = { answered: false, p: 0, threshold, features: null, reason };
      const answer: Answer = { question, lang, answered: false, answer: null, type: analysis.legacy, asks: analysis.types, citations: [], reason };
      return { analysis, concepts: [], statements: [], sentences: [], decision, answer, ...rest };
    };
    if (concepts.length === 0) return refuse({ code: 'no_question', detail: null });

    // "Igår", "i lördags": nothing newer than the corpus can answer.
    const newestDay = date?.relative ? this.indexFacts().newestDay : null;
    if (date?.relative && newestDay) {
      const asked = date.days[0]!;
      if (compareNewestFirst(asked, newestDay) < 0 && !date.days.some((d) => compareNewestFirst(d, newestDay) >= 0)) {
        const latest = date.days[date.days.length - 1]!;
        if (Date.UTC(latest.year!, latest.month - 1, latest.day) - Date.UTC(newestDay.year!, newestDay.month - 1, newestDay.day) > 86_400_000) {
          return refuse({ code: 'nothing_that_recent', detail: formatDay(newestDay, lang) });
        }
      }
    }

    // Stage 2: candidates (only the statements asked about, when `docIds` names them).
    const only = options.docIds ? segs.map((seg) => docsWithIds(seg, options.docIds!)) : undefined;
    const lex = lexicalSearch(segs, concepts, { sentenceCandidates: p.sentenceCandidates, statementCandidates: p.statementCandidates, only });
    const w = lex.conceptWeights;
    const mask = (role: ConceptRole, onlyFound = false) => concepts.reduce((m, c, i) => (i < 31 && c.role === role && (!onlyFound || lex.conceptFound[i]) ? m | (1 << i) : m), 0);
    const entityMask = mask('entity', true);
    // A whole country asked about ("i hela Sverige", "in Sweden") is matched by a statement about it (its title),
    // not by a local notice that names the country in passing.
    const nationalMask = concepts.reduce((m, c, i) => (i < 31 && c.role === 'entity' && NATIONAL.has(c.surface.toLowerCase()) ? m | (1 << i) : m), 0);
    const contentMask = mask('content');
    const dateMask = mask('date');
    const eventMask = mask('event');
    const weightOf = (m: number) => {
      let s = 0;
      for (let i = 0; i < w.length; i++) if (m & (1 << i)) s += w[i]!;
      return s;
    };
    const contentTotal = weightOf(contentMask);
    const entityTotal = weightOf(entityMask);
    const share = (m: number, of: number, total: number) => (total > 0 ? weightOf(m & of) / total : 1);
    const conceptInfo: ConceptInfo[] = concepts.map((c, i) => ({ surface: c.surface, role: c.role, weight: Math.round((w[i] ?? 0) * 1000) / 1000, found: lex.conceptFound[i] ?? false, terms: c.alternatives.map((a) => a.term) }));

    let qv: Float32Array | null = null;
    if (this.embedder && segs.some((s) => s.vectors)) qv = await this.embedder.embedQuery(q);
    const dense = new Map<string, number>();
    if (qv) {
      segs.forEach((seg, si) => {
        if (!seg.vectors) return;
        for (const r of seg.vectors.search(qv!, VECTOR_NEIGHBOURS)) if (!seg.deleted.has(seg.data.sentDoc[r.label]!)) dense.set(`${si}:${r.label}`, r.score);
      });
    }

    // Stage 3: statements.
    const byDoc = new Map<number, { seg: number; doc: number; hits: Map<number, LexicalHit> }>();
    const docOf = (seg: number, doc: number) => {
      const key = seg * 2 ** 32 + doc;
      let e = byDoc.get(key);
      if (!e) byDoc.set(key, (e = { seg, doc, hits: new Map() }));
      return e;
    };
    for (const h of lex.hits) docOf(h.seg, h.doc).hits.set(h.sent, h);
    for (const key of dense.keys()) {
      const [si, s] = key.split(':').map(Number) as [number, number];
      const doc = segs[si]!.data.sentDoc[s]!;
      if (!only || only[si]!.has(doc)) docOf(si, doc);
    }
    const eventKindsAsked = new Set(analysis.events.map((e) => e.kind));
    if (date?.year) this.estimateYears();
    const statements: StatementCandidate[] = [];
    for (const e of byDoc.values()) {
      const seg = segs[e.seg]!;
      const info = this.docInfo(seg, e.doc);
      let docScore = 0;
      let docMask = 0;
      let best = 0;
      let bestDense = 0;
      for (const h of e.hits.values()) {
        docScore = h.docScore;
        docMask |= h.docMask | h.sentMask;
        best = Math.max(best, h.sentScore);
      }
      if (dense.size || (only && qv && seg.vectors)) {
        // A statement asked about by id may lie outside the graph's nearest neighbours: its cosines are exact.
        for (let s = seg.data.docSent[e.doc]!; s < seg.data.docSent[e.doc + 1]!; s++) bestDense = Math.max(bestDense, dense.get(`${e.seg}:${s}`) ?? (only && seg.vectors ? seg.vectors.cosine(s, qv!) : 0));
      }
      const fit = dateFit(date, info.date);
      const dateInText = (docMask & dateMask) !== 0;
      const titleLower = nationalMask ? seg.data.docs[e.doc]!.title.toLowerCase() : '';
      const national = nationalMask ? concepts.reduce((m, c, i) => (nationalMask & (1 << i) && titleLower.includes(c.surface.toLowerCase()) ? m | (1 << i) : m), 0) : 0;
      const entityShare = share((docMask & ~nationalMask) | national, entityMask, entityTotal);
      let kindMatch = false;
      for (const k of eventKindsAsked) if (info.kinds.has(k)) kindMatch = true;
      const features: StatementFeatures = {
        docScore,
        bestSentence: best,
        content: share(docMask, contentMask, contentTotal),
        entityMiss: entityMask ? 1 - entityShare : 0,
        entityAll: entityMask && entityShare >= 0.999 ? 1 : 0,
        dateMatch: date && (fit.fit === 1 || (dateInText && date.kind === 'day' && fit.fit !== 0.5)) ? 1 : 0,
        dateNear: date && fit.fit === 0.5 ? 1 : 0,
        dateMiss: date && fit.fit === 0 && !dateInText ? 1 : 0,
        yearConflict: fit.yearConflict ? 1 : 0,
        yearLikelyOther: date?.year && info.date?.year === null && info.estimatedYear && info.estimatedYear !== date.year && !(date.kind === 'range' && date.days.some((x) => x.year === info.estimatedYear)) ? 1 : 0,
        eventTitle: eventKindsAsked.size && kindMatch ? 1 : 0,
        eventText: eventKindsAsked.size && (docMask & eventMask) !== 0 ? 1 : 0,
        // Only a title of another known kind, with no word of the kind asked in the text, rules a statement out.
        eventMiss: eventKindsAsked.size && info.kinds.size > 0 && !kindMatch && (docMask & eventMask) === 0 ? 1 : 0,
        summary: info.summary ? 1 : 0,
        dense: bestDense,
      };
      // The cosine's weight is set by hand (params.denseWeight), not fitted: the model's own is left out.
      const z = logit(model.statement, features) - model.statement.weights.dense * bestDense + (qv ? p.denseWeight * bestDense : 0);
      const d = seg.data.docs[e.doc]!;
      statements.push({ seg: e.seg, doc: e.doc, docId: d.id, title: d.title, date: info.date, features, logit: z, p: 0, hits: e.hits });
    }
    statements.sort((a, b) => b.logit - a.logit);
    softmax(statements.map((x) => x.logit)).forEach((v, i) => (statements[i]!.p = v));
    const kept = statements.slice(0, p.statementsKept);

    // Stage 4: sentences of the likely statements.
    // What the sentence must say: the question's content words; when it has none ("Vad hade beskjutits vid
    // skottlossningen?"), the words of its event kinds are what it asks about.
    const sentenceRole: ConceptRole = concepts.some((c) => c.role === 'content') ? 'content' : 'event';
    // With content words, the event's words count too, by params.eventSentenceWeight.
    const focusWeight = (c: Concept) => (c.role === sentenceRole ? 1 : c.role === 'event' ? p.eventSentenceWeight : 0);
    const focusOf = (c: Concept) => focusWeight(c) > 0;
    const contentTerms = concepts.flatMap((c, i) => (focusOf(c) ? c.alternatives.map((a) => ({ term: a.term, weight: (w[i] ?? 0) * focusWeight(c) * a.weight })) : []));
    const contentConcepts = concepts.flatMap((c, i) => (focusOf(c) && i < w.length ? [{ index: i, weight: w[i]! * focusWeight(c) * (c.setting ? p.settingWeight : 1), alternatives: c.alternatives }] : []));
    const questionStems = new Set(concepts.filter((c) => c.role !== 'date').flatMap((c) => c.alternatives.filter((x) => x.weight >= 1).map((x) => x.term)));
    // The Swedish stems of a word of the question: its concept's own terms (an English word's translations).
    const termsOf = (word: string) => conceptTerms(concepts, word);
    // … of the noun an open "vilket/which" question asks about, of the choices it ends on, of the verb whose thing it asks for.
    const asked = analysis.askedNoun;
    const headStems = asked ? (termsOf(asked) ?? [stemSv(asked)]) : [];
    const choices = analysis.choices?.map((words) => words.flatMap((w) => termsOf(w) ?? [stemSv(w)])) ?? null;
    const verbStems = analysis.askedVerb ? askedVerbTerms(concepts, analysis.askedVerb) : [];
    const placeStems = analysis.placeNoun ? (termsOf(analysis.placeNoun) ?? [stemSv(analysis.placeNoun)]) : [];
    // What the question says of its answer besides its types: the same for every candidate sentence.
    const askedThing: AskedThing = {
      headStems,
      kind: analysis.askedKind,
      stranded: analysis.stranded,
      verbStems,
      placeStems,
      eventKinds: analysis.events.map((e) => e.kind),
      dispatch: analysis.dispatch,
      care: analysis.care,
      claimed: analysis.claimed,
      sex: analysis.sex,
      agedRole: analysis.agedRole,
      identity: analysis.identity,
      future: analysis.future,
      clock: analysis.clock,
      doer: analysis.doer,
      direction: analysis.direction,
      destination: analysis.destination,
      choices,
      setApart: analysis.setApart.map((w) => termsOf(w) ?? [stemSv(w)]),
      // The Swedish stems of the verb whose doer is asked ("put out": släck …), from the concept that holds it.
      doerStems: analysis.doerVerb && analysis.doerVerb !== 'bakom' ? (concepts.find((c) => c.surface === analysis.doerVerb || c.surface.startsWith(`${analysis.doerVerb} `))?.alternatives.filter((x) => x.weight >= 1).map((x) => x.term) ?? [stemSv(analysis.doerVerb)]) : [],
      // The people the question names, whatever its concepts kept ("en äldre man": man).
      persons: [...new Set(tokenize(question).flatMap((t) => termsOf(t) ?? [stemSv(t)]).filter((st) => isPersonPhrase(st)))],
      police: [...questionStems].some((q) => q.startsWith('polis') || q === 'police' || q === 'cop'),
    };
    // The learned weights of sentence words for this kind of question; a query that asks no question (a topic
    // followed, a word looked up: "Rinkeby") takes none.
    const kind = wordKind(analysis.legacy);
    const kindWords = kind ? model.words[kind] : undefined;
    const wordWeights = kindWords ? wordTable(kindWords) : null;
    const sentences: SentenceCandidate[] = [];
    for (const st of kept) {
      const seg = segs[st.seg]!;
      const first = seg.data.docSent[st.doc]!;
      const end = seg.data.docSent[st.doc + 1]!;
      let prevMatched = new Map<number, number>();
      for (let s = first; s < end; s++) {
        const text = this.sentenceText(seg, s);
        const h = st.hits.get(s);
        const m = h?.sentMask ?? 0;
        const words = tokenSpans(text).map((t) => ({ start: t.start, stem: stemSv(t.token) }));
        const matched = matchedConcepts(words, contentConcepts);
        const ev = typeEvidence(analysis.types, text, anchorsIn(words, contentTerms), questionStems, askedThing);
        let cos = 0;
        if (qv && seg.vectors) cos = dense.get(`${st.seg}:${s}`) ?? seg.vectors.cosine(s, qv);
        const features: SentenceFeatures = {
          statement: st.logit,
          sentScore: h?.sentScore ?? 0,
          content: coverage(matched, contentConcepts),
          contentNear: coverage(merge(matched, prevMatched), contentConcepts),
          entityHere: entityMask && (m & entityMask) !== 0 ? 1 : 0,
          typed: analysis.types.length ? 1 : 0,
          typeFirst: ev.first,
          typeAny: ev.any,
          typeNear: ev.near,
          position: 1 / (1 + s - first),
          heading: isHeading(text) ? 1 : 0,
          pronoun: pronounStart(text) ? 1 : 0,
          quote: this.speaker(seg, s) ? 1 : 0,
          dense: cos,
          words: wordWeights ? wordScore(words, wordWeights) : 0,
        };
        const z = logit(model.sentence, features) - model.sentence.weights.dense * cos + (qv ? p.denseWeight * cos : 0);
        sentences.push({ seg: st.seg, sent: s, statement: st, text, features, logit: z, p: 0, fact: ev.best });
        prevMatched = matched;
      }
    }
    sentences.sort((a, b) => b.logit - a.logit);
    softmax(sentences.map((x) => x.logit)).forEach((v, i) => (sentences[i]!.p = v));
    const ranked = dedupeByText(sentences);

    // Stage 5: the decision.
    const unknown = weightOf(concepts.reduce((m, _c, i) => (i < 31 && !lex.conceptFound[i] ? m | (1 << i) : m), 0)) / (w.reduce((a, b) => a + b, 0) || 1);
    const decision = this.decide(analysis, concepts, lex, ranked, threshold, entityMask, lang, unknown, kept, statements);

    // Stage 6: the answer.
    const answer = this.assemble(question, analysis, lang, ranked, decision, limit, questionStems);
    return { analysis, concepts: conceptInfo, statements, sentences: ranked, decision, answer };
  }

  /** The decision model's features for the best sentence. */
  private decisionFeatures(a: QuestionAnalysis, ranked: SentenceCandidate[], statements: StatementCandidate[], unknown: number): DecisionFeatures {
    const best = ranked[0]!;
    // Statements that answer alike do not compete with each other: those of the same event (the same kind, place
    // and day in their titles: updates of one notice, or one notice under several counties), and, for a question
    // asking for a kind of fact, those whose best sentence holds such a fact and that meet the question's place,
    // day and event as well as the best does ("How many are remanded?" is answered by many). The margin and the
    // shares are theirs together.
    const event = eventKey(best.statement);
    const sf0 = best.statement.features;
    const general = a.date === null && sf0.entityAll === 0 && sf0.entityMiss === 0;
    const bestOf = new Map<StatementCandidate, SentenceCandidate>();
    for (const c of ranked) if (!bestOf.has(c.statement)) bestOf.set(c.statement, c);
    const sameAs = new Map<StatementCandidate, boolean>();
    const same = (st: StatementCandidate) => {
      let v = sameAs.get(st);
      if (v === undefined) sameAs.set(st, (v = answersAlike(st)));
      return v;
    };
    const answersAlike = (st: StatementCandidate) =>
      st === best.statement ||
      (event !== null && eventKey(st) === event) ||
      (a.types.length > 0 &&
        bestOf.get(st)?.fact != null &&
        st.features.entityMiss <= sf0.entityMiss &&
        st.features.dateMatch >= sf0.dateMatch &&
        st.features.eventMiss <= sf0.eventMiss &&
        st.features.yearConflict <= sf0.yearConflict) ||
      // A general question (no place, person or date named) is answered alike by every statement that covers its
      // words as well as the best: many notices say how many were remanded; their number is no doubt.
      (general && a.types.length > 0 && st.features.content >= sf0.content);
    const other = ranked.find((c) => !same(c.statement));
    const sf = best.statement.features;
    const f = best.features;
    return {
      margin: other ? Math.min(5, best.logit - other.logit) : 5,
      share: ranked.filter((c) => same(c.statement)).reduce((x, c) => x + c.p, 0),
      // Statements of negligible probability add nothing to the share: they are not looked at.
      statementShare: statements.reduce((x, st) => (st.p >= 1e-5 && same(st) ? x + st.p : x), 0),
      content: f.content,
      statementContent: sf.content,
      entityAll: sf.entityAll,
      entityMiss: sf.entityMiss,
      dateMatch: sf.dateMatch,
      dateNear: sf.dateNear,
      dateMiss: sf.dateMiss,
      yearOther: Math.max(sf.yearConflict, sf.yearLikelyOther),
      eventTitle: sf.eventTitle,
      eventMiss: sf.eventMiss,
      typed: a.types.length ? 1 : 0,
      typeFirst: f.typeFirst,
      typeAny: f.typeAny,
      unknown,
    };
  }

  /** Answer, or refuse with the reason, from the best sentence and its statement. */
  private decide(
    a: QuestionAnalysis,
    concepts: Concept[],
    lex: { conceptWeights: number[]; conceptFound: boolean[] },
    ranked: SentenceCandidate[],
    threshold: number,
    entityMask: number,
    lang: 'sv' | 'en',
    unknownShare: number,
    kept: StatementCandidate[],
    statements: StatementCandidate[],
  ): Decision {
    const p = this.params;
    const best = ranked[0];
    if (!best) return { answered: false, p: 0, threshold, features: null, reason: { code: 'low_coverage', detail: null } };
    const features = this.decisionFeatures(a, ranked, statements, unknownShare);
    const prob = sigmoid(logit(p.model.decision, features));
    const no = (code: Refusal['code'], detail: string | null): Decision => ({ answered: false, p: prob, threshold, features, reason: { code, detail } });
    // A name the asker typed that no statement holds: the statements do not speak of it. (An unknown plain word
    // may be a form the statements put otherwise; the decision model weighs that.)
    const unknown = concepts.findIndex((c, i) => !lex.conceptFound[i] && c.entity);
    if (unknown >= 0) return no('place_not_matched', concepts[unknown]!.surface);
    const sf = best.statement.features;
    const names = concepts.filter((_c, i) => i < 31 && entityMask & (1 << i)).map((c) => c.surface).join(', ');
    if (p.requireEntity && entityMask && (sf.entityMiss >= 0.999 || kept.every((s) => s.features.entityMiss >= 0.999))) return no('place_not_matched', names);
    const dateText = a.date ? formatConstraint(a.date, lang) : null;
    if (p.requireDate && a.date && (sf.dateMiss || sf.yearConflict)) return no('date_not_matched', dateText);
    // No likely statement is from the day asked, and the best one is dated otherwise.
    if (p.requireDate && a.date && best.statement.date && !kept.some((s) => s.features.dateMatch || s.features.dateNear)) return no('date_not_matched', dateText);
    if (p.requireEvent && sf.eventMiss) return no('event_not_matched', a.events.map((e) => e.words.join(' ')).join(', '));
    // The statement says the thing asked is not known ("Det är oklart vad som stulits", "Brandorsaken är okänd"), in the
    // best sentence, or one ranked just below it when the best sentence names no such thing.
    const asked = unknownKind(a);
    const unknownSaid = asked && ranked.slice(0, 3).some((c) => c.statement === best.statement && saysUnknown(asked, c.text));
    if (p.requireFact && asked && unknownSaid && (!best.fact || saysUnknown(asked, best.text))) return no('fact_unknown', asked);
    if (p.requireFact && a.types.length && STRICT_TYPES.has(a.types[0]!) && !best.fact) return no('fact_not_present', a.types[0]!);
    if (prob < threshold) return no('low_coverage', null);
    return { answered: true, p: prob, threshold, features };
  }

  /** The answer value: short answer, citations (answer, further sources newest first, near sentences). */
  private assemble(question: string, a: QuestionAnalysis, lang: 'sv' | 'en', ranked: SentenceCandidate[], decision: Decision, limit: number, questionStems: ReadonlySet<string>): Answer {
    const base = { question, lang, type: a.legacy, asks: a.types };
    if (!decision.answered) {
      return { ...base, answered: false, answer: null, citations: ranked.slice(0, limit).map((c) => this.citation(c, 'near')), reason: decision.reason };
    }
    const best = ranked[0]!;
    // Other statements that answer too: their best sentence comes close and holds the fact asked for.
    const answering: SentenceCandidate[] = [best];
    const docs = new Set([`${best.seg}:${best.statement.doc}`]);
    for (const c of ranked.slice(1)) {
      const key = `${c.seg}:${c.statement.doc}`;
      if (docs.has(key)) continue;
      docs.add(key);
      if (c.logit < best.logit + Math.log(this.params.furtherSourceRatio)) continue;
      if (a.types.length && !c.fact) continue;
      answering.push(c);
    }
    // Several statements answer a question that names no day or event ("Vem är regionpolischef i Stockholm?"):
    // the newest leads, the others follow as earlier sources.
    const general = !a.date && a.events.length === 0;
    if (general && answering.length > 1) answering.sort((x, y) => compareNewestFirst(x.statement.date, y.statement.date) || y.p - x.p);
    const lead = answering[0]!;
    const shown = new Set(answering);
    const citations = [
      ...answering.slice(0, limit).map((c, i) => this.citation(c, i === 0 ? 'answer' : 'also')),
      ...ranked.filter((c) => !shown.has(c)).slice(0, Math.max(0, limit - answering.length)).map((c) => this.citation(c, 'near')),
    ];
    // An open "what" question that no recogniser answered takes the sentence's stretch the question does not say.
    // (Not one that asks for a kind of fact, a thing included: there a recogniser's silence is the better guess.)
    const fact = lead.fact ? trimQuestionWords(lead.fact, questionStems) : a.types.length === 0 ? novelStretch(lead.text, questionStems) : null;
    const short = fact && fact.text.length < lead.text.length ? fact.text : null;
    return { ...base, answered: true, answer: short, citations };
  }

  /**
   * Checks a quote: `verbatim` (the words run unchanged in a statement, maybe across sentences), `altered` (a
   * sentence says nearly this), or `not_found`. A quote that carries its own attribution (`”…”, sa Löfving`) is
   * checked without it, and the name it gives is compared with the speaker the source names. An English
   * rendering of a Swedish quote cannot be checked word for word: it gets `not_found`, the nearest Swedish
   * sentence, and a note saying so.
   */
  async verify(quote: string, speaker?: string | null): Promise<Verification> {
    let qText = quote.trim().slice(0, 5000);
    let claimed = speaker ?? null;
    let claimedInText: string | null = null;
    if (!claimed) {
      const own = splitAttribution(qText);
      if (own) {
        qText = own.quote;
        claimed = claimedInText = own.speaker;
      }
    }
    const result = await this.verifyWords(quote, qText, claimed);
    if (claimedInText) result.claimedSpeaker = claimedInText;
    if (result.verdict === 'not_found' && detectLang(qText, 'sv') === 'en') {
      const nearest = await this.ask(qText, { limit: 1, langHint: 'en' });
      const c = nearest.citations[0];
      result.note = 'Only the original wording can be checked: this looks like an English rendering, and the statements are in Swedish. The nearest Swedish sentence is shown, not as a match.';
      if (c) result.nearest = { text: c.text, docId: c.docId, title: c.title, publisher: c.publisher, published: c.published, url: c.url, speaker: c.speaker, similarity: 0, date: c.date };
    }
    return result;
  }

  private async verifyWords(quote: string, qText: string, speaker: string | null): Promise<Verification> {
    const qWords = words(qText);
    const none: Verification = { quote, verdict: 'not_found', match: null, speakerMatches: null, changes: [] };
    if (qWords.length === 0) return none;
    const segs = this.index.segments;
    const concepts = queryConcepts(qText, 'sv', emptyLexicon());
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

    let best: { seg: SearchSegment; sent: number; sim: number; text: string; changes: Verification['changes'] } | null = null;
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

  private sentenceAt(seg: SearchSegment, doc: number, offset: number): number {
    for (let s = seg.data.docSent[doc]!; s < seg.data.docSent[doc + 1]!; s++) {
      if (seg.data.sentEnd[s]! > offset) return s;
    }
    return -1;
  }

  private quoteMatch(seg: SearchSegment, doc: number, text: string, speaker: string | null, similarity: number) {
    const d = seg.data.docs[doc]!;
    const date = this.docInfo(seg, doc).date;
    return { text, docId: d.id, title: d.title, publisher: d.publisher, published: d.published, url: d.url, speaker, similarity, date: date ? { year: date.year, month: date.month, day: date.day } : null };
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

/** Statement id → its position, per segment (built on the first question asked by ids, kept with the segment). */
const positionsById = new WeakMap<object, Map<string, number>>();

/** The positions of the live statements of `seg` whose ids are in `ids`. */
function docsWithIds(seg: EngineSegment, ids: ReadonlySet<string>): Set<number> {
  let byId = positionsById.get(seg.data);
  if (!byId) {
    byId = new Map();
    seg.data.docs.forEach((d, i) => byId!.set(d.id, i));
    positionsById.set(seg.data, byId);
  }
  const out = new Set<number>();
  for (const id of ids) {
    const i = byId.get(id);
    if (i !== undefined && !seg.deleted.has(i)) out.add(i);
  }
  return out;
}

function dedupeTerms(list: { term: string; weight: number }[]): { term: string; weight: number }[] {
  const m = new Map<string, number>();
  for (const t of list) m.set(t.term, Math.max(m.get(t.term) ?? 0, t.weight));
  return [...m].map(([term, weight]) => ({ term, weight }));
}

/** One candidate per distinct sentence text (the same sentence repeated across statements adds nothing). */
function dedupeByText(list: SentenceCandidate[]): SentenceCandidate[] {
  const seen = new Set<string>();
  return list.filter((c) => !seen.has(c.text) && seen.add(c.text));
}

interface WeightedConcept {
  index: number;
  weight: number;
  alternatives: { term: string; weight: number }[];
}

/**
 * How well each concept is met in `text`: the weight of its best alternative found there (a word with that
 * stem: 1·weight; a compound with it as head: 0.7·; as modifier: 0.5·), by concept index. Unlike the index's
 * masks, a loose alternative ("region" for "regional police chief") counts for what it weighs.
 */
function matchedConcepts(words: { stem: string }[], concepts: WeightedConcept[]): Map<number, number> {
  const out = new Map<number, number>();
  if (concepts.length === 0) return out;
  const stems = words.map((w) => w.stem);
  for (const c of concepts) {
    let best = 0;
    for (const a of c.alternatives) {
      if (a.term.startsWith('§')) continue;
      for (const s of stems) {
        const v = s === a.term ? a.weight : a.term.length >= 4 && s.length > a.term.length + 2 && s.endsWith(a.term) ? a.weight * 0.7 : a.term.length >= 4 && s.length > a.term.length + 2 && s.startsWith(a.term) ? a.weight * 0.5 : 0;
        if (v > best) best = v;
      }
    }
    if (best > 0) out.set(c.index, best);
  }
  return out;
}

function merge(a: Map<number, number>, b: Map<number, number>): Map<number, number> {
  const m = new Map(a);
  for (const [k, v] of b) m.set(k, Math.max(m.get(k) ?? 0, v));
  return m;
}

/** Share of the concepts' weight met (1 when there are none). */
function coverage(matched: Map<number, number>, concepts: WeightedConcept[]): number {
  let total = 0;
  let got = 0;
  for (const c of concepts) {
    total += c.weight;
    got += c.weight * (matched.get(c.index) ?? 0);
  }
  return total > 0 ? got / total : 1;
}

/** Words of `sentence` whose stem starts like one of the question's terms, or ends like one (a compound's head), with the term's weight. */
function anchorsIn(words: { start: number; stem: string }[], terms: { term: string; weight: number }[]): Anchor[] {
  const out: Anchor[] = [];
  const useful = terms.filter((t) => t.term.length >= 3 && !t.term.startsWith('§'));
  for (const w of words) {
    const s = w.stem;
    let weight = 0;
    for (const t of useful) if (s.startsWith(t.term) || (s.length >= 4 && t.term.length >= 4 && s.endsWith(t.term))) weight = Math.max(weight, t.weight);
    if (weight > 0) out.push({ at: w.start, weight });
  }
  return out;
}
