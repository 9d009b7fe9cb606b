/**
 * A STAND-IN embedder for the benchmark: a deterministic, cheap function of the text (signed feature hashing of
 * words and character 4-grams into 384 dimensions, L2-normalised). It implements the project's `Embedder`
 * interface so the real build, store, load and search code paths run unchanged over a full-corpus vector index.
 *
 * It is used ONLY to measure what does not depend on which model made the vectors: index size on disk, cold load,
 * serving RSS, graph insert speed and incremental changes at full scale (524k vectors of dimension 384 take the
 * same bytes and the same hnswlib graph layout whatever produced them). It says nothing about embedding speed
 * (that is measured with the e5-shaped model) and nothing about answer quality.
 *
 * Sentences that share words get nearby vectors (cosine grows with shared words and word pieces), so the graph
 * is built and searched over data with neighbourhood structure, not over isotropic noise.
 */
import type { Embedder } from '../../src/embed/types.js';

export const STAND_IN_MODEL_ID = 'bench/stand-in-hash-384';
export const STAND_IN_DIM = 384;

const WORD = /[\p{L}\p{N}]+/gu;

function fnv1a(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Adds ±w at two hashed positions (two positions halve collisions' damage). */
function addFeature(v: Float32Array, f: string, w: number): void {
  const h1 = fnv1a(f, 0x9747b28c);
  const h2 = fnv1a(f, 0x5bd1e995);
  v[h1 % STAND_IN_DIM] += h1 & 0x80000000 ? -w : w;
  v[h2 % STAND_IN_DIM] += h2 & 0x80000000 ? -w : w;
}

export function standInVector(text: string): Float32Array {
  const v = new Float32Array(STAND_IN_DIM);
  const words = text.toLowerCase().match(WORD) ?? [];
  for (const w of words) {
    addFeature(v, w, 1);
    if (w.length > 4) {
      const g = `<${w}>`;
      for (let i = 0; i + 4 <= g.length; i++) addFeature(v, g.slice(i, i + 4), 0.35);
    }
  }
  // A small text-independent component keeps every vector non-zero (empty or symbol-only text).
  v[0] += 1e-3;
  let n = 0;
  for (let i = 0; i < STAND_IN_DIM; i++) n += v[i]! * v[i]!;
  n = Math.sqrt(n);
  for (let i = 0; i < STAND_IN_DIM; i++) v[i]! /= n;
  return v;
}

/** The stand-in as an `Embedder` (no prefixes: queries and passages are hashed alike). */
export class StandInEmbedder implements Embedder {
  readonly modelId = STAND_IN_MODEL_ID;
  readonly dim = STAND_IN_DIM;
  /** Milliseconds spent inside embedPassages, so a build can report its embedding share. */
  passageMs = 0;

  async embedPassages(texts: string[]): Promise<Float32Array[]> {
    const t = performance.now();
    const out = texts.map(standInVector);
    this.passageMs += performance.now() - t;
    return out;
  }

  async embedQuery(text: string): Promise<Float32Array> {
    return standInVector(text);
  }
}

/**
 * Wraps an embedder so that `embedQuery` returns vectors computed beforehand (`prime`): timing `engine.ask`
 * through it measures the engine with vectors (graph search, cosine re-scoring) without the query embedding.
 */
export class PrecomputedQueries implements Embedder {
  private readonly cache = new Map<string, Float32Array>();
  constructor(private readonly inner: Embedder) {}
  get modelId(): string {
    return this.inner.modelId;
  }
  get dim(): number {
    return this.inner.dim;
  }
  async prime(queries: string[]): Promise<void> {
    for (const q of queries) {
      // The engine trims and cuts the question before embedding it; prime both forms.
      const k = q.trim().slice(0, 2000);
      if (!this.cache.has(k)) this.cache.set(k, await this.inner.embedQuery(k));
    }
  }
  embedPassages(texts: string[]): Promise<Float32Array[]> {
    return this.inner.embedPassages(texts);
  }
  async embedQuery(text: string): Promise<Float32Array> {
    return this.cache.get(text) ?? this.inner.embedQuery(text);
  }
}
