import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { IndexManager } from '../../src/index/manager.js';
import { ROOT, tempDir } from '../helpers.js';

// The seed press release beside eight real police notices (test/fixtures/notices.jsonl, none in an eval set):
// two statements name a regional police chief, three come from Kävlinge and Norrtälje with dates, one gives a
// fine, one says it is not yet known what was stolen. Each case asserts the verbatim sentence, the short answer or the reason for refusing.
let m: IndexManager;
beforeAll(async () => {
  const dir = tempDir();
  cpSync(join(ROOT, 'corpus'), join(dir, 'corpus'), { recursive: true });
  cpSync(join(ROOT, 'test/fixtures/notices.jsonl'), join(dir, 'corpus/notices.jsonl'));
  m = await IndexManager.open(loadConfig({ CORPUS_PATHS: join(dir, 'corpus'), INDEX_DIR: join(dir, 'index'), EMBEDDING_MODEL: 'none', LOG_LEVEL: 'silent' }), { buildIfMissing: true });
}, 60_000);

/** Monday 29 June 2026, noon: "i lördags" is 27 June. */
const MONDAY = new Date('2026-06-29T10:00:00Z');

describe('answering in stages', () => {
  it('leads with the newest statement when several answer, and shows the other as earlier', async () => {
    const a = await m.engine.ask('Vem är regionpolischef i Stockholm?', { now: MONDAY });
    expect(a.answered).toBe(true);
    expect(a.answer).toBe('Mattias Andersson');
    expect(a.citations[0]!.text).toBe('Regionpolischef Mattias Andersson och biträdande regionpolischef Tobias Bergqvist bjuder in journalister till medieseminarium.');
    expect(a.citations[0]!.date).toEqual({ year: 2026, month: 6, day: 22 });
    const earlier = a.citations.find((c) => c.role === 'also');
    expect(earlier?.text).toBe('Vi har en vår med många rättegångar framför oss, sade regionpolischef i Stockholm Mats Löfving.');
  });

  it('reads "i lördags" against the time of asking', async () => {
    const a = await m.engine.ask('Vad hände i Kävlinge i lördags?', { now: MONDAY });
    expect(a.answered).toBe(true);
    expect(a.citations[0]!.date).toEqual({ year: 2026, month: 6, day: 27 });
    expect(['644197', '644200']).toContain(a.citations[0]!.docId);
  });

  it('says when nothing is that recent, with the newest statement’s date', async () => {
    const a = await m.engine.ask('Vad hände i Kävlinge igår?', { now: new Date('2026-11-30T10:00:00Z') });
    expect(a.answered).toBe(false);
    expect(a.reason).toEqual({ code: 'nothing_that_recent', detail: '27 juni 2026' });
  });

  it('cuts the short answer verbatim from the sentence that holds the fact asked for', async () => {
    const a = await m.engine.ask('Hur mycket blev böterna för att köra med körförbud i Norrtälje?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]!.text).toBe('Det fastställda bötesbeloppet för detta är 1 500 kronor.');
    expect(a.answer).toBe('1 500 kronor');
    const b = await m.engine.ask('How fast was the fastest driver going at Torsgatan in Skellefteå?');
    expect(b.answer).toBe('55 km/h');
    expect(b.citations[0]!.text).toContain('Högsta uppmätta hastighet var 55 km/h på en 40-sträcka.');
  });

  it('answers a why-question with the reason its sentence gives', async () => {
    const a = await m.engine.ask('Varför rapporterades föraren i Norrtälje?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]!.text).toBe('Föraren rapporterades för att han använde fordonet trots att det är belagt med körförbud.');
    expect(a.answer).toBe('han använde fordonet trots att det är belagt med körförbud');
  });

  it.each([
    // The statement says nothing of the driver's age.
    ['Hur gammal var föraren som körde med körförbud i Norrtälje?', 'fact_not_present'],
    // The Hofterup statements say the police came "med anledning av en trafikolycka": why they came, not why the
    // cars collided.
    ['Varför kolliderade bilarna söder om Hofterup?', 'fact_not_present'],
    // No sentence names a colour: a colour question is not answered by another sentence of the right notice.
    ['Vilken färg hade fordonet som stoppades på Lännagatan i Norrtälje?', 'fact_not_present'],
    // The statement says what was stolen is not known yet ("Det är inledningsvis oklart vad som stulits").
    ['Vad stals vid inbrottet i bilaffären på Hejaregatan i Växjö?', 'fact_unknown'],
    // Kävlinge's statements are from June; none from March.
    ['Vad hände i Kävlinge den 3 mars 2026?', 'date_not_matched'],
    // No statement names Haparanda.
    ['Hur mycket blev böterna i Haparanda?', 'place_not_matched'],
  ])('refuses %j: %s', async (q, code) => {
    const a = await m.engine.ask(q, { now: MONDAY });
    expect(a.answered).toBe(false);
    expect(a.reason?.code).toBe(code);
    expect(a.answer).toBeNull();
  });

  it('explains every stage: the question read, candidate statements and sentences with features, the decision', async () => {
    const x = await m.engine.explain('Hur mycket blev böterna för att köra med körförbud i Norrtälje?');
    expect(x.analysis.types).toContain('money');
    expect(x.concepts.find((c) => c.surface === 'norrtälje')?.role).toBe('entity');
    expect(x.statements[0]!.docId).toBe('437389');
    expect(x.statements[0]!.features.entityAll).toBe(1);
    expect(x.sentences[0]!.fact?.text).toBe('1 500 kronor');
    expect(x.decision).toMatchObject({ answered: true });
    expect(x.decision.p).toBeGreaterThanOrEqual(x.decision.threshold);
  });
});
