/**
 * Admin changes through the bot, as issue 11 found them breaking: uploads at once, a large upload, a full disk,
 * a read-only corpus, an id of another file, and what /status says in Swedish. Updates are crafted and handed to
 * `bot.handleUpdate`; the downloader is a stub that returns the bytes of the "uploaded" file.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Composer } from 'grammy';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openApp } from '../../src/app.js';
import { createBot } from '../../src/bot/bot.js';
import { buildIndex } from '../../src/index/build.js';
import { IndexManager } from '../../src/index/manager.js';
import { openIndex, type LoadedIndex } from '../../src/index/open.js';
import { failWrites } from '../fault.mjs';
import { ADMIN_ID, BOT_INFO, botConfig, captureApi, documentUpdate, recordingLogger, removeTempDirs, textUpdate } from './helpers.js';

vi.setConfig({ testTimeout: 120_000 });
afterAll(() => removeTempDirs());

const SEED_ID = 'press-release-stockholm-gang-violence.md';

function content(index: LoadedIndex): string[] {
  const out: string[] = [];
  for (const seg of index.segments) seg.data.docs.forEach((d, i) => !seg.deleted.has(i) && out.push(`${d.id}\t${d.hash}\t${d.source}`));
  return out.sort();
}

/** A bot over its own corpus copy; `files` maps a file_id to the bytes the downloader returns for it. */
async function adminBot(extra: Record<string, string> = {}) {
  const own = botConfig(extra);
  const manager = await IndexManager.open(own.config, { buildIfMissing: true });
  const files = new Map<string, string>();
  const logger = recordingLogger();
  const bot = createBot(manager, own.config, { botInfo: BOT_INFO, logger, download: async (_api, id) => new TextEncoder().encode(files.get(id) ?? '') });
  const calls = captureApi(bot);
  const sent = () => calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text));
  const upload = (name: string, body: string, chatId?: number, lang = 'en') => {
    const id = `f${files.size}`;
    files.set(id, body);
    return bot.handleUpdate(documentUpdate({ id: ADMIN_ID, chatId, lang }, { file_id: id, file_name: name, file_size: Buffer.byteLength(body) }));
  };
  const rebuilt = async () => {
    const dir = join(own.dir, `rebuild-${Math.random().toString(36).slice(2)}`);
    await buildIndex({ corpus: own.config.CORPUS_PATHS, indexDir: dir, maxFileBytes: own.config.MAX_FILE_BYTES, embedder: null });
    return content(openIndex(dir, { model: null }));
  };
  return { own, manager, bot, calls, sent, upload, logger, rebuilt };
}

const notices = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => JSON.stringify({ id: `${prefix}${i}`, title: `Notis ${i}`, text: `Polisen i Lund rapporterar att händelse nummer ${i} inträffade på natten. En person greps och släpptes senare.` })).join('\n') + '\n';

describe('uploads', () => {
  it('two uploads of the same .jsonl name at once both finish, and the later one holds (finding 2: killed the bot)', async () => {
    const s = await adminBot();
    // Two chats (a private one and a group) are handled concurrently.
    const group = -100_200;
    await Promise.all([s.upload('batch.jsonl', notices(3, 'a')), s.upload('batch.jsonl', notices(2, 'b'), group)]);
    const replies = s.sent();
    expect(replies).toHaveLength(2);
    for (const r of replies) expect(r).toMatch(/^✅ Saved as <code>batch\.jsonl<\/code> and indexed/);
    expect(s.logger.lines.filter((l) => l.startsWith('error'))).toEqual([]);
    const ids = s.manager.corpus.files().find((f) => f.file.endsWith('batch.jsonl'))!.ids;
    expect([['a0', 'a1', 'a2'], ['b0', 'b1']]).toContainEqual(ids);
    expect(content(s.manager.engine.index)).toEqual(await s.rebuilt());
  });

  it('refuses ids that belong to another file, naming it', async () => {
    const s = await adminBot();
    await s.upload('fake.jsonl', JSON.stringify({ id: SEED_ID, title: 'Falsk', text: 'En falsk text.' }) + '\n');
    expect(s.sent()).toEqual([
      `The file was not added: the id <code>${SEED_ID}</code> already belongs to <code>${join(s.own.corpus, SEED_ID)}</code>. Give the statements ids of their own. Nothing was changed.`,
    ]);
    expect(readdirSync(s.own.corpus)).toEqual([SEED_ID]);
  });

  it('a 10,000-line upload is analysed off the answering thread: the longest stall is a small part of the upload (finding 6)', async () => {
    const s = await adminBot();
    const body = notices(10_000, 'u');
    let longest = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    const t0 = performance.now();
    await s.upload('big.jsonl', body);
    const took = performance.now() - t0;
    clearInterval(ticker);
    console.log(`[admin] 10,000-line upload: ${took.toFixed(0)} ms, longest event-loop stall ${longest.toFixed(0)} ms`);
    expect(s.sent()).toEqual(['✅ Saved as <code>big.jsonl</code> and indexed: 10000 statements added.']);
    // Analysing it on the answering thread stalled it for nearly the whole upload (6.6 s of 7); the same ratio
    // holds on a slow or busy machine, where both grow together.
    expect(longest).toBeLessThan(took / 4);
  });
});

describe('full disk and read-only places (finding 8)', () => {
  it('a full disk: the admin hears where and what to do, and nothing changes', async () => {
    const s = await adminBot();
    const restore = failWrites(s.own.config.INDEX_DIR, 'ENOSPC');
    try {
      await s.upload('new.md', '---\ntitle: Ny\n---\n\nEn ny text om Lund.\n');
    } finally {
      restore();
    }
    expect(s.sent()).toEqual([`❌ Nothing was changed: the disk holding <code>${s.own.config.INDEX_DIR}</code> is full. Free some space, then try again.`]);
    expect(readdirSync(s.own.corpus)).toEqual([SEED_ID]);
    expect(s.manager.engine.status().statements).toBe(1);
  });

  it('/remove on a read-only corpus: the statement stays in the index and its file stays (both or neither)', async () => {
    const s = await adminBot();
    const restore = failWrites(s.own.corpus, 'EROFS');
    try {
      await s.bot.handleUpdate(textUpdate({ id: ADMIN_ID, lang: 'sv' }, `/remove ${SEED_ID}`));
    } finally {
      restore();
    }
    expect(s.sent()).toEqual([`❌ Inget har ändrats: <code>${s.own.corpus}</code> ligger på ett skrivskyddat filsystem. Gör det skrivbart eller peka inställningen mot en skrivbar mapp.`]);
    expect(existsSync(join(s.own.corpus, SEED_ID))).toBe(true);
    expect(s.manager.engine.status().statements).toBe(1);
    // And at a restart the statement is still there.
    expect((await IndexManager.open(s.own.config, { refresh: true })).engine.status().statements).toBe(1);
  });
});

describe('/status in Swedish', () => {
  it('says in Swedish that the model could not be loaded, without a server path', async () => {
    const s = await adminBot();
    const backend = { ...s.manager, engine: s.manager.engine, notice: 'embedding model X (q8) is not in /srv/citera/models/X: run `npm run model:fetch`', startedAt: s.manager.startedAt, reindex: s.manager.reindex.bind(s.manager), corpus: s.manager.corpus };
    const bot = createBot(backend, { ...s.own.config, EMBEDDING_MODEL: 'Xenova/multilingual-e5-small' }, { botInfo: BOT_INFO, logger: recordingLogger() });
    const calls = captureApi(bot);
    await bot.handleUpdate(textUpdate({ id: ADMIN_ID, lang: 'sv' }, '/status'));
    const text = String(calls.find((c) => c.method === 'sendMessage')!.payload.text);
    expect(text.split('\n').at(-1)).toBe('Obs: inbäddningsmodellen Xenova/multilingual-e5-small kunde inte läsas in, så jag söker bara på ord (orsaken står i serverns logg).');
    expect(text).not.toContain('/srv');
  });
});

describe('npm start (src/app.ts)', () => {
  it('serves the existing index when the corpus changed but the disk is full, and says why (it used to exit)', async () => {
    const own = botConfig();
    await IndexManager.open(own.config, { buildIfMissing: true });
    writeFileSync(join(own.corpus, 'new.md'), '---\ntitle: Ny\n---\n\nEn ny text om Lund.\n');
    const logger = recordingLogger();
    const restore = failWrites(own.config.INDEX_DIR, 'ENOSPC');
    let app;
    try {
      app = await openApp(own.config, { logger });
    } finally {
      restore();
    }
    expect(app.manager.engine.status().statements).toBe(1);
    expect(app.manager.refreshError?.message).toBe(`cannot write to ${own.config.INDEX_DIR}: the disk is full (ENOSPC); free some space, then try again`);
    expect(logger.lines.filter((l) => l.startsWith('warn'))).toContainEqual(
      `warn could not bring the index up to date with the corpus: cannot write to ${own.config.INDEX_DIR}: the disk is full (ENOSPC); free some space, then try again; serving the index as it was`,
    );
    await app.stop();
  });
});

describe('features', () => {
  it('an extra feature (a Composer) handles its command, also bare in a group, before questions', async () => {
    const own = botConfig();
    const manager = await IndexManager.open(own.config, { buildIfMissing: true });
    const bot = createBot(manager, own.config, {
      botInfo: BOT_INFO,
      logger: recordingLogger(),
      features: (kit) => {
        const composer = new Composer();
        composer.command('ping', (ctx) => kit.sendHtml(ctx, '<b>pong</b>').then(() => undefined));
        return [{ name: 'ping', commands: ['ping'], composer }];
      },
    });
    const calls = captureApi(bot);
    await bot.handleUpdate(textUpdate({ id: 7 }, '/ping'));
    await bot.handleUpdate(textUpdate({ id: 7, chatId: -100_300, chatType: 'group' }, '/ping'));
    expect(calls.filter((c) => c.method === 'sendMessage').map((c) => c.payload.text)).toEqual(['<b>pong</b>', '<b>pong</b>']);
  });
});
