/** What an import from another tool (utils/import/) writes: its articles and their highlights. */
import type { ArticleRecord, ContentRecord, HighlightRecord } from '../records/types';
import { LIMITS } from '../records/schemas';
import { normalizeTags } from '../records/tags';
import { normalizeUrl } from '../url';
import { FINISHED_AT } from './articles';
import { db } from './schema';
import { markIndexStale } from './search-index';
import { QUEUE_TABLES, queueFetches, type FetchTarget } from './fetch-jobs';

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
  highlights: ImportedHighlight[];
  /** Its reading state there, when the tool says: archived (Pocket's `status` "archive", Omnivore's state
   * "ARCHIVED", Instapaper's Archive folder), a favourite (Instapaper's Starred), and how far it was read (0
   * to 1; Omnivore's reading progress). */
  archived?: boolean;
  favourite?: boolean;
  progress?: number;
  /** The user's note on the page (a bookmark's description, Hypothesis's page notes). */
  note?: string;
  /** The article's content when the export holds it (Omnivore's), stored as a save would: no fetch needed. */
  content?: ImportedContent;
}

/** An article's content as stored (sanitized HTML and its text), with its reading statistics. */
export interface ImportedContent {
  html: string;
  text: string;
  wordCount: number;
  readingMinutes: number;
}

/** A highlight as another tool exported it: its quote, with the text around it when the tool kept that. */
export interface ImportedHighlight {
  exact: string;
  note: string;
  prefix?: string;
  suffix?: string;
  /** Epoch ms it was made there (else the article's savedAt). */
  createdAt?: number;
  /** One of Gleaner's colour names (else yellow). */
  color?: string;
}

/** What an import added: articles new to the library, articles it added to, articles already there with
 * nothing new (importing the same file again), highlights. */
export interface ImportCounts {
  added: number;
  /** Already in the library, and given tags, a note or highlights they did not have. */
  merged: number;
  /** Already in the library with everything the file says about them. */
  unchanged: number;
  highlights: number;
  /** Articles whose text came with the file (not yet in the search index: rebuild it, see importItems). */
  contents: number;
  /** Articles without text whose pages were queued to be fetched (only when asked: `fetch`). */
  queued: number;
}

/** The reading state an imported item brings, as ArticleRecord fields. */
function importedStates(item: ImportItem): Pick<ArticleRecord, 'archivedAt' | 'favouriteAt' | 'progress' | 'readAt'> {
  const progress = item.progress !== undefined && item.progress > 0 ? Math.min(1, item.progress) : undefined;
  return {
    ...(item.archived && { archivedAt: item.savedAt }),
    ...(item.favourite && { favouriteAt: item.savedAt }),
    ...(progress !== undefined && { progress }),
    ...(progress !== undefined && progress >= FINISHED_AT && { readAt: item.savedAt }),
  };
}

/**
 * The items of one file with one item per page: entries for the same address (a page saved twice, or one
 * Hypothesis annotation per highlight) are combined, tags, notes and highlights together, saved at the first.
 */
export function combineItems(items: readonly ImportItem[]): ImportItem[] {
  const byUrl = new Map<string, ImportItem>();
  for (const item of items) {
    // (An item named only by its title, until its article is found: resolveTitles, import/readwise.ts.)
    const url = item.url ? normalizeUrl(item.url)! : `\ntitle:${item.title}`;
    const seen = byUrl.get(url);
    if (!seen) {
      byUrl.set(url, item);
      continue;
    }
    const notes = [seen.note, item.note].filter((note) => note?.trim());
    byUrl.set(url, {
      ...seen,
      title: seen.title === seen.url && item.title !== item.url ? item.title : seen.title,
      tags: normalizeTags([...seen.tags, ...item.tags]),
      savedAt: Math.min(seen.savedAt, item.savedAt),
      highlights: [...seen.highlights, ...item.highlights],
      archived: seen.archived || item.archived,
      favourite: seen.favourite || item.favourite,
      ...((seen.progress ?? item.progress) !== undefined && {
        progress: Math.max(seen.progress ?? 0, item.progress ?? 0),
      }),
      ...(notes.length && { note: [...new Set(notes)].join('\n\n') }),
    });
  }
  return [...byUrl.values()];
}

/** What an import would do, read before anything is written: items new to the library, and already in it. */
export async function previewImport(items: readonly ImportItem[]): Promise<{ added: number; existing: number }> {
  const urls = items.map((item) => normalizeUrl(item.url)!);
  const known = new Set((await db.articles.where('urls').anyOf(urls).toArray()).flatMap((article) => article.urls));
  const existing = urls.filter((url) => known.has(url)).length;
  return { added: urls.length - existing, existing };
}

/**
 * Adds imported items (combined: combineItems) in one transaction. A page already saved (under any of its URLs)
 * gets the item's tags, its note when it has none, and the highlights whose quote it lacks, and keeps its own
 * reading state (what the user did here is newer than the export); it is written only if that changed anything,
 * so importing the same file twice adds nothing. A new one is stored without text (extracted on its first
 * visit, or, with `fetch`, fetched in the background: its page is queued in the same transaction, as is that of
 * an article already here without text) with the state the other tool had, archived or a favourite from the time
 * it was saved there (the export says no more), read when it was read to the end.
 */
export async function addImportedItems(
  items: readonly ImportItem[],
  now: number,
  { fetch = false }: { fetch?: boolean } = {},
): Promise<ImportCounts> {
  const report: ImportCounts = { added: 0, merged: 0, unchanged: 0, highlights: 0, contents: 0, queued: 0 };
  await db.transaction('rw', [db.articles, db.highlights, db.contents, db.searchMeta, ...QUEUE_TABLES()], async () => {
    // What is read is read up front, in a few requests (10,000 rows are not 30,000 round trips): the articles
    // the items are already saved as, which of them have text, and the quotes of their highlights.
    const urls = items.map((item) => normalizeUrl(item.url)!);
    const stored = await db.articles.where('urls').anyOf(urls).toArray();
    const byUrl = new Map<string, ArticleRecord>();
    for (const article of stored) for (const url of article.urls) byUrl.set(url, article);
    const storedIds = stored.map((article) => article.id);
    const texted = new Set(await db.contents.where('articleId').anyOf(storedIds).primaryKeys());
    const quotes = new Map<string, Set<string>>();
    for (const h of await db.highlights.where('articleId').anyOf(storedIds).toArray()) {
      if (!quotes.has(h.articleId)) quotes.set(h.articleId, new Set());
      quotes.get(h.articleId)!.add(h.selectors.quote.exact);
    }
    /** Articles to write (by id: two items may reach one article by two of its addresses), contents, highlights. */
    const writes = new Map<string, ArticleRecord>();
    const contents: ContentRecord[] = [];
    const highlights: HighlightRecord[] = [];
    for (const [i, item] of items.entries()) {
      const url = urls[i]!;
      const found = byUrl.get(url);
      const existing = found && (writes.get(found.id) ?? found);
      let article: ArticleRecord;
      let changed = true;
      if (existing) {
        const tags = normalizeTags([...existing.tags, ...item.tags]).slice(0, LIMITS.tags);
        const note = existing.note.trim() || !item.note?.trim() ? existing.note : item.note;
        changed = tags.length !== existing.tags.length || note !== existing.note;
        article = changed ? { ...existing, tags, note, updatedAt: now } : existing;
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
          note: item.note ?? '',
          createdAt: item.savedAt,
          updatedAt: now,
          ...importedStates(item),
        };
        byUrl.set(url, article);
      }
      // Text that came with the file, for an article that has none yet (text already here is kept).
      const hadText = texted.has(article.id);
      const content = item.content && !hadText ? item.content : null;
      if (content) {
        article = { ...article, wordCount: content.wordCount, readingMinutes: content.readingMinutes, updatedAt: now };
        changed = true;
        contents.push({ articleId: article.id, html: content.html, text: content.text });
        texted.add(article.id);
        report.contents++;
      }
      if (!quotes.has(article.id)) quotes.set(article.id, new Set());
      const known = quotes.get(article.id)!;
      let added = 0;
      for (const h of item.highlights) {
        if (known.has(h.exact)) continue;
        known.add(h.exact);
        added++;
        highlights.push({
          id: crypto.randomUUID(),
          articleId: article.id,
          color: h.color ?? 'yellow',
          note: h.note,
          createdAt: h.createdAt ?? item.savedAt,
          updatedAt: now,
          // The quote, with the text around it when the tool kept it (found on the page, its position is then kept).
          selectors: {
            quote: { type: 'TextQuoteSelector', exact: h.exact, prefix: h.prefix ?? '', suffix: h.suffix ?? '' },
          },
        });
      }
      if (existing) {
        if (changed || added) report.merged++;
        else report.unchanged++;
      } else report.added++;
      if (changed) writes.set(article.id, article);
      report.highlights += added;
    }
    await db.articles.bulkPut([...writes.values()]);
    await db.contents.bulkPut(contents);
    await db.highlights.bulkAdd(highlights);
    // Content written without being indexed: the index says it is behind until it is rebuilt.
    if (report.contents) await markIndexStale();
    if (fetch) {
      // Every article of the file left without text (new, or saved before without it), once.
      const untexted = new Map<string, FetchTarget>();
      for (const url of urls) {
        const article = byUrl.get(url)!;
        if (!texted.has(article.id)) untexted.set(article.id, { id: article.id, url: article.originalUrl });
      }
      report.queued = await queueFetches([...untexted.values()], 'import', now);
    }
  });
  return report;
}
