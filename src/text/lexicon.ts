import { readFileSync } from 'node:fs';
import { IngestError } from '../errors.js';
import { tokenize } from './analyze.js';

/** English word or phrase → Swedish equivalents. */
export type Lexicon = Map<string, string[]>;

const BUILT_IN = new URL('./lexicon.tsv', import.meta.url);

/** Parses the TSV lexicon format (`english<TAB>swedish, swedish`); `file` names the source in errors. */
export function parseLexicon(tsv: string, file: string, into: Lexicon = new Map()): Lexicon {
  tsv.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [en, sv, ...rest] = line.split('\t');
    if (!en || !sv || rest.length > 0) throw new IngestError(file, 'expected "english<TAB>swedish, swedish"', i + 1);
    // Keys are matched against the question's words, so "ex-partner" is stored as "ex partner".
    const key = tokenize(en).join(' ');
    const words = sv.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean);
    into.set(key, [...new Set([...(into.get(key) ?? []), ...words])]);
  });
  return into;
}

/** The built-in lexicon, extended by the admin's file at `extraPath` when given. */
export function loadLexicon(extraPath = ''): Lexicon {
  const lex = parseLexicon(readFileSync(BUILT_IN, 'utf8'), 'src/text/lexicon.tsv');
  if (extraPath) parseLexicon(readFileSync(extraPath, 'utf8'), extraPath, lex);
  return lex;
}
