import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeModel } from '../../scripts/make-model.js';

const dir = mkdtempSync(path.join(tmpdir(), 'citera-make-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('makeModel --shape tiny', () => {
  it('writes the files transformers.js reads, deterministically from the seed', async () => {
    const a = await makeModel({ outDir: path.join(dir, 'a'), modelId: 'local/tiny-e5' });
    const b = await makeModel({ outDir: path.join(dir, 'b'), modelId: 'local/tiny-e5' });
    const c = await makeModel({ outDir: path.join(dir, 'c'), modelId: 'local/tiny-e5', seed: 7 });
    expect(a.files.sort()).toEqual(['config.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx', 'tokenizer.json', 'tokenizer_config.json']);
    for (const f of a.files) expect(readFileSync(path.join(b.dir, f)).equals(readFileSync(path.join(a.dir, f))), f).toBe(true);
    expect(readFileSync(path.join(c.dir, 'onnx/model.onnx')).equals(readFileSync(path.join(a.dir, 'onnx/model.onnx')))).toBe(false);
    const config = JSON.parse(readFileSync(path.join(a.dir, 'config.json'), 'utf8'));
    expect(config).toMatchObject({ model_type: 'bert', hidden_size: a.hiddenSize, vocab_size: a.vocabSize });
    const tokenizer = JSON.parse(readFileSync(path.join(a.dir, 'tokenizer.json'), 'utf8'));
    expect(tokenizer.model.type).toBe('WordPiece');
    expect(Object.keys(tokenizer.model.vocab)).toHaveLength(a.vocabSize);
    expect(tokenizer.model.vocab).toHaveProperty('polisen');
    expect(a.vocabSize).toBeGreaterThan(1000);
  });
});
