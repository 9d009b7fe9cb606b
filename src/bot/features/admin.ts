/**
 * Admin actions: /status, /reindex (one message edited as it progresses), /remove, and file uploads into the
 * corpus. Everyone else gets a polite refusal and nothing changes.
 */
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Composer, type Context } from 'grammy';
import type { IngestIssue } from '../../types.js';
import { escapeHtml, formatDate, truncate } from '../format.js';
import type { BotKit, Feature } from '../kit.js';
import { uiLang } from '../kit.js';
import { t } from '../messages.js';
import { errorFields } from '../safe-log.js';
import { DownloadError, sniffUpload, telegramDownloader, uploadFileName, UploadTooLargeError, type FileDownloader } from '../upload.js';

export interface AdminOptions {
  /** How an uploaded document's bytes are fetched (default: getFile + download from the Bot API server). */
  download?: FileDownloader;
  /** Least time between two progress edits of the /reindex message. Default 1 s. */
  progressIntervalMs?: number;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

function issueLines(issues: IngestIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `• ${escapeHtml(truncate(`${i.line !== undefined ? `line ${i.line}: ` : ''}${i.reason}`, 300))}`)
    .join('\n');
}

export function adminFeature(kit: BotKit, opts: AdminOptions = {}): Feature {
  const { backend, config, logger } = kit;
  const composer = new Composer<Context>();
  const token = config.TELEGRAM_BOT_TOKEN;
  const download = opts.download ?? telegramDownloader({ token, apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, '') });
  const progressIntervalMs = opts.progressIntervalMs ?? 1000;

  composer.command('status', async (ctx) => {
    if (!(await kit.adminOnly(ctx))) return;
    const lang = uiLang(ctx);
    const m = t(lang);
    const s = backend.engine.status();
    const now = Date.now();
    await kit.sendHtml(
      ctx,
      m.status({
        statements: s.statements,
        sentences: s.sentences,
        newest: formatDate(s.newest, lang),
        oldest: formatDate(s.oldest, lang),
        age: m.duration(now - Date.parse(s.builtAt)),
        model: s.embeddingModel ? escapeHtml(s.embeddingModel) : null,
        uptime: m.duration(now - backend.startedAt.getTime()),
        notice: backend.notice ? escapeHtml(backend.notice) : null,
      }),
    );
  });

  let reindexing = false;
  composer.command('reindex', async (ctx) => {
    if (!(await kit.adminOnly(ctx))) return;
    const m = t(uiLang(ctx));
    if (reindexing) {
      await kit.sendHtml(ctx, m.reindexRunning);
      return;
    }
    reindexing = true;
    const chatId = ctx.chat.id;
    let messageId: number | undefined;
    try {
      messageId = await kit.sendHtml(ctx, m.reindexStarted);
    } catch (e) {
      reindexing = false;
      throw e;
    }
    const force = /^\s*force\s*$/i.test(ctx.match);
    // Edits go out one after another, at most one per interval, and never repeat the text on screen.
    let chain = Promise.resolve();
    let shown = m.reindexStarted;
    let lastEdit = 0;
    const edit = (text: string, final: boolean) => {
      if (text === shown || messageId === undefined) return chain;
      if (!final && Date.now() - lastEdit < progressIntervalMs) return chain;
      shown = text;
      lastEdit = Date.now();
      chain = chain.then(() =>
        ctx.api
          .editMessageText(chatId, messageId!, text, { parse_mode: 'HTML' })
          .then(() => undefined)
          .catch((e) => logger.warn({ err: errorFields(e) }, 'could not edit the progress message')),
      );
      return chain;
    };
    const started = Date.now();
    let issues = 0;
    kit.background.run(async (signal) => {
      try {
        const report = await backend.reindex({
          force,
          signal,
          onIssue: (i) => {
            issues++;
            logger.warn({ file: i.file, line: i.line, reason: i.reason }, 'input skipped');
          },
          onProgress: (p) => void edit(m.reindexPhase(m.phases[p.phase] ?? p.phase, p.done, p.total), false),
        });
        logger.info({ statements: report.statements, sentences: report.sentences, changed: report.changed }, 're-index finished');
        await edit(
          report.changed
            ? m.reindexDone({ statements: report.statements, sentences: report.sentences, issues: report.issues ?? issues, seconds: ((Date.now() - started) / 1000).toFixed(1) })
            : m.reindexUnchanged(report.statements),
          true,
        );
      } catch (e) {
        logger.error({ err: errorFields(e) }, 're-index failed');
        await edit(m.reindexFailed, true);
      } finally {
        reindexing = false;
      }
    });
  });

  composer.command('remove', async (ctx) => {
    if (!(await kit.adminOnly(ctx))) return;
    const m = t(uiLang(ctx));
    const id = ctx.match.trim();
    if (!id) {
      await kit.sendHtml(ctx, m.removeUsage);
      return;
    }
    const removed = await backend.remove(id);
    if (!removed) {
      await kit.sendHtml(ctx, m.removeUnknown(escapeHtml(id)));
      return;
    }
    const moved = await moveRemovedFile(config.CORPUS_PATHS, id);
    logger.info({ id, moved }, 'statement removed');
    await kit.sendHtml(ctx, m.removed(escapeHtml(id), moved ? escapeHtml(moved) : null) + (moved ? '' : `\n${m.removedFileKept}`));
  });

  composer.on('message:document', async (ctx) => {
    const lang = uiLang(ctx);
    const m = t(lang);
    if (!kit.isAdmin(ctx)) {
      await kit.sendHtml(ctx, m.uploadAdminOnly);
      return;
    }
    const doc = ctx.message.document;
    const max = config.MAX_UPLOAD_BYTES;
    if (doc.file_size !== undefined && doc.file_size > max) {
      await kit.sendHtml(ctx, m.uploadTooLarge(formatBytes(doc.file_size), formatBytes(max)));
      return;
    }
    kit.typing(ctx);
    let bytes: Uint8Array;
    try {
      bytes = await download(ctx.api, doc.file_id, max);
    } catch (e) {
      if (e instanceof UploadTooLargeError) {
        await kit.sendHtml(ctx, m.uploadTooLarge(e.size !== null ? formatBytes(e.size) : `> ${formatBytes(max)}`, formatBytes(max)));
        return;
      }
      logger.warn({ err: errorFields(e), expected: e instanceof DownloadError }, 'upload download failed');
      await kit.sendHtml(ctx, m.uploadDownloadFailed);
      return;
    }
    const sniffed = sniffUpload(bytes);
    if (!sniffed.ok) {
      await kit.sendHtml(ctx, m.uploadNotText(escapeHtml(sniffed.reason)));
      return;
    }
    const dir = path.resolve(config.CORPUS_PATHS[0] ?? 'corpus');
    try {
      await mkdir(dir, { recursive: true });
    } catch {
      await kit.sendHtml(ctx, m.uploadNoFolder(escapeHtml(dir)));
      return;
    }
    if (!(await stat(dir)).isDirectory()) {
      await kit.sendHtml(ctx, m.uploadNoFolder(escapeHtml(dir)));
      return;
    }
    const name = uploadFileName(doc.file_name, sniffed.kind);
    const dest = path.join(dir, name);
    // Keep the file it replaces until the new one has been indexed.
    const backup = path.join(dir, `.${name}.${randomBytes(4).toString('hex')}.bak`);
    const hadOld = await rename(dest, backup).then(
      () => true,
      () => false,
    );
    let result: { added: number; replaced: number; issues: IngestIssue[] };
    try {
      await writeFile(dest, bytes, { flag: 'wx' });
      result = await backend.addFile(dest, dir);
    } catch (e) {
      await restore(dest, backup, hadOld);
      throw e;
    }
    if (result.added === 0) {
      await restore(dest, backup, hadOld);
      await kit.sendHtml(ctx, m.uploadNoStatements(issueLines(result.issues)));
      return;
    }
    if (hadOld) await rm(backup, { force: true });
    logger.info({ file: name, added: result.added, replaced: result.replaced, issues: result.issues.length }, 'upload indexed');
    await kit.sendHtml(ctx, m.uploadAdded({ added: result.added, replaced: result.replaced, file: escapeHtml(name), issues: issueLines(result.issues) }));
  });

  return { name: 'admin', commands: ['status', 'reindex', 'remove'], composer };
}

async function restore(dest: string, backup: string, hadOld: boolean): Promise<void> {
  await rm(dest, { force: true });
  if (hadOld) await rename(backup, dest).catch(() => undefined);
}

/**
 * After /remove: a statement whose id is the path of a file inside a corpus folder is that file's only
 * statement; the file is moved to the folder's hidden `.removed/` (the corpus reader skips hidden entries), so
 * a later re-index does not bring it back. Returns where it went, or null when no such file exists.
 */
async function moveRemovedFile(corpusPaths: string[], id: string): Promise<string | null> {
  for (const p of corpusPaths) {
    const root = path.resolve(p);
    const file = path.resolve(root, id);
    if (!file.startsWith(root + path.sep)) continue;
    try {
      if (!(await stat(root)).isDirectory() || !(await stat(file)).isFile()) continue;
    } catch {
      continue;
    }
    const dest = path.join(root, '.removed', path.relative(root, file));
    await mkdir(path.dirname(dest), { recursive: true });
    await rename(file, dest);
    return path.relative(process.cwd(), dest) || dest;
  }
  return null;
}
