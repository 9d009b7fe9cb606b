import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  AutoModel,
  AutoTokenizer,
  env,
  LogLevel,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type Tensor,
} from '@huggingface/transformers';
import { ModelError } from '../errors.js';
import { log } from '../log.js';
import type { Embedder } from './types.js';

export type ModelDtype = 'q8' | 'fp32';

/** What a model expects around its inputs. E5 models are trained with `query: ` / `passage: ` prefixes. */
export interface ModelProfile {
  queryPrefix: string;
  passagePrefix: string;
}

const NO_PREFIX: ModelProfile = { queryPrefix: '', passagePrefix: '' };
const E5_PREFIX: ModelProfile = { queryPrefix: 'query: ', passagePrefix: 'passage: ' };

/**
 * The profile of a model id: any id with `e5` as a name part (`Xenova/multilingual-e5-small`, `intfloat/e5-base`,
 * `local/tiny-e5`) gets the E5 prefixes; every other model gets none.
 */
export function profileFor(modelId: string): ModelProfile {
  return /(^|[^a-z0-9])e5([^a-z0-9]|$)/i.test(modelId) ? { ...E5_PREFIX } : { ...NO_PREFIX };
}

/** The ONNX weights file (relative to the model folder) that transformers.js loads for a dtype. */
export function onnxFileFor(dtype: ModelDtype): string {
  return dtype === 'q8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx';
}

/** Every file a local model folder must hold, relative to `<modelDir>/<model id>/`. */
export function requiredModelFiles(dtype: ModelDtype): string[] {
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', onnxFileFor(dtype)];
}

/** `<modelDir>/<model id>` (the id's `/` becomes a folder level). */
export function modelFolder(modelDir: string, modelId: string): string {
  return path.resolve(modelDir, ...modelId.split('/'));
}

export interface TransformersEmbedderOptions {
  /** Hugging Face style id; the files live in `<modelDir>/<modelId>/`. */
  modelId: string;
  modelDir: string;
  /** q8 → onnx/model_quantized.onnx, fp32 → onnx/model.onnx. Default q8. */
  dtype?: ModelDtype;
  /** Texts per forward pass. Default 32. */
  batchSize?: number;
  /** Token limit per text (longer ones are cut); never above the model's own limit. Default 512. */
  maxTokens?: number;
  /** onnxruntime intra-op threads; default: onnxruntime's choice (the physical cores). */
  threads?: number;
  /** Overrides the prefixes `profileFor(modelId)` picks. */
  profile?: Partial<ModelProfile>;
}

export const DEFAULT_BATCH_SIZE = 32;
export const DEFAULT_MAX_TOKENS = 512;

/** Loads are serialised: transformers.js reads the model folder from the process-wide `env`. */
let loadQueue: Promise<unknown> = Promise.resolve();

/**
 * An `Embedder` over a local transformers.js feature-extraction model: tokenise, run the ONNX encoder, mean-pool
 * the last hidden state over the attention mask, L2-normalise. Nothing is ever fetched from the network.
 */
export class TransformersEmbedder implements Embedder {
  readonly modelId: string;
  readonly dim: number;
  readonly dtype: ModelDtype;
  readonly profile: ModelProfile;
  readonly batchSize: number;
  /** Effective token limit (including the special tokens). */
  readonly maxTokens: number;

  private constructor(
    opts: Required<Pick<TransformersEmbedderOptions, 'modelId' | 'dtype' | 'batchSize'>> & {
      profile: ModelProfile;
      maxTokens: number;
      dim: number;
    },
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly model: PreTrainedModel,
  ) {
    this.modelId = opts.modelId;
    this.dtype = opts.dtype;
    this.batchSize = opts.batchSize;
    this.profile = opts.profile;
    this.maxTokens = opts.maxTokens;
    this.dim = opts.dim;
  }

  /**
   * Loads tokenizer and model from `<modelDir>/<modelId>/`. Throws `ModelError` when a file is missing or broken.
   * `dim` comes from the config's `hidden_size`, else from a probe embedding.
   */
  static async load(opts: TransformersEmbedderOptions): Promise<TransformersEmbedder> {
    const run = loadQueue.then(() => TransformersEmbedder.loadNow(opts));
    loadQueue = run.catch(() => undefined);
    return run;
  }

  private static async loadNow(opts: TransformersEmbedderOptions): Promise<TransformersEmbedder> {
    const dtype = opts.dtype ?? 'q8';
    const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new ModelError(opts.modelId, `batchSize must be a positive integer, not ${batchSize}`);
    const folder = modelFolder(opts.modelDir, opts.modelId);
    const missing = requiredModelFiles(dtype).filter((f) => !existsSync(path.join(folder, f)));
    if (missing.length > 0) throw new ModelError(opts.modelId, `not found in ${folder} (missing ${missing.join(', ')})`);

    // Local only: never reach for the hub, read models from modelDir, write no cache into node_modules.
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = path.resolve(opts.modelDir) + path.sep;
    env.useFSCache = false;
    if (!process.env.TRANSFORMERS_VERBOSE) env.logLevel = LogLevel.ERROR;

    let tokenizer: PreTrainedTokenizer;
    let model: PreTrainedModel;
    try {
      tokenizer = await AutoTokenizer.from_pretrained(opts.modelId, { local_files_only: true });
    } catch (err) {
      throw new ModelError(opts.modelId, `tokenizer in ${folder} cannot be read: ${oneLine(err)}`, { cause: err });
    }
    try {
      model = await AutoModel.from_pretrained(opts.modelId, {
        local_files_only: true,
        dtype,
        device: 'cpu',
        session_options: opts.threads ? { intraOpNumThreads: opts.threads } : {},
      });
    } catch (err) {
      throw new ModelError(opts.modelId, `${onnxFileFor(dtype)} in ${folder} cannot be loaded: ${oneLine(err)}`, { cause: err });
    }

    const config = model.config as unknown as Record<string, unknown>;
    const limits = [opts.maxTokens ?? DEFAULT_MAX_TOKENS, Number(tokenizer.model_max_length), Number(config.max_position_embeddings)];
    const maxTokens = Math.min(...limits.filter((n) => Number.isFinite(n) && n > 0));
    const profile = { ...profileFor(opts.modelId), ...opts.profile };
    const hidden = Number(config.hidden_size);
    const base = { modelId: opts.modelId, dtype, batchSize, profile, maxTokens };
    let embedder = new TransformersEmbedder({ ...base, dim: Number.isInteger(hidden) && hidden > 0 ? hidden : 0 }, tokenizer, model);
    if (embedder.dim === 0) {
      const probe = await embedder.embedBatch(['probe']);
      embedder = new TransformersEmbedder({ ...base, dim: probe[0]!.length }, tokenizer, model);
    }
    log.debug({ model: opts.modelId, dtype, dim: embedder.dim, maxTokens, folder }, 'embedding model loaded');
    return embedder;
  }

  async embedPassages(texts: string[]): Promise<Float32Array[]> {
    return this.embed(texts.map((t) => this.profile.passagePrefix + t));
  }

  async embedQuery(text: string): Promise<Float32Array> {
    return (await this.embed([this.profile.queryPrefix + text]))[0]!;
  }

  /**
   * Embeds texts as given (no prefix), in batches of `batchSize`. Texts are batched by length so each batch pads
   * little; results come back in input order.
   */
  async embed(texts: string[]): Promise<Float32Array[]> {
    const order = texts.map((_, i) => i).sort((a, b) => texts[b]!.length - texts[a]!.length || a - b);
    const out = new Array<Float32Array>(texts.length);
    for (let start = 0; start < order.length; start += this.batchSize) {
      const idx = order.slice(start, start + this.batchSize);
      const vectors = await this.embedBatch(idx.map((i) => texts[i]!));
      idx.forEach((i, j) => (out[i] = vectors[j]!));
    }
    return out;
  }

  private async embedBatch(texts: string[]): Promise<Float32Array[]> {
    let hidden: Tensor;
    let mask: Tensor;
    try {
      const inputs = this.tokenizer(texts, { padding: true, truncation: true, max_length: this.maxTokens }) as Record<
        string,
        Tensor
      >;
      this.keepFinalSeparator(inputs);
      const outputs = (await this.model(inputs)) as Record<string, Tensor | undefined>;
      const h = outputs.last_hidden_state ?? outputs.token_embeddings ?? outputs.logits;
      if (!h) throw new Error(`model has no last_hidden_state output (outputs: ${Object.keys(outputs).join(', ')})`);
      hidden = h;
      mask = inputs.attention_mask!;
    } catch (err) {
      throw new ModelError(this.modelId, `embedding failed: ${oneLine(err)}`, { cause: err });
    }
    return meanPoolNormalize(hidden, mask, this.modelId);
  }

  /**
   * transformers.js truncates by cutting the token arrays, which drops the closing separator of a cut text;
   * the Python tokenizers keep it. Put it back so cut texts look like the model's training inputs.
   */
  private keepFinalSeparator(inputs: Record<string, Tensor>): void {
    const ids = inputs.input_ids;
    const sep = this.tokenizer.sep_token_id;
    if (!ids || sep === undefined || sep === null) return;
    const [rows, cols] = ids.dims as [number, number];
    if (cols < this.maxTokens) return;
    const data = ids.data as BigInt64Array;
    const maskData = inputs.attention_mask?.data as BigInt64Array | undefined;
    for (let r = 0; r < rows; r++) {
      const last = r * cols + cols - 1;
      if ((!maskData || maskData[last] === 1n) && data[last] !== BigInt(sep)) data[last] = BigInt(sep);
    }
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}

/** Mean over the tokens the attention mask keeps, then unit length. Throws ModelError on non-finite output. */
export function meanPoolNormalize(hidden: Tensor, mask: Tensor, modelId = 'model'): Float32Array[] {
  const [batch, seq, dim] = hidden.dims as [number, number, number];
  const h = hidden.data as Float32Array;
  const m = mask.data as BigInt64Array | Int32Array | Float32Array;
  const out: Float32Array[] = [];
  const acc = new Float64Array(dim);
  for (let b = 0; b < batch; b++) {
    acc.fill(0);
    let count = 0;
    for (let s = 0; s < seq; s++) {
      if (Number(m[b * seq + s]) === 0) continue;
      count++;
      const off = (b * seq + s) * dim;
      for (let d = 0; d < dim; d++) acc[d]! += h[off + d]!;
    }
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += acc[d]! * acc[d]!;
    norm = Math.sqrt(norm);
    if (!Number.isFinite(norm) || count === 0) throw new ModelError(modelId, 'the model produced a non-finite embedding');
    const v = new Float32Array(dim);
    if (norm > 0) for (let d = 0; d < dim; d++) v[d] = acc[d]! / norm;
    out.push(v);
  }
  return out;
}

/** The first line of an error's message, short enough for a one-line notice. */
export function oneLine(err: unknown, max = 240): string {
  const text = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
