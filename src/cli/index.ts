/** `npm run index -- [--corpus PATH]... [--index DIR] [--force]`: builds the index, printing counts and time. */
import { loadConfig } from '../config.js';
import { createEmbedder } from '../embed/load.js';
import { buildIndex } from '../index/build.js';
import { progressReporter } from './progress.js';
import { parseCommand } from './args.js';
import { run } from './run.js';

await run(async () => {
  const { values } = parseCommand({
    usage: 'npm run index -- [--corpus PATH]... [--index DIR] [--force]',
    about:
      'Builds the index from the corpus: files and folders of statements. Unchanged statements are not re-embedded; an unchanged corpus is not rebuilt. A missing corpus path, or a build that would drop more than half of the indexed statements, leaves the live index alone and fails (the latter unless --force).',
    options: {
      corpus: { type: 'string', value: 'PATH', multiple: true, help: 'a file or folder of statements (default: CORPUS_PATHS, corpus)' },
      index: { type: 'string', value: 'DIR', help: 'the index folder (default: INDEX_DIR, .index)' },
      force: { type: 'boolean', help: 'rebuild even if nothing changed, or if most statements would go' },
    },
  });
  const config = loadConfig();
  const corpus = values.corpus?.length ? values.corpus : config.CORPUS_PATHS;
  const indexDir = values.index ?? config.INDEX_DIR;
  const { embedder, notice } = await createEmbedder({ model: config.EMBEDDING_MODEL, modelDir: config.MODEL_DIR, dtype: config.EMBEDDING_DTYPE });
  if (notice) process.stderr.write(`${notice}\n`);
  const ac = new AbortController();
  const stop = () => {
    process.stderr.write('\ninterrupting: stopping the build, the live index stays as it was\n');
    ac.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const progress = progressReporter();
  try {
    const r = await buildIndex({
      corpus,
      indexDir,
      maxFileBytes: config.MAX_FILE_BYTES,
      embedder,
      force: values.force,
      signal: ac.signal,
      onIssue: (i) => {
        progress.pause();
        process.stderr.write(`skipped ${i.file}${i.line !== undefined ? `:${i.line}` : ''}: ${i.reason}\n`);
      },
      onProgress: progress.update,
      onWait: (holder) => process.stderr.write(`waiting for the index lock: ${holder} is writing to ${indexDir}\n`),
      onWarning: (w) => {
        progress.pause();
        process.stderr.write(`warning: ${w}\n`);
      },
    });
    progress.stop();
    const secs = (ms: number) => (ms / 1000).toFixed(2);
    const rate = r.ms.total > 0 ? Math.round(r.sentences / (r.ms.total / 1000)) : 0;
    process.stdout.write(
      [
        `${r.changed ? 'indexed' : 'up to date:'} ${r.statements} statements, ${r.sentences} sentences into ${indexDir} (${r.generation ?? 'no generation'})`,
        `  ${r.issues} inputs skipped; vectors: ${embedder ? `${r.embedded} embedded, ${r.reused} reused (${embedder.modelId})` : 'none (lexical only)'}`,
        `  time ${secs(r.ms.total)} s (read ${secs(r.ms.read)}, index ${secs(r.ms.index)}, embed ${secs(r.ms.embed)}, write ${secs(r.ms.write)}); ${rate} sentences/s`,
      ].join('\n') + '\n',
    );
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    progress.stop();
    await embedder?.dispose?.();
  }
});
