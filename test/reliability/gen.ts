/**
 * Seeded generators for the reliability tests: random numbers, marker words that only one sentence holds,
 * synthetic police notices, and the bulk corpus (a slice of the shared notices when present, else synthetic).
 */
import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { mulberry32 } from '../../src/random.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const EVENTS_GZ = resolve(ROOT, '../shared/data/polisen-events.jsonl.gz');
export const HAS_EVENTS = existsSync(EVENTS_GZ);

/** mulberry32: a small, fast, seeded generator; the same seed gives the same run everywhere. */
export function rng(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    bytes: (n: number) => {
      const b = Buffer.alloc(n);
      for (let i = 0; i < n; i++) b[i] = Math.floor(next() * 256);
      return b;
    },
  };
}
export type Rng = ReturnType<typeof rng>;

// No z, q or x in the middle: every marker is `zq` + four letters + `x`, so no marker is a prefix, suffix or
// compound part of another, and the Swedish stemmer leaves it whole.
const MID = 'bcdfghjklmnprstvw';

/** The i-th marker word (i < 83,521): a word no real text holds. */
export function marker(i: number): string {
  let s = '';
  let n = i;
  for (let k = 0; k < 4; k++) {
    s += MID[n % MID.length];
    n = Math.floor(n / MID.length);
  }
  return `zq${s}x`;
}

/** The sentence that carries a marker; asking the marker alone must cite this sentence verbatim. */
export function markerSentence(m: string, rnd: Rng): string {
  return `${rnd.pick(['Vittnet', 'Polisen', 'Kommunen', 'Åklagaren', 'Räddningstjänsten'])} nämnde ordet ${m} i ${rnd.pick(PLACES)} vid ${rnd.int(1, 23)}-tiden.`;
}

const PLACES = ['Malmö', 'Göteborg', 'Kävlinge', 'Uppsala', 'Västerås', 'Örebro', 'Luleå', 'Umeå', 'Karlstad', 'Växjö', 'Jönköping', 'Borås'];
const EVENTS = ['Trafikolycka', 'Inbrott', 'Stöld', 'Brand', 'Misshandel', 'Rån', 'Skadegörelse', 'Bedrägeri', 'Rattfylleri'];
const SENTENCES = [
  'Polisens ledningscentral får in ett larm om {e} på {p}gatan.',
  'En man i {n}-årsåldern har gripits misstänkt för {e}.',
  'Ingen person har kommit till skada enligt polisen.',
  'Polispatrull är på väg till platsen och fler uppgifter kommer.',
  'Vittnen uppger att en bil lämnade platsen i hög fart vid {n}-tiden.',
  'Räddningstjänsten arbetar med att släcka branden i ett flerfamiljshus.',
  'En anmälan om {e} har upprättats och ärendet utreds vidare.',
  'Polisen söker vittnen som rört sig i området under natten.',
];

export interface EventLine {
  id: string;
  title: string;
  url: string;
  published: string | null;
  publisher: string;
  preamble: string;
  paragraphs: string[];
}

/** A synthetic police notice shaped like the shared ones. */
export function syntheticEvent(id: number, rnd: Rng): EventLine {
  const e = rnd.pick(EVENTS);
  const p = rnd.pick(PLACES);
  const fill = (s: string) => s.replace('{e}', e.toLowerCase()).replace('{p}', p).replace('{n}', String(rnd.int(15, 80)));
  const paragraphs = Array.from({ length: rnd.int(2, 5) }, () => fill(rnd.pick(SENTENCES)));
  return {
    id: String(id),
    title: `${rnd.int(1, 28)} mars ${rnd.int(10, 23)}:${String(rnd.int(0, 59)).padStart(2, '0')}, ${e}, ${p}`,
    url: `https://polisen.se/aktuellt/handelser/2023/mars/${id}/`,
    published: null,
    publisher: 'Polisen',
    preamble: fill(rnd.pick(SENTENCES)),
    paragraphs,
  };
}

/**
 * Writes `count` notices as JSON Lines to `file`: the first `count` of the shared 79,437 when present, else
 * synthetic ones (seeded). Returns where they came from, for the test's notice.
 */
export async function writeBulk(file: string, count: number, seed = 1): Promise<'shared' | 'synthetic'> {
  const lines: string[] = [];
  if (HAS_EVENTS && !process.env.CITERA_SYNTHETIC) {
    const raw = createReadStream(EVENTS_GZ);
    const gunzip = raw.pipe(createGunzip());
    const rl = createInterface({ input: gunzip, crlfDelay: Infinity });
    for await (const line of rl) {
      lines.push(line);
      if (lines.length >= count) break;
    }
    rl.close();
    gunzip.destroy();
    raw.destroy();
    writeFileSync(file, lines.join('\n') + '\n');
    return 'shared';
  }
  const rnd = rng(seed);
  for (let i = 0; i < count; i++) lines.push(JSON.stringify(syntheticEvent(900_000 + i, rnd)));
  writeFileSync(file, lines.join('\n') + '\n');
  return 'synthetic';
}

/** One line saying where the bulk corpus came from (visible in the test output). */
export function bulkNotice(source: 'shared' | 'synthetic', count: number): void {
  if (source === 'synthetic') console.warn(`[notice] ${EVENTS_GZ} absent (or CITERA_SYNTHETIC set): using ${count} synthetic notices instead`);
}

/**
 * Two versions of a corpus folder that differ in marker statements at both ends of the build order (a file
 * read first, the last line of the bulk file, a file only in v1, a file only in v2), so that an index mixing
 * them, or half of one, answers the probe questions inconsistently.
 */
export const VERSION_PROBES = [
  { q: 'zqbbbbx', v1: 'Kodordet zqbbbbx gäller utgåva ett av registret.', v2: 'Kodordet zqbbbbx gäller utgåva två av registret.' },
  { q: 'zqccccx', v1: 'Lösenordet zqccccx hör till den första upplagan.', v2: 'Lösenordet zqccccx hör till den andra upplagan.' },
  { q: 'zqddddx', v1: 'Ordet zqddddx finns bara i den gamla samlingen.', v2: null },
  { q: 'zqffffx', v1: null, v2: 'Ordet zqffffx finns bara i den nya samlingen.' },
] as const;

export type Version = 'v1' | 'v2';

/**
 * Writes the version's marker files and its `bulk.jsonl` into `dir`. With `allChanged`, v2 also retitles every
 * bulk statement, so that a re-index between the versions re-embeds them all (a long embedding phase).
 */
export function writeVersion(dir: string, bulkLines: string[], v: Version, opts: { allChanged?: boolean } = {}): void {
  const [a, b, c, d] = VERSION_PROBES;
  writeFileSync(join(dir, 'a-first.md'), `---\ntitle: Registret\npublisher: Polisen\n---\n\n${a[v]}\n`);
  const last = JSON.stringify({ id: 'last-line', title: 'Upplagan', publisher: 'Polisen', text: b[v] });
  const lines = opts.allChanged && v === 'v2' ? bulkLines.map((l) => JSON.stringify({ ...JSON.parse(l), title: `${JSON.parse(l).title} (uppdaterad)` })) : bulkLines;
  writeFileSync(join(dir, 'bulk.jsonl'), lines.join('\n') + '\n' + last + '\n');
  const only = v === 'v1' ? c.v1 : d.v2;
  writeFileSync(join(dir, 'm-only.md'), `---\ntitle: Samlingen ${v}\npublisher: Polisen\n---\n\n${only}\n`);
}

/**
 * Which version an answer set came from, by the cited sentences: 'v1', 'v2', or a description of what is
 * wrong (a mix, a missing sentence).
 */
export function classify(answers: { q: string; texts: string[] }[]): Version | string {
  const votes = new Set<string>();
  for (const { q, texts } of answers) {
    const p = VERSION_PROBES.find((x) => x.q === q)!;
    const has1 = p.v1 !== null && texts.includes(p.v1);
    const has2 = p.v2 !== null && texts.includes(p.v2);
    if (has1 && has2) return `both versions of ${q}`;
    if (p.v1 !== null && p.v2 !== null) {
      if (!has1 && !has2) return `no sentence for ${q}`;
      votes.add(has1 ? 'v1' : 'v2');
    } else if (p.v1 !== null) votes.add(has1 ? 'v1' : 'v2');
    else votes.add(has2 ? 'v2' : 'v1');
  }
  return votes.size === 1 ? ([...votes][0] as Version) : `mixed (${[...votes].join('+')})`;
}
