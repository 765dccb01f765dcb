/**
 * The Gleaner database: one Dexie instance in the extension's own origin (background and extension pages).
 * The content script never opens it: a content script's IndexedDB belongs to the web page's origin.
 *
 * Version 1 is laid out for everything the library will do: articles keyed by a string id with their
 * normalized URL unique, article content in its own table (so listing and searching metadata never loads
 * megabytes of HTML), and highlights with W3C selectors. Later versions add tables (the search index) through
 * `db.version(n)`; every version keeps the stores of the one before and is tested from that version's data.
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { ArticleRecord, ContentRecord, HighlightRecord } from '../records/types';
import { recordRulesMiddleware, repairedArticle, repairedHighlight } from './record-rules';
import { ARTICLE_COUNT, countTags, tagCountsMiddleware, type CountRecord, type TagCountRecord } from './tag-counts';

/** A block of the full-text index: up to 1,024 articles that contain `term`, in parallel arrays. */
export interface SearchBlockRecord {
  term: string;
  block: number;
  /** Document numbers (see SearchDocRecord), ascending. */
  docs: Uint32Array;
  /** How often the term occurs in each. */
  tfs: Uint16Array;
  /** Each document's length in words (kept here so ranking needs no other read). */
  lens: Uint32Array;
  /** The word positions of the term in each document, in document order: per document `tfs[i]` ascending
   * positions, each written as the difference from the one before in 7-bit variable-length bytes. */
  pos: Uint8Array;
}

/** An article's document number in the full-text index (its terms are those of its stored text). */
export interface SearchDocRecord {
  articleId: string;
  docNo: number;
}

/** Article ids of up to 4,096 consecutive document numbers of the full-text index (null: removed). */
export interface SearchIdsRecord {
  block: number;
  ids: Array<string | null>;
}

/** Totals of the full-text index. */
export interface SearchMetaRecord {
  id: 'meta';
  /** Changes when the whole index is rebuilt (document numbers are then given anew). */
  build: string;
  /** The document number the next indexed article gets. */
  next: number;
  /** Articles indexed, and the sum of their lengths (for BM25's average length). */
  count: number;
  totalLength: number;
  /** Set while the whole index is being rebuilt (utils/search/index/rebuild.ts): when the rebuild last wrote,
   * and the articles saved or removed meanwhile, indexed when it ends. */
  rebuild?: { at: number; pending: string[] };
  /** Set when content was written without being indexed (a restore, rebuilt afterwards): a rebuild is due. */
  stale?: boolean;
}

/** Why an article's page could not be fetched; each is said in words (utils/fetch-queue/failure-text.ts). */
export const FETCH_FAILURES = [
  'gone',
  'not-article',
  'refused',
  'timeout',
  'too-large',
  'unreachable',
  'server',
  'busy',
] as const;
export type FetchFailure = (typeof FETCH_FAILURES)[number];

/**
 * An article whose page is to be fetched from the web in the background (utils/fetch-queue/), or whose fetch
 * failed. Kept until its text is stored, so the queue outlives the browser and the service worker.
 */
export interface FetchJobRecord {
  articleId: string;
  /** The address fetched: the article's own. */
  url: string;
  /** Its host: one request at a time per site. */
  site: string;
  state: 'queued' | 'failed';
  /** Not fetched before this time: the pause between requests to a site, a backoff, a site's Retry-After. */
  due: number;
  /** Requests made for it so far. */
  attempts: number;
  /** An imported article without text (left alone once it has some), or a saved one fetched again. */
  kind: 'import' | 'refresh';
  addedAt: number;
  /** Why the last request failed (the job is `failed`, or queued to try again). */
  failure?: { reason: FetchFailure; detail?: string; at: number };
}

/** The queue's state: paused or not, and the counts of the current batch (since the queue was last empty). */
export interface FetchMetaRecord {
  id: 'queue';
  paused: boolean;
  /** Jobs added since the queue was last empty, of which fetched (or found to have text) and failed. */
  total: number;
  done: number;
  failed: number;
  startedAt: number;
  /** Overrides of the fetching policy (utils/fetch-queue/policy.ts): set by tests and the bench only. */
  policy?: Record<string, number>;
}

/** The Dexie database with its typed tables. */
export type GleanerDatabase = Dexie & {
  articles: EntityTable<ArticleRecord, 'id'>;
  contents: EntityTable<ContentRecord, 'articleId'>;
  highlights: EntityTable<HighlightRecord, 'id'>;
  searchBlocks: Table<SearchBlockRecord, [string, number]>;
  searchDocs: EntityTable<SearchDocRecord, 'articleId'>;
  searchIds: EntityTable<SearchIdsRecord, 'block'>;
  searchMeta: EntityTable<SearchMetaRecord, 'id'>;
  tagCounts: EntityTable<TagCountRecord, 'tag'>;
  counts: EntityTable<CountRecord, 'name'>;
  fetchJobs: EntityTable<FetchJobRecord, 'articleId'>;
  fetchMeta: EntityTable<FetchMetaRecord, 'id'>;
};

/** Name of the IndexedDB database in the extension origin. */
export const DB_NAME = 'gleaner';

/** Stores of schema version 1; kept verbatim so migrations can be tested from it. */
export const SCHEMA_V1 = {
  articles: 'id, &url, *urls, *tags, createdAt, updatedAt, siteName',
  contents: 'articleId',
  highlights: 'id, articleId, [articleId+createdAt], color, updatedAt',
} as const;

/**
 * Version 2 adds the full-text index of article text. Nothing is migrated: an index that does not cover the
 * library is rebuilt (with progress) when the search page finds it so, which also recovers from any mismatch.
 */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  searchBlocks: '[term+block]',
  searchDocs: 'articleId, &docNo',
  searchMeta: 'id',
} as const;

/**
 * Version 3 stores word positions in the full-text index (exact phrases without reading articles) and moves
 * the document ids out of the totals record into `searchIds`, so that a search reads only ids it has not seen.
 * The old index is dropped and rebuilt from the content like any index that does not cover the library.
 * Articles, content and highlights are untouched.
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  searchIds: 'block',
} as const;

/**
 * Version 4 keeps a summary of the tags: how many articles carry each (tag-counts.ts keeps it in the same
 * transaction as every write to the articles). The upgrade counts the tags of the articles stored.
 */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  tagCounts: 'tag',
} as const;

/**
 * Version 5 keeps the number of articles (tag-counts.ts keeps it with the tag counts, in the same transaction
 * as every write to the articles), and holds every record written to the rules of records/schemas.ts
 * (record-rules.ts). The upgrade counts the articles stored and brings those stored before the rules within
 * them.
 */
export const SCHEMA_V5 = {
  ...SCHEMA_V4,
  counts: 'name',
} as const;

/**
 * Version 6 keeps each article's reading state (archived, favourite, read, last opened, progress: optional
 * fields of the article record, absent meaning the default) and indexes when it was archived, made a favourite
 * and last opened, for the library's views, counts and "recently opened" order. Nothing is rewritten: an
 * article stored before it is in the inbox, not a favourite, unread and never opened.
 */
export const SCHEMA_V6 = {
  ...SCHEMA_V5,
  articles: `${SCHEMA_V5.articles}, archivedAt, favouriteAt, openedAt`,
} as const;

/**
 * Version 7 keeps the queue of pages to fetch in the background (imported articles' text, "Refresh from the
 * web"): a job per article, looked up by state and time due, and by site and time due (one request at a time
 * per site, spaced); and the queue's state. Nothing is rewritten: an article imported before it has no job and
 * gets its text when its page is opened, as before.
 */
export const SCHEMA_V7 = {
  ...SCHEMA_V6,
  fetchJobs: 'articleId, [state+due], [site+due]',
  fetchMeta: 'id',
} as const;

/** Opens (lazily) the database with every schema version declared. */
export function createDatabase(name: string = DB_NAME): GleanerDatabase {
  const db = new Dexie(name) as GleanerDatabase;
  db.use(recordRulesMiddleware);
  db.use(tagCountsMiddleware);
  db.version(1).stores(SCHEMA_V1);
  db.version(2).stores(SCHEMA_V2);
  db.version(3)
    .stores(SCHEMA_V3)
    .upgrade((tx) => Promise.all(['searchBlocks', 'searchDocs', 'searchMeta'].map((name) => tx.table(name).clear())));
  db.version(4)
    .stores(SCHEMA_V4)
    .upgrade(async (tx) => {
      const tags: Array<Pick<ArticleRecord, 'tags'>> = [];
      // Only the tags are kept while counting, not the articles.
      await tx.table<ArticleRecord>('articles').each((article) => tags.push({ tags: article.tags }));
      await tx.table<TagCountRecord>('tagCounts').bulkPut(countTags(tags));
    });
  db.version(5)
    .stores(SCHEMA_V5)
    .upgrade(async (tx) => {
      const count = await tx.table('articles').count();
      await tx.table<CountRecord>('counts').put({ name: ARTICLE_COUNT, count });
      // Records stored before every write was held to the rules are brought within them (record-rules.ts),
      // so that the next backup restores them. Only those are kept in memory meanwhile.
      const now = Date.now();
      const articles: ArticleRecord[] = [];
      await tx.table<ArticleRecord>('articles').each((record) => {
        const repaired = repairedArticle(record, now);
        if (repaired) articles.push(repaired);
      });
      await tx.table<ArticleRecord>('articles').bulkPut(articles);
      const highlights: HighlightRecord[] = [];
      await tx.table<HighlightRecord>('highlights').each((record) => {
        const repaired = repairedHighlight(record, now);
        if (repaired) highlights.push(repaired);
      });
      await tx.table<HighlightRecord>('highlights').bulkPut(highlights);
    });
  db.version(6).stores(SCHEMA_V6);
  db.version(7).stores(SCHEMA_V7);
  return db;
}

/** The database of this extension context. */
export const db: GleanerDatabase = createDatabase();
