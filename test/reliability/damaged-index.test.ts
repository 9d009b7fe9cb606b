/**
 * Guarantee 3: an index folder that is truncated, byte-flipped or foreign is refused with a message naming the
 * problem and the fix (`npm run index`); nothing half-loads. Here for an index with vectors, built with a
 * generated tiny model: the .vec rows and the .hnsw graph (which hnswlib itself loads without complaint when a
 * byte is flipped: only the manifest's CRC-32 catches it), and manifest.json, fuzzed byte by byte.
 */
import { cpSync, readdirSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeModel } from '../../scripts/make-model.js';
import { Engine } from '../../src/answer/engine.js';
import { loadConfig, type Config } from '../../src/config.js';
import { IndexError } from '../../src/errors.js';
import { IndexManager } from '../../src/index/manager.js';
import { attachVectors, openIndex } from '../../src/index/open.js';
import { currentGeneration, FORMAT_VERSION } from '../../src/index/store.js';
import { VectorIndex } from '../../src/search/vectors.js';
import { loadLexicon } from '../../src/text/lexicon.js';
import { tempDir } from '../helpers.js';
import { ROOT, rng } from './gen.js';

const work = tempDir('citera-damage-');
afterAll(() => rmSync(work, { recursive: true, force: true }));
const MODEL = 'local/tiny-e5';
const QUESTIONS = ['How many are remanded?', 'Vem är regionpolischef i Stockholm?', 'När ingick staden och polisen sin samverkansöverenskommelse?'];

let good: string;
let manager: IndexManager;
let dim: number;
let reference: string;

function config(indexDir: string): Config {
  return loadConfig({ CORPUS_PATHS: join(ROOT, 'corpus'), INDEX_DIR: indexDir, EMBEDDING_MODEL: MODEL, MODEL_DIR: join(work, 'models'), EMBEDDING_DTYPE: 'fp32', LOG_LEVEL: 'silent' });
}

async function answers(engine: Engine): Promise<string> {
  const out = [];
  for (const q of QUESTIONS) {
    const a = await engine.ask(q);
    out.push([a.answered, a.answer, a.citations.map((c) => [c.docId, c.text, c.score])]);
  }
  return JSON.stringify(out);
}

/** A copy of the good index, damaged by `harm(genDir)`. */
function damaged(harm: (genDir: string) => void): string {
  const dir = join(work, `case-${Math.random().toString(36).slice(2)}`);
  cpSync(good, dir, { recursive: true });
  harm(join(dir, currentGeneration(dir)!));
  return dir;
}

/** Opens as the bot and the CLI do (IndexManager.open, vectors attached); returns the refusal. */
async function refused(dir: string): Promise<IndexError> {
  try {
    await IndexManager.open(config(dir), { embedder: manager.embedder });
  } catch (e) {
    expect(e).toBeInstanceOf(IndexError);
    expect((e as Error).message).toContain('npm run index');
    expect((e as Error).message).toContain(dir);
    return e as IndexError;
  }
  throw new Error(`the damaged index at ${dir} was accepted`);
}

const flip = (f: string, at: number) => {
  const b = readFileSync(f);
  b[at]! ^= 0x5a;
  writeFileSync(f, b);
};
const setManifest = (genDir: string, edit: (m: Record<string, any>) => unknown) => {
  const p = join(genDir, 'manifest.json');
  writeFileSync(p, JSON.stringify(edit(JSON.parse(readFileSync(p, 'utf8')))));
};

beforeAll(async () => {
  await makeModel({ shape: 'tiny', outDir: join(work, 'models'), modelId: MODEL });
  good = join(work, 'good');
  manager = await IndexManager.open(config(good), { buildIfMissing: true });
  expect(manager.embedder?.modelId).toBe(MODEL);
  dim = manager.embedder!.dim;
  reference = await answers(manager.engine);
}, 120_000);

describe('damaged vector files are refused', () => {
  it('refuses a flipped .hnsw byte by its checksum, though hnswlib loads the file without complaint', async () => {
    const dir = damaged((g) => {
      const f = join(g, 'seg-000001.hnsw');
      flip(f, Math.floor(readFileSync(f).length / 2));
    });
    // The precondition that makes the checksum necessary.
    const graph = await VectorIndex.load(join(dir, currentGeneration(dir)!, 'seg-000001.hnsw'), dim);
    expect(graph.size).toBeGreaterThan(0);
    expect((await refused(dir)).message).toMatch(/seg-000001\.hnsw fails its checksum \(damaged\)/);
  });

  it('refuses a truncated or missing .hnsw', async () => {
    const t = damaged((g) => truncateSync(join(g, 'seg-000001.hnsw'), 1000));
    expect((await refused(t)).message).toMatch(/seg-000001\.hnsw is 1000 bytes, the manifest says \d+ \(truncated or half-written\)/);
    const m = damaged((g) => unlinkSync(join(g, 'seg-000001.hnsw')));
    expect((await refused(m)).message).toMatch(/seg-000001\.hnsw is missing \(half-written index\)/);
  });

  it('refuses a flipped, truncated or missing .vec', async () => {
    const f = damaged((g) => flip(join(g, 'seg-000001.vec'), 17));
    expect((await refused(f)).message).toMatch(/seg-000001\.vec fails its checksum \(damaged\)/);
    const t = damaged((g) => truncateSync(join(g, 'seg-000001.vec'), 4 * dim * 3));
    expect((await refused(t)).message).toMatch(/seg-000001\.vec is \d+ bytes, the manifest says \d+ \(truncated/);
    const m = damaged((g) => unlinkSync(join(g, 'seg-000001.vec')));
    expect((await refused(m)).message).toMatch(/seg-000001\.vec is missing/);
  });

  it('refuses any one flipped byte in any segment file (seeded, 30 positions each)', async () => {
    const r = rng(3);
    for (const file of ['seg-000001.bin', 'seg-000001.vec', 'seg-000001.hnsw']) {
      const dir = damaged(() => {});
      const f = join(dir, currentGeneration(dir)!, file);
      const pristine = readFileSync(f);
      for (let i = 0; i < 30; i++) {
        const b = Buffer.from(pristine);
        b[r.int(0, b.length - 1)]! ^= r.int(1, 255);
        writeFileSync(f, b);
        // The lexical file is checked as it is opened, the vector files while the graph loads.
        await expect(
          (async () => attachVectors(openIndex(dir, { model: { id: MODEL, dim } })))(),
          `${file} flip ${i}`,
        ).rejects.toThrow(/fails its checksum \(damaged\); rebuild it with `npm run index`/);
      }
    }
  });
});

describe('foreign index folders are refused', () => {
  it('refuses another model, another dimension, another format version, a lexical-only index', async () => {
    const otherModel = damaged((g) => setManifest(g, (m) => ({ ...m, model: { id: 'Xenova/multilingual-e5-small', dim } })));
    expect((await refused(otherModel)).message).toMatch(/built with Xenova\/multilingual-e5-small \(dimension 128\), but local\/tiny-e5 \(dimension 128\) is configured/);
    const otherDim = damaged((g) => setManifest(g, (m) => ({ ...m, model: { id: MODEL, dim: 384 } })));
    expect((await refused(otherDim)).message).toMatch(/built with local\/tiny-e5 \(dimension 384\)/);
    const otherFormat = damaged((g) => setManifest(g, (m) => ({ ...m, format: FORMAT_VERSION + 1 })));
    expect((await refused(otherFormat)).message).toContain(`format version ${FORMAT_VERSION + 1}, this program reads version ${FORMAT_VERSION}`);
    const lexical = join(work, 'lexical');
    await IndexManager.open(loadConfig({ CORPUS_PATHS: join(ROOT, 'corpus'), INDEX_DIR: lexical, EMBEDDING_MODEL: 'none', LOG_LEVEL: 'silent' }), { buildIfMissing: true });
    expect((await refused(lexical)).message).toMatch(/built without vectors, but local\/tiny-e5 \(dimension 128\) is configured/);
  });

  it('refuses vector files of another dimension even when the manifest checksums agree with them', async () => {
    const other = VectorIndex.create(dim / 2, 4);
    other.add([new Float32Array(dim / 2).fill(0.1)], [0]);
    const dir = damaged((g) => {
      const hnsw = join(g, 'seg-000001.hnsw');
      rmSync(hnsw);
      return other;
    });
    const genDir = join(dir, currentGeneration(dir)!);
    await other.save(join(genDir, 'seg-000001.hnsw'));
    const bytes = readFileSync(join(genDir, 'seg-000001.hnsw'));
    setManifest(genDir, (m) => {
      m.segments[0].hnsw = { file: 'seg-000001.hnsw', bytes: bytes.length, crc32: crc32(bytes) };
      return m;
    });
    expect((await refused(dir)).message).toMatch(/seg-000001\.hnsw: .*64-dimensional vectors, expected 128/);

    const vecDir = damaged((g) => {
      const rows = Buffer.alloc(4 * dim * 2);
      writeFileSync(join(g, 'seg-000001.vec'), rows);
      setManifest(g, (m) => {
        m.segments[0].vectors = { file: 'seg-000001.vec', bytes: rows.length, crc32: crc32(rows) };
        return m;
      });
    });
    expect((await refused(vecDir)).message).toMatch(/seg-000001\.vec holds 2 vectors for \d+ sentences/);
  });
});

describe('manifest.json', () => {
  it('refuses garbage, empty, other JSON and a manifest that lost its vector entries', async () => {
    const r = rng(5);
    const cases: [string | Buffer, RegExp][] = [
      [r.bytes(300), /manifest of gen-\d{6} is not valid JSON/],
      ['', /manifest of gen-\d{6} is not valid JSON/],
      ['null', /not an index manifest \(top level: /],
      ['[1,2,3]', /not an index manifest \(top level: /],
      ['{"name":"some-package","version":"1.0.0"}', /not an index manifest \(format: /],
      [JSON.stringify({ format: FORMAT_VERSION }), /not an index manifest \(createdAt: /],
    ];
    for (const [content, re] of cases) {
      const dir = damaged((g) => writeFileSync(join(g, 'manifest.json'), content));
      expect((await refused(dir)).message).toMatch(re);
    }
    const noVec = damaged((g) =>
      setManifest(g, (m) => {
        delete m.segments[0].vectors;
        return m;
      }),
    );
    expect((await refused(noVec)).message).toMatch(/seg-000001 lacks its vector files \(\.vec, \.hnsw\) in the manifest/);
    const wrongCount = damaged((g) =>
      setManifest(g, (m) => {
        m.segments[0].sentences += 1;
        return m;
      }),
    );
    expect((await refused(wrongCount)).message).toMatch(/seg-000001\.bin holds \d+ sentences, the manifest says \d+/);
    const escape = damaged((g) =>
      setManifest(g, (m) => {
        m.segments[0].lexical.file = '../../../etc/passwd';
        return m;
      }),
    );
    expect((await refused(escape)).message).toMatch(/not an index manifest \(segments\.0\.lexical\.file: /);
  });

  it('every single-byte change of manifest.json is refused, or leaves answers exactly as they were', async () => {
    const dir = damaged(() => {});
    const p = join(dir, currentGeneration(dir)!, 'manifest.json');
    const pristine = readFileSync(p);
    const lexicon = loadLexicon('');
    const r = rng(9);
    let refusedCount = 0;
    let harmless = 0;
    for (let at = 0; at < pristine.length; at++) {
      const b = Buffer.from(pristine);
      b[at]! ^= r.int(1, 255);
      writeFileSync(p, b);
      let index;
      try {
        index = await attachVectors(openIndex(dir, { model: { id: MODEL, dim } }));
      } catch (e) {
        if (!(e instanceof IndexError)) throw new Error(`byte ${at} (${String.fromCharCode(pristine[at]!)}→${String.fromCharCode(b[at]!)}): ${(e as Error).stack}`);
        expect(e.message).toContain('npm run index');
        refusedCount++;
        continue;
      }
      expect(await answers(new Engine(index, lexicon, manager.embedder, { maxCitations: 3 })), `byte ${at} changed the answers`).toBe(reference);
      harmless++;
    }
    console.log(`[reliability] manifest.json: ${pristine.length} one-byte changes, ${refusedCount} refused, ${harmless} harmless (answers unchanged)`);
    expect(refusedCount + harmless).toBe(pristine.length);
    expect(refusedCount).toBeGreaterThan(pristine.length * 0.8);
  }, 120_000);
});

afterAll(() => {
  // Every case folder was a copy; the good index itself must still be intact and answer as at the start.
  expect(readdirSync(good)).toContain('CURRENT');
});
