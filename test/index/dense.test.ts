import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
}, 120_000);

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

  it('reads cosines from the rows file only for the sentences of the likely statements', async () => {
    // 48 notices of 4 sentences: more sentences than the graph's 50 neighbours, so most candidates' cosines
    // are read from the rows file, and only for the sentences of the statements the statement stage keeps.
    const places = ['Lund', 'Malmö', 'Eslöv', 'Höör', 'Ystad', 'Kävlinge', 'Trelleborg', 'Skurup'];
    const crimes = ['inbrott', 'misshandel', 'rån', 'stöld', 'skadegörelse', 'bedrägeri'];
    const lines = Array.from({ length: 48 }, (_, i) => {
      const place = places[i % places.length]!;
      const crime = crimes[i % crimes.length]!;
      const text = [
        `Polisen larmades till ${place} efter ett ${crime} på natten.`,
        `En man i ${20 + i}-årsåldern greps misstänkt för ${crime}.`,
        `Ingen person skadades enligt polisen i ${place}.`,
        `Utredningen om ${crime} fortsätter under veckan.`,
      ].join(' ');
      return JSON.stringify({ id: `n${i}`, title: `${crime}, ${place}`, text });
    });
    const config = seedConfig({ EMBEDDING_MODEL: 'local/tiny-e5', MODEL_DIR: modelDir, EMBEDDING_DTYPE: 'fp32' });
    writeFileSync(join(config.CORPUS_PATHS[0]!, 'notices.jsonl'), lines.join('\n') + '\n');
    const m = await IndexManager.open(config, { buildIfMissing: true });
    expect(m.engine.status().sentences).toBeGreaterThan(150);
    const seg = m.engine.index.segments[0]!;
    let reads = 0;
    const cosine = seg.vectors!.cosine;
    seg.vectors!.cosine = (row, q) => {
      reads++;
      return cosine(row, q);
    };
    const total = m.engine.status().sentences;
    for (const q of ['Hur gammal var mannen som greps för rån i Ystad?', 'Vad hände i Lund?', 'Skadades någon i Höör?', 'burglary in Malmö']) {
      reads = 0;
      const x = await m.engine.explain(q, { limit: 3 });
      const kept = x.statements.slice(0, 8).reduce((a, st) => {
        const d = m.engine.index.segments[st.seg]!.data;
        return a + d.docSent[st.doc + 1]! - d.docSent[st.doc]!;
      }, 0);
      // At most one read per sentence of the kept statements (statementsKept = 8), whatever the corpus' size.
      expect(reads).toBeLessThanOrEqual(kept);
      expect(reads).toBeLessThan(total / 3);
      // Asking for more citations must not change the first ones.
      const many = await m.engine.ask(q, { limit: 100 });
      expect(many.citations.slice(0, 3).map((c) => [c.text, c.score])).toEqual(x.answer.citations.map((c) => [c.text, c.score]));
    }
  }, 120_000);
});
