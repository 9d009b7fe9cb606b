import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeModel } from '../../scripts/make-model.js';
import { createEmbedder } from '../../src/embed/load.js';
import { profileFor, TransformersEmbedder } from '../../src/embed/transformers.js';
import type { Embedder } from '../../src/embed/types.js';

const MODEL = 'local/tiny-e5';
const dir = mkdtempSync(path.join(tmpdir(), 'citera-embed-'));
let q8: Embedder;
let fp32: Embedder;
let hiddenSize: number;

beforeAll(async () => {
  const made = await makeModel({ shape: 'tiny', outDir: dir, modelId: MODEL });
  hiddenSize = JSON.parse(readFileSync(path.join(made.dir, 'config.json'), 'utf8')).hidden_size;
  const a = await createEmbedder({ model: MODEL, modelDir: dir, dtype: 'q8' });
  const b = await createEmbedder({ model: MODEL, modelDir: dir, dtype: 'fp32' });
  expect(a.notice).toBeNull();
  expect(b.notice).toBeNull();
  q8 = a.embedder!;
  fp32 = b.embedder!;
}, 120_000);

afterAll(async () => {
  await q8?.dispose?.();
  await fp32?.dispose?.();
  rmSync(dir, { recursive: true, force: true });
});

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i]!, 0);

const SENTENCES = [
  'Polisen grep en man misstänkt för inbrott i en lägenhet i Malmö.',
  'En man greps av polisen i Malmö, misstänkt för inbrott i lägenheten.',
  'Trafikolyckan på E4 vid Norrköping orsakade långa köer under morgonen.',
  'Långa köer på E4 vid Norrköping under morgonen efter en trafikolycka.',
  'Branden i villan släcktes av räddningstjänsten under natten.',
  'Räddningstjänsten släckte branden i villan under natten till söndag.',
];

describe('TransformersEmbedder on the generated tiny model', () => {
  it('gives unit vectors of the configured dimension', async () => {
    expect(hiddenSize).toBe(128);
    for (const e of [q8, fp32]) {
      expect(e.modelId).toBe(MODEL);
      expect(e.dim).toBe(hiddenSize);
      const vs = await e.embedPassages(SENTENCES);
      expect(vs).toHaveLength(SENTENCES.length);
      for (const v of vs) {
        expect(v).toBeInstanceOf(Float32Array);
        expect(v.length).toBe(hiddenSize);
        expect(Math.sqrt(dot(v, v))).toBeCloseTo(1, 5);
      }
      const q = await e.embedQuery('Vem greps för inbrott?');
      expect(q.length).toBe(hiddenSize);
      expect(Math.sqrt(dot(q, q))).toBeCloseTo(1, 5);
    }
  });

  it('is deterministic, and independent of batch companions and batch size', async () => {
    const a = await q8.embedPassages(SENTENCES);
    const b = await q8.embedPassages(SENTENCES);
    expect(b).toEqual(a);
    // Alone (no padding) versus padded in a batch with longer texts: the attention mask must hide the padding.
    // fp32 agrees to rounding; q8 quantizes activations with one scale per batch (DynamicQuantizeLinear, as in
    // the real quantized model), so its vectors move a little with the batch.
    const f = await fp32.embedPassages(SENTENCES);
    for (let i = 0; i < SENTENCES.length; i++) {
      const [alone] = await fp32.embedPassages([SENTENCES[i]!]);
      expect(dot(alone!, f[i]!)).toBeGreaterThan(0.999999);
      const [aloneQ] = await q8.embedPassages([SENTENCES[i]!]);
      expect(dot(aloneQ!, a[i]!)).toBeGreaterThan(0.999);
    }
    // Small batches, results back in input order.
    const small = await TransformersEmbedder.load({ modelId: MODEL, modelDir: dir, dtype: 'fp32', batchSize: 2 });
    try {
      const c = await small.embedPassages(SENTENCES);
      c.forEach((v, i) => expect(dot(v, f[i]!)).toBeGreaterThan(0.999999));
    } finally {
      await small.dispose();
    }
  });

  it('puts a sentence nearer to a paraphrase sharing words than to unrelated ones', async () => {
    for (const e of [q8, fp32]) {
      const vs = await e.embedPassages(SENTENCES);
      for (let i = 0; i < vs.length; i += 2) {
        const pair = dot(vs[i]!, vs[i + 1]!);
        for (let j = 0; j < vs.length; j++) {
          if (j === i || j === i + 1) continue;
          expect(pair, `${SENTENCES[i]} / ${SENTENCES[j]}`).toBeGreaterThan(dot(vs[i]!, vs[j]!));
        }
      }
      // and a query finds its passage
      const q = await e.embedQuery('inbrott i lägenhet i Malmö');
      const ranked = vs.map((v, i) => [dot(q, v), i] as const).sort((x, y) => y[0] - x[0]);
      expect([0, 1]).toContain(ranked[0]![1]);
    }
  });

  it('loads the weights the dtype names: q8 approximates fp32 without equalling it', async () => {
    const a = await q8.embedPassages(SENTENCES);
    const b = await fp32.embedPassages(SENTENCES);
    for (let i = 0; i < a.length; i++) {
      const c = dot(a[i]!, b[i]!);
      expect(c).toBeGreaterThan(0.97);
      expect(c).toBeLessThan(0.999999);
    }
  });

  it('applies the E5 prefixes: a query and a passage of the same text differ', async () => {
    expect(profileFor(MODEL)).toEqual({ queryPrefix: 'query: ', passagePrefix: 'passage: ' });
    const t = SENTENCES[0]!;
    const [p] = await q8.embedPassages([t]);
    const q = await q8.embedQuery(t);
    expect(dot(p!, q)).toBeLessThan(0.9999);
    const plain = await TransformersEmbedder.load({ modelId: MODEL, modelDir: dir, profile: { queryPrefix: '', passagePrefix: '' } });
    try {
      const [pp] = await plain.embedPassages([t]);
      expect(dot(pp!, await plain.embedQuery(t))).toBeCloseTo(1, 6);
      const [explicit] = await plain.embedPassages([`passage: ${t}`]);
      expect(dot(explicit!, p!)).toBeCloseTo(1, 6);
    } finally {
      await plain.dispose();
    }
  });

  it('cuts texts longer than the token limit instead of failing', async () => {
    const long = Array.from({ length: 700 }, (_, i) => SENTENCES[i % SENTENCES.length]).join(' ');
    const [v, w] = await q8.embedPassages([long, 'kort']);
    expect(v!.length).toBe(hiddenSize);
    expect(Math.sqrt(dot(v!, v!))).toBeCloseTo(1, 5);
    expect(Math.sqrt(dot(w!, w!))).toBeCloseTo(1, 5);
    expect(await q8.embedPassages([])).toEqual([]);
  });
});

describe('profileFor', () => {
  it('gives E5 models their prefixes and others none', () => {
    expect(profileFor('Xenova/multilingual-e5-small').passagePrefix).toBe('passage: ');
    expect(profileFor('intfloat/e5-base-v2').queryPrefix).toBe('query: ');
    expect(profileFor('local/e5-small-random').queryPrefix).toBe('query: ');
    expect(profileFor('Xenova/all-MiniLM-L6-v2')).toEqual({ queryPrefix: '', passagePrefix: '' });
    expect(profileFor('someone/model-e50')).toEqual({ queryPrefix: '', passagePrefix: '' });
  });
});
