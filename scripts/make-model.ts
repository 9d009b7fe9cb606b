/**
 * Generates an embedding model that transformers.js loads exactly like a downloaded one: config.json,
 * tokenizer.json (Hugging Face tokenizers format, plain JSON), tokenizer_config.json and an ONNX graph written
 * with `onnx-proto` (protobufjs does the encoding). Nothing is downloaded.
 *
 *   npx tsx scripts/make-model.ts --shape tiny     --out models --id local/tiny-e5
 *   npx tsx scripts/make-model.ts --shape e5-small --out models --id local/e5-small-random
 *
 * Shapes:
 * - `tiny` (default): a small BERT encoder (WordPiece vocabulary of ~1,400 tokens: Swedish words, characters and
 *   two-letter pieces; hidden 128, 2 layers, 4 heads, seeded weights), written as onnx/model.onnx (fp32) and onnx/model_quantized.onnx (q8).
 *   Its token embeddings are a fixed random vector per token and the attention/feed-forward weights are small,
 *   so the residual stream keeps each token's identity: mean-pooled sentences that share words are closer than
 *   unrelated ones. Tests generate it in well under a second.
 * - `e5-small`: the architecture and size of intfloat/multilingual-e5-small (BERT encoder, 12 layers, hidden 384,
 *   12 heads, intermediate 1536, 512 positions, vocabulary 250,037) with random weights, written only as
 *   onnx/model_quantized.onnx and quantized the way Xenova's conversion script does it (onnxruntime
 *   `quantize_dynamic`, QInt8 weights, per_channel and reduce_range): every MatMul with a constant weight becomes
 *   DynamicQuantizeLinear → MatMulInteger → Cast → Mul(scale), and the embedding Gathers read uint8 tables
 *   followed by DequantizeLinear. Its tokenizer is a Unigram (XLM-R style, Metaspace) with 250,037 pieces.
 *   It is only good for measuring embedding speed.
 *
 * Graph (opset 14, as an optimum export of BertModel before onnxruntime's fusions): inputs `input_ids`,
 * `attention_mask`, `token_type_ids` (int64, [batch, sequence]); output `last_hidden_state` (float,
 * [batch, sequence, hidden]). LayerNorm and GELU are written decomposed (ReduceMean/Sub/Pow/Sqrt/Div, Erf);
 * onnxruntime fuses them back on load, as it does for the real export.
 */
import { mkdir, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';
import { mulberry32 } from '../src/random.js';

const { onnx } = onnxProto;
type INode = onnxProto.onnx.INodeProto;
type ITensor = onnxProto.onnx.ITensorProto;
type IAttr = onnxProto.onnx.IAttributeProto;
type IValueInfo = onnxProto.onnx.IValueInfoProto;

export type ModelShape = 'tiny' | 'e5-small';

export interface MakeModelOptions {
  shape?: ModelShape;
  /** Models root; the model is written to `<outDir>/<modelId>/`. */
  outDir: string;
  /** Defaults: tiny → `local/tiny-e5`, e5-small → `local/e5-small-random`. */
  modelId?: string;
  /** Seed of every random weight; the same seed gives byte-identical files. */
  seed?: number;
}

export interface MadeModel {
  modelId: string;
  /** `<outDir>/<modelId>` */
  dir: string;
  /** Paths relative to `dir`. */
  files: string[];
  hiddenSize: number;
  vocabSize: number;
}

export const DEFAULT_MODEL_IDS: Record<ModelShape, string> = {
  tiny: 'local/tiny-e5',
  'e5-small': 'local/e5-small-random',
};

interface Arch {
  vocabSize: number;
  hidden: number;
  layers: number;
  heads: number;
  intermediate: number;
  maxPositions: number;
  typeVocab: number;
  eps: number;
}

const E5_SMALL: Arch = {
  vocabSize: 250037,
  hidden: 384,
  layers: 12,
  heads: 12,
  intermediate: 1536,
  maxPositions: 512,
  typeVocab: 2,
  eps: 1e-12,
};

const TINY: Omit<Arch, 'vocabSize'> = {
  hidden: 128,
  layers: 2,
  heads: 4,
  intermediate: 256,
  maxPositions: 512,
  typeVocab: 2,
  eps: 1e-12,
};

// ---------------------------------------------------------------------------------------------------------------
// Seeded randomness


function fnv1a(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function gaussianFill(out: Float32Array, rand: () => number, std: number, offset = 0, count = out.length - offset): void {
  for (let i = 0; i < count; i += 2) {
    const u = Math.max(rand(), 1e-12);
    const v = rand();
    const r = Math.sqrt(-2 * Math.log(u)) * std;
    out[offset + i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < count) out[offset + i + 1] = r * Math.sin(2 * Math.PI * v);
  }
}

function gaussian(n: number, rand: () => number, std: number): Float32Array {
  const out = new Float32Array(n);
  gaussianFill(out, rand, std);
  return out;
}

/** Fast bulk random bytes (xorshift32, 4 bytes a step) for the large quantized tables. */
function randomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  const words = new Uint32Array(out.buffer, 0, n >>> 2);
  let x = seed >>> 0 || 0x9e3779b9;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    words[i] = x;
  }
  for (let i = words.length * 4; i < n; i++) out[i] = (i * 2654435761) >>> 24;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Weights: fp32, or quantized the way onnxruntime's dynamic quantizer stores them

/** A weight matrix [in, out] with its bias, in fp32 or as per-column symmetric int8 (zero point 0). */
type Linear =
  | { kind: 'f32'; inDim: number; outDim: number; w: Float32Array; b: Float32Array }
  | { kind: 'q8'; inDim: number; outDim: number; w: Int8Array; scale: Float32Array; b: Float32Array };

/** An embedding table [rows, cols], in fp32 or as per-tensor asymmetric uint8. */
type Table =
  | { kind: 'f32'; rows: number; cols: number; t: Float32Array }
  | { kind: 'q8'; rows: number; cols: number; t: Uint8Array; scale: number; zeroPoint: number };

interface Norm {
  gamma: Float32Array;
  beta: Float32Array;
}

interface Layer {
  q: Linear;
  k: Linear;
  v: Linear;
  o: Linear;
  ln1: Norm;
  up: Linear;
  down: Linear;
  ln2: Norm;
}

interface Weights {
  word: Table;
  position: Table;
  tokenType: Table;
  embLn: Norm;
  layers: Layer[];
}

/**
 * onnxruntime per-channel weight quantization with reduce_range (QInt8, symmetric, 7 bits: [-64, 63]) along the
 * output axis of a MatMul weight.
 */
function quantizeLinear(l: Linear): Linear {
  if (l.kind === 'q8') return l;
  const { inDim, outDim, w } = l;
  const scale = new Float32Array(outDim);
  for (let j = 0; j < outDim; j++) {
    let m = 0;
    for (let i = 0; i < inDim; i++) m = Math.max(m, Math.abs(w[i * outDim + j]!));
    scale[j] = m > 0 ? (2 * m) / 127 : 1;
  }
  const q = new Int8Array(inDim * outDim);
  for (let i = 0; i < inDim; i++) {
    for (let j = 0; j < outDim; j++) {
      q[i * outDim + j] = Math.max(-64, Math.min(63, Math.round(w[i * outDim + j]! / scale[j]!)));
    }
  }
  return { kind: 'q8', inDim, outDim, w: q, scale, b: l.b };
}

/** onnxruntime activation-type quantization of a Gather table (QUInt8, per tensor, asymmetric). */
function quantizeTable(t: Table): Table {
  if (t.kind === 'q8') return t;
  let lo = 0;
  let hi = 0;
  for (const x of t.t) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const scale = hi > lo ? (hi - lo) / 255 : 1;
  const zeroPoint = Math.max(0, Math.min(255, Math.round(-lo / scale)));
  const q = new Uint8Array(t.t.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.max(0, Math.min(255, Math.round(t.t[i]! / scale) + zeroPoint));
  return { kind: 'q8', rows: t.rows, cols: t.cols, t: q, scale, zeroPoint };
}

function quantizeWeights(w: Weights): Weights {
  return {
    word: quantizeTable(w.word),
    position: quantizeTable(w.position),
    tokenType: quantizeTable(w.tokenType),
    embLn: w.embLn,
    layers: w.layers.map((l) => ({
      ...l,
      q: quantizeLinear(l.q),
      k: quantizeLinear(l.k),
      v: quantizeLinear(l.v),
      o: quantizeLinear(l.o),
      up: quantizeLinear(l.up),
      down: quantizeLinear(l.down),
    })),
  };
}

function ones(n: number): Float32Array {
  return new Float32Array(n).fill(1);
}

/**
 * Tiny fp32 weights. Each token's embedding is a unit-variance Gaussian seeded by the token string (nearly
 * orthogonal to every other token's in 128 dimensions), positions and token types are small, and the layer
 * weights are small, so the residual stream stays close to the token's own embedding while the layers still mix
 * a little context in. Larger layer weights add a component common to every token (GELU's positive mean through
 * the down projection) and make unrelated sentences look alike.
 */
function tinyWeights(arch: Arch, vocab: string[], seed: number): Weights {
  const H = arch.hidden;
  const word = new Float32Array(arch.vocabSize * H);
  vocab.forEach((tok, id) => gaussianFill(word, mulberry32(fnv1a(tok, seed)), 1, id * H, H));
  const rand = mulberry32(seed ^ 0x5bd1e995);
  const lin = (inDim: number, outDim: number, std: number): Linear => ({
    kind: 'f32',
    inDim,
    outDim,
    w: gaussian(inDim * outDim, rand, std),
    b: gaussian(outDim, rand, 0.01),
  });
  const layers: Layer[] = [];
  for (let i = 0; i < arch.layers; i++) {
    layers.push({
      q: lin(H, H, 0.1),
      k: lin(H, H, 0.1),
      v: lin(H, H, 0.05),
      o: lin(H, H, 0.05),
      ln1: { gamma: ones(H), beta: new Float32Array(H) },
      up: lin(H, arch.intermediate, 0.03),
      down: lin(arch.intermediate, H, 0.03),
      ln2: { gamma: ones(H), beta: new Float32Array(H) },
    });
  }
  return {
    word: { kind: 'f32', rows: arch.vocabSize, cols: H, t: word },
    position: { kind: 'f32', rows: arch.maxPositions, cols: H, t: gaussian(arch.maxPositions * H, rand, 0.05) },
    tokenType: { kind: 'f32', rows: arch.typeVocab, cols: H, t: gaussian(arch.typeVocab * H, rand, 0.05) },
    embLn: { gamma: ones(H), beta: new Float32Array(H) },
    layers,
  };
}

/**
 * Random weights generated directly in their quantized form (no fp32 copy of a 96M-entry table): int8 weights
 * uniform over the reduce_range span [-64, 63] with a per-column scale giving a standard deviation near 0.02
 * (BERT's initializer range), uint8 embedding tables with a scale giving values of about ±0.5.
 */
function randomQuantizedWeights(arch: Arch, seed: number): Weights {
  const H = arch.hidden;
  let s = seed;
  const rand = mulberry32(seed);
  const lin = (inDim: number, outDim: number): Linear => {
    const bytes = randomBytes(inDim * outDim, ++s * 0x9e3779b1);
    const w = new Int8Array(bytes.buffer);
    for (let i = 0; i < w.length; i++) w[i] = (bytes[i]! & 0x7f) - 64;
    const scale = new Float32Array(outDim).fill(0.02 / 37);
    return { kind: 'q8', inDim, outDim, w, scale, b: gaussian(outDim, rand, 0.01) };
  };
  const table = (rows: number): Table => ({
    kind: 'q8',
    rows,
    cols: H,
    t: randomBytes(rows * H, ++s * 0x85ebca6b),
    scale: 1 / 255,
    zeroPoint: 128,
  });
  const layers: Layer[] = [];
  for (let i = 0; i < arch.layers; i++) {
    layers.push({
      q: lin(H, H),
      k: lin(H, H),
      v: lin(H, H),
      o: lin(H, H),
      ln1: { gamma: ones(H), beta: new Float32Array(H) },
      up: lin(H, arch.intermediate),
      down: lin(arch.intermediate, H),
      ln2: { gamma: ones(H), beta: new Float32Array(H) },
    });
  }
  return {
    word: table(arch.vocabSize),
    position: table(arch.maxPositions),
    tokenType: table(arch.typeVocab),
    embLn: { gamma: ones(H), beta: new Float32Array(H) },
    layers,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// ONNX graph construction

const T = onnx.TensorProto.DataType;
const A = onnx.AttributeProto.AttributeType;

const attr = {
  int: (name: string, i: number): IAttr => ({ name, type: A.INT, i }),
  ints: (name: string, ints: number[]): IAttr => ({ name, type: A.INTS, ints }),
  float: (name: string, f: number): IAttr => ({ name, type: A.FLOAT, f }),
};

function bytesOf(data: ArrayBufferView): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

class GraphBuilder {
  readonly nodes: INode[] = [];
  readonly initializers: ITensor[] = [];
  private readonly constants = new Map<string, string>();

  tensor(name: string, dataType: number, dims: number[], data: ArrayBufferView): string {
    this.initializers.push({ name, dataType, dims, rawData: bytesOf(data) });
    return name;
  }

  f32(name: string, dims: number[], data: Float32Array | number[]): string {
    return this.tensor(name, T.FLOAT, dims, data instanceof Float32Array ? data : Float32Array.from(data));
  }

  /** A shared scalar or small constant, created once. */
  constFloat(value: number): string {
    const key = `f:${value}`;
    let name = this.constants.get(key);
    if (!name) {
      name = this.f32(`const_f32_${this.constants.size}`, [], [value]);
      this.constants.set(key, name);
    }
    return name;
  }

  constInt64(values: number[], scalar = false): string {
    const key = `i:${scalar}:${values.join(',')}`;
    let name = this.constants.get(key);
    if (!name) {
      name = this.tensor(
        `const_i64_${this.constants.size}`,
        T.INT64,
        scalar ? [] : [values.length],
        BigInt64Array.from(values.map(BigInt)),
      );
      this.constants.set(key, name);
    }
    return name;
  }

  node(opType: string, name: string, inputs: string[], attribute: IAttr[] = [], outputCount = 1): string[] {
    const output = Array.from({ length: outputCount }, (_, i) => `${name}_output_${i}`);
    this.nodes.push({ opType, name, input: inputs, output, attribute });
    return output;
  }

  op(opType: string, name: string, inputs: string[], attribute: IAttr[] = []): string {
    return this.node(opType, name, inputs, attribute, 1)[0]!;
  }
}

class BertGraph {
  readonly g = new GraphBuilder();
  /** DynamicQuantizeLinear outputs per activation, shared by the MatMuls that read it (as onnxruntime does). */
  private readonly quantizedActivations = new Map<string, [string, string, string]>();

  constructor(
    private readonly arch: Arch,
    private readonly w: Weights,
  ) {}

  private gather(prefix: string, table: Table, indices: string): string {
    const g = this.g;
    if (table.kind === 'f32') {
      const t = g.f32(`${prefix}.weight`, [table.rows, table.cols], table.t);
      return g.op('Gather', `${prefix}/Gather`, [t, indices]);
    }
    const t = g.tensor(`${prefix}.weight_quantized`, T.UINT8, [table.rows, table.cols], table.t);
    const scale = g.f32(`${prefix}.weight_scale`, [], [table.scale]);
    const zp = g.tensor(`${prefix}.weight_zero_point`, T.UINT8, [], Uint8Array.of(table.zeroPoint));
    const q = g.op('Gather', `${prefix}/Gather_quant`, [t, indices]);
    return g.op('DequantizeLinear', `${prefix}/Gather_output_DequantizeLinear`, [q, scale, zp]);
  }

  private linear(prefix: string, x: string, l: Linear): string {
    const g = this.g;
    const bias = g.f32(`${prefix}.bias`, [l.outDim], l.b);
    let y: string;
    if (l.kind === 'f32') {
      const w = g.f32(`${prefix}.weight`, [l.inDim, l.outDim], l.w);
      y = g.op('MatMul', `${prefix}/MatMul`, [x, w]);
    } else {
      let qa = this.quantizedActivations.get(x);
      if (!qa) {
        const [xq, xs, xzp] = g.node('DynamicQuantizeLinear', `${x}_QuantizeLinear`, [x], [], 3) as [string, string, string];
        qa = [xq, xs, xzp];
        this.quantizedActivations.set(x, qa);
      }
      const w = g.tensor(`${prefix}.weight_quantized`, T.INT8, [l.inDim, l.outDim], l.w);
      const ws = g.f32(`${prefix}.weight_scale`, [l.outDim], l.scale);
      const wzp = g.tensor(`${prefix}.weight_zero_point`, T.INT8, [l.outDim], new Int8Array(l.outDim));
      const int32 = g.op('MatMulInteger', `${prefix}/MatMul_quant`, [qa[0], w, qa[2], wzp]);
      const f = g.op('Cast', `${prefix}/MatMul_output_quantized_cast`, [int32], [attr.int('to', T.FLOAT)]);
      const scale = g.op('Mul', `${prefix}/MatMul_quant_scales_mul`, [qa[1], ws]);
      y = g.op('Mul', `${prefix}/MatMul_output_scale_mul`, [f, scale]);
    }
    return g.op('Add', `${prefix}/Add`, [bias, y]);
  }

  /** LayerNorm over the last axis, decomposed as in an opset-14 export. */
  private layerNorm(prefix: string, x: string, n: Norm): string {
    const g = this.g;
    const axes = [attr.ints('axes', [-1]), attr.int('keepdims', 1)];
    const mean = g.op('ReduceMean', `${prefix}/ReduceMean`, [x], axes);
    const d = g.op('Sub', `${prefix}/Sub`, [x, mean]);
    const sq = g.op('Pow', `${prefix}/Pow`, [d, g.constFloat(2)]);
    const v = g.op('ReduceMean', `${prefix}/ReduceMean_1`, [sq], axes);
    const ve = g.op('Add', `${prefix}/Add`, [v, g.constFloat(this.arch.eps)]);
    const sd = g.op('Sqrt', `${prefix}/Sqrt`, [ve]);
    const normed = g.op('Div', `${prefix}/Div`, [d, sd]);
    const gamma = g.f32(`${prefix}.weight`, [n.gamma.length], n.gamma);
    const beta = g.f32(`${prefix}.bias`, [n.beta.length], n.beta);
    const scaled = g.op('Mul', `${prefix}/Mul`, [normed, gamma]);
    return g.op('Add', `${prefix}/Add_1`, [scaled, beta]);
  }

  /** Exact GELU: x · ½ · (1 + erf(x / √2)). */
  private gelu(prefix: string, x: string): string {
    const g = this.g;
    const d = g.op('Div', `${prefix}/Div`, [x, g.constFloat(Math.SQRT2)]);
    const e = g.op('Erf', `${prefix}/Erf`, [d]);
    const p = g.op('Add', `${prefix}/Add`, [e, g.constFloat(1)]);
    const m = g.op('Mul', `${prefix}/Mul`, [x, p]);
    return g.op('Mul', `${prefix}/Mul_1`, [m, g.constFloat(0.5)]);
  }

  build(): onnxProto.onnx.IModelProto {
    const { g, arch, w } = this;
    const H = arch.hidden;
    const heads = arch.heads;
    const dh = H / heads;

    // Embeddings: word + token type + absolute position (0..S-1), then LayerNorm.
    const words = this.gather('/embeddings/word_embeddings', w.word, 'input_ids');
    const types = this.gather('/embeddings/token_type_embeddings', w.tokenType, 'token_type_ids');
    const shape = g.op('Shape', '/embeddings/Shape', ['input_ids']);
    const seqLen = g.op('Gather', '/embeddings/Gather_seq', [shape, g.constInt64([1], true)], [attr.int('axis', 0)]);
    const positionIds = g.op('Range', '/embeddings/Range', [g.constInt64([0], true), seqLen, g.constInt64([1], true)]);
    const positions = this.gather('/embeddings/position_embeddings', w.position, positionIds);
    const sum1 = g.op('Add', '/embeddings/Add', [words, types]);
    const sum2 = g.op('Add', '/embeddings/Add_1', [sum1, positions]);
    let h = this.layerNorm('/embeddings/LayerNorm', sum2, w.embLn);

    // Extended attention mask: (1 - mask) · float32.min, shape [B, 1, 1, S].
    const m1 = g.op('Unsqueeze', '/Unsqueeze', ['attention_mask', g.constInt64([1])]);
    const m2 = g.op('Unsqueeze', '/Unsqueeze_1', [m1, g.constInt64([2])]);
    const mf = g.op('Cast', '/Cast', [m2], [attr.int('to', T.FLOAT)]);
    const inv = g.op('Sub', '/Sub', [g.constFloat(1), mf]);
    const mask = g.op('Mul', '/Mul', [inv, g.constFloat(-3.4028234663852886e38)]);

    const headShape = g.constInt64([0, 0, heads, dh]);
    const mergedShape = g.constInt64([0, 0, H]);
    for (let i = 0; i < arch.layers; i++) {
      const L = w.layers[i]!;
      const p = `/encoder/layer.${i}`;
      const split = (name: string, x: string, perm: number[]): string => {
        const r = g.op('Reshape', `${p}/attention/self/${name}/Reshape`, [x, headShape]);
        return g.op('Transpose', `${p}/attention/self/${name}/Transpose`, [r], [attr.ints('perm', perm)]);
      };
      const q = split('query', this.linear(`${p}/attention/self/query`, h, L.q), [0, 2, 1, 3]);
      const k = split('key', this.linear(`${p}/attention/self/key`, h, L.k), [0, 2, 3, 1]);
      const v = split('value', this.linear(`${p}/attention/self/value`, h, L.v), [0, 2, 1, 3]);
      const scores = g.op('MatMul', `${p}/attention/self/MatMul`, [q, k]);
      const scaled = g.op('Div', `${p}/attention/self/Div`, [scores, g.constFloat(Math.sqrt(dh))]);
      const masked = g.op('Add', `${p}/attention/self/Add`, [scaled, mask]);
      const probs = g.op('Softmax', `${p}/attention/self/Softmax`, [masked], [attr.int('axis', -1)]);
      const ctx = g.op('MatMul', `${p}/attention/self/MatMul_1`, [probs, v]);
      const ctxT = g.op('Transpose', `${p}/attention/self/Transpose_3`, [ctx], [attr.ints('perm', [0, 2, 1, 3])]);
      const ctxM = g.op('Reshape', `${p}/attention/self/Reshape_3`, [ctxT, mergedShape]);
      const attnOut = this.linear(`${p}/attention/output/dense`, ctxM, L.o);
      const res1 = g.op('Add', `${p}/attention/output/Add`, [attnOut, h]);
      h = this.layerNorm(`${p}/attention/output/LayerNorm`, res1, L.ln1);
      const up = this.linear(`${p}/intermediate/dense`, h, L.up);
      const act = this.gelu(`${p}/intermediate/intermediate_act_fn`, up);
      const down = this.linear(`${p}/output/dense`, act, L.down);
      const res2 = g.op('Add', `${p}/output/Add`, [down, h]);
      h = this.layerNorm(`${p}/output/LayerNorm`, res2, L.ln2);
    }
    g.nodes.push({ opType: 'Identity', name: '/Identity_output', input: [h], output: ['last_hidden_state'] });

    const io = (name: string, elemType: number, dims: Array<string | number>): IValueInfo => ({
      name,
      type: {
        tensorType: {
          elemType,
          shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
        },
      },
    });
    return {
      irVersion: 8,
      producerName: 'citera scripts/make-model.ts',
      producerVersion: '1',
      opsetImport: [{ domain: '', version: 14 }],
      graph: {
        name: 'main_graph',
        node: g.nodes,
        initializer: g.initializers,
        input: [
          io('input_ids', T.INT64, ['batch_size', 'sequence_length']),
          io('attention_mask', T.INT64, ['batch_size', 'sequence_length']),
          io('token_type_ids', T.INT64, ['batch_size', 'sequence_length']),
        ],
        output: [io('last_hidden_state', T.FLOAT, ['batch_size', 'sequence_length', H])],
      },
    };
  }
}

export function encodeModel(model: onnxProto.onnx.IModelProto): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}

// ---------------------------------------------------------------------------------------------------------------
// Vocabularies and tokenizers

/** Frequent Swedish words, and the vocabulary of police statements. Whole-word tokens in both tokenizers. */
const WORDS = `
och i att det som en på är av för med till den har de inte om ett han men var jag sig från vi så kan
man när år säger hon under också efter eller nu sin där vid mot ska skulle kommer ut får finns vara
hade alla andra mycket än här då sedan över bara in blir upp även vad få två vill ha många hur mer
går sina blev bli genom kunde dag tre fyra fem sex sju åtta nio tio första andra tredje
samt enligt kl klockan timme timmar minuter morgon morgonen kväll kvällen natt natten eftermiddag
eftermiddagen förmiddag förmiddagen igår idag imorgon måndag tisdag onsdag torsdag fredag lördag söndag
januari februari mars april maj juni juli augusti september oktober november december vecka veckan
polis polisen polisens poliser poliserna polismyndigheten polisområde polisregion region regionen
syd väst nord mitt öst bergslagen stockholm göteborg malmö uppsala örebro västerås linköping
helsingborg jönköping norrköping lund umeå gävle borås eskilstuna södertälje karlstad växjö halmstad
sundsvall luleå östersund trollhättan kalmar falun kristianstad skövde karlskrona uddevalla visby
län kommun kommunen stad staden centrum området område orten gatan vägen väg motorvägen e4 e6 e20 e18
brott brottet brotten misstänkt misstänks misstänkta misstanke gripen gripits greps grep gripna
anhållen anhölls anhållna häktad häktades häktas åklagare åklagaren förundersökning förundersökningen
utredning utredningen utreds utreder anmälan anmäld anmälts polisanmälan vittne vittnen vittnet tips
stöld stölder stulit stulna stals inbrott inbrottet rån rånet rånade misshandel misshandlad misshandlades
mord mordet dråp skjutning skjutningen skottlossning sköts skjuten skadad skadade skadades skador
död döda dödades avliden avled omkom livshotande allvarligt lindrigt lätt svårt
trafikolycka trafikolyckan olycka olyckan kollision krock krockade bil bilen bilar bilarna lastbil
lastbilen buss bussen tåg tåget cykel cykeln motorcykel moped föraren förare fordon fordonet körde
rattfylleri rattfull narkotika narkotikabrott vapen vapnet kniv kniven pistol sprängning explosion
brand branden brann räddningstjänsten ambulans ambulansen sjukhus sjukhuset vård
man mannen män kvinna kvinnan kvinnor person personen personer personerna ung unga ungdom ungdomar
pojke pojken flicka flickan barn barnet barnen äldre gammal år åring åringen
lägenhet lägenheten hus huset villa villan bostad bostaden butik butiken affär skola skolan
gata torg parkering parkeringen station stationen restaurang hotell lokal lokalen
larm larmet larmades larmar insats insatsen patrull patrullen patruller plats platsen platsen
information informationen presstalesperson presstjänst uppger uppgifter uppgifterna kommenterar
händelse händelsen händelser inträffade inträffat hände sker skedde pågår pågick
hjälp allmänheten efterlyser efterlyst efterlysning söker sökte hittade hittades hittats
ingen inga något några någon varit blivit gjort göra gör gjorde tagit tog ta tar
query passage
`;

function wordList(): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const w of WORDS.split(/\s+/)) {
    if (w && !seen.has(w)) {
      seen.add(w);
      out.push(w);
    }
  }
  return out;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzåäöéü'.split('');
const DIGITS = '0123456789'.split('');
const PUNCT = `.,:;!?-–—()[]{}"'«»„“”’/\\%&+=*#@§$€<>|_~^`.split('');

/** WordPiece vocabulary: specials, characters, common subword pieces, then whole words. */
function tinyVocab(): string[] {
  const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
  const add = (t: string): void => {
    if (!vocab.includes(t)) vocab.push(t);
  };
  for (const c of [...PUNCT, ...DIGITS, ...LETTERS]) add(c);
  for (const c of [...DIGITS, ...LETTERS]) add(`##${c}`);
  for (const a of LETTERS.slice(0, 29)) for (const b of LETTERS.slice(0, 29)) add(`##${a}${b}`);
  for (const s of ['en', 'et', 'na', 'ar', 'er', 'or', 'ade', 'are', 'ning', 'ningen', 'het', 'heten', 'erna', 'arna', 'orna', 'ens', 'ets', 'ska', 'iga', 'ig', 'lig', 'liga', 'ande', 'ende'])
    add(`##${s}`);
  for (const wd of wordList()) add(wd);
  return vocab;
}

function tinyTokenizer(vocab: string[]): object {
  const special = (id: number, content: string) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'].map((t, i) => special(i, t)),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: false, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
}

const SP = '\u2581';

/**
 * A Unigram vocabulary of exactly `size` pieces in the XLM-R layout (`<s>`, `<pad>`, `</s>`, `<unk>` first,
 * `<mask>` last): characters, the word list (lower case and capitalised, word-initial and inner), all two- and
 * three-letter pieces, numbers, then pronounceable four- and five-letter pieces until full. Longer pieces score
 * higher, so known words stay whole and other words split into a few pieces, about as XLM-R splits Swedish.
 */
function unigramVocab(size: number): Array<[string, number]> {
  const pieces: Array<[string, number]> = [
    ['<s>', 0],
    ['<pad>', 0],
    ['</s>', 0],
    ['<unk>', 0],
  ];
  const seen = new Set(pieces.map((p) => p[0]));
  const limit = size - 1; // the last slot is <mask>
  const add = (p: string, score: number): void => {
    if (pieces.length < limit && !seen.has(p)) {
      seen.add(p);
      pieces.push([p, score]);
    }
  };
  add(SP, -9);
  const upper = LETTERS.map((c) => c.toUpperCase());
  for (const c of [...PUNCT, ...DIGITS, ...LETTERS, ...upper]) {
    add(SP + c, -12);
    add(c, -12.5);
  }
  for (const w of wordList()) {
    const cap = w[0]!.toUpperCase() + w.slice(1);
    add(SP + w, -7);
    add(SP + cap, -7.2);
    add(w, -7.5);
  }
  for (let i = 0; i < 1000; i++) add(SP + i, -8);
  for (let i = 0; i < 100; i++) add(String(i), -8.5);
  const core = LETTERS.slice(0, 29);
  for (const a of core) for (const b of core) {
    add(SP + a + b, -11);
    add(a + b, -11.2);
  }
  for (const a of core) for (const b of core) for (const c of core) {
    add(SP + a + b + c, -10);
    add(a + b + c, -10.2);
  }
  const C = 'bdfghjklmnprstv'.split('');
  const V = 'aeiouyåäö'.split('');
  const patterns = ['CVCV', 'CVVC', 'VCCV', 'CVCC', 'CCVC', 'VCVC', 'CVCVC', 'CCVCV', 'CVCCV', 'VCCVC', 'CVCVCV'];
  const expand = (pattern: string): string[] => {
    let acc = [''];
    for (const ch of pattern) acc = acc.flatMap((p) => (ch === 'C' ? C : V).map((x) => p + x));
    return acc;
  };
  for (const pattern of patterns) {
    if (pieces.length >= limit) break;
    const score = -9 - 0.1 * (6 - pattern.length);
    for (const p of expand(pattern)) {
      add(SP + p, score);
      add(p, score - 0.2);
      if (pieces.length >= limit) break;
    }
  }
  if (pieces.length < limit) throw new Error(`unigram vocabulary too small: ${pieces.length} < ${limit}`);
  pieces.push(['<mask>', 0]);
  return pieces;
}

function unigramTokenizer(vocab: Array<[string, number]>): object {
  const specials = ['<s>', '<pad>', '</s>', '<unk>'].map((t, i) => [t, i] as const);
  specials.push(['<mask>', vocab.length - 1]);
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: specials.map(([content, id]) => ({
      id,
      content,
      single_word: false,
      lstrip: content === '<mask>',
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'Sequence',
      normalizers: [{ type: 'NFKC' }, { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' }],
    },
    pre_tokenizer: { type: 'Metaspace', replacement: SP, prepend_scheme: 'always', split: true },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '<s>', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
      ],
      special_tokens: {
        '<s>': { id: '<s>', ids: [0], tokens: ['<s>'] },
        '</s>': { id: '</s>', ids: [2], tokens: ['</s>'] },
      },
    },
    decoder: { type: 'Metaspace', replacement: SP, prepend_scheme: 'always', split: true },
    model: { type: 'Unigram', unk_id: 3, vocab, byte_fallback: false },
  };
}

// ---------------------------------------------------------------------------------------------------------------

function bertConfig(arch: Arch, extra: Record<string, unknown>): object {
  return {
    architectures: ['BertModel'],
    model_type: 'bert',
    attention_probs_dropout_prob: 0.1,
    classifier_dropout: null,
    hidden_act: 'gelu',
    hidden_dropout_prob: 0.1,
    hidden_size: arch.hidden,
    initializer_range: 0.02,
    intermediate_size: arch.intermediate,
    layer_norm_eps: arch.eps,
    max_position_embeddings: arch.maxPositions,
    num_attention_heads: arch.heads,
    num_hidden_layers: arch.layers,
    position_embedding_type: 'absolute',
    type_vocab_size: arch.typeVocab,
    use_cache: true,
    vocab_size: arch.vocabSize,
    ...extra,
  };
}

/** Writes a file atomically (temp name, then rename), creating its folder. */
async function put(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

export async function makeModel(opts: MakeModelOptions): Promise<MadeModel> {
  const shape = opts.shape ?? 'tiny';
  const modelId = opts.modelId ?? DEFAULT_MODEL_IDS[shape];
  const seed = opts.seed ?? 42;
  const dir = path.join(opts.outDir, ...modelId.split('/'));
  const files: Record<string, string | Uint8Array> = {};
  let arch: Arch;

  if (shape === 'tiny') {
    const vocab = tinyVocab();
    arch = { ...TINY, vocabSize: vocab.length };
    const weights = tinyWeights(arch, vocab, seed);
    files['onnx/model.onnx'] = encodeModel(new BertGraph(arch, weights).build());
    files['onnx/model_quantized.onnx'] = encodeModel(new BertGraph(arch, quantizeWeights(weights)).build());
    files['tokenizer.json'] = JSON.stringify(tinyTokenizer(vocab));
    files['tokenizer_config.json'] = JSON.stringify(
      {
        tokenizer_class: 'BertTokenizer',
        model_max_length: arch.maxPositions,
        do_lower_case: true,
        strip_accents: false,
        clean_up_tokenization_spaces: true,
        unk_token: '[UNK]',
        sep_token: '[SEP]',
        pad_token: '[PAD]',
        cls_token: '[CLS]',
        mask_token: '[MASK]',
      },
      null,
      2,
    );
    files['config.json'] = JSON.stringify(
      bertConfig(arch, { pad_token_id: 0, _generated_by: 'scripts/make-model.ts --shape tiny', seed }),
      null,
      2,
    );
  } else if (shape === 'e5-small') {
    arch = { ...E5_SMALL };
    const weights = randomQuantizedWeights(arch, seed);
    files['onnx/model_quantized.onnx'] = encodeModel(new BertGraph(arch, weights).build());
    files['tokenizer.json'] = JSON.stringify(unigramTokenizer(unigramVocab(arch.vocabSize)));
    files['tokenizer_config.json'] = JSON.stringify(
      {
        tokenizer_class: 'XLMRobertaTokenizer',
        model_max_length: 512,
        bos_token: '<s>',
        eos_token: '</s>',
        unk_token: '<unk>',
        sep_token: '</s>',
        cls_token: '<s>',
        pad_token: '<pad>',
        mask_token: '<mask>',
        clean_up_tokenization_spaces: true,
      },
      null,
      2,
    );
    files['config.json'] = JSON.stringify(
      bertConfig(arch, {
        pad_token_id: 0,
        tokenizer_class: 'XLMRobertaTokenizer',
        _generated_by: 'scripts/make-model.ts --shape e5-small (random weights; for speed measurements only)',
        seed,
      }),
      null,
      2,
    );
  } else {
    throw new Error(`unknown shape ${String(shape)} (expected tiny or e5-small)`);
  }

  for (const [rel, data] of Object.entries(files)) await put(path.join(dir, rel), data);
  return { modelId, dir, files: Object.keys(files), hiddenSize: arch.hidden, vocabSize: arch.vocabSize };
}

// ---------------------------------------------------------------------------------------------------------------
// CLI

function parseArgs(argv: string[]): MakeModelOptions {
  const opts: MakeModelOptions = { outDir: 'models' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--shape': {
        const s = value();
        if (s !== 'tiny' && s !== 'e5-small') throw new Error(`--shape must be tiny or e5-small, not ${s}`);
        opts.shape = s;
        break;
      }
      case '--out':
        opts.outDir = value();
        break;
      case '--id':
        opts.modelId = value();
        break;
      case '--seed':
        opts.seed = Number(value());
        if (!Number.isInteger(opts.seed)) throw new Error('--seed must be an integer');
        break;
      case '-h':
      case '--help':
        process.stdout.write(
          'usage: npx tsx scripts/make-model.ts [--shape tiny|e5-small] [--out models] [--id <model id>] [--seed 42]\n',
        );
        process.exit(0);
      default:
        throw new Error(`unknown argument ${a} (try --help)`);
    }
  }
  return opts;
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  try {
    const started = Date.now();
    const made = await makeModel(parseArgs(process.argv.slice(2)));
    process.stdout.write(
      `wrote ${made.modelId} to ${made.dir} (${made.files.join(', ')}; hidden ${made.hiddenSize}, vocabulary ${made.vocabSize}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
        `use it with EMBEDDING_MODEL=${made.modelId} MODEL_DIR=${path.resolve(made.dir, ...made.modelId.split('/').map(() => '..'))}\n`,
    );
  } catch (err) {
    process.stderr.write(`make-model: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
