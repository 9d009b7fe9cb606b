/**
 * Dates as statements give them and as people ask them.
 *
 * A statement's date comes from its publication time when the source gives one, else from its address
 * (polisen.se paths hold the year: `/handelser/2025/februari/15/…`), else from its title ("21 mars 18:57,
 * Trafikolycka, Malmö"): day and month without a year. A year is never guessed.
 *
 * A question's date is absolute ("28 Sep 2024", "den 9 juni 2026", "i april 2026", "julafton 2024") or relative
 * to the time of asking ("igår", "i lördags", "förra veckan", "yesterday", "last Saturday"), which the caller
 * passes as `now`.
 */
import type { Lang } from '../types.js';
import { alternation, DATE_HEDGES, MONTHS, NAMED_DAYS, RELATIVE_DAYS, RELATIVE_PERIODS, WEEKDAYS } from './vocabulary.js';

/** A calendar day; `year` is null when the source does not say. */
export interface DayDate {
  year: number | null;
  month: number;
  day: number;
}

/** Where a statement's date was read from. */
export type DateSource = 'published' | 'url' | 'title';

export interface StatementDate extends DayDate {
  source: DateSource;
}

/** What a question says about when. `days` are the calendar days meant (several for "last week"). */
export interface DateConstraint {
  kind: 'day' | 'month' | 'year' | 'range';
  /** For 'day' and 'range': the days meant (month and day; `year` when known). */
  days: DayDate[];
  /** For 'month': the month meant. */
  month: number | null;
  /** The year named or implied (relative dates), else null. */
  year: number | null;
  /** The question's words that said it, lower case (so they are not searched for as content words). */
  words: string[];
  /** True when resolved against the time of asking. */
  relative: boolean;
}

const MONTH_OF = new Map<string, number>(MONTHS.flatMap((names, i) => names.map((n) => [n, i + 1] as [string, number])));
const MONTH_RE = alternation(MONTH_OF.keys());

/** polisen.se and similar paths: `/2025/februari/15/`. */
const URL_DATE = new RegExp(`/((?:19|20)\\d{2})/(${MONTH_RE})/(\\d{1,2})(?:/|$)`, 'i');
/** Titles that open with a day and month: "21 mars 18:57, …", "02 januari 18.30, …". */
const TITLE_DATE = new RegExp(`^\\s*(\\d{1,2})\\s+(${MONTH_RE})\\b`, 'i');

function validDay(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** The statement's date, or null when neither its publication time, address nor title gives one. */
export function statementDate(doc: { published: string | null; url: string | null; title: string }): StatementDate | null {
  if (doc.published) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(doc.published);
    if (m) {
      // The local calendar day of the time given (a notice published 00:30 +01:00 belongs to that day).
      return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), source: 'published' };
    }
  }
  const t = TITLE_DATE.exec(doc.title);
  const u = doc.url ? URL_DATE.exec(decodeURIComponent(doc.url)) : null;
  if (u) {
    const month = MONTH_OF.get(u[2]!.toLowerCase())!;
    const day = Number(u[3]);
    if (validDay(month, day)) return { year: Number(u[1]), month, day, source: 'url' };
  }
  if (t) {
    const month = MONTH_OF.get(t[2]!.toLowerCase())!;
    const day = Number(t[1]);
    if (validDay(month, day)) return { year: null, month, day, source: 'title' };
  }
  return null;
}

const DAY_MS = 86_400_000;

/** Days between two calendar days of the same or unknown year, the shorter way round the year (0..183). */
export function dayDistance(a: { month: number; day: number }, b: { month: number; day: number }): number {
  const ta = Date.UTC(2001, a.month - 1, a.day);
  const tb = Date.UTC(2001, b.month - 1, b.day);
  const d = Math.abs(ta - tb) / DAY_MS;
  return Math.min(d, 365 - d);
}

function ymd(d: Date): DayDate {
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The calendar day `daysAgo` days before `now`, in Swedish local time (UTC+1/+2 is close enough: UTC+1). */
function daysBefore(now: Date, daysAgo: number): DayDate {
  return ymd(new Date(now.getTime() + 3_600_000 - daysAgo * DAY_MS));
}

const NAMED_RE = new RegExp(`(?<![\\p{L}])(${alternation(NAMED_DAYS.flatMap((n) => n.words))})(?![\\p{L}])(?:\\s+((?:19|20)\\d{2}))?`, 'iu');
const RELATIVE_RE = new RegExp(`(?<![\\p{L}])(${alternation(RELATIVE_DAYS.flatMap((r) => r.words))})(?![\\p{L}])`, 'iu');
const PERIOD_RE = new RegExp(`(?<![\\p{L}])(${alternation(RELATIVE_PERIODS.flatMap((r) => r.words))})(?![\\p{L}])`, 'iu');
/** "i lördags", "last Saturday", "i lördags kväll". */
const LAST_WEEKDAY_RE = new RegExp(`(?<![\\p{L}])(?:i\\s+(${alternation(WEEKDAYS.map((w) => w.past))})|last\\s+(${alternation(WEEKDAYS.map((w) => w.en))}))(?![\\p{L}])`, 'iu');
/** "28 Sep 2024", "den 9 juni 2026", "1 mars", "28th of September". */
const DAY_MONTH_RE = new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,2})(?:st|nd|rd|th|:e|:a)?(?:\\s+of)?\\s+(${MONTH_RE})\\.?(?![\\p{L}])(?:,?\\s+((?:19|20)\\d{2}))?`, 'iu');
/** "September 28, 2024", "Sept. 28". */
const MONTH_DAY_RE = new RegExp(`(?<![\\p{L}])(${MONTH_RE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\p{N}])(?:,?\\s+((?:19|20)\\d{2}))?`, 'iu');
/** "i april 2026", "in April 2026", "i juni", "during March". */
const MONTH_ONLY_RE = new RegExp(`(?<![\\p{L}])(?:i|in|under|during|början av|slutet av|mitten av|mid|early|late|the end of|the beginning of)\\s+(?:(?:the\\s+)?(?:month\\s+of\\s+))?(${MONTH_RE})(?![\\p{L}])(?:\\s+((?:19|20)\\d{2}))?`, 'iu');
/** A year on its own: "under 2025", "in 2024". */
const YEAR_RE = /(?<![\p{L}\p{N}])(?:i|in|under|during|år|year)\s+((?:19|20)\d{2})(?![\p{N}])/iu;

/** A hedge right before a date ("strax före ", "just after the "). */
const HEDGE_BEFORE_RE = new RegExp(`(?<![\\p{L}])(${alternation(DATE_HEDGES.flatMap((h) => h.words))})\\s+(?:the\\s+|den\\s+|on\\s+)?$`, 'iu');

/** The days from `from` to `to` days after `d` (the year follows across New Year when `d` has one). */
function daysAround(d: DayDate, from: number, to: number): DayDate[] {
  const out: DayDate[] = [];
  for (let k = from; k <= to; k++) {
    const t = new Date(Date.UTC(d.year ?? 2001, d.month - 1, d.day + k));
    out.push({ year: d.year === null ? null : t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() });
  }
  return out;
}

/**
 * A day as the question names it, or the stretch around it that a hedge before it makes ("strax före jul": the
 * week up to Christmas Day).
 */
function dayOrStretch(q: string, m: RegExpExecArray, day: DayDate, words: string[]): DateConstraint {
  const h = HEDGE_BEFORE_RE.exec(q.slice(0, m.index));
  const hedge = h ? DATE_HEDGES.find((x) => x.words.includes(h[1]!.toLowerCase().replace(/\s+/g, ' '))) : undefined;
  const base = { month: null, year: day.year, relative: false };
  if (!h || !hedge) return { ...base, kind: 'day', days: [day], words };
  return { ...base, kind: 'range', days: daysAround(day, hedge.from, hedge.to), words: [...wordsOf(h[0]), ...words] };
}

function wordsOf(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * What the question says about when, or null. `now` resolves relative words ("igår", "last Saturday"); without
 * it they are not read as dates. An event asked about "natten till 18 februari" may be reported on the 17th or
 * the 18th: callers allow a day either side.
 */
export function parseQuestionDate(question: string, now: Date | null = null, _lang: Lang = 'sv'): DateConstraint | null {
  const q = question;
  const base = (kind: DateConstraint['kind'], words: string): DateConstraint => ({ kind, days: [], month: null, year: null, words: wordsOf(words), relative: false });

  let m = DAY_MONTH_RE.exec(q);
  if (m) {
    const day = Number(m[1]);
    const month = MONTH_OF.get(m[2]!.toLowerCase())!;
    if (validDay(month, day)) {
      return dayOrStretch(q, m, { year: m[3] ? Number(m[3]) : null, month, day }, wordsOf(m[0]));
    }
  }
  m = MONTH_DAY_RE.exec(q);
  if (m) {
    const month = MONTH_OF.get(m[1]!.toLowerCase())!;
    const day = Number(m[2]);
    // "may 5" is a date; "may be" is not (the digit is required by the pattern).
    if (validDay(month, day)) {
      const year = m[3] ? Number(m[3]) : null;
      return { ...base('day', m[0]), days: [{ year, month, day }], year };
    }
  }
  m = NAMED_RE.exec(q);
  if (m) {
    const named = NAMED_DAYS.find((n) => n.words.includes(m![1]!.toLowerCase().replace(/\s+/g, ' ')))!;
    return dayOrStretch(q, m, { year: m[2] ? Number(m[2]) : null, month: named.month, day: named.day }, wordsOf(m[0]));
  }
  if (now) {
    m = LAST_WEEKDAY_RE.exec(q);
    if (m) {
      const name = (m[1] ?? m[2])!.toLowerCase();
      const wd = WEEKDAYS.findIndex((w) => w.past === name || w.en === name); // 0 = Monday
      const today = (new Date(now.getTime() + 3_600_000).getUTCDay() + 6) % 7;
      let back = (today - wd + 7) % 7;
      if (back === 0) back = 7; // "i lördags" asked on a Saturday means a week ago
      const d = daysBefore(now, back);
      return { ...base('day', m[0]), days: [d], year: d.year, relative: true };
    }
    m = PERIOD_RE.exec(q);
    if (m) {
      const p = RELATIVE_PERIODS.find((r) => r.words.includes(m![1]!.toLowerCase().replace(/\s+/g, ' ')))!;
      const days: DayDate[] = [];
      for (let i = p.from; i >= p.to; i--) days.push(daysBefore(now, i));
      return { ...base('range', m[0]), days, year: days[days.length - 1]!.year, relative: true };
    }
    m = RELATIVE_RE.exec(q);
    if (m) {
      const r = RELATIVE_DAYS.find((x) => x.words.includes(m![1]!.toLowerCase().replace(/\s+/g, ' ')))!;
      const d = daysBefore(now, r.daysAgo);
      return { ...base('day', m[0]), days: [d], year: d.year, relative: true };
    }
  }
  m = MONTH_ONLY_RE.exec(q);
  if (m) {
    const month = MONTH_OF.get(m[1]!.toLowerCase())!;
    const year = m[2] ? Number(m[2]) : null;
    return { ...base('month', m[0].replace(/^\S+\s+/, '')), month, year };
  }
  m = YEAR_RE.exec(q);
  if (m) return { ...base('year', m[1]!), year: Number(m[1]) };
  return null;
}

/**
 * How well a statement's date fits what the question asked: 1 the same day (or within the month or year asked),
 * 0.5 a day either side (an event "natten till" a day, a notice written the morning after), 0 otherwise; null
 * when the statement has no date or the question none. `yearConflict` is true only when both years are known and
 * differ: a statement without a year is never ruled out by the question's year.
 */
export function dateFit(c: DateConstraint | null, d: StatementDate | null): { fit: number | null; yearConflict: boolean } {
  if (!c || !d) return { fit: null, yearConflict: false };
  const yearConflict = c.year !== null && d.year !== null && c.year !== d.year && !(c.kind === 'range' && c.days.some((x) => x.year === d.year));
  switch (c.kind) {
    case 'year':
      return { fit: d.year === null ? null : d.year === c.year ? 1 : 0, yearConflict };
    case 'month':
      return { fit: d.month === c.month ? 1 : 0, yearConflict };
    case 'day':
    case 'range': {
      let best = Infinity;
      for (const x of c.days) best = Math.min(best, dayDistance(x, d));
      return { fit: best === 0 ? 1 : best <= 1 ? 0.5 : 0, yearConflict };
    }
  }
}

const SV_MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A day as people read it: "21 mars 2025", "21 March 2025", "21 mars (år ej angivet)", "21 March (year not given)". */
export function formatDay(d: DayDate, lang: Lang): string {
  const month = lang === 'sv' ? SV_MONTHS[d.month - 1] : EN_MONTHS[d.month - 1];
  if (d.year !== null) return `${d.day} ${month} ${d.year}`;
  return lang === 'sv' ? `${d.day} ${month} (år ej angivet)` : `${d.day} ${month} (year not given)`;
}

/**
 * What a question's date names, for a refusal's message: "3 mars 2026", "18–25 December 2023", "februari 2026",
 * "2018", else its words.
 */
export function formatConstraint(c: DateConstraint, lang: Lang): string {
  const first = c.days[0];
  const last = c.days.at(-1);
  if (first && last && c.kind === 'range' && (first.month !== last.month || first.day !== last.day)) {
    const to = formatDay(last, lang);
    if (first.month === last.month && first.year === last.year) return `${first.day}–${to}`;
    return `${formatDay(first.year === last.year ? { ...first, year: null } : first, lang).replace(/ \(.*\)$/, '')}–${to}`;
  }
  if (first) return formatDay(first, lang);
  if (c.month !== null) return `${lang === 'sv' ? SV_MONTHS[c.month - 1] : EN_MONTHS[c.month - 1]}${c.year !== null ? ` ${c.year}` : ''}`;
  if (c.year !== null) return String(c.year);
  return c.words.join(' ');
}

/** Orders statement dates newest first; a date without a year after every dated one, unknown dates last. */
export function compareNewestFirst(a: DayDate | null, b: DayDate | null): number {
  const key = (d: DayDate | null) => (d === null ? -2 : d.year === null ? -1 : d.year * 10000 + d.month * 100 + d.day);
  return key(b) - key(a);
}

/**
 * Years for statements that give only day and month, from their order: where statement ids grow with time (the
 * police notices), the month of consecutive statements wraps from December to January once a year, and the
 * statements that do give a year (publication time or address) fix which year each stretch is. Returns the
 * estimated year per input (null when nothing anchors it). An estimate is never shown as the statement's date; it
 * only tells a question's year that a statement is probably from another one.
 */
export function estimateYears(items: { order: number; month: number; year: number | null }[]): (number | null)[] {
  const idx = items.map((_, i) => i).sort((a, b) => items[a]!.order - items[b]!.order);
  const offset = new Array<number>(items.length).fill(0);
  let off = 0;
  let prevMonth = 0;
  for (let k = 0; k < idx.length; k++) {
    const it = items[idx[k]!]!;
    // A new year: the month falls from November/December to January/February, and the next few stay early in the year.
    if (prevMonth >= 11 && it.month <= 2) {
      let early = 0;
      for (let j = k; j < Math.min(idx.length, k + 6); j++) if (items[idx[j]!]!.month <= 2) early++;
      if (early >= 5) off++;
    }
    if (!(prevMonth <= 2 && it.month >= 11 && off > 0)) prevMonth = it.month; // a late straggler from December
    offset[idx[k]!] = off;
  }
  const bases: number[] = [];
  items.forEach((it, i) => {
    if (it.year !== null) bases.push(it.year - offset[i]!);
  });
  if (bases.length === 0) return items.map(() => null);
  bases.sort((a, b) => a - b);
  const base = bases[Math.floor(bases.length / 2)]!;
  return items.map((it, i) => it.year ?? base + offset[i]!);
}
