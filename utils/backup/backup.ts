/**
 * "Back up" and "Restore backup": one JSON file with everything stored (articles, their content, highlights,
 * notes, tags and settings) and a format version. A restore validates the whole file first (a bad or foreign
 * file changes nothing and says why), then merges in one transaction: a record whose id is not stored is
 * added; one that is stored is replaced only if the backup's copy is newer. An article whose page is saved
 * under another id is merged into that one. The search index is rebuilt afterwards from the content.
 */
import * as v from 'valibot';
import { mergeRecords, readAllRecords, type LibraryRecords, type RestoreReport } from '../db/backup-records';
import { ArticleMetaEntries, HighlightSchema, IdSchema, MAX_ARTICLE_HTML, Text } from '../records/schemas';
import { countText, formatNumber, t, uiLanguage } from '../i18n';
import { rebuildIndex } from '../search/index/rebuild';
import { readSettings, writeSettings, type Settings } from '../settings/storage';
import { SettingsSchema } from '../settings/schema';
import { normalizeUrl } from '../url';

export const BACKUP_FORMAT = 'gleaner-backup';
export const BACKUP_VERSION = 1;
/** Largest backup file read (bytes): a JSON text beyond this cannot be held as one string by the browser. */
export const MAX_BACKUP_BYTES = 500 * 1024 * 1024;

/** A backup file's content: every record of the library, the settings, and what format it is. */
export interface Backup extends LibraryRecords {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  settings: Settings;
}

const Time = v.pipe(v.number(), v.finite());
const Url = v.pipe(
  Text(8_000),
  v.check((url) => normalizeUrl(url) !== null, 'is not a web address'),
);

const ArticleSchema = v.strictObject({
  id: IdSchema,
  url: Url,
  originalUrl: Url,
  urls: v.pipe(v.array(Url), v.maxLength(100)),
  ...ArticleMetaEntries,
  tags: v.pipe(v.array(Text(64)), v.maxLength(1_000)),
  note: Text(100_000),
  createdAt: Time,
  updatedAt: Time,
});

const ContentSchema = v.strictObject({
  articleId: IdSchema,
  html: Text(MAX_ARTICLE_HTML),
  text: Text(MAX_ARTICLE_HTML),
});

const BackupSchema = v.strictObject({
  format: v.literal(BACKUP_FORMAT),
  version: v.literal(BACKUP_VERSION),
  exportedAt: Text(100),
  articles: v.pipe(v.array(ArticleSchema), v.maxLength(1_000_000)),
  contents: v.pipe(v.array(ContentSchema), v.maxLength(1_000_000)),
  highlights: v.pipe(v.array(HighlightSchema), v.maxLength(10_000_000)),
  settings: SettingsSchema,
});

/** Everything stored, as one backup object (read in one transaction, so it is consistent). */
export async function createBackup(now: Date = new Date()): Promise<Backup> {
  const records = await readAllRecords();
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    ...records,
    settings: await readSettings(),
  };
}

/** The backup as the file "Back up" downloads. */
export function backupFile(backup: Backup): { blob: Blob; name: string } {
  return {
    blob: new Blob([JSON.stringify(backup)], { type: 'application/json' }),
    name: `gleaner-backup-${backup.exportedAt.slice(0, 10)}.json`,
  };
}

export type ParsedBackup = { ok: true; backup: Backup } | { ok: false; error: string };

const megabytes = (bytes: number) =>
  new Intl.NumberFormat(uiLanguage(), { style: 'unit', unit: 'megabyte', maximumFractionDigits: 0 }).format(
    bytes / 1024 / 1024,
  );

/** Where in the file a validation problem is, in words ("articles[3].title"). */
function pathOf(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? [])
    .map((item) => (typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`))
    .join('')
    .replace(/^\./, '');
}

/** Reads and checks a backup file; never throws, and says in words what is wrong with a bad one. */
export async function parseBackup(file: Blob): Promise<ParsedBackup> {
  if (file.size > MAX_BACKUP_BYTES)
    return { ok: false, error: t('backup.tooBig', [megabytes(file.size), megabytes(MAX_BACKUP_BYTES)]) };
  let data: unknown;
  try {
    data = JSON.parse(await file.text());
  } catch {
    return { ok: false, error: t('backup.notJson') };
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== BACKUP_FORMAT) {
    return { ok: false, error: t('backup.foreign') };
  }
  const version = (data as { version?: unknown }).version;
  if (typeof version === 'number' && version > BACKUP_VERSION) {
    return { ok: false, error: t('backup.newer', [version]) };
  }
  const parsed = v.safeParse(BackupSchema, data);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    return { ok: false, error: t('backup.damaged', [`${pathOf(issue)}: ${issue.message}`]) };
  }
  const backup = parsed.output;
  const problem = consistencyProblem(backup);
  return problem ? { ok: false, error: t('backup.damaged', [problem]) } : { ok: true, backup };
}

/** What makes a well-typed backup inconsistent: repeated ids or pages, records of articles it does not hold. */
function consistencyProblem(backup: Backup): string | null {
  const ids = new Set<string>();
  const urls = new Set<string>();
  for (const article of backup.articles) {
    if (ids.has(article.id)) return `the article id ${article.id} appears twice`;
    if (urls.has(article.url)) return `the page ${article.url} appears twice`;
    ids.add(article.id);
    urls.add(article.url);
  }
  const contents = new Set<string>();
  for (const content of backup.contents) {
    if (!ids.has(content.articleId)) return `content of an article the backup does not hold (${content.articleId})`;
    if (contents.has(content.articleId)) return `two contents for the article ${content.articleId}`;
    contents.add(content.articleId);
  }
  const highlights = new Set<string>();
  for (const highlight of backup.highlights) {
    if (!ids.has(highlight.articleId))
      return `a highlight of an article the backup does not hold (${highlight.articleId})`;
    if (highlights.has(highlight.id)) return `the highlight id ${highlight.id} appears twice`;
    highlights.add(highlight.id);
  }
  return null;
}

/**
 * Merges a checked backup into the library in one transaction (all or nothing, utils/db/backup-records.ts),
 * then rebuilds the search index. `onProgress` gets the phase and how far it is.
 */
export async function restoreBackup(
  backup: Backup,
  onProgress: (phase: 'restoring' | 'indexing', done: number, total: number) => void = () => {},
): Promise<RestoreReport> {
  const report = await mergeRecords(backup, (done, total) => onProgress('restoring', done, total));
  await writeSettings(backup.settings);
  await rebuildIndex((done, count) => onProgress('indexing', done, count));
  return report;
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
