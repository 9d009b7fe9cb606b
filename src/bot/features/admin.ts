/**
 * Admin actions: /status, /reindex (one message edited as it progresses), /remove, and file uploads into the
 * corpus. Everyone else gets a polite refusal and nothing changes.
 */
import path from 'node:path';
import { Composer, type Context } from 'grammy';
import { CorpusRefusal } from '../../corpus/service.js';
import { CorpusError, StorageError } from '../../errors.js';
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
        // The notice itself is English and names a folder on the server (it is in the log); this says what it means.
        notice: backend.notice ? m.modelUnavailable(escapeHtml(config.EMBEDDING_MODEL)) : null,
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
        await edit(
          e instanceof StorageError ? m.storageFailed(escapeHtml(e.place), e.code) : e instanceof CorpusError ? m.reindexRefused(escapeHtml(e.message)) : m.reindexFailed,
          true,
        );
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
    let r;
    try {
      r = await backend.corpus.removeStatement(id);
    } catch (e) {
      if (await explainFailure(kit, ctx, e)) return;
      throw e;
    }
    if (!r) {
      await kit.sendHtml(ctx, m.removeUnknown(escapeHtml(id)));
      return;
    }
    logger.info({ id, file: r.file, keptAt: r.keptAt, linesOnly: r.linesOnly }, 'statement removed');
    const kept = r.keptAt ? escapeHtml(path.relative(process.cwd(), r.keptAt) || r.keptAt) : null;
    await kit.sendHtml(ctx, r.linesOnly ? m.removedLine(escapeHtml(id), escapeHtml(r.file), kept) : m.removed(escapeHtml(id), kept));
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
    const name = uploadFileName(doc.file_name, sniffed.kind);
    let r;
    try {
      r = await backend.corpus.putFile(name, bytes);
    } catch (e) {
      if (await explainFailure(kit, ctx, e)) return;
      throw e;
    }
    logger.info({ file: r.file, added: r.added, replaced: r.replaced, removed: r.removed, issues: r.issues.length }, 'upload indexed');
    await kit.sendHtml(ctx, m.uploadAdded({ added: r.added, replaced: r.replaced, removed: r.removed, file: escapeHtml(r.file), issues: issueLines(r.issues) }));
  });

  return { name: 'admin', commands: ['status', 'reindex', 'remove'], composer };
}

/**
 * Tells the admin why a change was not made, in their language, when it is something they can act on (a
 * refusal, a full disk, a read-only folder); false for anything else (the error boundary apologises then).
 */
async function explainFailure(kit: BotKit, ctx: Context, e: unknown): Promise<boolean> {
  const m = t(uiLang(ctx));
  if (e instanceof CorpusRefusal) {
    kit.logger.info({ kind: e.kind, reason: e.message }, 'change refused');
    const d = e.details;
    const html =
      e.kind === 'no-statements'
        ? m.uploadNoStatements(issueLines(d.issues ?? []))
        : e.kind === 'id-taken'
          ? m.uploadIdTaken(escapeHtml(d.conflicts![0]!.id), escapeHtml(d.conflicts![0]!.file), d.conflicts!.length)
          : e.kind === 'no-folder'
            ? m.uploadNoFolder(escapeHtml(d.place ?? ''))
            : e.kind === 'outside-folders'
              ? m.removeOutsideFolders(escapeHtml(d.place ?? ''))
              : m.refused(escapeHtml(e.message));
    await kit.sendHtml(ctx, html);
    return true;
  }
  if (e instanceof StorageError) {
    kit.logger.error({ place: e.place, code: e.code, reason: e.message }, 'change failed: storage');
    await kit.sendHtml(ctx, m.storageFailed(escapeHtml(e.place), e.code));
    return true;
  }
  return false;
}
