import { describe, expect, it } from 'vitest';
import { compareNewestFirst, dateFit, estimateYears, formatConstraint, formatDay, parseQuestionDate, statementDate } from '../../src/text/dates.js';

// Saturday 28 November 2026, 12:00 in Stockholm.
const NOW = new Date('2026-11-28T11:00:00Z');

describe('a statement’s date', () => {
  it.each([
    [{ published: '2025-08-17T10:47:19.000+02:00', url: null, title: '17 augusti 10.05, Skadegörelse, Malmö' }, { year: 2025, month: 8, day: 17, source: 'published' }],
    [{ published: null, url: 'https://polisen.se/aktuellt/handelser/2025/februari/15/15-februari-09.23-polisinsatskommen', title: '15 februari 09.23, Polisinsats/kommendering, Västerås' }, { year: 2025, month: 2, day: 15, source: 'url' }],
    [{ published: null, url: 'https://polisen.se/link/66962d5754ba48a0b9c7f63dc416e5fe', title: '20 mars 10:14, Trafikolycka, Malmö' }, { year: null, month: 3, day: 20, source: 'title' }],
    [{ published: null, url: null, title: 'Stockholms stad och Polisregion Stockholm intensifierar arbetet' }, null],
  ])('%j', (doc, want) => {
    expect(statementDate(doc)).toEqual(want);
  });

  it('is shown as people read it, saying when the year is not given', () => {
    expect(formatDay({ year: 2025, month: 3, day: 21 }, 'sv')).toBe('21 mars 2025');
    expect(formatDay({ year: null, month: 3, day: 21 }, 'sv')).toBe('21 mars (år ej angivet)');
    expect(formatDay({ year: null, month: 3, day: 21 }, 'en')).toBe('21 March (year not given)');
  });

  it('orders newest first: dated, then without a year, then unknown', () => {
    const list = [null, { year: null, month: 12, day: 1 }, { year: 2024, month: 1, day: 2 }, { year: 2026, month: 6, day: 22 }];
    expect([...list].sort(compareNewestFirst)).toEqual([{ year: 2026, month: 6, day: 22 }, { year: 2024, month: 1, day: 2 }, { year: null, month: 12, day: 1 }, null]);
  });
});

describe('dates in questions', () => {
  it.each([
    ['how fast was the driver going, night to Sat 28 Sep 2024?', 'day', [{ year: 2024, month: 9, day: 28 }], 2024],
    ['Hur gammal var bilisten natten till den 2 juli 2025?', 'day', [{ year: 2025, month: 7, day: 2 }], 2025],
    ['What happened on September 3, 2025?', 'day', [{ year: 2025, month: 9, day: 3 }], 2025],
    ['vad hände i Kiruna på julafton 2024?', 'day', [{ year: 2024, month: 12, day: 24 }], 2024],
    ['Vad hände i Kävlinge i lördags?', 'day', [{ year: 2026, month: 11, day: 21 }], 2026], // asked on a Saturday: a week ago
    ['Vad hände i Malmö igår?', 'day', [{ year: 2026, month: 11, day: 27 }], 2026],
    ['What happened in Malmö yesterday?', 'day', [{ year: 2026, month: 11, day: 27 }], 2026],
    ['What happened last Friday?', 'day', [{ year: 2026, month: 11, day: 27 }], 2026],
  ] as const)('%j', (q, kind, days, year) => {
    const c = parseQuestionDate(q, NOW)!;
    expect(c.kind).toBe(kind);
    expect(c.days).toEqual(days);
    expect(c.year).toBe(year);
  });

  it('reads a month, a year, and last week', () => {
    expect(parseQuestionDate('Vad misstänks mannen för som greps i Malmö i juni 2026?', NOW)).toMatchObject({ kind: 'month', month: 6, year: 2026 });
    expect(parseQuestionDate('Hur många omkom i trafiken under 2025?', NOW)).toMatchObject({ kind: 'year', year: 2025 });
    const w = parseQuestionDate('Vad hände förra veckan?', NOW)!;
    expect(w.kind).toBe('range');
    expect(w.days[0]).toEqual({ year: 2026, month: 11, day: 15 });
    expect(w.days.at(-1)).toEqual({ year: 2026, month: 11, day: 21 });
  });

  it('reads a hedge before a day as the stretch it means: before, after or around it', () => {
    const before = parseQuestionDate('Vad hände i Kungälv strax före jul 2023?', NOW);
    expect(before).toBeNull(); // "jul" alone names no day
    const c = parseQuestionDate('Who was conned by phone in Kungälv just after Christmas 2023?', NOW)!;
    expect(c.kind).toBe('range');
    expect(c.days[0]).toEqual({ year: 2023, month: 12, day: 25 });
    expect(c.days.at(-1)).toEqual({ year: 2024, month: 1, day: 1 });
    expect(c.year).toBe(2023);
    expect(dateFit(c, { year: null, month: 12, day: 28, source: 'title' }).fit).toBe(1);
    expect(dateFit(c, { year: 2024, month: 1, day: 1, source: 'published' })).toEqual({ fit: 1, yearConflict: false });
    expect(dateFit(c, { year: null, month: 12, day: 20, source: 'title' }).fit).toBe(0);
    const s = parseQuestionDate('Vad hände strax före julafton 2024?', NOW)!;
    expect(s.days.map((d) => d.day)).toEqual([17, 18, 19, 20, 21, 22, 23, 24]);
    expect(parseQuestionDate('Vad hände runt den 5 maj 2025?', NOW)!.days.map((d) => d.day)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    // Without a hedge, the day alone.
    expect(parseQuestionDate('What happened on Christmas Day 2023?', NOW)).toMatchObject({ kind: 'day', days: [{ year: 2023, month: 12, day: 25 }] });
  });

  it('does not read relative words without a time of asking, nor "may" without a day', () => {
    expect(parseQuestionDate('Vad hände igår?', null)).toBeNull();
    expect(parseQuestionDate('Who may have seen the car?', NOW)).toBeNull();
  });

  it('fits a statement without a year by day and month; a known other year conflicts', () => {
    const c = parseQuestionDate('What happened on 13 October 2023?', NOW);
    expect(dateFit(c, { year: null, month: 10, day: 13, source: 'title' })).toEqual({ fit: 1, yearConflict: false });
    expect(dateFit(c, { year: null, month: 10, day: 14, source: 'title' })).toEqual({ fit: 0.5, yearConflict: false });
    expect(dateFit(c, { year: 2025, month: 10, day: 13, source: 'published' })).toEqual({ fit: 1, yearConflict: true });
    expect(dateFit(c, { year: null, month: 11, day: 13, source: 'title' }).fit).toBe(0);
  });
});

describe('years estimated from the order of notices', () => {
  it('counts the turns of the year from the dated ones', () => {
    // ids grow with time; only the last two give their year.
    const items = [
      { order: 1, month: 11, year: null },
      { order: 2, month: 12, year: null },
      ...[3, 4, 5, 6, 7, 8].map((order) => ({ order, month: 1, year: null })),
      { order: 9, month: 6, year: null },
      { order: 10, month: 12, year: null },
      ...[11, 12, 13, 14, 15].map((order) => ({ order, month: 2, year: null })),
      { order: 16, month: 3, year: 2026 },
      { order: 17, month: 4, year: 2026 },
    ];
    expect(estimateYears(items)).toEqual([2024, 2024, 2025, 2025, 2025, 2025, 2025, 2025, 2025, 2025, 2026, 2026, 2026, 2026, 2026, 2026, 2026]);
  });

  it('estimates nothing without a dated statement', () => {
    expect(estimateYears([{ order: 1, month: 3, year: null }])).toEqual([null]);
  });
});

describe('what a question’s date names, in a refusal', () => {
  const NOW = new Date('2026-11-30T12:00:00Z');
  it.each([
    ['Vem blev skjuten i Mora i början av februari 2026?', 'sv', 'februari 2026'],
    ['What happened in Mora on 3 March 2026?', 'en', '3 March 2026'],
    ['What was the Swedish Police Authority’s budget in 2018?', 'en', '2018'],
    ['Who was behind the wheel in Karlstad just before Christmas 2023?', 'en', '18–25 December 2023'],
    ['Vad stals i Borås strax efter nyårsafton 2024?', 'sv', '31 december 2024–7 januari 2025'],
    ['Vad hände kring den 5 maj?', 'sv', '2–8 maj (år ej angivet)'],
  ] as const)('%s (%s) → %s', (q, lang, want) => {
    const c = parseQuestionDate(q, NOW, lang);
    expect(c && formatConstraint(c, lang)).toBe(want);
  });
});
