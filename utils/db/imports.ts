/** What an import from another tool (utils/import/) writes: its articles and their highlights. */
import type { ArticleRecord, HighlightRecord } from '../records/types';
import { LIMITS } from '../records/schemas';
import { normalizeTags } from '../records/tags';
import { normalizeUrl } from '../url';
import { FINISHED_AT } from './articles';
import { db } from './schema';

/** One article as another tool exported it, its fields already cut to what a record holds. */
export interface ImportItem {
  url: string;
  title: string;
  tags: string[];
  /** Epoch ms it was saved there (now if unknown). */
  savedAt: number;
  byline: string | null;
  excerpt: string | null;
  publishedTime: string | null;
  highlights: Array<{ exact: string; note: string }>;
  /** Its reading state there, when the tool says: archived (Pocket's `status` "archive", Omnivore's state
   * "ARCHIVED"), and how far it was read (0 to 1; Omnivore's reading progress). */
  archived?: boolean;
  progress?: number;
}

/** What an import added: articles new to the library, articles merged into one already saved, highlights. */
export interface ImportCounts {
  added: number;
  /** Already in the library: their tags were merged and new highlights added. */
  merged: number;
  highlights: number;
}

/**
 * Adds imported articles in one transaction: a page already saved (under any of its URLs) gets the item's tags
 * added and keeps its own reading state (what the user did here is newer than the export); a new one is stored
 * without text (extracted on its first visit) with the state the other tool had, archived at the time it was
 * saved there (the export says no more) and read when it was read to the end; highlights whose quote the
 * article already has are left out.
 */
/** The reading state an imported item brings, as ArticleRecord fields. */
function importedStates(item: ImportItem): Pick<ArticleRecord, 'archivedAt' | 'progress' | 'readAt'> {
  const progress = item.progress !== undefined && item.progress > 0 ? Math.min(1, item.progress) : undefined;
  return {
    ...(item.archived && { archivedAt: item.savedAt }),
    ...(progress !== undefined && { progress }),
    ...(progress !== undefined && progress >= FINISHED_AT && { readAt: item.savedAt }),
  };
}

export async function addImportedItems(items: readonly ImportItem[], now: number): Promise<ImportCounts> {
  const report: ImportCounts = { added: 0, merged: 0, highlights: 0 };
  await db.transaction('rw', db.articles, db.highlights, async () => {
    for (const item of items) {
      const url = normalizeUrl(item.url)!;
      const existing = await db.articles.where('urls').equals(url).first();
      let article: ArticleRecord;
      if (existing) {
        article = {
          ...existing,
          tags: normalizeTags([...existing.tags, ...item.tags]).slice(0, LIMITS.tags),
          updatedAt: now,
        };
        report.merged++;
      } else {
        article = {
          id: crypto.randomUUID(),
          url,
          originalUrl: item.url,
          urls: [url],
          title: item.title,
          byline: item.byline,
          siteName: null,
          lang: null,
          dir: null,
          publishedTime: item.publishedTime,
          excerpt: item.excerpt,
          wordCount: 0,
          readingMinutes: 0,
          canonicalUrl: null,
          tags: item.tags,
          note: '',
          createdAt: item.savedAt,
          updatedAt: now,
          ...importedStates(item),
        };
        report.added++;
      }
      await db.articles.put(article);
      const known = new Set(
        (await db.highlights.where('articleId').equals(article.id).toArray()).map((h) => h.selectors.quote.exact),
      );
      const highlights: HighlightRecord[] = item.highlights
        .filter((h) => !known.has(h.exact))
        .map((h) => ({
          id: crypto.randomUUID(),
          articleId: article.id,
          color: 'yellow',
          note: h.note,
          createdAt: item.savedAt,
          updatedAt: now,
          // Only the quote is known (found on the page, its position is then kept).
          selectors: { quote: { type: 'TextQuoteSelector', exact: h.exact, prefix: '', suffix: '' } },
        }));
      await db.highlights.bulkAdd(highlights);
      report.highlights += highlights.length;
    }
  });
  return report;
}
