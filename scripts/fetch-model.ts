/**
 * Downloads the embedding model into MODEL_DIR so that the engine finds it offline afterwards:
 *
 *   npm run model:fetch                  (EMBEDDING_MODEL, default Xenova/multilingual-e5-small; EMBEDDING_DTYPE)
 *   npx tsx scripts/fetch-model.ts [--model <id>] [--dir models] [--dtype q8|fp32] [--force]
 *
 * Files come from https://huggingface.co/<id>/resolve/main/<file> (HF_ENDPOINT overrides the host, for a
 * mirror) and land in `<MODEL_DIR>/<id>/`, the layout `createEmbedder` reads: config.json, tokenizer.json,
 * tokenizer_config.json and onnx/model_quantized.onnx (q8) or onnx/model.onnx (fp32). Each file is written to a
 * temporary name and renamed when complete, so an interrupted download never leaves a truncated file behind.
 * Files already present are kept unless --force. On any network failure it prints one line saying what failed.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { createEmbedder } from '../src/embed/load.js';
import { modelFolder, requiredModelFiles, type ModelDtype } from '../src/embed/transformers.js';

/** Files fetched when present upstream, never required. */
const OPTIONAL_FILES = ['special_tokens_map.json'];

/** A download that receives nothing for this long is abandoned. */
const STALL_MS = 60_000;

export interface FetchModelOptions {
  model: string;
  modelDir: string;
  dtype: ModelDtype;
  force?: boolean;
  endpoint?: string;
  /** Progress lines (default: stderr). */
  say?: (line: string) => void;
}

class FetchError extends Error {
  override name = 'FetchError';
}

export async function fetchModel(opts: FetchModelOptions): Promise<{ folder: string; downloaded: string[] }> {
  const say = opts.say ?? ((line: string) => process.stderr.write(`${line}\n`));
  const endpoint = (opts.endpoint ?? process.env.HF_ENDPOINT ?? 'https://huggingface.co').replace(/\/+$/, '');
  const folder = modelFolder(opts.modelDir, opts.model);
  const downloaded: string[] = [];
  const files = [...requiredModelFiles(opts.dtype).map((f) => ({ f, required: true })), ...OPTIONAL_FILES.map((f) => ({ f, required: false }))];
  for (const { f, required } of files) {
    const target = path.join(folder, f);
    if (!opts.force && existsSync(target) && (await stat(target)).size > 0) {
      say(`  ${f}: present, kept`);
      continue;
    }
    const url = `${endpoint}/${opts.model.split('/').map(encodeURIComponent).join('/')}/resolve/main/${f}`;
    const ok = await download(url, target, say, required);
    if (ok) downloaded.push(f);
  }
  return { folder, downloaded };
}

async function download(url: string, target: string, say: (line: string) => void, required: boolean): Promise<boolean> {
  const controller = new AbortController();
  let stall = setTimeout(() => controller.abort(), STALL_MS);
  const touch = (): void => {
    clearTimeout(stall);
    stall = setTimeout(() => controller.abort(), STALL_MS);
  };
  const tmp = `${target}.${process.pid}.part`;
  try {
    let res: Response;
    try {
      res = await fetch(url, { signal: controller.signal, redirect: 'follow' });
    } catch (err) {
      throw new FetchError(`could not reach ${new URL(url).host} for ${url}: ${reason(err)} (is this machine online? HF_ENDPOINT selects a mirror)`);
    }
    if (res.status === 404 && !required) return false;
    if (!res.ok || !res.body) {
      const hint = res.status === 404 ? ' (check the model id)' : res.status === 401 || res.status === 403 ? ' (not public?)' : '';
      throw new FetchError(`${url} answered HTTP ${res.status} ${res.statusText}${hint}`);
    }
    const total = Number(res.headers.get('content-length')) || 0;
    await mkdir(path.dirname(target), { recursive: true });
    let received = 0;
    let shown = 0;
    const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
    body.on('data', (chunk: Buffer) => {
      touch();
      received += chunk.length;
      if (total > 0 && received - shown >= total / 10 && total > 5_000_000) {
        shown = received;
        say(`  ${path.basename(target)}: ${Math.round((100 * received) / total)}% of ${mb(total)}`);
      }
    });
    try {
      await pipeline(body, createWriteStream(tmp));
    } catch (err) {
      throw new FetchError(`download of ${url} broke off after ${mb(received)}: ${reason(err)}`);
    }
    if (total > 0 && received !== total) throw new FetchError(`download of ${url} is incomplete (${received} of ${total} bytes)`);
    await rename(tmp, target);
    const shownPath = path.relative(process.cwd(), target);
    say(`  ${shownPath.startsWith('..') ? target : shownPath}: ${mb(received)}`);
    return true;
  } finally {
    clearTimeout(stall);
    await rm(tmp, { force: true });
  }
}

function reason(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return err.name === 'AbortError' ? `no data for ${STALL_MS / 1000} s` : `${err.message}${cause}`;
  }
  return String(err);
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function parseArgs(argv: string[]): Partial<FetchModelOptions> {
  const out: Partial<FetchModelOptions> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--model') out.model = next();
    else if (a === '--dir') out.modelDir = next();
    else if (a === '--dtype') {
      const d = next();
      if (d !== 'q8' && d !== 'fp32') throw new Error(`--dtype must be q8 or fp32, not ${d}`);
      out.dtype = d;
    } else if (a === '--force') out.force = true;
    else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: npx tsx scripts/fetch-model.ts [--model <id>] [--dir models] [--dtype q8|fp32] [--force]\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${a} (try --help)`);
  }
  return out;
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  try {
    const config = loadConfig();
    const args = parseArgs(process.argv.slice(2));
    const opts: FetchModelOptions = {
      model: args.model ?? config.EMBEDDING_MODEL,
      modelDir: args.modelDir ?? config.MODEL_DIR,
      dtype: args.dtype ?? config.EMBEDDING_DTYPE,
      force: args.force,
    };
    if (opts.model.toLowerCase() === 'none') {
      process.stdout.write('EMBEDDING_MODEL=none: lexical search only, nothing to fetch\n');
      process.exit(0);
    }
    process.stderr.write(`fetching ${opts.model} (${opts.dtype}) into ${modelFolder(opts.modelDir, opts.model)}\n`);
    const { folder } = await fetchModel(opts);
    // Prove it loads the way the engine will load it: offline, from MODEL_DIR.
    const { embedder, notice } = await createEmbedder(opts);
    if (!embedder) throw new Error(notice ?? 'the downloaded model does not load');
    process.stdout.write(`${opts.model} is ready in ${folder} (${embedder.dim} dimensions)\n`);
    await embedder.dispose?.();
  } catch (err) {
    process.stderr.write(`model:fetch: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
