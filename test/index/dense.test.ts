import { beforeAll, describe, expect, it } from 'vitest';
import { makeModel } from '../../scripts/make-model.js';
import { IndexError } from '../../src/errors.js';
import { IndexManager } from '../../src/index/manager.js';
import { openIndex } from '../../src/index/open.js';
import { readManifest } from '../../src/index/store.js';
import { readRows } from '../../src/index/vectors.js';
import { seedConfig, tempDir } from '../helpers.js';

// The whole dense path with a model the project generates: transformers.js loads it like the real one, the
// build embeds every sentence and stores the vectors with an hnswlib graph, the engine fuses both rankings.
const modelDir = tempDir('citera-model-');
beforeAll(async () => {
  await makeModel({ shape: 'tiny', outDir: modelDir, modelId: 'local/tiny-e5' });
}, 60_000);

describe('index with vectors from a generated model', () => {
  it('embeds, stores, reloads and answers; refuses the index for another model', async () => {
    const config = seedConfig({ EMBEDDING_MODEL: 'local/tiny-e5', MODEL_DIR: modelDir, EMBEDDING_DTYPE: 'fp32' });
    const m = await IndexManager.open(config, { buildIfMissing: true });
    expect(m.notice).toBeNull();
    expect(m.embedder?.modelId).toBe('local/tiny-e5');
    const { manifest } = readManifest(config.INDEX_DIR);
    expect(manifest.model).toEqual({ id: 'local/tiny-e5', dim: m.embedder!.dim });
    expect(manifest.segments[0]!.vectors!.bytes).toBe(manifest.segments[0]!.sentences * m.embedder!.dim * 4);
    expect(m.engine.status().embeddingModel).toBe('local/tiny-e5');

    const seg = m.engine.index.segments[0]!;
    expect(seg.vectors!.count).toBe(seg.data.sentDoc.length);
    // The stored vector of a sentence is the model's vector of that sentence, and the graph finds it first.
    const s = 3;
    const text = seg.data.texts[0]!.slice(seg.data.sentStart[s]!, seg.data.sentEnd[s]!);
    const [v] = await m.embedder!.embedPassages([text]);
    const rows = readRows(config.INDEX_DIR, m.engine.index.gen, seg.entry, seg.vectors!.dim);
    const row = rows.subarray(s * seg.vectors!.dim, (s + 1) * seg.vectors!.dim);
    for (let i = 0; i < row.length; i++) expect(row[i]).toBeCloseTo(v![i]!, 4);
    // Serving reads single rows from the file instead of holding them: the cosine of the sentence with itself.
    expect(seg.vectors!.cosine(s, v!)).toBeCloseTo(1, 4);
    expect(seg.vectors!.cosine(s + 1, v!)).toBeLessThan(0.999);
    expect(seg.vectors!.search(v!, 1)[0]!.label).toBe(s);

    const a = await m.engine.ask('How many are remanded?');
    expect(a.citations[0]!.text).toBe('Just nu sitter 380 personer häktade och cirka 100 av dem är från gängmiljön.');

    // A re-index with nothing changed reuses every vector.
    const r = await m.reindex({ force: true });
    expect(r.embedded).toBe(0);
    expect(r.reused).toBe(seg.data.sentDoc.length);

    expect(() => openIndex(config.INDEX_DIR, { model: { id: 'Xenova/multilingual-e5-small', dim: 384 } })).toThrow(IndexError);
    expect(() => openIndex(config.INDEX_DIR, { model: { id: 'Xenova/multilingual-e5-small', dim: 384 } })).toThrow(/built with local\/tiny-e5/);
  }, 120_000);
});
