import { existsSync, mkdirSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IndexError } from '../../src/errors.js';
import { FOLD_MAX_STATEMENTS } from '../../src/index/build.js';
import { IndexManager } from '../../src/index/manager.js';
import { openIndex } from '../../src/index/open.js';
import { currentGeneration, readManifest } from '../../src/index/store.js';
import { seedConfig } from '../helpers.js';

async function built() {
  const config = seedConfig();
  const m = await IndexManager.open(config, { buildIfMissing: true });
  const gen = currentGeneration(config.INDEX_DIR)!;
  return { config, m, dir: config.INDEX_DIR, genDir: join(config.INDEX_DIR, gen) };
}

function refusal(dir: string, model: { id: string; dim: number } | null = null): IndexError {
  try {
    openIndex(dir, { model });
  } catch (e) {
    expect(e).toBeInstanceOf(IndexError);
    return e as IndexError;
  }
  throw new Error('the index was accepted');
}

describe('index refusal', () => {
  it('refuses a truncated segment, naming the file and the fix', async () => {
    const { dir, genDir } = await built();
    const f = join(genDir, 'seg-000001.bin');
    truncateSync(f, readFileSync(f).length - 100);
    const e = refusal(dir);
    expect(e.message).toMatch(/seg-000001\.bin.*truncated/);
    expect(e.message).toContain('npm run index');
  });

  it('refuses a flipped byte by its checksum', async () => {
    const { dir, genDir } = await built();
    const f = join(genDir, 'seg-000001.bin');
    const b = readFileSync(f);
    b[Math.floor(b.length / 2)]! ^= 0xff;
    writeFileSync(f, b);
    expect(refusal(dir).message).toMatch(/checksum/);
  });

  it('refuses an index from another model, dimension or format version', async () => {
    const { dir, genDir } = await built();
    expect(refusal(dir, { id: 'Xenova/multilingual-e5-small', dim: 384 }).message).toMatch(/built without vectors/);
    const mpath = join(genDir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(mpath, 'utf8'));
    writeFileSync(mpath, JSON.stringify({ ...manifest, model: { id: 'other/model', dim: 384 } }));
    expect(refusal(dir, { id: 'Xenova/multilingual-e5-small', dim: 384 }).message).toMatch(/built with other\/model/);
    writeFileSync(mpath, JSON.stringify({ ...manifest, model: { id: 'Xenova/multilingual-e5-small', dim: 768 } }));
    expect(refusal(dir, { id: 'Xenova/multilingual-e5-small', dim: 384 }).message).toMatch(/dimension 768/);
    writeFileSync(mpath, JSON.stringify({ ...manifest, format: 99 }));
    expect(refusal(dir).message).toMatch(/format version 99/);
  });

  it('refuses a half-written index (pointer to a generation that is not there)', async () => {
    const { dir } = await built();
    writeFileSync(join(dir, 'CURRENT'), 'gen-000042\n');
    expect(refusal(dir).message).toMatch(/no manifest \(half-written/);
    writeFileSync(join(dir, 'CURRENT'), '');
    expect(refusal(dir).message).toMatch(/half-written/);
  });
});

describe('index changes', () => {
  it('cleans up what an interrupted build left behind', async () => {
    const { config, dir } = await built();
    mkdirSync(join(dir, 'tmp-000009-999999'));
    writeFileSync(join(dir, 'tmp-000009-999999', 'seg-000001.bin'), 'partial');
    await IndexManager.open(config);
    expect(readdirSync(dir).filter((f) => f.startsWith('tmp-'))).toEqual([]);
  });

  it('skips a rebuild when nothing changed, and adds and removes one statement without one', async () => {
    const { config, m, dir } = await built();
    const before = currentGeneration(dir);
    const r = await m.reindex();
    expect(r.changed).toBe(false);
    expect(currentGeneration(dir)).toBe(before);

    const file = join(config.CORPUS_PATHS[0]!, 'added.md');
    writeFileSync(file, '---\ntitle: Ny kommunikation\npublisher: Kommunen\n---\n\nKommunen öppnar tre nya fritidsgårdar i Kävlinge.\n');
    const old = m.engine;
    const add = await m.addFile(file, config.CORPUS_PATHS[0]!);
    expect(add.added).toBe(1);
    expect(m.engine).not.toBe(old);
    // The build's segment is small (under FOLD_MAX_STATEMENTS): it is folded into the addition's segment.
    expect(readManifest(dir).manifest.segments.map((s) => s.name)).toEqual(['seg-000002']);
    expect(m.engine.status().statements).toBe(old.status().statements + 1);
    const a = await m.engine.ask('Hur många fritidsgårdar öppnar kommunen?');
    expect(a.citations[0]!.text).toBe('Kommunen öppnar tre nya fritidsgårdar i Kävlinge.');
    expect(a.answer).toBe('tre');

    expect(await m.remove('added.md')).toBe(true);
    expect(await m.remove('added.md')).toBe(false);
    const b = await m.engine.ask('Hur många fritidsgårdar öppnar kommunen?');
    expect(b.citations.map((c) => c.text)).not.toContain('Kommunen öppnar tre nya fritidsgårdar i Kävlinge.');
    expect(existsSync(join(dir, currentGeneration(dir)!, 'seg-000002.bin'))).toBe(true);
  });

  it('links a large segment unchanged and folds only what additions wrote', async () => {
    const config = seedConfig();
    const corpus = config.CORPUS_PATHS[0]!;
    // FOLD_MAX_STATEMENTS + 1 generated notices make a segment that additions leave alone.
    const lines = Array.from({ length: FOLD_MAX_STATEMENTS + 1 }, (_, i) =>
      JSON.stringify({ id: `n${i}`, title: `Notis ${i}`, text: `Polisen rapporterar händelse nummer ${i} i Lund.` }),
    );
    writeFileSync(join(corpus, 'bulk.jsonl'), lines.join('\n') + '\n');
    const m = await IndexManager.open(config, { buildIfMissing: true });
    const dir = config.INDEX_DIR;
    const base = readManifest(dir).manifest.segments[0]!;
    const baseData = m.engine.index.segments[0]!.data;
    const statements = m.engine.status().statements;
    const add = async (name: string, text: string) => {
      const file = join(corpus, name);
      writeFileSync(file, `---\ntitle: ${name}\n---\n\n${text}\n`);
      return m.addFile(file, corpus);
    };
    await add('a.md', 'Kommunen öppnar tre nya fritidsgårdar i Kävlinge.');
    await add('b.md', 'Brandkåren övade med fyra bilar i Eslöv.');
    expect(await m.remove('a.md')).toBe(true);
    await add('c.md', 'Vägverket lagar sju broar i Höör.');
    const segs = readManifest(dir).manifest.segments;
    // The build's segment, linked with the same bytes; one segment for everything added since.
    expect(segs.map((s) => s.name)).toEqual(['seg-000001', 'seg-000004']);
    expect(segs[0]).toEqual(base);
    // ...and not read again: the engine after the changes serves the very segment loaded at the start.
    expect(m.engine.index.segments[0]!.data).toBe(baseData);
    expect(segs[1]!.docs).toBe(2); // b.md and c.md; a.md was removed before the fold
    expect(m.engine.status().statements).toBe(statements + 2);
    expect((await m.engine.ask('Hur många broar lagar Vägverket?')).citations[0]!.text).toBe('Vägverket lagar sju broar i Höör.');
    expect((await m.engine.ask('Hur många bilar övade brandkåren med?')).citations[0]!.text).toBe('Brandkåren övade med fyra bilar i Eslöv.');
    const gone = await m.engine.ask('Hur många fritidsgårdar öppnar kommunen?');
    expect(gone.citations.map((c) => c.text)).not.toContain('Kommunen öppnar tre nya fritidsgårdar i Kävlinge.');
  }, 120_000);
});
