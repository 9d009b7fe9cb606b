import { describe, expect, it } from 'vitest';
import { cleanParagraphs, isBoilerplate } from '../../src/ingest/boilerplate.js';

describe('isBoilerplate', () => {
  it.each([
    ['Annons:', true],
    ['  Annons:  ', true],
    ['Print Friendly, PDF & Email', true],
    ['Pressmeddelande från Polisen', true],
    ['Dela på Facebook', true],
    ['Dela på LinkedIn', true],
    ['Dela med e-post', true],
    ['Skriv ut', true],
    [
      'Händelsenotiserna ger kortfattad information om ett urval av de utryckningar som polisen gör. Observera att det är inledande uppgifter som ligger till grund för notiserna. Det betyder att uppgifterna kan komma att ändras.',
      true,
    ],
    ['Vi använder kakor för att webbplatsen ska fungera.', true],
    ['Godkänn alla kakor', true],
    ['Gå direkt till innehåll', true],
    ['Publicerad', true],
    ['Uppdaterad 21 mars 19:59', true],
    ['Jag har råkat ut för något Anmäl brott eller förlust.', true],
    // Statement text, even when it mentions the same words.
    ['Annons: köp biljetter här', false],
    ['Här kommer ett utdrag ur polisens pressmeddelande.', false],
    ['Pressmeddelande från Polisen om skjutningen i Rinkeby', false],
    ['Polisen vill dela information om händelsen på Facebook.', false],
    ['Uppdatering kl. 19.59: Anmälan om skadegörelse genom brand upprättas.', false],
    ['Uppdatering 14:51', false],
    ['Frågor från media besvaras av vakthavande befäl i mån av tid.', false],
    ['', false],
  ])('%j → %s', (line, expected) => {
    expect(isBoilerplate(line)).toBe(expected);
  });
});

describe('cleanParagraphs', () => {
  it.each([
    { blocks: ['Ett.', 'Annons:', 'Två.'], want: ['Ett.', 'Två.'] },
    // A line break (a <br> on the page) starts a new paragraph; whitespace and NBSP collapse.
    { blocks: ['00:01 Rattfylleri, Piteå\nPolisen stoppar\u00a0en bil. \n\nBrand, Kalix'], want: ['00:01 Rattfylleri, Piteå', 'Polisen stoppar en bil.', 'Brand, Kalix'] },
    { blocks: ['  ', '\n', 'Pressmeddelande från Polisen\nPrint Friendly, PDF & Email\nAnnons:'], want: [] },
    { blocks: ['Soft\u00adhyphen and zero\u200bwidth'], want: ['Softhyphen and zerowidth'] },
  ])('$blocks', ({ blocks, want }) => {
    expect(cleanParagraphs(blocks)).toEqual(want);
  });
});
