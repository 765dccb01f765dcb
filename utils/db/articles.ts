/**
 * Repository of saved articles and their content. Every write is one Dexie transaction, so an article is
 * never stored without its content, nor removed leaving its content or highlights behind.
 */
import type { ExtractedArticle } from '../records/extraction';
import { INDEX_TABLES, indexArticle, unindexArticle } from './search-index';
import { gleanerError } from '../error-text';
import { normalizeUrl } from '../url';
import { db } from './schema';
import type { ArticleRecord, ArticleStates, ContentRecord, RemovedArticle, TagCount } from '../records/types';
import { normalizeTags } from '../records/tags';
import { ARTICLE_COUNT, byUse } from './tag-counts';

export type { RemovedArticle } from '../records/types';

/**
 * The canonical URL a page declares, normalized, when it may stand for the page: on the same site (the host
 * without `www.`) and not the site's home page. A page cannot speak for another site (it would overwrite that
 * site's saved article), and some sites declare their home page as every page's canonical URL.
 */
export function trustedCanonical(pageUrl: string, canonicalUrl: string | null): string | null {
  const canonical = canonicalUrl ? normalizeUrl(canonicalUrl) : null;
  const page = normalizeUrl(pageUrl);
  if (!canonical || !page) return null;
  const site = (url: string) => new URL(url).host.replace(/^www\./, '');
  const { pathname } = new URL(canonical);
  return site(canonical) === site(page) && pathname !== '/' ? canonical : null;
}

/** The normalized URLs a page is known by: its own and, when it may stand for it, its canonical URL. */
export function urlsOf(pageUrl: string, canonicalUrl: string | null): string[] {
  const urls = [normalizeUrl(pageUrl), trustedCanonical(pageUrl, canonicalUrl)];
  return [...new Set(urls.filter((url): url is string => url !== null))];
}

/** Finds the saved article for a page: by the page's own URL, then by its canonical URL if it is trusted. */
export async function findArticleForPage(
  pageUrl: string,
  canonicalUrl: string | null = null,
): Promise<ArticleRecord | null> {
  const own = normalizeUrl(pageUrl);
  if (own) {
    const found = await db.articles.where('urls').equals(own).first();
    if (found) return found;
  }
  const canonical = trustedCanonical(pageUrl, canonicalUrl);
  return canonical ? ((await db.articles.where('urls').equals(canonical).first()) ?? null) : null;
}

/** Reads one article's metadata. */
export async function getArticle(id: string): Promise<ArticleRecord | null> {
  return (await db.articles.get(id)) ?? null;
}

/** Reads one article's stored content. */
export async function getContent(articleId: string): Promise<ContentRecord | null> {
  return (await db.contents.get(articleId)) ?? null;
}

/** Whether an article's text is stored (imported articles have none until their page is opened). */
export async function hasContent(articleId: string): Promise<boolean> {
  return (await db.contents.where('articleId').equals(articleId).count()) > 0;
}

/**
 * Saves an extracted page. Saving a page that is already in the library refreshes its metadata and content
 * and keeps its id, tags, note, highlights and creation time.
 */
export async function saveArticle(page: ExtractedArticle, now: number = Date.now()): Promise<ArticleRecord> {
  const url = normalizeUrl(page.url);
  if (!url) throw gleanerError('error.onlyWeb', [page.url]);
  const { html, text, url: originalUrl, ...meta } = page;
  // The full-text index is written in the same transaction: it never lags behind the content.
  return db.transaction('rw', [db.articles, db.contents, ...INDEX_TABLES()], async () => {
    const existing = await findArticleForPage(page.url, page.canonicalUrl);
    const urls = urlsOf(page.url, page.canonicalUrl);
    const record: ArticleRecord = existing
      ? { ...existing, ...meta, originalUrl, urls: [...new Set([...existing.urls, ...urls])], updatedAt: now }
      : {
          ...meta,
          id: crypto.randomUUID(),
          url,
          originalUrl,
          urls,
          tags: [],
          note: '',
          createdAt: now,
          updatedAt: now,
        };
    await db.articles.put(record);
    await indexArticle(record.id, text); // before the new text replaces the old, which says what to take out
    await db.contents.put({ articleId: record.id, html, text });
    return record;
  });
}

/** What `updateArticle` may change. */
export interface ArticleChanges {
  tags?: readonly string[];
  note?: string;
}

/** Changes an article's tags and/or note; tags are cleaned (see tags.ts). */
export async function updateArticle(
  id: string,
  changes: ArticleChanges,
  now: number = Date.now(),
): Promise<ArticleRecord> {
  return db.transaction('rw', db.articles, async () => {
    const existing = await db.articles.get(id);
    if (!existing) throw gleanerError('error.articleGone');
    const record: ArticleRecord = {
      ...existing,
      ...(changes.tags !== undefined && { tags: normalizeTags(changes.tags) }),
      ...(changes.note !== undefined && { note: changes.note }),
      updatedAt: now,
    };
    await db.articles.put(record);
    return record;
  });
}

/** An article record with its reading state changed as `states` says (a state put back is taken out). */
export function withStates(article: ArticleRecord, states: ArticleStates, now: number): ArticleRecord {
  const next: ArticleRecord = { ...article };
  const set = (field: 'archivedAt' | 'favouriteAt' | 'readAt', on: boolean | undefined) => {
    if (on === undefined || on === (next[field] !== undefined)) return;
    if (on) next[field] = now;
    else delete next[field];
  };
  set('archivedAt', states.archived);
  set('favouriteAt', states.favourite);
  set('readAt', states.read);
  return next;
}

/** Puts articles into (or out of) the archive, the favourites, the read; returns how many changed. */
export async function setArticleStates(
  ids: readonly string[],
  states: ArticleStates,
  now: number = Date.now(),
): Promise<number> {
  return db.transaction('rw', db.articles, async () => {
    const changed: ArticleRecord[] = [];
    for (const article of await db.articles.bulkGet([...ids])) {
      if (!article) continue;
      const next = withStates(article, states, now);
      const same = (['archivedAt', 'favouriteAt', 'readAt'] as const).every((f) => next[f] === article[f]);
      if (!same) changed.push({ ...next, updatedAt: now });
    }
    await db.articles.bulkPut(changed);
    return changed.length;
  });
}

/** Keeps where the reader left an article (0 to 1 of its height) and that it was opened now; read once at the
 * end. Not a change to the article (its updatedAt stays). */
export async function recordReading(id: string, progress: number, now: number = Date.now()): Promise<void> {
  await db.transaction('rw', db.articles, async () => {
    const article = await db.articles.get(id);
    if (!article) return;
    const at = Math.min(1, Math.max(0, Number.isFinite(progress) ? progress : 0));
    const finished = at >= FINISHED_AT && article.readAt === undefined;
    await db.articles.put({ ...article, progress: at, openedAt: now, ...(finished && { readAt: now }) });
  });
}

/** How far down an article counts as read to its end. */
export const FINISHED_AT = 0.95;

/** Removes an article with its content and highlights. Removing one that is gone already is not an error. */
export async function removeArticle(id: string): Promise<void> {
  await db.transaction('rw', [db.articles, db.contents, db.highlights, db.fetchJobs, ...INDEX_TABLES()], async () => {
    await unindexArticle(id);
    await db.fetchJobs.delete(id);
    await db.highlights.where('articleId').equals(id).delete();
    await db.contents.delete(id);
    await db.articles.delete(id);
  });
}

/** How many articles the library holds, from the kept count (tag-counts.ts). */
export async function articleCount(): Promise<number> {
  return (await db.counts.get(ARTICLE_COUNT))?.count ?? 0;
}

/** Every tag in use with how many articles carry it, most used first, then alphabetically (from the summary). */
export async function listTags(): Promise<TagCount[]> {
  return byUse(await db.tagCounts.toArray());
}

/** Adds a tag to many articles at once (bulk action); returns how many changed. */
export async function addTagToArticles(ids: readonly string[], tag: string, now: number = Date.now()): Promise<number> {
  return db.transaction('rw', db.articles, async () => {
    let changed = 0;
    for (const article of await db.articles.bulkGet([...ids])) {
      if (!article) continue;
      const tags = normalizeTags([...article.tags, tag]);
      if (tags.length === article.tags.length) continue;
      await db.articles.put({ ...article, tags, updatedAt: now });
      changed += 1;
    }
    return changed;
  });
}

/** Removes a tag (case-insensitively) from many articles at once; returns how many changed. */
export async function removeTagFromArticles(
  ids: readonly string[],
  tag: string,
  now: number = Date.now(),
): Promise<number> {
  const key = tag.trim().replace(/^#+/, '').toLocaleLowerCase();
  return db.transaction('rw', db.articles, async () => {
    let changed = 0;
    for (const article of await db.articles.bulkGet([...ids])) {
      if (!article) continue;
      const tags = article.tags.filter((t) => t.toLocaleLowerCase() !== key);
      if (tags.length === article.tags.length) continue;
      await db.articles.put({ ...article, tags, updatedAt: now });
      changed += 1;
    }
    return changed;
  });
}

/** Everything of one article, as removed: what undo puts back. */

/** Removes many articles with their content, highlights and index entries, in one transaction; returns them. */
export async function removeArticles(ids: readonly string[]): Promise<RemovedArticle[]> {
  return db.transaction('rw', [db.articles, db.contents, db.highlights, db.fetchJobs, ...INDEX_TABLES()], async () => {
    const removed: RemovedArticle[] = [];
    for (const id of ids) {
      const article = await db.articles.get(id);
      if (!article) continue;
      removed.push({
        article,
        content: (await db.contents.get(id)) ?? null,
        highlights: await db.highlights.where('articleId').equals(id).toArray(),
      });
      await unindexArticle(id);
      await db.fetchJobs.delete(id); // nothing left to fetch it for
      await db.highlights.where('articleId').equals(id).delete();
      await db.contents.delete(id);
      await db.articles.delete(id);
    }
    return removed;
  });
}

/** Puts removed articles back as they were (undo), in one transaction; fails whole if one was saved again since. */
export async function restoreArticles(removed: readonly RemovedArticle[]): Promise<void> {
  await db.transaction('rw', [db.articles, db.contents, db.highlights, ...INDEX_TABLES()], async () => {
    for (const { article, content, highlights } of removed) {
      if (await db.articles.where('url').equals(article.url).first()) {
        throw new Error(`"${article.title}" was saved again meanwhile, so the removal cannot be undone.`);
      }
      await db.articles.add(article);
      if (content) {
        await indexArticle(article.id, content.text);
        await db.contents.put(content);
      }
      await db.highlights.bulkPut(highlights);
    }
  });
}
