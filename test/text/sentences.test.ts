import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citableSentences } from '../../src/text/citable.js';
import { splitSentences } from '../../src/text/sentences.js';
import { attributeParagraphs, nameIn, splitAttribution, trailingSpeaker } from '../../src/text/speakers.js';
import { ROOT } from '../helpers.js';

const split = (t: string) => splitSentences(t).map((s) => t.slice(s.start, s.end));

describe('splitSentences', () => {
  it.each([
    ['Polis åker till platsen. Ingen skadades.', ['Polis åker till platsen.', 'Ingen skadades.']],
    ['Larm kl. 19.59 om brand. Räddningstjänsten är där.', ['Larm kl. 19.59 om brand.', 'Räddningstjänsten är där.']],
    ['Det gäller bl.a. stölder. Det gäller t.ex. Malmö.', ['Det gäller bl.a. stölder.', 'Det gäller t.ex. Malmö.']],
    ['Mr. Smith said no. Then he left!', ['Mr. Smith said no.', 'Then he left!']],
    ['Har något hänt? Ja. 2019 ingicks avtalet.', ['Har något hänt?', 'Ja.', '2019 ingicks avtalet.']],
    ['– Vi jobbar vidare, säger Mats Löfving.', ['Vi jobbar vidare, säger Mats Löfving.']],
    ['Det är nivå 1-kriminella – huvudmän och organisatörer.', ['Det är nivå 1-kriminella – huvudmän och organisatörer.']],
    ['Uppdatering 14:51\nEn 15-årig pojke har anhållits.', ['Uppdatering 14:51', 'En 15-årig pojke har anhållits.']],
    ['Han sa "stopp." Sedan sprang han.', ['Han sa "stopp."', 'Sedan sprang han.']],
  ])('%j', (text, want) => {
    expect(split(text)).toEqual(want);
  });

  it('returns exact substrings of the text', () => {
    const t = 'A b c. D e f?  G h i!\n\n– J k l, sade X Y.';
    for (const s of splitSentences(t)) expect(t.slice(s.start, s.end).length).toBeGreaterThan(0);
    expect(split(t)).toEqual(['A b c.', 'D e f?', 'G h i!', 'J k l, sade X Y.']);
  });
});

describe('speakers', () => {
  it.each([
    ['regionpolischef i Stockholm Mats Löfving', 'Mats Löfving'],
    ['finansborgarråd Anna König Jerlmyr', 'Anna König Jerlmyr'],
    ['Mats Löfving, regionpolischef', 'Mats Löfving'],
    ['polisens presstalesperson', null],
    // Attributions of notices in no eval set (ids): the name, not the unit or place after it, nor the clause.
    ['Stefan Lindahl vid polisen i Gällivare', 'Stefan Lindahl'], // 641300
    ['Patrik Bergqvist på brottsamordningen polisområde Västmanland', 'Patrik Bergqvist'], // 518012
    ['David Askeröd på Trafikpolisen i region Bergslagen', 'David Askeröd'], // 617401
    ['kommenderingschef Peter Wahlberg', 'Peter Wahlberg'], // 514293
    ['Sophia Jiglind, presstalesperson på polisen i region Bergslagen', 'Sophia Jiglind'], // 469684
    ['Carina Henrydotter, yttre befäl vid Umeåpolisen', 'Carina Henrydotter'], // 429402
    ['polisens presstalesperson Sophia Jiglind och fortsätter', 'Sophia Jiglind'],
    ['yttre befäl Anna Berg som ledde insatsen', 'Anna Berg'],
    ['kommenderingschefen', null], // 514293: a title alone names nobody
  ])('nameIn(%j) = %j', (phrase, want) => {
    expect(nameIn(phrase)).toBe(want);
  });

  it.each([
    ['– Vi har en vår med många rättegångar framför oss, sade regionpolischef i Stockholm Mats Löfving.', 'Mats Löfving'],
    ['– Nu stryper vi medlen, fortsätter Anna König Jerlmyr.', 'Anna König Jerlmyr'],
    ['– Vi jobbar vidare, säger Mats Löfving.', 'Mats Löfving'],
    ['"We will not stop," said Jane Doe, the chief of police.', 'Jane Doe'],
    ['"We will not stop," Jane Doe said.', 'Jane Doe'],
    ['Polisen har gripit en man.', null],
    ['– Beroende på effekt och maxhastighet så krävs AM eller A1 körkort, säger Stefan Lindahl vid polisen i Gällivare.', 'Stefan Lindahl'], // 641300
    ['– Chansa inte, säger Carina Henrydotter, yttre befäl vid Umeåpolisen.', 'Carina Henrydotter'], // 429402
    ['– Nu var det bara ren tur att ingen person kom till allvarlig fysisk skada, förklarar Sophia Jiglind, presstalesperson på polisen i region Bergslagen.', 'Sophia Jiglind'], // 469684
  ])('trailingSpeaker(%j) = %j', (p, want) => {
    expect(trailingSpeaker(p)).toBe(want);
  });

  it('carries a speaker across a quote that runs over paragraphs, and from an introduction', () => {
    expect(attributeParagraphs(['– Första stycket.', '– Andra stycket, säger Eva Ek.', 'Polisen utreder.'])).toEqual(['Eva Ek', 'Eva Ek', null]);
    expect(attributeParagraphs(['Kommunalrådet Per Persson säger:', '– Det här är viktigt.'])).toEqual([null, 'Per Persson']);
  });
});

describe('quotes that carry their own attribution', () => {
  it.each([
    ['”De som trodde de var onåbara är nu frihetsberövade”, sa Löfving', 'De som trodde de var onåbara är nu frihetsberövade', 'Löfving'],
    ['"Chansa inte", säger Carina Henrydotter.', 'Chansa inte', 'Carina Henrydotter'],
    ['"Ja", sa hon', null, null],
    ['– Vi jobbar vidare, säger Mats Löfving', 'Vi jobbar vidare', 'Mats Löfving'],
    ['"We will not stop," said Jane Doe', 'We will not stop', 'Jane Doe'],
    ['"Vi jobbar vidare", Mats Löfving säger', 'Vi jobbar vidare', 'Mats Löfving'],
  ])('%j → quote %j by %j', (text, quote, speaker) => {
    const got = splitAttribution(text);
    if (speaker === null) expect(got).toBeNull(); // one word, and a pronoun, name nothing worth checking apart
    else expect(got).toEqual({ quote, speaker });
  });

  it('leaves a plain quote alone', () => {
    expect(splitAttribution('de som trodde de var onåbara är nu frihetsberövade')).toBeNull();
  });
});

describe('the seed press release', () => {
  const text = readFileSync(join(ROOT, 'corpus/press-release-stockholm-gang-violence.md'), 'utf8').replace(/^---[\s\S]*?---\n/, '');
  const sentences = citableSentences({ text });
  const get = (start: string) => sentences.find((s) => text.slice(s.start, s.end).startsWith(start));

  it.each([
    ['Tillsammans har vi gemensamma lägesbilder', 'Anna König Jerlmyr'],
    ['2025 ska otryggheten vara halverad och ingen stadsdel ska klassas som särskilt utsatt.', 'Anna König Jerlmyr'],
    ['Tillsammans går vi nu på offensiven', 'Mats Löfving'],
    ['Just nu sitter 380 personer häktade', 'Mats Löfving'],
    ['Kommunerna har en viktig roll', 'Anna König Jerlmyr'],
    ['Det sänder en tydlig signal', 'Mats Löfving'],
    ['Stockholms stad och Polisregion Stockholm ingick 2019', null],
    ['Den fördjupade samverkan i stadsdelarna', null],
  ])('%j is attributed to %j', (start, speaker) => {
    const s = get(start);
    expect(s, start).toBeDefined();
    expect(s!.speaker).toBe(speaker);
  });

  it('leaves out pull quotes that repeat a sentence of the body', () => {
    const texts = sentences.map((s) => text.slice(s.start, s.end));
    expect(texts.filter((t) => t.startsWith('Just nu sitter 380 personer häktade'))).toEqual([
      'Just nu sitter 380 personer häktade och cirka 100 av dem är från gängmiljön.',
    ]);
    expect(texts).not.toContain('De som trodde de var onåbara är nu frihetsberövade');
  });
});
