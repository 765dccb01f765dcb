/** Backups' reads and writes (utils/backup/ checks and words them): the library a page of articles at a time. */
import type { ArticleRecord, ContentRecord, HighlightRecord } from '../records/types';
import { groupBy } from '../group';
import { db } from './schema';

/** What a restore did. */
export interface RestoreReport {
  articlesAdded: number;
  articlesUpdated: number;
  highlightsAdded: number;
  highlightsUpdated: number;
  /** Records already stored in the same or a newer version. */
  unchanged: number;
}

/** A report of nothing done yet. */
export function emptyReport(): RestoreReport {
  return { articlesAdded: 0, articlesUpdated: 0, highlightsAdded: 0, highlightsUpdated: 0, unchanged: 0 };
}

/** Records written per step (progress is reported between steps). */
const STEP = 500;

/** The records of a library, as a backup holds them. */
export interface LibraryRecords {
  articles: ArticleRecord[];
  contents: ContentRecord[];
  highlights: HighlightRecord[];
}

/** One article with everything stored of it: a backup is a sequence of these. */
export interface LibraryEntry {
  article: ArticleRecord;
  /** Its readable content, null for an article saved without it (an import not yet opened). */
  content: { html: string; text: string } | null;
  highlights: HighlightRecord[];
}

/**
 * Reads the whole library a page of articles at a time, in article id order, in one read transaction (so what
 * is read is consistent), handing each page to `onPage` as it is read; `onPage` runs synchronously inside the
 * transaction (awaiting anything else there would end it). Only one page is held at a time. Returns how many
 * articles and highlights there were.
 */
export async function readEntries(
  pageSize: number,
  onPage: (entries: LibraryEntry[], total: number) => void,
): Promise<{ articles: number; highlights: number }> {
  return db.transaction('r', db.articles, db.contents, db.highlights, async () => {
    const total = await db.articles.count();
    let articles = 0;
    let highlights = 0;
    let after: string | null = null;
    for (;;) {
      const page: ArticleRecord[] = await (
        after === null ? db.articles.orderBy(':id') : db.articles.where(':id').above(after)
      )
        .limit(pageSize)
        .toArray();
      if (!page.length) break;
      const ids = page.map((article) => article.id);
      const [contents, marks] = await Promise.all([
        db.contents.bulkGet(ids),
        db.highlights.where('articleId').anyOf(ids).toArray(),
      ]);
      const byArticle = groupBy(marks, (highlight) => highlight.articleId);
      onPage(
        page.map((article, i) => {
          const content = contents[i];
          return {
            article,
            content: content ? { html: content.html, text: content.text } : null,
            highlights: (byArticle.get(article.id) ?? []).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
          };
        }),
        total,
      );
      articles += page.length;
      highlights += marks.length;
      after = page.at(-1)!.id;
    }
    return { articles, highlights };
  });
}

/** The entries' records, as mergeRecords takes them. */
export function recordsOf(entries: readonly LibraryEntry[]): LibraryRecords {
  return {
    articles: entries.map((entry) => entry.article),
    contents: entries.flatMap(({ article, content }) => (content ? [{ articleId: article.id, ...content }] : [])),
    highlights: entries.flatMap((entry) => entry.highlights),
  };
}

/**
 * Merges checked records (utils/backup/) into the library in one transaction, all or nothing: a record whose id
 * is not stored is added; one that is stored is replaced only by a newer copy; an article whose page is saved
 * under another id is merged into that one. A restore calls it a step at a time (utils/backup/backup.ts).
 */
export async function mergeRecords(backup: LibraryRecords): Promise<RestoreReport> {
  const report = emptyReport();
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
    }
  });
  return report;
}
