/**
 * The sources file (`SOURCES_FILE`, default `sources.json`): which feeds and APIs are polled for new statements.
 *
 * ```json
 * {"sources": [{"name": "polisen-skane", "kind": "feed", "url": "https://polisen.se/aktuellt/rss/skane/handelser-rss---skane/",
 *               "publisher": "Polisen", "everyMinutes": 15}]}
 * ```
 *
 * `kind: "feed"` covers RSS, Atom (and RDF and JSON Feed); `"polisen-events"` is the police events API. A missing
 * file means no sources; a file that is not valid is refused whole, with the key that is wrong.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigError } from '../errors.js';

/** A source's name is also its corpus file's name (`<name>.jsonl`): letters, digits, `.`, `_`, `-`. */
const SOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const sourceSchema = z
  .object({
    name: z.string().regex(SOURCE_NAME, 'letters, digits, ".", "_" and "-" only (it names the corpus file), at most 64'),
    kind: z.enum(['feed', 'polisen-events']),
    url: z
      .string()
      .url()
      .refine((u) => /^https?:\/\//i.test(u), 'an http or https address'),
    publisher: z.string().trim().min(1, 'who publishes it, e.g. "Polisen"'),
    everyMinutes: z.number().int().min(1).max(7 * 24 * 60),
  })
  .strict();

export const sourcesFileSchema = z
  .object({ sources: z.array(sourceSchema) })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.sources.forEach((s, i) => {
      const key = s.name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'name'], message: `"${s.name}" is used twice (names must differ, case aside)` });
      seen.add(key);
    });
  });

/** One configured source. */
export type Source = z.infer<typeof sourceSchema>;
export type SourceKind = Source['kind'];

/**
 * Parses the text of a sources file.
 *
 * @throws ConfigError (key `SOURCES_FILE`) naming the file, the path inside it and what is expected.
 */
export function parseSourcesFile(text: string, file: string): Source[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ConfigError('SOURCES_FILE', `${file}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = sourcesFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : 'the file';
    throw new ConfigError('SOURCES_FILE', `${file}: ${where}: ${issue.message}`);
  }
  return parsed.data.sources;
}

/**
 * Reads the sources file; a missing file means no sources (an empty list).
 *
 * @example
 * const sources = await loadSources(config.SOURCES_FILE); // [] when sources.json does not exist
 */
export async function loadSources(file: string): Promise<Source[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ConfigError('SOURCES_FILE', `${file}: cannot be read (${(e as Error).message})`);
  }
  return parseSourcesFile(text, file);
}
