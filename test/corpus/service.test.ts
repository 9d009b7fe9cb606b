/**
 * The corpus service keeps the corpus folder and the live index in step. The property at the end: after any
 * sequence of uploads and removals, the live index holds exactly what a full rebuild of the corpus folder holds.
 * The cases before it are the findings of issue 11 that broke it, one by one.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Config } from '../../src/config.js';
import { CorpusRefusal } from '../../src/corpus/service.js';
import { StorageError } from '../../src/errors.js';
import { buildIndex } from '../../src/index/build.js';
import { tryLockIndex, type IndexLock } from '../../src/index/lock.js';
import { IndexManager } from '../../src/index/manager.js';
import { openIndex, type LoadedIndex } from '../../src/index/open.js';
import { failWrites } from '../fault.mjs';
import { seedConfig, tempDir } from '../helpers.js';

// Re-indexing starts a worker thread (seconds on a busy machine).
vi.setConfig({ testTimeout: 120_000 });

const SEED_ID = 'press-release-stockholm-gang-violence.md';

/** Every live statement as "id, content hash, source", sorted: two indexes hold the same when these are equal. */
function content(index: LoadedIndex): string[] {
  const out: string[] = [];
  for (const seg of index.segments) seg.data.docs.forEach((d, i) => !seg.deleted.has(i) && out.push(`${d.id}\t${d.hash}\t${d.source}`));
  return out.sort();
}

/** What a full rebuild of the corpus folders gives, built aside. */
async function rebuilt(config: Config): Promise<string[]> {
  const dir = join(tempDir('citera-rebuild-'), 'index');
  await buildIndex({ corpus: config.CORPUS_PATHS, indexDir: dir, maxFileBytes: config.MAX_FILE_BYTES, embedder: null, force: true });
  return content(openIndex(dir, { model: null }));
}

async function open(extra: Record<string, string> = {}) {
  const config = seedConfig(extra);
  const m = await IndexManager.open(config, { buildIfMissing: true });
  return { config, m, corpus: config.CORPUS_PATHS[0]! };
}

/** What `f` throws while writes under `dir` fail with `code` (see test/fault.mjs); undefined if it does not throw. */
async function errorWhileFailing(dir: string, code: string, f: () => Promise<unknown>): Promise<unknown> {
  const restore = failWrites(dir, code);
  try {
    await f();
  } catch (e) {
    return e;
  } finally {
    restore();
  }
  return undefined;
}

const notice = (id: string | null, text: string) => JSON.stringify({ ...(id === null ? {} : { id }), title: `Notis ${id ?? 'utan id'}`, text });
const md = (title: string, text: string, id?: string) => `---\ntitle: ${title}\n${id ? `id: ${id}\n` : ''}---\n\n${text}\n`;

describe('removing', () => {
  it('moves only the statement’s own file, never a file whose name equals the id (finding 3)', async () => {
    const { config, m, corpus } = await open();
    // 50 notices in notices.jsonl, and beside them sub/a.md whose front matter says `id: notices.jsonl`.
    writeFileSync(join(corpus, 'notices.jsonl'), Array.from({ length: 50 }, (_, i) => notice(`n${i}`, `Polisen rapporterar händelse nummer ${i} i Lund.`)).join('\n') + '\n');
    mkdirSync(join(corpus, 'sub'));
    writeFileSync(join(corpus, 'sub', 'a.md'), md('Fel fil', 'Den här texten ska bort ur korpusen.', 'notices.jsonl'));
    await m.reindex();
    expect(m.engine.status().statements).toBe(52);

    const r = await m.corpus.removeStatement('notices.jsonl');
    expect(r).toMatchObject({ ids: ['notices.jsonl'], file: join(corpus, 'sub', 'a.md'), linesOnly: false });
    expect(existsSync(join(corpus, 'notices.jsonl'))).toBe(true);
    expect(existsSync(join(corpus, 'sub', 'a.md'))).toBe(false);
    expect(existsSync(join(corpus, '.removed', 'sub', 'a.md'))).toBe(true);
    expect(m.engine.status().statements).toBe(51);
    await m.reindex({ force: true });
    expect(m.engine.status().statements).toBe(51);
    expect(content(m.engine.index)).toEqual(await rebuilt(config));
  });

  it('takes one statement out of a JSON Lines file by blanking its line; the others keep their ids', async () => {
    const { config, m, corpus } = await open();
    writeFileSync(join(corpus, 'batch.jsonl'), [notice('x', 'Första notisen om Malmö.'), notice(null, 'Andra notisen utan id.'), notice('x', 'En dubblett av x.'), notice(null, 'Tredje notisen utan id.')].join('\n') + '\n');
    await m.reindex();
    const before = m.corpus.files().find((f) => f.file.endsWith('batch.jsonl'))!.ids;
    expect(before).toEqual(['x', 'batch.jsonl:2', 'batch.jsonl:4']);
    const r = await m.corpus.removeStatement('x');
    expect(r).toMatchObject({ ids: ['x'], linesOnly: true });
    // Both lines with id x are gone (else the duplicate would come back on a rebuild); line numbers stay.
    expect(readFileSync(join(corpus, 'batch.jsonl'), 'utf8').split('\n').map((l) => (l ? JSON.parse(l).id ?? '-' : ''))).toEqual(['', '-', '', '-', '']);
    expect(readFileSync(r!.keptAt!, 'utf8')).toContain('Första notisen om Malmö.');
    expect(m.corpus.files().find((f) => f.file.endsWith('batch.jsonl'))!.ids).toEqual(['batch.jsonl:2', 'batch.jsonl:4']);
    expect(content(m.engine.index)).toEqual(await rebuilt(config));
  });

  it('on a read-only corpus changes neither the file nor the index (finding 8)', async () => {
    const { m, corpus } = await open();
    const engine = m.engine;
    const err = await errorWhileFailing(corpus, 'EROFS', () => m.corpus.removeStatement(SEED_ID));
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).toMatch(/^cannot write to .*corpus: the file system is read-only \(EROFS\); make it writable, or point CORPUS_PATHS at a writable folder$/);
    expect(existsSync(join(corpus, SEED_ID))).toBe(true);
    expect(m.engine).toBe(engine);
    expect(m.engine.status().statements).toBe(1);
  });

  it('when the index cannot be written (full disk), puts the file back', async () => {
    const { config, m, corpus } = await open();
    const err = await errorWhileFailing(config.INDEX_DIR, 'ENOSPC', () => m.corpus.removeStatement(SEED_ID));
    expect((err as Error).message).toMatch(/^cannot write to .*index: the disk is full \(ENOSPC\); free some space, then try again$/);
    expect(existsSync(join(corpus, SEED_ID))).toBe(true);
    expect(existsSync(join(corpus, '.removed', SEED_ID))).toBe(false);
    expect(m.engine.status().statements).toBe(1);
  });
});

describe('uploading', () => {
  it('refuses a file whose ids belong to another file, naming it (finding 4)', async () => {
    const { config, m, corpus } = await open();
    const before = content(m.engine.index);
    const err = await m.corpus.putFile('fake.jsonl', notice(SEED_ID, 'En falsk text som skulle ersätta pressmeddelandet.') + '\n').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorpusRefusal);
    expect((err as CorpusRefusal).kind).toBe('id-taken');
    expect((err as Error).message).toBe(`fake.jsonl: the id "${SEED_ID}" belongs to ${join(corpus, SEED_ID)}; give the statements ids of their own (nothing was changed)`);
    expect(existsSync(join(corpus, 'fake.jsonl'))).toBe(false);
    expect(readdirSync(corpus)).toEqual([SEED_ID]);
    expect(content(m.engine.index)).toEqual(before);
    expect(before).toEqual(await rebuilt(config));
  });

  it('replaces all of a file’s statements when it is uploaded again (finding 4)', async () => {
    const { config, m } = await open();
    const three = [notice('b1', 'Ett.'), notice('b2', 'Två.'), notice('b3', 'Tre.')].join('\n');
    expect(await m.corpus.putFile('batch.jsonl', three)).toMatchObject({ file: 'batch.jsonl', added: 3, replaced: 0, removed: 0 });
    expect(await m.corpus.putFile('batch.jsonl', notice('b2', 'Två, rättad.'))).toMatchObject({ added: 1, replaced: 1, removed: 2 });
    expect(m.corpus.files().map((f) => [f.file.replace(/.*\//, ''), f.ids])).toEqual([
      ['batch.jsonl', ['b2']],
      [SEED_ID, [SEED_ID]],
    ]);
    expect(content(m.engine.index)).toEqual(await rebuilt(config));
  });

  it('refuses content without statements and changes nothing; keeps nothing of the attempt', async () => {
    const { m, corpus } = await open();
    const err = await m.corpus.putFile('empty.jsonl', '{"title": 5}\n').catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'no-statements' });
    expect((err as CorpusRefusal).details.issues?.[0]?.reason).toMatch(/`title` must be a string/);
    expect(readdirSync(corpus, { recursive: true })).toEqual([SEED_ID]);
  });

  it('refuses names outside the folder or of unread types', async () => {
    const { m } = await open();
    for (const name of ['../x.md', '/etc/x.md', '.hidden.md', 'a/../../x.md', 'x.pdf', '']) {
      await expect(m.corpus.putFile(name, 'Text.'), name).rejects.toMatchObject({ kind: 'bad-name' });
    }
  });

  it('writes a connector’s statements as JSON Lines and lists them', async () => {
    const { config, m } = await open();
    const r = await m.corpus.putStatements('feeds/polisen', [
      { id: 'rss-1', title: 'Inbrott i Lund', text: 'Polisen utreder ett inbrott i Lund.', url: 'https://polisen.se/1', published: '2026-01-04T20:07:34+01:00', publisher: 'Polisen' },
      { id: 'rss-2', title: 'Brand i Malmö', text: 'Räddningstjänsten släckte en brand i Malmö.' },
    ]);
    expect(r).toMatchObject({ file: 'feeds/polisen.jsonl', added: 2 });
    expect(m.corpus.files().find((f) => f.file.endsWith('feeds/polisen.jsonl'))?.ids).toEqual(['rss-1', 'rss-2']);
    expect((await m.engine.ask('Vad utreder polisen i Lund?')).citations[0]?.text).toBe('Polisen utreder ett inbrott i Lund.');
    expect(content(m.engine.index)).toEqual(await rebuilt(config));
  });

  it('on a full disk changes neither the corpus nor the index, and says where and what to do', async () => {
    const { m, corpus } = await open();
    const err = await errorWhileFailing(corpus, 'ENOSPC', () => m.corpus.putFile('new.md', md('Ny', 'Ny text.')));
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).toBe(`cannot write to ${corpus}: the disk is full (ENOSPC); free some space, then try again`);
    expect(readdirSync(corpus)).toEqual([SEED_ID]);
    expect(m.engine.status().statements).toBe(1);
  });

  it('recover() removes what a change killed half-way left (finding 9)', async () => {
    const { config, corpus } = await open();
    writeFileSync(join(corpus, `.${SEED_ID}.0badc0de.bak`), 'old');
    writeFileSync(join(corpus, '.new.md.12345678.tmp'), 'half');
    writeFileSync(join(corpus, '.keep-me.md'), 'not ours');
    // While another writer holds the index lock, its hidden files are work under way, not leftovers.
    const writer = tryLockIndex(config.INDEX_DIR, 'a change in another process');
    await IndexManager.open(config);
    expect(readdirSync(corpus).filter((f) => f.endsWith('.tmp') || f.endsWith('.bak'))).toHaveLength(2);
    (writer as IndexLock).release();
    const m = await IndexManager.open(config);
    expect(m.engine.status().statements).toBe(1);
    expect(readdirSync(corpus).sort()).toEqual(['.keep-me.md', SEED_ID]);
  });
});

describe('property: uploads and removals leave the live index equal to a full rebuild', () => {
  const names = ['a.md', 'b.md', 'sub/c.md', 'batch.jsonl', 'feed.jsonl'];
  const ids = ['x', 'y', 'z', SEED_ID, 'a.md', 'batch.jsonl', 'notices.jsonl'];
  const texts = ['Polisen grep två personer i Lund.', 'Kommunen öppnar tre fritidsgårdar.', 'Brandkåren övade i Eslöv.', 'Vägverket lagar sju broar.'];
  const line = fc.oneof(
    fc.record({ id: fc.option(fc.constantFrom(...ids), { nil: null }), text: fc.constantFrom(...texts) }).map((l) => notice(l.id, l.text)),
    fc.constant('{"title": "trasig rad"'),
    fc.constant(''),
  );
  const op = fc.oneof(
    fc.record({ kind: fc.constant('put' as const), name: fc.constantFrom(...names), lines: fc.array(line, { maxLength: 4 }), id: fc.option(fc.constantFrom(...ids), { nil: undefined }), text: fc.constantFrom(...texts) }),
    fc.record({ kind: fc.constant('remove' as const), id: fc.constantFrom(...ids, 'a.md', 'sub/c.md', 'b.md', 'batch.jsonl:1', 'batch.jsonl:2', 'feed.jsonl:3', 'nope') }),
    fc.record({ kind: fc.constant('removeFile' as const), name: fc.constantFrom(...names) }),
  );

  it('holds for random sequences', async () => {
    let runs = 0;
    let changes = 0;
    let refusals = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        runs++;
        const { config, m } = await open();
        for (const o of ops) {
          try {
            if (o.kind === 'put') {
              const body = o.name.endsWith('.jsonl') ? o.lines.join('\n') : md(`Titel ${o.text.slice(0, 10)}`, o.text, o.id);
              await m.corpus.putFile(o.name, body);
            } else if (o.kind === 'remove') await m.corpus.removeStatement(o.id);
            else await m.corpus.removeFile(o.name);
            changes++;
          } catch (e) {
            if (!(e instanceof CorpusRefusal)) throw e;
            refusals++;
          }
        }
        expect(content(m.engine.index)).toEqual(await rebuilt(config));
      }),
      { numRuns: 40 },
    );
    console.log(`[corpus property] ${runs} sequences, ${changes} changes made, ${refusals} refused: live index = full rebuild every time`);
  }, 120_000);
});
