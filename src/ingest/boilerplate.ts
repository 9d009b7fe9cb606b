/**
 * Site boilerplate: lines that official sites print around a statement but that are never its text (ad labels,
 * share and print buttons, cookie banners, skip links, the polisen.se disclaimer under every event notice).
 */

/**
 * One pattern per kind of boilerplate. Each is matched against a whole paragraph or line after trimming and
 * collapsing whitespace, so a pattern never removes part of a sentence.
 */
export const BOILERPLATE_PATTERNS: readonly RegExp[] = [
  // Ad labels and print plugins of WordPress-style news sites (the seed press release carries them).
  /^annons:?$/i,
  /^print friendly,? pdf (&|och|and) e-?mail$/i,
  /^(skriv ut|print|printa|print this page|skriv ut sidan|utskriftsvänlig version)$/i,
  // "Pressmeddelande från Polisen" as a trailing label, not inside a sentence.
  /^pressmeddelande från polisen\.?$/i,
  // Share buttons.
  /^(dela( på| via| i)? (facebook|twitter|x|linkedin|e-?post|mejl|mail)|dela med e-?post|dela sidan|dela artikeln|dela)$/i,
  /^(share( on| via)? (facebook|twitter|x|linkedin|e-?mail)|share|tweet|tipsa en vän|kopiera länk(en)?|copy link)$/i,
  // The disclaimer polisen.se prints under every event notice.
  /^händelsenotiserna ger kortfattad information om ett urval av de utryckningar som polisen gör\b/i,
  // Cookie banners.
  /^(vi|webbplatsen|den här webbplatsen|denna webbplats|polisen\.se) använder (kakor|cookies)\b/i,
  /^(we|this (web)?site) uses? cookies\b/i,
  /^((godkänn|acceptera|tillåt|neka|avvisa) (alla |nödvändiga )?(kakor|cookies)|(accept|reject|allow) (all )?cookies|(kakor|cookies|cookie settings|cookieinställningar|inställningar för kakor))$/i,
  // Skip links and menu buttons.
  /^(gå direkt till (innehåll|innehållet|sökfältet)|hoppa till (huvud)?innehåll(et)?|till innehållet|skip to (main )?content)$/i,
  /^(meny|stäng|sök|menu|close|search|visa språkalternativ|dölj språkalternativ|other languages|visa undermeny .+)$/i,
  // The "I was a victim / I saw something" banner at the foot of every polisen.se page.
  /^(jag har råkat ut för något( anmäl brott eller förlust\.)?|anmäl brott eller förlust\.|jag har sett eller hört något( tipsa polisen\.)?|tipsa polisen\.)$/i,
  // Page meta labels standing alone or with their date ("Publicerad", "Uppdaterad 21 mars 19:59").
  /^(publicerad|uppdaterad|senast uppdaterad|senast ändrad|text av|published|updated|last updated):?( (\d{1,2} \p{L}+( \d{4})?|\d{4}-\d{2}-\d{2})(,? (kl\.? )?\d{1,2}[.:]\d{2})?)?$/iu,
];

const INVISIBLE = /[\u200b\u2060\u00ad]/g;

/** Collapses runs of whitespace (non-breaking spaces included) to one space and trims; drops invisible characters. */
export function normalizeSpace(s: string): string {
  return s.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/**
 * True when `paragraph` (one paragraph or one line) is site boilerplate and never part of a statement.
 *
 * @example
 * isBoilerplate('  Annons: ')                  // true
 * isBoilerplate('Print Friendly, PDF & Email') // true
 * isBoilerplate('Annons: Köp nu')              // false: not the label alone
 */
export function isBoilerplate(paragraph: string): boolean {
  return ANY_BOILERPLATE.test(normalizeSpace(paragraph));
}

// One alternation instead of a loop: this runs on every line of a 79k-statement corpus.
const ANY_BOILERPLATE = new RegExp(BOILERPLATE_PATTERNS.map((re) => `(?:${re.source})`).join('|'), 'iu');

/**
 * Turns raw blocks (HTML paragraphs, JSON Lines paragraphs) into statement paragraphs: every line break starts a
 * new paragraph (a `<br>` in the page), whitespace is collapsed, empty lines and boilerplate are dropped.
 */
export function cleanParagraphs(blocks: Iterable<string>): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    for (const line of block.split('\n')) {
      const s = normalizeSpace(line);
      if (s.length > 0 && !ANY_BOILERPLATE.test(s)) out.push(s);
    }
  }
  return out;
}
