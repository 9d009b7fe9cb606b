import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeModel } from '../../scripts/make-model.js';
import { createEmbedder } from '../../src/embed/load.js';

const dir = mkdtempSync(path.join(tmpdir(), 'citera-load-'));
beforeAll(async () => {
  await makeModel({ shape: 'tiny', outDir: dir, modelId: 'local/tiny-e5' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the tiny model under another id, with one file replaced. */
function broken(id: string, file: string, content: string | null): string {
  const target = path.join(dir, ...id.split('/'));
  cpSync(path.join(dir, 'local', 'tiny-e5'), target, { recursive: true });
  if (content === null) rmSync(path.join(target, file));
  else writeFileSync(path.join(target, file), content);
  return id;
}

function expectNotice(notice: string | null, model: string): void {
  expect(notice).toBeTypeOf('string');
  expect(notice).toContain(model);
  expect(notice).toContain('npm run model:fetch');
  expect(notice).not.toContain('\n');
}

describe('createEmbedder', () => {
  it("'none' means lexical only by choice: no embedder, no notice", async () => {
    expect(await createEmbedder({ model: 'none', modelDir: dir, dtype: 'q8' })).toEqual({ embedder: null, notice: null });
  });

  it('a model that is not there gives null and a one-line notice, quickly and offline', async () => {
    const started = Date.now();
    const { embedder, notice } = await createEmbedder({ model: 'Xenova/multilingual-e5-small', modelDir: dir, dtype: 'q8' });
    expect(embedder).toBeNull();
    expectNotice(notice, 'Xenova/multilingual-e5-small');
    expect(Date.now() - started).toBeLessThan(2000);
    const other = await createEmbedder({ model: 'local/tiny-e5', modelDir: path.join(dir, 'nowhere'), dtype: 'q8' });
    expect(other.embedder).toBeNull();
    expectNotice(other.notice, 'local/tiny-e5');
  });

  it('names the missing files of an incomplete model', async () => {
    const id = broken('local/no-weights', 'onnx/model_quantized.onnx', null);
    const { embedder, notice } = await createEmbedder({ model: id, modelDir: dir, dtype: 'q8' });
    expect(embedder).toBeNull();
    expectNotice(notice, id);
    expect(notice).toContain('onnx/model_quantized.onnx');
    // the fp32 weights are still there
    expect((await createEmbedder({ model: id, modelDir: dir, dtype: 'fp32' })).embedder).not.toBeNull();
  });

  it('broken files give null and a notice, never a throw', async () => {
    for (const [id, file, content] of [
      ['local/bad-onnx', 'onnx/model_quantized.onnx', 'this is not a protobuf'],
      ['local/bad-tokenizer', 'tokenizer.json', '{"truncated": '],
      ['local/bad-config', 'config.json', 'not json'],
    ] as const) {
      broken(id, file, content);
      const { embedder, notice } = await createEmbedder({ model: id, modelDir: dir, dtype: 'q8' });
      expect(embedder, id).toBeNull();
      expectNotice(notice, id);
    }
  });

  it('takes the dimension from a probe embedding when the config does not give hidden_size', async () => {
    const id = broken('local/no-hidden-size', 'config.json', JSON.stringify({ model_type: 'bert', max_position_embeddings: 512 }));
    const { embedder, notice } = await createEmbedder({ model: id, modelDir: dir, dtype: 'q8' });
    expect(notice).toBeNull();
    expect(embedder!.dim).toBe(128);
    expect((await embedder!.embedQuery('polisen')).length).toBe(128);
    await embedder!.dispose?.();
  });

  it('loads a good model', async () => {
    const { embedder, notice } = await createEmbedder({ model: 'local/tiny-e5', modelDir: dir, dtype: 'q8' });
    expect(notice).toBeNull();
    expect(embedder!.dim).toBe(128);
    await embedder!.dispose?.();
  });
});
