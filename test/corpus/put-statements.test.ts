/**
 * `putStatements`, the connectors' way in: a source's whole file is put again after every poll, and only what
 * changed in it reaches the index; an edit replaces the old text and carries its update time to the citations.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Config } from '../../src/config.js';
import type { StatementRecord } from '../../src/corpus/service.js';
import { buildIndex } from '../../src/index/build.js';
import { IndexManager } from '../../src/index/manager.js';
import { openIndex, type LoadedIndex } from '../../src/index/open.js';
import { seedConfig, tempDir } from '../helpers.js';

vi.setConfig({ testTimeout: 120_000 });

function content(index: LoadedIndex): string[] {
  const out: string[] = [];
  for (const seg of index.segments) seg.data.docs.forEach((d, i) => !seg.deleted.has(i) && out.push(`${d.id}\t${d.hash}\t${d.source}\t${d.updated ?? ''}`));
  return out.sort();
}

async function rebuilt(config: Config): Promise<string[]> {
  const dir = join(tempDir('citera-rebuild-'), 'index');
  await buildIndex({ corpus: config.CORPUS_PATHS, indexDir: dir, maxFileBytes: config.MAX_FILE_BYTES, embedder: null, force: true });
  return content(openIndex(dir, { model: null }));
}

const rec = (n: number, text: string, updated?: string): StatementRecord => ({
  id: `src:${n}`,
  title: `Händelse ${n}`,
  text,
  url: `https://example.org/${n}`,
  published: '2026-01-02T10:00:00+01:00',
  publisher: 'Polisen',
  ...(updated ? { updated } : {}),
});

describe('putStatements', () => {
  it('puts a source file again: unchanged statements stay, only new and edited ones are indexed, an edit replaces the old text', async () => {
    const config = seedConfig();
    const m = await IndexManager.open(config, { buildIfMissing: true });
    const added: number[] = [];
    const apply = m.applyChange.bind(m);
    vi.spyOn(m, 'applyChange').mockImplementation((change, lock) => (added.push(change.add?.length ?? 0), apply(change, lock)));

    const first = [rec(1, 'En cyklist skadades i en kollision på Storgatan i Lund.'), rec(2, 'Ett inbrott i en villa i Dalby anmäldes under natten.'), rec(3, 'En brand i ett förråd i Veberöd släcktes snabbt.')];
    expect(await m.corpus.putStatements('src.jsonl', first)).toMatchObject({ added: 3, replaced: 0, unchanged: 0, removed: 0 });

    const edited = rec(2, 'Ett inbrott i en villa i Södra Sandby anmäldes under natten.', '2026-01-02T14:05:00+01:00');
    const r = await m.corpus.putStatements('src.jsonl', [first[0]!, edited, first[2]!, rec(4, 'En bil stals från en parkering i Genarp.')]);
    expect(r).toMatchObject({ added: 4, unchanged: 2, removed: 0 });
    expect(added).toEqual([3, 2]);

    const a = await m.engine.ask('Var anmäldes inbrottet i villan?');
    expect(a.citations[0]).toMatchObject({ docId: 'src:2', text: 'Ett inbrott i en villa i Södra Sandby anmäldes under natten.', updated: '2026-01-02T14:05:00+01:00' });
    const dalby = await m.engine.ask('inbrott villa Dalby', { limit: 10 });
    expect(dalby.citations.some((c) => c.text.includes('Dalby'))).toBe(false);
    // The file says so too, and a full rebuild gives the same index.
    expect(readFileSync(join(config.CORPUS_PATHS[0]!, 'src.jsonl'), 'utf8')).toContain('"updated":"2026-01-02T14:05:00+01:00"');
    expect(content(m.engine.index)).toEqual(await rebuilt(config));

    // Nothing new: no index change at all.
    const gen = m.engine.index.gen;
    expect(await m.corpus.putStatements('src.jsonl', [first[0]!, edited, first[2]!, rec(4, 'En bil stals från en parkering i Genarp.')])).toMatchObject({ added: 4, unchanged: 4 });
    expect(added).toEqual([3, 2, 0]);
    expect(m.engine.index.gen).toBe(gen);
    m.close();
  });
});
