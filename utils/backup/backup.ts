/**
 * "Back up" and "Restore backup": one JSON file with everything stored (articles, their content, highlights,
 * notes, tags and settings) and a format version. A restore validates the whole file first (a bad or foreign
 * file changes nothing and says why), then merges in one transaction: a record whose id is not stored is
 * added; one that is stored is replaced only if the backup's copy is newer. An article whose page is saved
 * under another id is merged into that one. The search index is rebuilt afterwards from the content.
 */
import * as v from 'valibot';
import { db } from '../db/schema';
import type { ArticleRecord, ContentRecord, HighlightRecord } from '../records/types';
import { ArticleMetaEntries, HighlightSchema, IdSchema, MAX_ARTICLE_HTML, Text } from '../records/schemas';
import { countText, formatNumber, t, uiLanguage } from '../i18n';
import { rebuildIndex } from '../search/index/rebuild';
import { readSettings, writeSettings, type Settings } from '../settings/settings';
import { SettingsSchema } from '../settings/settings-schema';
import { normalizeUrl } from '../url';

export const BACKUP_FORMAT = 'gleaner-backup';
export const BACKUP_VERSION = 1;
/** Largest backup file read (bytes): a JSON text beyond this cannot be held as one string by the browser. */
export const MAX_BACKUP_BYTES = 500 * 1024 * 1024;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  articles: ArticleRecord[];
  contents: ContentRecord[];
  highlights: HighlightRecord[];
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
  const [articles, contents, highlights] = await db.transaction('r', db.articles, db.contents, db.highlights, () =>
    Promise.all([db.articles.toArray(), db.contents.toArray(), db.highlights.toArray()]),
  );
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    articles,
    contents,
    highlights,
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

/** What a restore did. */
export interface RestoreReport {
  articlesAdded: number;
  articlesUpdated: number;
  highlightsAdded: number;
  highlightsUpdated: number;
  /** Records already stored in the same or a newer version. */
  unchanged: number;
}

/** Records written per step (progress is reported between steps). */
const STEP = 500;

/**
 * Merges a checked backup into the library in one transaction (all or nothing), then rebuilds the search
 * index. `onProgress` gets the phase and how far it is.
 */
export async function restoreBackup(
  backup: Backup,
  onProgress: (phase: 'restoring' | 'indexing', done: number, total: number) => void = () => {},
): Promise<RestoreReport> {
  const report: RestoreReport = {
    articlesAdded: 0,
    articlesUpdated: 0,
    highlightsAdded: 0,
    highlightsUpdated: 0,
    unchanged: 0,
  };
  const total = backup.articles.length + backup.highlights.length;
  await db.transaction('rw', db.articles, db.contents, db.highlights, async () => {
    // Backup id → stored id (a page saved here under another id is merged into that article).
    const target = new Map<string, string>();
    const newer = new Set<string>();
    for (let start = 0; start < backup.articles.length; start += STEP) {
      const batch = backup.articles.slice(start, start + STEP);
      const byId = await db.articles.bulkGet(batch.map((a) => a.id));
      const byUrl = await Promise.all(
        batch.map((a, i) =>
          byId[i]
            ? Promise.resolve(undefined)
            : db.articles
                .where('urls')
                .anyOf(a.urls.length ? a.urls : [a.url])
                .first(),
        ),
      );
      const writes: ArticleRecord[] = [];
      batch.forEach((article, i) => {
        const stored = byId[i] ?? byUrl[i] ?? null;
        target.set(article.id, stored?.id ?? article.id);
        if (!stored) {
          writes.push(article);
          newer.add(article.id);
          report.articlesAdded++;
        } else if (article.updatedAt > stored.updatedAt) {
          writes.push({
            ...article,
            id: stored.id,
            url: stored.url,
            urls: [...new Set([...stored.urls, ...article.urls])],
            createdAt: Math.min(stored.createdAt, article.createdAt),
          });
          newer.add(article.id);
          report.articlesUpdated++;
        } else report.unchanged++;
      });
      await db.articles.bulkPut(writes);
      onProgress('restoring', start + batch.length, total);
    }
    const contents = backup.contents
      .filter((c) => newer.has(c.articleId))
      .map((c) => ({ ...c, articleId: target.get(c.articleId)! }));
    for (let start = 0; start < contents.length; start += STEP)
      await db.contents.bulkPut(contents.slice(start, start + STEP));
    for (let start = 0; start < backup.highlights.length; start += STEP) {
      const batch = backup.highlights.slice(start, start + STEP);
      const stored = await db.highlights.bulkGet(batch.map((h) => h.id));
      const writes: HighlightRecord[] = [];
      batch.forEach((highlight, i) => {
        const mine = stored[i];
        if (mine && mine.updatedAt >= highlight.updatedAt) {
          report.unchanged++;
          return;
        }
        writes.push({ ...highlight, articleId: target.get(highlight.articleId)! });
        if (mine) report.highlightsUpdated++;
        else report.highlightsAdded++;
      });
      await db.highlights.bulkPut(writes);
      onProgress('restoring', backup.articles.length + start + batch.length, total);
    }
  });
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
