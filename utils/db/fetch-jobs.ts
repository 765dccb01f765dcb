/**
 * The queue of pages to fetch in the background, in IndexedDB (schema version 7): what is queued, what failed
 * and why, the counts of the current batch, paused or not. Every change is one transaction; the runner
 * (utils/fetch-queue/runner.ts) and the library page both go through here.
 */
import { Dexie } from 'dexie';
import { db, type FetchFailure, type FetchJobRecord, type FetchMetaRecord } from './schema';
import { INDEX_TABLES, indexArticle, unindexArticle } from './search-index';
import type { ExtractedArticle } from '../records/extraction';
import type { ArticleRecord, HighlightRecord } from '../records/types';
import { normalizeTags } from '../records/tags';
import { LIMITS } from '../records/limits';
import { findArticleForPage, urlsOf } from './articles';
import { normalizeUrl } from '../url';
import { policyWith } from '../fetch-queue/policy';

/** The tables a change to the queue writes. */
export const QUEUE_TABLES = () => [db.fetchJobs, db.fetchMeta];

const EMPTY_META: FetchMetaRecord = { id: 'queue', paused: false, total: 0, done: 0, failed: 0, startedAt: 0 };

/** The queue's state (never stored until something is queued). */
export async function readQueueMeta(): Promise<FetchMetaRecord> {
  return (await db.fetchMeta.get('queue')) ?? EMPTY_META;
}

/** The site a job waits its turn on: the host (`www.` and the port included: each is one server). */
export function siteOf(url: string): string {
  return new URL(url).host;
}

/** An article to fetch: its id and address. */
export interface FetchTarget {
  id: string;
  url: string;
}

/**
 * Queues the pages of `targets` (inside the caller's transaction, which must include QUEUE_TABLES, or in one of
 * its own). An article already queued keeps its place; an import leaves one that failed failed (a retry is the
 * user's choice; a refresh queues it again). The jobs of a site are spaced by the policy's pause in the times they are due, after those of the
 * site already queued, so that the queue's order by time due takes every site in turn. Returns how many were
 * queued.
 */
export async function queueFetches(
  targets: readonly FetchTarget[],
  kind: FetchJobRecord['kind'],
  now: number,
): Promise<number> {
  if (!targets.length) return 0;
  return db.transaction('rw', QUEUE_TABLES(), async () => {
    const meta = await readQueueMeta();
    const { siteGapMs } = policyWith(meta.policy);
    const known = await db.fetchJobs.bulkGet(targets.map((target) => target.id));
    const jobs: FetchJobRecord[] = [];
    const nextDue = new Map<string, number>();
    for (const [i, target] of targets.entries()) {
      const job = known[i];
      if (job && (job.state === 'queued' || kind === 'import')) continue;
      const site = siteOf(target.url);
      let due = nextDue.get(site);
      if (due === undefined) {
        const last = await db.fetchJobs.where('[site+due]').between([site, Dexie.minKey], [site, Dexie.maxKey]).last();
        due = Math.max(now, last && last.state === 'queued' ? last.due + siteGapMs : now);
      }
      nextDue.set(site, due + siteGapMs);
      jobs.push({ articleId: target.id, url: target.url, site, state: 'queued', due, attempts: 0, kind, addedAt: now });
    }
    if (!jobs.length) return 0;
    const queued = await db.fetchJobs
      .where('[state+due]')
      .between(['queued', Dexie.minKey], ['queued', Dexie.maxKey])
      .count();
    // A batch begins when the queue was empty: its counts start again.
    const fresh = queued === 0 ? { total: 0, done: 0, failed: 0, startedAt: now } : {};
    const next = { ...meta, ...fresh };
    await db.fetchMeta.put({ ...next, total: next.total + jobs.length });
    await db.fetchJobs.bulkPut(jobs);
    return jobs.length;
  });
}

/**
 * Up to `limit` queued jobs due by `now`, earliest first, none of a site `skip` says is busy; at most `scan`
 * jobs are looked at (the sites' jobs are spaced when queued, so those due first are of many sites).
 */
export async function dueJobs(
  now: number,
  limit: number,
  skip: (site: string) => boolean,
  scan = 500,
): Promise<FetchJobRecord[]> {
  const picked: FetchJobRecord[] = [];
  const sites = new Set<string>();
  let looked = 0;
  await db.fetchJobs
    .where('[state+due]')
    .between(['queued', Dexie.minKey], ['queued', now], true, true)
    .until(() => picked.length >= limit || looked >= scan)
    .each((job) => {
      looked++;
      if (sites.has(job.site) || skip(job.site)) return;
      sites.add(job.site);
      picked.push(job);
    });
  return picked;
}

/** When the next queued job is due, null when nothing is queued. */
export async function nextDue(): Promise<number | null> {
  const first = await db.fetchJobs
    .where('[state+due]')
    .between(['queued', Dexie.minKey], ['queued', Dexie.maxKey])
    .first();
  return first?.due ?? null;
}

/** How the queue stands, for the library's progress: the batch's counts, what is left, paused or not. */
export interface QueueProgress {
  total: number;
  done: number;
  failed: number;
  queued: number;
  /** Jobs failed for good, whatever batch they were of (each card says why; they can be retried). */
  failedJobs: number;
  paused: boolean;
}

export async function readQueueProgress(): Promise<QueueProgress> {
  return db.transaction('r', QUEUE_TABLES(), async () => {
    const meta = await readQueueMeta();
    const queued = await db.fetchJobs
      .where('[state+due]')
      .between(['queued', Dexie.minKey], ['queued', Dexie.maxKey])
      .count();
    const failedJobs = await db.fetchJobs
      .where('[state+due]')
      .between(['failed', Dexie.minKey], ['failed', Dexie.maxKey])
      .count();
    return { total: meta.total, done: meta.done, failed: meta.failed, queued, failedJobs, paused: meta.paused };
  });
}

/** The jobs of some articles (the cards shown), by article id. */
export async function jobsOf(ids: readonly string[]): Promise<Map<string, FetchJobRecord>> {
  const jobs = await db.fetchJobs.bulkGet([...ids]);
  return new Map(jobs.filter((job): job is FetchJobRecord => !!job).map((job) => [job.articleId, job]));
}

/** Pauses or resumes the queue. */
export async function setQueuePaused(paused: boolean): Promise<void> {
  await db.transaction('rw', QUEUE_TABLES(), async () => {
    await db.fetchMeta.put({ ...(await readQueueMeta()), paused });
  });
}

/** Takes every queued job off the queue (the articles stay, without text); failed ones stay to be retried.
 * Returns how many were taken off. */
export async function cancelQueued(): Promise<number> {
  return db.transaction('rw', QUEUE_TABLES(), async () => {
    const count = await db.fetchJobs
      .where('[state+due]')
      .between(['queued', Dexie.minKey], ['queued', Dexie.maxKey])
      .delete();
    await db.fetchMeta.put({ ...(await readQueueMeta()), paused: false, total: 0, done: 0, failed: 0 });
    return count;
  });
}

/** The ids of every job failed for good ("Retry failed"). */
export async function failedJobIds(): Promise<string[]> {
  return db.fetchJobs.where('[state+due]').between(['failed', Dexie.minKey], ['failed', Dexie.maxKey]).primaryKeys();
}

/** Queues failed jobs again, due now, their attempts forgotten. */
export async function retryFetches(ids: readonly string[], now: number): Promise<number> {
  return db.transaction('rw', QUEUE_TABLES(), async () => {
    const jobs = (await db.fetchJobs.bulkGet([...ids])).filter((job) => job?.state === 'failed') as FetchJobRecord[];
    if (!jobs.length) return 0;
    const queued = await db.fetchJobs
      .where('[state+due]')
      .between(['queued', Dexie.minKey], ['queued', Dexie.maxKey])
      .count();
    const meta = await readQueueMeta();
    const base = queued === 0 ? { total: 0, done: 0, failed: 0, startedAt: now } : {};
    const next = { ...meta, ...base };
    await db.fetchMeta.put({ ...next, total: next.total + jobs.length });
    await db.fetchJobs.bulkPut(jobs.map((job) => ({ ...job, state: 'queued' as const, due: now, attempts: 0 })));
    return jobs.length;
  });
}

/** A job taken off the queue: its text is stored, or it needs none (the article is gone, or has text). */
async function finish(articleId: string): Promise<void> {
  await db.fetchJobs.delete(articleId);
  const meta = await readQueueMeta();
  await db.fetchMeta.put({ ...meta, done: meta.done + 1 });
}

/** Ends a job that needs no fetch. */
export async function dropJob(articleId: string): Promise<void> {
  await db.transaction('rw', QUEUE_TABLES(), () => finish(articleId));
}

/**
 * A request that failed: tried again at `retryAt` (attempts counted), or, when `retryAt` is null, the job
 * failed for good with its reason kept for the article's card.
 */
export async function failJob(
  job: FetchJobRecord,
  failure: { reason: FetchFailure; detail?: string },
  now: number,
  retryAt: number | null,
): Promise<void> {
  await db.transaction('rw', QUEUE_TABLES(), async () => {
    const current = await db.fetchJobs.get(job.articleId);
    if (!current || current.state !== 'queued') return; // cancelled meanwhile
    const kept = { ...failure, at: now };
    if (retryAt !== null) {
      await db.fetchJobs.put({ ...current, attempts: current.attempts + 1, due: retryAt, failure: kept });
      return;
    }
    await db.fetchJobs.put({ ...current, attempts: current.attempts + 1, state: 'failed', failure: kept });
    const meta = await readQueueMeta();
    await db.fetchMeta.put({ ...meta, failed: meta.failed + 1 });
  });
}

/** Holds every queued job of `site` until `until` at least (a Retry-After), still spaced by `gapMs`. */
export async function holdSite(site: string, until: number, gapMs: number): Promise<void> {
  await db.transaction('rw', QUEUE_TABLES(), async () => {
    const jobs = await db.fetchJobs.where('[site+due]').between([site, Dexie.minKey], [site, Dexie.maxKey]).toArray();
    let due = until;
    const held: FetchJobRecord[] = [];
    for (const job of jobs) {
      if (job.state !== 'queued') continue;
      if (job.due < due) held.push({ ...job, due });
      due = Math.max(due, job.due) + gapMs;
    }
    await db.fetchJobs.bulkPut(held);
  });
}

/** What storing a fetched page did: the article's text kept, or the page found to be one already saved (the
 * article the queue held merged into it), or nothing (the job was cancelled or the article removed meanwhile). */
export type FetchedOutcome = { stored: ArticleRecord; mergedFrom?: string } | null;

/**
 * Stores the article of a page fetched for job `job`, in one transaction with the job's end, as a save stores
 * it (content and index together). When the page turned out to be another article already in the library (a
 * redirect, or its canonical address), the queued article is merged into that one: tags by union, the notes
 * both kept, its highlights moved, archived or favourite if either was, the earlier saved date, every address;
 * and the text stored only if that article has none.
 */
export async function storeFetched(job: FetchJobRecord, page: ExtractedArticle, now: number): Promise<FetchedOutcome> {
  const { html, text, url: pageUrl, ...meta } = page;
  if (!normalizeUrl(pageUrl)) return null;
  return db.transaction(
    'rw',
    [db.articles, db.contents, db.highlights, ...INDEX_TABLES(), ...QUEUE_TABLES()],
    async (): Promise<FetchedOutcome> => {
      const current = await db.fetchJobs.get(job.articleId);
      const article = await db.articles.get(job.articleId);
      if (!current || current.state !== 'queued' || !article) {
        if (current && !article) await finish(job.articleId);
        return null;
      }
      await finish(job.articleId);
      const found = await findArticleForPage(pageUrl, page.canonicalUrl);
      const urls = urlsOf(pageUrl, page.canonicalUrl);
      if (found && found.id !== article.id) {
        const merged = await mergeInto(found, article, urls, now);
        if (!(await db.contents.get(found.id))) {
          const withText = { ...merged, ...meta, originalUrl: merged.originalUrl, updatedAt: now };
          await db.articles.put(withText);
          await indexArticle(found.id, text);
          await db.contents.put({ articleId: found.id, html, text });
          return { stored: withText, mergedFrom: article.id };
        }
        return { stored: merged, mergedFrom: article.id };
      }
      // The page's metadata, as a save takes it; the address the user saved stays the one shown.
      const record: ArticleRecord = {
        ...article,
        ...meta,
        title: meta.title || article.title,
        urls: [...new Set([...article.urls, ...urls])].slice(0, LIMITS.urls),
        updatedAt: now,
      };
      await db.articles.put(record);
      await indexArticle(record.id, text);
      await db.contents.put({ articleId: record.id, html, text });
      return { stored: record };
    },
  );
}

/** Merges article `from` into `into` (same transaction as the caller), removing `from`; returns `into` as stored. */
async function mergeInto(
  into: ArticleRecord,
  from: ArticleRecord,
  urls: string[],
  now: number,
): Promise<ArticleRecord> {
  const notes = [into.note.trim(), from.note.trim()].filter(Boolean);
  const earliest = (a: number | undefined, b: number | undefined) =>
    a === undefined ? b : b === undefined ? a : Math.min(a, b);
  const merged: ArticleRecord = {
    ...into,
    tags: normalizeTags([...into.tags, ...from.tags]).slice(0, LIMITS.tags),
    note: [...new Set(notes)].join('\n\n').slice(0, LIMITS.note),
    urls: [...new Set([...into.urls, ...from.urls, ...urls])].slice(0, LIMITS.urls),
    createdAt: Math.min(into.createdAt, from.createdAt),
    updatedAt: now,
  };
  for (const field of ['archivedAt', 'favouriteAt', 'readAt'] as const) {
    const at = earliest(into[field], from[field]);
    if (at !== undefined) merged[field] = at;
  }
  const known = new Set(
    (await db.highlights.where('articleId').equals(into.id).toArray()).map((h) => h.selectors.quote.exact),
  );
  const moved: HighlightRecord[] = [];
  for (const h of await db.highlights.where('articleId').equals(from.id).toArray()) {
    if (!known.has(h.selectors.quote.exact)) moved.push({ ...h, articleId: into.id, updatedAt: now });
  }
  await db.highlights.where('articleId').equals(from.id).delete();
  await db.highlights.bulkPut(moved);
  // The queued article had no text (an import) or its own (a refresh of a page now elsewhere): out of the index.
  await unindexArticle(from.id);
  await db.contents.delete(from.id);
  await db.articles.delete(from.id);
  await db.articles.put(merged);
  return merged;
}
