/**
 * Benchmark questions, built deterministically (seeded) from the titles and first sentences of the indexed
 * police notices, in Swedish and English, the way people ask the bot: place, event type, date. Police notice
 * titles read "20 mars 10:14, Trafikolycka, Malmö" (date, optional time, event type with optional sub-type, place).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mulberry32 } from '../../src/random.js';

export interface BenchQuestion {
  question: string;
  lang: 'sv' | 'en';
  /** Where it came from: a template name, or `dev` for the shared dev set. */
  source: string;
}

export interface TitleSource {
  title: string;
  /** The statement's opening text (first sentence or so), for street-level questions. */
  lead: string;
}

export const prng = mulberry32;

const MONTHS_EN: Record<string, string> = {
  januari: 'January',
  februari: 'February',
  mars: 'March',
  april: 'April',
  maj: 'May',
  juni: 'June',
  juli: 'July',
  augusti: 'August',
  september: 'September',
  oktober: 'October',
  november: 'November',
  december: 'December',
};

/** English names of the most frequent event types (the rest are asked about in Swedish only). */
const EVENT_EN: Record<string, string> = {
  trafikolycka: 'traffic accident',
  'trafikolycka, personskada': 'traffic accident with injuries',
  'trafikolycka, vilt': 'collision with wildlife',
  'trafikolycka, singel': 'single-vehicle accident',
  brand: 'fire',
  rattfylleri: 'drunk driving',
  trafikkontroll: 'traffic check',
  misshandel: 'assault',
  'misshandel, grov': 'aggravated assault',
  stöld: 'theft',
  'stöld/inbrott': 'burglary',
  inbrott: 'burglary',
  rån: 'robbery',
  skadegörelse: 'vandalism',
  narkotikabrott: 'drug offence',
  'försvunnen person': 'missing person',
  'mord/dråp, försök': 'attempted murder',
  'mord/dråp': 'murder',
  'olaga hot': 'unlawful threat',
  skottlossning: 'shooting',
  explosion: 'explosion',
  bedrägeri: 'fraud',
  arbetsplatsolycka: 'workplace accident',
  'olovlig körning': 'unlicensed driving',
  bråk: 'fight',
  knivlagen: 'knife offence',
};

export interface ParsedTitle {
  day: number;
  month: string;
  event: string;
  place: string;
}

/** "20 mars 10:14, Trafikolycka, Malmö" → { day: 20, month: 'mars', event: 'Trafikolycka', place: 'Malmö' }. */
export function parseTitle(title: string): ParsedTitle | null {
  const parts = title.split(',').map((p) => p.trim());
  if (parts.length < 3) return null;
  const m = /^(\d{1,2}) ([a-zåäö]+)(?: \d{1,2}[.:]\d{2})?$/i.exec(parts[0]!);
  if (!m || !MONTHS_EN[m[2]!.toLowerCase()]) return null;
  const place = parts[parts.length - 1]!;
  const event = parts.slice(1, -1).join(', ');
  if (!place || !event || /sammanfattning/i.test(event)) return null;
  return { day: Number(m[1]), month: m[2]!.toLowerCase(), event, place };
}

/** A capitalised word of the lead that is not the first word and not the place (a street, a district). */
function leadName(lead: string, place: string): string | null {
  const words = lead.match(/\p{Lu}[\p{L}-]{3,}/gu) ?? [];
  const first = lead.trim().split(/\s+/)[0];
  const name = words.find((w) => w !== first && w !== place && !/^(Polis|Polisen|Räddningstjänst)/.test(w));
  return name ?? null;
}

type Template = (t: ParsedTitle, lead: string) => string | null;

/** Event types too generic to ask about by name ("Vad vet polisen om övrigt …?"). */
const GENERIC = /^(övrigt|information|kontroll|polisinsats|larm)/i;

/** The event type as a Swedish noun phrase: main type only ("Trafikolycka, personskada" → "trafikolycka"). */
function eventSv(t: ParsedTitle): string | null {
  return GENERIC.test(t.event) ? null : t.event.split(',')[0]!.trim().toLowerCase();
}

const SV: Record<string, Template> = {
  'sv-what-where-when': (t) => `Vad hände i ${t.place} den ${t.day} ${t.month}?`,
  'sv-how-many-arrested': (t) => `Hur många greps i ${t.place} den ${t.day} ${t.month}?`,
  'sv-event-place': (t) => (eventSv(t) ? `Vad vet polisen om ${eventSv(t)} i ${t.place}?` : null),
  'sv-injured': (t) => (eventSv(t) ? `Skadades någon vid ${eventSv(t)} i ${t.place} den ${t.day} ${t.month}?` : null),
  'sv-when': (t) => (eventSv(t) ? `När inträffade ${eventSv(t)} i ${t.place}?` : null),
  'sv-how-old': (t) => (eventSv(t) ? `Hur gammal är den misstänkte efter ${eventSv(t)} i ${t.place}?` : null),
  'sv-street': (t, lead) => {
    const n = leadName(lead, t.place);
    return n ? `Vad hände vid ${n} i ${t.place}?` : null;
  },
};

const EN: Record<string, Template> = {
  'en-what-where-when': (t) => `What happened in ${t.place} on ${t.day} ${MONTHS_EN[t.month]}?`,
  'en-how-many-arrested': (t) => `How many were arrested in ${t.place} on ${t.day} ${MONTHS_EN[t.month]}?`,
  'en-injured': (t) => {
    const e = EVENT_EN[t.event.toLowerCase()];
    return e ? `Was anyone injured in the ${e} in ${t.place} on ${t.day} ${MONTHS_EN[t.month]}?` : null;
  },
  'en-when': (t) => {
    const e = EVENT_EN[t.event.toLowerCase()];
    return e ? `When did the ${e} in ${t.place} happen?` : null;
  },
  'en-how-old': (t) => {
    const e = EVENT_EN[t.event.toLowerCase()];
    return e ? `How old was the suspect in the ${e} in ${t.place}?` : null;
  },
};

/**
 * `count` questions generated from `sources` (picked with replacement by a seeded PRNG), about 55 % Swedish and
 * 45 % English, after every dev question in `devFile` when it exists. The same inputs and seed give the same list.
 */
export function makeQuestions(sources: TitleSource[], count: number, seed: number, devFile?: string): BenchQuestion[] {
  const out: BenchQuestion[] = [];
  if (devFile && existsSync(devFile)) {
    for (const line of readFileSync(devFile, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const q = JSON.parse(line) as { question: string; lang?: string };
      out.push({ question: q.question, lang: q.lang === 'en' ? 'en' : 'sv', source: 'dev' });
    }
  }
  const parsed = sources.map((s) => ({ t: parseTitle(s.title), lead: s.lead })).filter((x): x is { t: ParsedTitle; lead: string } => x.t !== null);
  if (parsed.length === 0) return out;
  const want = out.length + count;
  const rand = prng(seed);
  const sv = Object.entries(SV);
  const en = Object.entries(EN);
  let guard = 0;
  while (out.length < want && guard++ < count * 50) {
    const src = parsed[Math.floor(rand() * parsed.length)]!;
    const english = rand() < 0.45;
    const list = english ? en : sv;
    const [name, tpl] = list[Math.floor(rand() * list.length)]!;
    const q = tpl(src.t, src.lead);
    if (q) out.push({ question: q, lang: english ? 'en' : 'sv', source: name });
  }
  return out;
}
