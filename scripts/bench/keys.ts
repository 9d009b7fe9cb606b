/** The benchmark's JSON keys and the targets, shared by scripts/bench.ts and its smoke test. */

/** The targets of the issue, on this machine and the full events corpus. Never lowered here. */
export const TARGETS = {
  lexicalBuildSentencesPerSec: { min: 60_000 },
  coldLoadMs: { max: 2_000 },
  queryP50Ms: { max: 5 },
  queryP95Ms: { max: 20 },
  queryEmbedP50Ms: { max: 30 },
  passageEmbedSentencesPerSec: { min: 100 },
  vectorInsertPerSec: { min: 1_000 },
  recallAt10: { min: 0.98 },
  rssServeMiB: { max: 1_536 },
  addOneMs: { max: 1_000 },
  removeOneMs: { max: 1_000 },
} as const;

/** Keys every `--json` output carries (numbers). */
export const JSON_KEYS = [
  'statements',
  'sentences',
  'lexicalBuildSentencesPerSec',
  'fullBuildSentencesPerSec',
  'indexBytes',
  'coldLoadMs',
  'queryP50Ms',
  'queryP95Ms',
  'queryP99Ms',
  'queryEmbedP50Ms',
  'passageEmbedSentencesPerSec',
  'vectorInsertPerSec',
  'recallAt10',
  'rssBuildMiB',
  'rssServeMiB',
  'addOneMs',
  'removeOneMs',
] as const;
