/**
 * The corpus service: the one place that adds, replaces and removes a source file's statements, and lists
 * them, keeping the files in the corpus folder and the live index in step. Admin uploads and /remove (the bot),
 * `npm run corpus` (the command line) and connectors that fetch statements from elsewhere all go through it.
 *
 * Its promise, tested as a property (test/corpus/service.test.ts): after any sequence of its changes, the live
 * index holds exactly what a full rebuild of the corpus folders would hold.
 *
 * - A file's statements are replaced as a whole: uploading `batch.jsonl` again with 1 line instead of 3 leaves
 *   1 statement of that file live, not 3.
 * - A statement id belongs to one file: a file whose statements use an id another file holds is refused, with
 *   the other file named (a rebuild would otherwise keep one or the other depending on file names).
 * - /remove moves a file aside only when it is the statement's own file (its only statement); a statement of a
 *   JSON Lines file with others has its line blanked (line numbers, and so the others' ids, unchanged). Either
 *   way the removed text goes to the folder's hidden `.removed/`, which the corpus reader skips.
 * - Files and index change both or neither: a write goes to a hidden temporary file first and is renamed into
 *   place (the old file kept as a hidden hard link until the index has changed); if the index change fails, the
 *   old file is put back. Leftovers of a process killed in between are removed by `recover` at the next start.
 * - Every change holds the index lock (src/index/lock.ts), so a build in another process never works from a
 *   corpus that a change is rewriting.
 *
 * @example A connector writing what it fetched (ids must be stable across fetches):
 * const r = await manager.corpus.putStatements('feeds/polisen-rss.jsonl', items.map((i) => ({
 *   id: i.guid, title: i.title, text: i.summary, url: i.link, published: i.isoDate, publisher: 'Polisen',
 * })));
 * log.info(`${r.added} statements indexed (${r.replaced} replaced, ${r.removed} gone from the feed)`);
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Config } from '../config.js';
import { asStorageError } from '../errors.js';
import { SNIFF_BYTES, sniffEncoding } from '../ingest/encoding.js';
import { parseJsonLine } from '../ingest/jsonl.js';
import { formatOf, loadStatementsFromFile, sourceLocation, statementHash } from '../ingest/load.js';
import type { ChangeReport } from '../index/build.js';
import type { IndexLock } from '../index/lock.js';
import type { DocMeta } from '../search/segment.js';
import type { IngestIssue, Statement } from '../types.js';

/** One statement as a connector hands it over; written as one JSON Lines record. */
export interface StatementRecord {
  /** Stable across fetches: the same item must get the same id next time. */
  id: string;
  title: string;
  /** The body; paragraphs separated by blank lines. */
  text: string;
  url?: string | null;
  /** ISO 8601 date or date-time. */
  published?: string | null;
  publisher?: string | null;
  /** ISO 8601: when the source edited it after publishing (shown with citations as "updated …"). */
  updated?: string | null;
}

/** What `putFile` / `putStatements` did. */
export interface PutResult {
  /** The file's name inside the corpus folder ("batch.jsonl", "feeds/polisen.jsonl"). */
  file: string;
  /** Its path as the corpus reader names it (the corpus folder joined with `file`): `Statement.source`'s file. */
  path: string;
  /** Statements of the file now live. */
  added: number;
  /** Of those, how many replaced a statement of the same id. */
  replaced: number;
  /**
   * Of those, how many were the same as before (same content, same place in the file): they stay in the index
   * as they are, so putting a long file again with a few new lines costs only the new lines.
   */
  unchanged: number;
  /** Statements the file held before and holds no more. */
  removed: number;
  /** Lines or parts of the file that were skipped (each with its reason). */
  issues: IngestIssue[];
}

/** What `removeStatement` / `removeFile` did. */
export interface RemoveResult {
  /** The statements taken out of the index. */
  ids: string[];
  /** The file they came from, as the corpus reader names it. */
  file: string;
  /** Where the removed file or lines went (inside the folder's `.removed/`); null if they could not be kept. */
  keptAt: string | null;
  /** True when only lines of a JSON Lines file were taken out (the file stays, with the other statements). */
  linesOnly: boolean;
}

/** A file the live index holds statements of. */
export interface CorpusFile {
  /** As the corpus reader names it ("corpus/a.md"). */
  file: string;
  ids: string[];
}

export type RefusalKind = 'bad-name' | 'no-folder' | 'no-statements' | 'id-taken' | 'outside-folders';

/**
 * A change the service will not make, and why (nothing was changed). `kind` lets a surface word it in its own
 * language; `conflicts` names the files that hold ids a refused file uses; `issues` say why no statement could
 * be read.
 */
export class CorpusRefusal extends Error {
  override name = 'CorpusRefusal';
  constructor(
    message: string,
    readonly kind: RefusalKind,
    readonly details: { issues?: IngestIssue[]; conflicts?: { id: string; file: string }[]; place?: string } = {},
  ) {
    super(message);
  }
}

/** What the service needs from the index manager (IndexManager is one). */
export interface CorpusIndex {
  readonly engine: { readonly index: { readonly segments: readonly { readonly data: { readonly docs: readonly DocMeta[] }; readonly deleted: ReadonlySet<number> }[] } };
  exclusive<T>(purpose: string, task: (lock: IndexLock) => Promise<T>): Promise<T>;
  applyChange(change: { add?: Statement[]; remove?: string[] }, lock: IndexLock): Promise<ChangeReport>;
}

/** Hidden files a change writes beside its target: `.<name>.<8 hex>.tmp` (new content), `.<name>.<8 hex>.bak` (old). */
const LEFTOVER = /^\..+\.[0-9a-f]{8}\.(?:tmp|bak)$/;

export class CorpusService {
  constructor(
    private readonly index: CorpusIndex,
    private readonly config: Pick<Config, 'CORPUS_PATHS' | 'MAX_FILE_BYTES'>,
  ) {}

  /** The folder new files go to: the first entry of CORPUS_PATHS. */
  get folder(): string {
    return this.config.CORPUS_PATHS[0] ?? 'corpus';
  }

  /**
   * Writes `content` as the file `name` (relative, e.g. "notes.md" or "feeds/x.jsonl") into the corpus folder and
   * indexes its statements, replacing every statement the file held before. Refused (CorpusRefusal, nothing
   * changed) when the name is unsafe or of a type the corpus reader does not read, when no statement can be
   * read from the content, or when one of its ids belongs to another file. A full disk or a read-only folder
   * is a StorageError (nothing changed either).
   */
  async putFile(name: string, content: Uint8Array | string): Promise<PutResult> {
    const rel = checkName(name);
    return this.index.exclusive(`put ${rel}`, async (lock) => {
      const dest = path.join(await this.writableFolder(), rel);
      const dir = path.dirname(dest);
      await corpusWrite(() => mkdir(dir, { recursive: true }), dir);
      const tmp = hidden(dest, 'tmp');
      try {
        await corpusWrite(() => writeFile(tmp, content, { flag: 'wx' }), dir);
        const issues: IngestIssue[] = [];
        const statements: Statement[] = [];
        for await (const s of loadStatementsFromFile(tmp, { id: rel, source: dest, maxFileBytes: this.config.MAX_FILE_BYTES, onIssue: (i) => issues.push(i) })) {
          statements.push(s);
        }
        if (statements.length === 0) throw new CorpusRefusal(`${rel}: no statement could be read from it; nothing was changed`, 'no-statements', { issues });
        const owners = this.owners();
        const conflicts = statements.flatMap((s) => {
          const owner = owners.get(s.id);
          return owner !== undefined && owner !== dest ? [{ id: s.id, file: owner }] : [];
        });
        if (conflicts.length) {
          const c = conflicts[0]!;
          throw new CorpusRefusal(
            `${rel}: the id "${c.id}" belongs to ${c.file}${conflicts.length > 1 ? ` (and ${conflicts.length - 1} more ids to other files)` : ''}; give the statements ids of their own (nothing was changed)`,
            'id-taken',
            { conflicts },
          );
        }
        // Only what changed goes to the index: a statement with the same content hash read from the same line
        // is what a rebuild would index, and it is live already.
        const before = this.docsOf(dest);
        const changed = statements.filter((s) => {
          const d = before.get(s.id);
          return !d || d.hash !== statementHash(s) || d.source !== s.source;
        });
        const now = new Set(statements.map((s) => s.id));
        const gone = [...before.keys()].filter((id) => !now.has(id));
        const r = await this.swapIn(tmp, dest, () => this.index.applyChange({ add: changed, remove: gone }, lock));
        const unchanged = statements.length - changed.length;
        return { file: rel, path: dest, added: r.added + unchanged, replaced: r.replaced + unchanged, unchanged, removed: gone.length, issues };
      } finally {
        await rm(tmp, { force: true }).catch(() => undefined);
      }
    });
  }

  /**
   * Writes statements as the JSON Lines file `name` (".jsonl" is added when missing) and indexes them: the entry
   * point for connectors. The file's previous statements are replaced as a whole (a statement no longer in
   * `statements` leaves the index). Same refusals as `putFile`.
   */
  async putStatements(name: string, statements: readonly StatementRecord[]): Promise<PutResult> {
    const file = /\.(jsonl|ndjson)$/i.test(name) ? name : `${name}.jsonl`;
    const lines = statements.map((s) =>
      JSON.stringify({ id: s.id, title: s.title, publisher: s.publisher ?? null, published: s.published ?? null, url: s.url ?? null, ...(s.updated ? { updated: s.updated } : {}), text: s.text }),
    );
    return this.putFile(file, lines.join('\n') + '\n');
  }

  /**
   * Takes one statement out of the index and out of the corpus, both or neither: its own file is moved to the
   * folder's `.removed/`; a statement of a JSON Lines file that holds others has its line blanked (kept in
   * `.removed/`). Null when no live statement has this id. Refused (CorpusRefusal) when its file is not inside
   * a corpus folder (a file named directly in CORPUS_PATHS: edit that file instead).
   */
  removeStatement(id: string): Promise<RemoveResult | null> {
    return this.index.exclusive(`remove ${id}`, async (lock) => {
      const doc = this.liveDocs().find((d) => d.id === id);
      if (!doc) return null;
      const { file } = sourceLocation(doc.source);
      const root = await this.folderOf(file, id);
      const ids = this.idsOf(file);
      if (ids.length <= 1) return this.moveAside(file, root, ids, lock);
      return this.blankLines(file, root, new Set([id]), lock);
    });
  }

  /** Takes a whole file (`name` as in `PutResult.file`, inside the corpus folder) and its statements out. Null when the index holds none of it. */
  async removeFile(name: string): Promise<RemoveResult | null> {
    const rel = checkName(name);
    return this.index.exclusive(`remove ${rel}`, async (lock) => {
      const file = path.join(this.folder, rel);
      const ids = this.idsOf(file);
      if (ids.length === 0) return null;
      return this.moveAside(file, await this.folderOf(file, ids[0]!), ids, lock);
    });
  }

  /** The files the live index holds statements of, with their statement ids, by file name. */
  files(): CorpusFile[] {
    const byFile = new Map<string, string[]>();
    for (const d of this.liveDocs()) {
      const { file } = sourceLocation(d.source);
      const ids = byFile.get(file) ?? [];
      ids.push(d.id);
      byFile.set(file, ids);
    }
    return [...byFile].map(([file, ids]) => ({ file, ids })).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }

  /**
   * Removes what a change killed half-way left in the corpus folders (hidden `.*.tmp` and `.*.bak` files beside
   * their targets). Run at start, before the index is refreshed. What cannot be removed is reported, not fatal.
   */
  async recover(onWarning: (message: string) => void = () => undefined): Promise<string[]> {
    const removed: string[] = [];
    const visit = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const full = path.join(dir, e.name);
        if (e.isDirectory() && e.name !== '.removed' && !e.isSymbolicLink()) await visit(full);
        else if (e.isFile() && LEFTOVER.test(e.name)) {
          try {
            await rm(full, { force: true });
            removed.push(full);
          } catch (err) {
            onWarning(`could not remove ${full}, left by an interrupted change (${(err as NodeJS.ErrnoException).code ?? String(err)}); remove it by hand`);
          }
        }
      }
    };
    for (const p of this.config.CORPUS_PATHS) if (await isDir(p)) await visit(p);
    return removed;
  }

  // --- inside `exclusive`

  private *liveIter(): Generator<DocMeta> {
    for (const seg of this.index.engine.index.segments) {
      const docs = seg.data.docs;
      for (let i = 0; i < docs.length; i++) if (!seg.deleted.has(i)) yield docs[i]!;
    }
  }

  private liveDocs(): DocMeta[] {
    return [...this.liveIter()];
  }

  /** Statement id → the file it was read from. */
  private owners(): Map<string, string> {
    const out = new Map<string, string>();
    for (const d of this.liveIter()) out.set(d.id, sourceLocation(d.source).file);
    return out;
  }

  /** The live statements read from `file`, by id. */
  private docsOf(file: string): Map<string, DocMeta> {
    const out = new Map<string, DocMeta>();
    for (const d of this.liveIter()) if (sourceLocation(d.source).file === file) out.set(d.id, d);
    return out;
  }

  private idsOf(file: string): string[] {
    const out: string[] = [];
    for (const d of this.liveIter()) if (sourceLocation(d.source).file === file) out.push(d.id);
    return out;
  }

  private async writableFolder(): Promise<string> {
    const dir = this.folder;
    await corpusWrite(() => mkdir(dir, { recursive: true }), dir).catch((e) => {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' || (e as { code?: string }).code === 'ENOTDIR') {
        throw new CorpusRefusal(`the first path in CORPUS_PATHS (${dir}) is not a folder; new files go there`, 'no-folder', { place: dir });
      }
      throw e;
    });
    if (!(await isDir(dir))) throw new CorpusRefusal(`the first path in CORPUS_PATHS (${dir}) is not a folder; new files go there`, 'no-folder', { place: dir });
    return dir;
  }

  /** The corpus folder (a CORPUS_PATHS entry that is a folder) holding `file`. */
  private async folderOf(file: string, id: string): Promise<string> {
    for (const p of this.config.CORPUS_PATHS) {
      const rel = path.relative(p, file);
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel) && (await isDir(p))) return p;
    }
    throw new CorpusRefusal(
      `"${id}" comes from ${file}, which is named directly in CORPUS_PATHS rather than found in a corpus folder; take it out of that file (or the file out of CORPUS_PATHS) and re-index`,
      'outside-folders',
      { place: file },
    );
  }

  /**
   * Puts `tmp` in place of `dest` and runs `change`; if the change fails, `dest` is as it was. The old file is
   * kept as a hidden hard link until then.
   */
  private async swapIn<T>(tmp: string, dest: string, change: () => Promise<T>): Promise<T> {
    const dir = path.dirname(dest);
    const backup = hidden(dest, 'bak');
    const hadOld = await corpusWrite(() => link(dest, backup), dir).then(
      () => true,
      (e) => {
        if ((e as { code?: string }).code === 'ENOENT' || (e as { cause?: { code?: string } }).cause?.code === 'ENOENT') return false;
        throw e;
      },
    );
    try {
      await corpusWrite(() => rename(tmp, dest), dir);
      try {
        return await change();
      } catch (e) {
        await (hadOld ? rename(backup, dest) : rm(dest, { force: true }));
        throw e;
      }
    } finally {
      await rm(backup, { force: true }).catch(() => undefined);
    }
  }

  private async moveAside(file: string, root: string, ids: string[], lock: IndexLock): Promise<RemoveResult> {
    const dest = await freeName(path.join(root, '.removed', path.relative(root, file)));
    await corpusWrite(() => mkdir(path.dirname(dest), { recursive: true }), root);
    await corpusWrite(() => rename(file, dest), path.dirname(file));
    try {
      await this.index.applyChange({ remove: ids }, lock);
    } catch (e) {
      await rename(dest, file);
      throw e;
    }
    return { ids, file, keptAt: dest, linesOnly: false };
  }

  /** Blanks the lines of JSON Lines `file` whose record has one of `ids`, and takes those statements out. */
  private async blankLines(file: string, root: string, ids: ReadonlySet<string>, lock: IndexLock): Promise<RemoveResult> {
    const raw = await readFile(file);
    const gzip = raw[0] === 0x1f && raw[1] === 0x8b;
    const bytes = gzip ? gunzipSync(raw) : raw;
    // Decoded as the JSON Lines reader decodes it (the same encoding guess), so that the same lines are found.
    const sniffed = sniffEncoding(bytes.subarray(0, SNIFF_BYTES), bytes.length <= SNIFF_BYTES);
    const lines = (sniffed.kind === 'text' ? new TextDecoder(sniffed.encoding).decode(bytes) : '').split('\n');
    const fileId = path.relative(root, file).split(path.sep).join('/');
    const removed: string[] = [];
    const kept = lines.map((line, i) => {
      if (!line.trim()) return line;
      try {
        if (!ids.has(parseJsonLine(line.replace(/\r$/, ''), file, i + 1, fileId).id)) return line;
      } catch {
        return line; // a broken line is no statement; it stays as it was
      }
      removed.push(line.replace(/\r$/, ''));
      return '';
    });
    const text = kept.join('\n');
    const tmp = hidden(file, 'tmp');
    try {
      await corpusWrite(() => writeFile(tmp, gzip ? gzipSync(text) : text, { flag: 'wx' }), path.dirname(file));
      await this.swapIn(tmp, file, () => this.index.applyChange({ remove: [...ids] }, lock));
    } finally {
      await rm(tmp, { force: true }).catch(() => undefined);
    }
    // The removed lines are kept for an undo; failing to keep them does not undo the removal.
    const keep = path.join(root, '.removed', path.relative(root, file).replace(/\.gz$/i, ''));
    let keptAt: string | null = keep;
    try {
      await mkdir(path.dirname(keep), { recursive: true });
      await writeFile(keep, removed.join('\n') + '\n', { flag: 'a' });
    } catch {
      keptAt = null;
    }
    return { ids: [...ids], file, keptAt, linesOnly: true };
  }
}

/** A relative file name inside the corpus folder, checked: no hidden parts, no way out, a type the corpus reader reads. */
function checkName(name: string): string {
  const rel = name.replace(/\\/g, '/').replace(/^\.\/+/, '');
  const parts = rel.split('/');
  if (!rel || path.posix.isAbsolute(rel) || parts.some((p) => !p || p === '.' || p === '..' || p.startsWith('.'))) {
    throw new CorpusRefusal(`"${name}" is not a file name inside the corpus folder`, 'bad-name');
  }
  if (formatOf(rel) === null) throw new CorpusRefusal(`"${name}" is not a type the corpus reader reads (.md, .txt, .html, .jsonl, …)`, 'bad-name');
  return rel;
}

function hidden(file: string, kind: 'tmp' | 'bak'): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.${kind}`);
}

/** `dest`, or `dest` with ".2", ".3", … before its extension when taken. */
async function freeName(dest: string): Promise<string> {
  const ext = path.extname(dest);
  const stem = dest.slice(0, dest.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? dest : `${stem}.${n}${ext}`;
    try {
      await stat(candidate);
    } catch {
      return candidate;
    }
  }
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/** Runs a write in the corpus; a full disk, a read-only folder or missing permissions become a StorageError about `place`. */
async function corpusWrite<T>(op: () => Promise<T>, place: string): Promise<T> {
  try {
    return await op();
  } catch (e) {
    throw asStorageError(e, place, 'CORPUS_PATHS');
  }
}
