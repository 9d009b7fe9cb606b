import { existsSync } from 'node:fs';
import path from 'node:path';
import { log } from '../log.js';
import type { Embedder } from './types.js';
import { modelFolder, oneLine, requiredModelFiles, TransformersEmbedder, type ModelDtype } from './transformers.js';

export interface CreateEmbedderOptions {
  /** Model id, or `none` for lexical search only. */
  model: string;
  /** Folder holding `<model id>/` folders. */
  modelDir: string;
  dtype: ModelDtype;
}

export interface CreatedEmbedder {
  /** null: lexical search only (by choice, or because the model could not be loaded). */
  embedder: Embedder | null;
  /** One line for the person running this when the model could not be loaded; null otherwise. */
  notice: string | null;
}

/** A local load that takes longer than this is given up on (the real model loads in about a second). */
export const LOAD_TIMEOUT_MS = 120_000;

const FETCH = 'lexical search only; run `npm run model:fetch` to download it (or set EMBEDDING_MODEL=none)';
const REFETCH = 'lexical search only; run `npm run model:fetch -- --force` to download it again (or set EMBEDDING_MODEL=none)';

/**
 * Opens the configured embedding model from `modelDir`, offline. Never throws for a model that cannot be used and
 * never touches the network: a missing or broken model gives `{ embedder: null, notice }`, where the notice says
 * which model, why, and how to fix it. `model: 'none'` gives `{ embedder: null, notice: null }`.
 */
export async function createEmbedder(opts: CreateEmbedderOptions): Promise<CreatedEmbedder> {
  if (opts.model.trim().toLowerCase() === 'none') return { embedder: null, notice: null };

  const folder = modelFolder(opts.modelDir, opts.model);
  const missing = requiredModelFiles(opts.dtype).filter((f) => !existsSync(path.join(folder, f)));
  if (missing.length > 0) {
    const what = existsSync(folder) ? `is incomplete in ${folder} (missing ${missing.join(', ')})` : `is not in ${folder}`;
    return fail(opts, `embedding model ${opts.model} (${opts.dtype}) ${what}: ${FETCH}`);
  }

  try {
    const embedder = await withTimeout(
      (async () => {
        const e = await TransformersEmbedder.load({ modelId: opts.model, modelDir: opts.modelDir, dtype: opts.dtype });
        try {
          // A probe proves the graph runs and gives vectors of the advertised size.
          const probe = await e.embedQuery('test');
          if (probe.length !== e.dim) throw new Error(`config says ${e.dim} dimensions but the model gives ${probe.length}`);
        } catch (err) {
          await e.dispose().catch(() => undefined);
          throw err;
        }
        return e;
      })(),
      LOAD_TIMEOUT_MS,
    );
    return { embedder, notice: null };
  } catch (err) {
    log.debug({ err, model: opts.model, folder }, 'embedding model failed to load');
    const reason = oneLine(err).replace(/^embedding model \S+: /, '');
    return fail(opts, `embedding model ${opts.model} (${opts.dtype}) cannot be used (${reason}): ${REFETCH}`);
  }
}

function fail(opts: CreateEmbedderOptions, notice: string): CreatedEmbedder {
  log.debug({ model: opts.model, modelDir: opts.modelDir }, notice);
  return { embedder: null, notice };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`loading took longer than ${Math.round(ms / 1000)} s`)), ms);
    timer.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
