/**
 * Counts kept as summaries: how many articles carry each tag (schema v4, `tagCounts`), so that the popup's
 * suggestions and the tag list read a few records instead of every article's tags (a key cursor over 45,000
 * tag entries took a second); and how many articles there are (schema v5, `counts`), so that the library page
 * shows its size at once (counting 50,000 index entries took half a second).
 *
 * Kept by a middleware under every write to `articles`, whatever the write (put, add, update, delete, clear;
 * one or many): it widens each read-write transaction over `articles` to the summaries, reads the records
 * being replaced or deleted, and adjusts the counts in that same transaction. So the counts are never out of
 * step with the articles, and no write path can forget them.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import type { ArticleRecord, TagCount } from '../records/types';

export const TAG_COUNTS = 'tagCounts';
export const COUNTS = 'counts';
const ARTICLES = 'articles';
/** The key of the article count in `counts`. */
export const ARTICLE_COUNT = 'articles';

/** A count of the library (`counts`): `articles`, the number of articles. */
export interface CountRecord {
  name: typeof ARTICLE_COUNT;
  count: number;
}

/** One tag's count. */
export interface TagCountRecord {
  tag: string;
  count: number;
}

/** The articles a mutation replaces or removes (before), and those it writes (after). */
async function affected(
  articles: DBCoreTable,
  req: DBCoreMutateRequest,
): Promise<{ before: Array<ArticleRecord | undefined>; after: ArticleRecord[] }> {
  const { trans } = req;
  switch (req.type) {
    case 'add':
    case 'put': {
      const after = req.values as ArticleRecord[];
      return { before: await articles.getMany({ trans, keys: after.map((article) => article.id) }), after };
    }
    case 'delete':
      return { before: await articles.getMany({ trans, keys: req.keys }), after: [] };
    case 'deleteRange': {
      const query = { index: articles.schema.primaryKey, range: req.range };
      return { before: (await articles.query({ trans, values: true, query })).result as ArticleRecord[], after: [] };
    }
  }
}

/** Adds `delta` to the stored counts (a count that reaches zero is removed), in transaction `trans`. */
async function adjust(counts: DBCoreTable, trans: DBCoreTransaction, delta: Map<string, number>): Promise<void> {
  const tags = [...delta].filter(([, change]) => change !== 0).map(([tag]) => tag);
  if (!tags.length) return;
  const stored = (await counts.getMany({ trans, keys: tags })) as Array<TagCountRecord | undefined>;
  const values: TagCountRecord[] = [];
  const gone: string[] = [];
  tags.forEach((tag, i) => {
    const count = (stored[i]?.count ?? 0) + delta.get(tag)!;
    if (count > 0) values.push({ tag, count });
    else gone.push(tag);
  });
  if (values.length) await counts.mutate({ type: 'put', trans, values });
  if (gone.length) await counts.mutate({ type: 'delete', trans, keys: gone });
}

/** Adds `delta` to the stored article count, in transaction `trans`. */
async function adjustArticleCount(counts: DBCoreTable, trans: DBCoreTransaction, delta: number): Promise<void> {
  const [stored] = (await counts.getMany({ trans, keys: [ARTICLE_COUNT] })) as Array<CountRecord | undefined>;
  const value: CountRecord = { name: ARTICLE_COUNT, count: (stored?.count ?? 0) + delta };
  await counts.mutate({ type: 'put', trans, values: [value] });
}

/** The middleware that keeps `tagCounts` and `counts` (see the top of this file). */
export const tagCountsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'library-counts',
  create: (down) => ({
    ...down,
    transaction: (stores, mode, options) =>
      down.transaction(
        mode === 'readwrite' && stores.includes(ARTICLES) ? [...new Set([...stores, TAG_COUNTS, COUNTS])] : stores,
        mode,
        options,
      ),
    table: (name) => {
      const table = down.table(name);
      if (name !== ARTICLES) return table;
      return {
        ...table,
        mutate: async (req) => {
          const { before, after } = await affected(table, req);
          const response = await table.mutate(req);
          const delta = new Map<string, number>();
          const add = (article: ArticleRecord | undefined, change: number) => {
            for (const tag of article?.tags ?? []) delta.set(tag, (delta.get(tag) ?? 0) + change);
          };
          // An operation that failed (a URL already saved) changed nothing. A range delete is one operation.
          const failed = (i: number) => response.failures[i] !== undefined;
          // Articles new to the library (written over none) or gone from it (deleted where there was one).
          let articles = 0;
          if (req.type === 'deleteRange') {
            if (!response.numFailures) {
              before.forEach((article) => add(article, -1));
              articles = -before.length;
            }
          } else {
            before.forEach((article, i) => !failed(i) && add(article, -1));
            after.forEach((article, i) => !failed(i) && add(article, 1));
            const changed = before.filter((article, i) => !failed(i) && (req.type === 'delete') === !!article);
            articles = req.type === 'delete' ? -changed.length : changed.length;
          }
          await adjust(down.table(TAG_COUNTS), req.trans, delta);
          if (articles) await adjustArticleCount(down.table(COUNTS), req.trans, articles);
          return response;
        },
      };
    },
  }),
};

/** Counts of every tag of `articles` (the migration to v4, and tests). */
export function countTags(articles: Iterable<Pick<ArticleRecord, 'tags'>>): TagCountRecord[] {
  const counts = new Map<string, number>();
  for (const article of articles) for (const tag of article.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].map(([tag, count]) => ({ tag, count }));
}

/** Most used first, then alphabetically: the order the popup suggests tags in. */
export function byUse(counts: readonly TagCount[]): TagCount[] {
  return [...counts].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}
