/**
 * "Back up" and "Restore backup": one JSON file with everything stored (articles, their content, highlights,
 * notes, tags and settings) and a format version, written and read as a stream so that a library of any size
 * the browser can store is backed up and restored in bounded memory.
 *
 * The file (format 2, layout.ts) is one JSON object laid out one article per line: a first line with the format,
 * counts and settings that opens `"entries":[`, then one line per article holding its record, its content and
 * its highlights, then `]}`. Any JSON tool reads it; Gleaner reads it line by line. Format 1 (articles, contents
 * and highlights as three arrays, one line) and a format 2 file reformatted by another tool are read whole,
 * up to MAX_BACKUP_BYTES.
 *
 * A restore reads and checks the whole file first (a bad or foreign file changes nothing and says why), then
 * reads it again and merges it a few hundred articles at a time: a record whose id is not stored is added; one
 * that is stored is replaced only if the backup's copy is newer; an article whose page is saved under another
 * id is merged into that one. Each article comes with its content and highlights, so every step leaves a
 * consistent library, and a restore broken off (the browser closed) is completed by restoring again. The
 * search index is rebuilt afterwards from the content.
 */
import * as v from 'valibot';
import {
  emptyReport,
  mergeRecords,
  readEntries,
  recordsOf,
  type LibraryEntry,
  type RestoreReport,
} from '../db/backup-records';
import { ArticleRecordSchema, ContentRecordSchema, HighlightSchema, MAX_ARTICLE_HTML, Text } from '../records/schemas';
import { MAX_FILE_BYTES } from '../records/limits';
import { countText, formatMegabytes, formatNumber, t } from '../i18n';
import { markIndexStale } from '../db/search-index';
import { rebuildLibraryIndex } from '../search/index/rebuild-worker';
import { readSettings, writeSettings, type Settings } from '../settings/storage';
import { SettingsSchema } from '../settings/schema';
import { BACKUP_FORMAT, BACKUP_VERSION, entryLine, firstLine, LAST_LINE } from './layout';
import { fileLines, LineTooLong } from './lines';

export { BACKUP_FORMAT, BACKUP_VERSION } from './layout';
/** Largest backup read whole (bytes): format 1, or a file not in Gleaner's line layout. Beyond this a JSON
 * text cannot be held as one string by the browser. Backups in the line layout have no limit. */
export const MAX_BACKUP_BYTES = MAX_FILE_BYTES;
/** Longest line read (characters): one article with content at its limit, every character escaped. */
const MAX_LINE = 12 * MAX_ARTICLE_HTML + 10_000_000;
/** How much of the file's start is read to find its first line (bytes): settings at their limits fit. */
const HEAD_BYTES = 16 * 1024 * 1024;
/** Articles per part of the written file, and per step of a restore: memory holds one part. */
export const PART_ARTICLES = 100;
/** Content characters per step of a restore, whatever the article count (a few huge articles). */
const STEP_CHARACTERS = 16_000_000;

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const ArticleSchema = ArticleRecordSchema;
const ContentSchema = ContentRecordSchema;

const EntrySchema = v.pipe(
  v.strictObject({
    article: ArticleSchema,
    content: v.nullable(v.strictObject({ html: Text(MAX_ARTICLE_HTML), text: Text(MAX_ARTICLE_HTML) })),
    highlights: v.pipe(v.array(HighlightSchema), v.maxLength(100_000)),
  }),
  v.check(
    (entry) => entry.highlights.every((highlight) => highlight.articleId === entry.article.id),
    'a highlight of another article',
  ),
);

/** Format 2's first line (with `entries` empty), or a whole format 2 file read at once. */
const BackupSchema = v.strictObject({
  format: v.literal(BACKUP_FORMAT),
  version: v.literal(BACKUP_VERSION),
  exportedAt: Text(100),
  articles: Count,
  highlights: Count,
  settings: SettingsSchema,
  entries: v.pipe(v.array(EntrySchema), v.maxLength(1_000_000)),
});

const BackupV1Schema = v.strictObject({
  format: v.literal(BACKUP_FORMAT),
  version: v.literal(1),
  exportedAt: Text(100),
  articles: v.pipe(v.array(ArticleSchema), v.maxLength(1_000_000)),
  contents: v.pipe(v.array(ContentSchema), v.maxLength(1_000_000)),
  highlights: v.pipe(v.array(HighlightSchema), v.maxLength(10_000_000)),
  settings: SettingsSchema,
});

/** What a backup's first line says. */
interface Header {
  exportedAt: string;
  articles: number;
  highlights: number;
  settings: Settings;
}

/** A backup refused, with the words the user sees. */
class Refused extends Error {}

/** Where in the file a validation problem is, in words ("articles[3].title", "line 5, article.title"). */
function pathOf(issue: v.BaseIssue<unknown>, where = ''): string {
  const path = (issue.path ?? [])
    .map((item) => (typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`))
    .join('')
    .replace(/^\./, '');
  return [where, path].filter(Boolean).join(', ');
}

const damaged = (problem: string) => new Refused(t('backup.damaged', [problem]));

function parsed<T extends v.GenericSchema>(schema: T, data: unknown, where?: string): v.InferOutput<T> {
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  const issue = result.issues[0];
  throw damaged(`${pathOf(issue, where)}: ${issue.message}`);
}

/** A format check on data that says it is a Gleaner backup: foreign, or made by a newer Gleaner. */
function checkFormat(data: unknown): void {
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== BACKUP_FORMAT) {
    throw new Refused(t('backup.foreign'));
  }
  const version = (data as { version?: unknown }).version;
  if (typeof version === 'number' && version > BACKUP_VERSION) throw new Refused(t('backup.newer', [version]));
}

/** An opened backup: its header, and its entries (unchecked), which can be read more than once. */
interface Source {
  header: Header;
  entries: () => AsyncIterable<{ value: unknown; where: string }>;
}

/** The entries of a backup in the line layout, after its first line: the file read again as a stream. */
async function* lineEntries(file: Blob): AsyncGenerator<{ value: unknown; where: string }> {
  let closed = false;
  try {
    for await (const { line, number } of fileLines(file, MAX_LINE)) {
      if (number === 1) continue;
      if (closed) {
        if (line.trim()) throw damaged(`line ${number}: more after the end`);
        continue;
      }
      if (line === LAST_LINE) {
        closed = true;
        continue;
      }
      const text = number === 2 ? line : line.startsWith(',') ? line.slice(1) : null;
      let value: unknown;
      try {
        if (text === null) throw new SyntaxError();
        value = JSON.parse(text);
      } catch {
        throw new Refused(t('backup.notJson'));
      }
      yield { value, where: `line ${number}` };
    }
  } catch (error) {
    if (error instanceof LineTooLong) throw damaged(error.message);
    throw error;
  }
  if (!closed) throw new Refused(t('backup.notJson')); // cut short
}

/** A format 1 backup as entries, each article with its content and highlights. */
function entriesOfV1(backup: v.InferOutput<typeof BackupV1Schema>): LibraryEntry[] {
  const entries = new Map<string, LibraryEntry>();
  for (const article of backup.articles) {
    if (entries.has(article.id)) throw damaged(`the article id ${article.id} appears twice`);
    entries.set(article.id, { article, content: null, highlights: [] });
  }
  for (const { articleId, html, text } of backup.contents) {
    const entry = entries.get(articleId);
    if (!entry) throw damaged(`content of an article the backup does not hold (${articleId})`);
    if (entry.content) throw damaged(`two contents for the article ${articleId}`);
    entry.content = { html, text };
  }
  for (const highlight of backup.highlights) {
    const entry = entries.get(highlight.articleId);
    if (!entry) throw damaged(`a highlight of an article the backup does not hold (${highlight.articleId})`);
    entry.highlights.push(highlight);
  }
  return [...entries.values()];
}

/** Opens a backup file: its first line in the line layout, or the whole file otherwise. */
async function openBackup(file: Blob): Promise<Source> {
  const head = await file.slice(0, HEAD_BYTES).text();
  const end = head.indexOf('\n');
  if (end >= 0) {
    let first: unknown;
    try {
      first = JSON.parse(`${head.slice(0, end)}]}`);
    } catch {
      first = null;
    }
    if (first !== null) {
      checkFormat(first);
      const header = parsed(BackupSchema, first, 'line 1');
      if (header.entries.length === 0 && head.slice(0, end).trimEnd().endsWith('[')) {
        return { header, entries: () => lineEntries(file) };
      }
    }
  }
  if (file.size > MAX_BACKUP_BYTES)
    throw new Refused(t('backup.tooBig', [formatMegabytes(file.size), formatMegabytes(MAX_BACKUP_BYTES)]));
  let data: unknown;
  try {
    data = JSON.parse(await file.text());
  } catch {
    throw new Refused(t('backup.notJson'));
  }
  checkFormat(data);
  let entries: readonly LibraryEntry[];
  let header: Header;
  if ((data as { version?: unknown }).version === 1) {
    const backup = parsed(BackupV1Schema, data);
    entries = entriesOfV1(backup);
    header = { ...backup, articles: backup.articles.length, highlights: backup.highlights.length };
  } else {
    const backup = parsed(BackupSchema, data);
    entries = backup.entries;
    header = backup;
  }
  return {
    header,
    entries: async function* () {
      for (const [i, value] of entries.entries()) yield { value, where: `entries[${i}]` };
    },
  };
}

/**
 * Reads every entry of an opened backup and checks it (its schema; ids, pages and highlight ids given once;
 * as many as the first line says), handing each checked entry to `onEntry`. Throws Refused at the first
 * problem.
 */
async function readChecked(
  source: Source,
  onEntry: (entry: LibraryEntry) => Promise<void> | void,
  onProgress: (done: number, total: number) => void,
): Promise<void> {
  const ids = new Set<string>();
  const urls = new Set<string>();
  const highlightIds = new Set<string>();
  let articles = 0;
  for await (const { value, where } of source.entries()) {
    const entry = parsed(EntrySchema, value, where);
    const { id, url } = entry.article;
    if (ids.has(id)) throw damaged(`the article id ${id} appears twice`);
    if (urls.has(url)) throw damaged(`the page ${url} appears twice`);
    ids.add(id);
    urls.add(url);
    for (const highlight of entry.highlights) {
      if (highlightIds.has(highlight.id)) throw damaged(`the highlight id ${highlight.id} appears twice`);
      highlightIds.add(highlight.id);
    }
    await onEntry(entry);
    if (++articles % PART_ARTICLES === 0) onProgress(articles, source.header.articles);
  }
  const { header } = source;
  if (articles !== header.articles || highlightIds.size !== header.highlights) {
    throw damaged(
      `it holds ${articles} articles and ${highlightIds.size} highlights, but says ${header.articles} and ${header.highlights}`,
    );
  }
  onProgress(articles, header.articles);
}

export type RestoreResult = { ok: true; report: RestoreReport } | { ok: false; error: string };

/**
 * Restores a backup file: checks all of it (a bad file: nothing changed, and why in words), then merges it a
 * step at a time (utils/db/backup-records.ts), writes its settings, and rebuilds the search index.
 * `onProgress` gets the phase and how far it is.
 */
export async function restoreBackup(
  file: Blob,
  onProgress: (phase: 'reading' | 'restoring' | 'indexing', done: number, total: number) => void = () => {},
): Promise<RestoreResult> {
  let source: Source;
  try {
    source = await openBackup(file);
    await readChecked(
      source,
      () => {},
      (done, total) => onProgress('reading', done, total),
    );
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.message };
    throw error;
  }
  performance.mark('gleaner-restore-checked'); // for the benchmark's breakdown of a restore
  const report = emptyReport();
  // Content is merged without being indexed: should the restore be broken off, the index is known to be behind.
  await markIndexStale();
  let step: LibraryEntry[] = [];
  let characters = 0;
  const merge = async () => {
    const merged = await mergeRecords(recordsOf(step));
    for (const key of Object.keys(report) as Array<keyof RestoreReport>) report[key] += merged[key];
    step = [];
    characters = 0;
  };
  try {
    await readChecked(
      source,
      async (entry) => {
        step.push(entry);
        characters += (entry.content?.html.length ?? 0) + (entry.content?.text.length ?? 0);
        if (step.length >= PART_ARTICLES || characters >= STEP_CHARACTERS) await merge();
      },
      (done, total) => onProgress('restoring', done, total),
    );
  } catch (error) {
    // Checked a moment ago: the file changed while it was read. What is merged so far is consistent.
    if (error instanceof Refused) return { ok: false, error: error.message };
    throw error;
  }
  await merge();
  performance.mark('gleaner-restore-merged');
  await writeSettings(source.header.settings);
  await rebuildLibraryIndex((done, count) => onProgress('indexing', done, count));
  return { ok: true, report };
}

/** What "Back up" downloads. */
export interface BackupFile {
  blob: Blob;
  name: string;
  articles: number;
  highlights: number;
}

/**
 * Everything stored, as the file "Back up" downloads: read in one transaction (so it is consistent) a part
 * of `partArticles` articles at a time, each part handed to the browser as it is written, so the file is
 * never one string. `onProgress` gets articles written of how many.
 */
export async function writeBackup(
  onProgress: (done: number, total: number) => void = () => {},
  now: Date = new Date(),
  partArticles = PART_ARTICLES,
): Promise<BackupFile> {
  const settings = await readSettings();
  const parts: Blob[] = [];
  let written = 0;
  const counts = await readEntries(partArticles, (entries, total) => {
    // A line per entry, each short-lived: joined into one string, a part's lines would be a large string the
    // collector keeps with the old ones (hundreds of MB of them at 50,000 articles before it gets to them).
    parts.push(new Blob(entries.map((entry) => entryLine(entry, written++))));
    onProgress(written, total);
  });
  const exportedAt = now.toISOString();
  return {
    blob: new Blob([firstLine({ exportedAt, ...counts, settings }), ...parts, `${LAST_LINE}\n`], {
      type: 'application/json',
    }),
    name: `gleaner-backup-${exportedAt.slice(0, 10)}.json`,
    ...counts,
  };
}

/** A report in words: "Restored: 3 articles added, 1 updated; 5 highlights added. 2 already up to date." */
export function reportText(report: RestoreReport): string {
  return t('backup.report', [
    countText('count.articles', report.articlesAdded),
    formatNumber(report.articlesUpdated),
    countText('count.highlights', report.highlightsAdded),
    formatNumber(report.highlightsUpdated),
    formatNumber(report.unchanged),
  ]);
}
