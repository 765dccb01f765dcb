/**
 * The background queue's runner: takes the jobs due from IndexedDB (utils/db/fetch-jobs.ts), fetches their
 * pages politely (one request at a time per site with a pause between, a global limit, Retry-After and backoff)
 * and stores each article's text as a save does. It keeps nothing in memory that the queue needs: stopped at any
 * moment (the browser closed, the offscreen document or background page gone), it carries on where the stored
 * queue says when it is started again. Runs where there is a DOM to parse pages in: the offscreen document in
 * Chrome, the background page in Firefox.
 */
import { dropJob, dueJobs, failJob, holdSite, nextDue, readQueueMeta, storeFetched } from '../db/fetch-jobs';
import { hasContent } from '../db/articles';
import { db, type FetchJobRecord } from '../db/schema';
import type { ExtractResult } from '../records/extraction';
import { fetchPage, type FetchedPage } from './fetch-page';
import { policyWith, type FetchPolicy } from './policy';

/** Reads an article out of a fetched page (extract-fetched.ts in a DOM; something else in tests). */
export type Extract = (html: string, url: string, contentType: string) => ExtractResult;

export interface RunnerOptions {
  extract: Extract;
  /** Called when nothing is left to do (the queue empty or paused, nothing in flight). */
  onIdle?: (why: 'empty' | 'paused') => void;
  /** Called after each job, with its article and what came of it (for the bench and tests). */
  onJob?: (job: FetchJobRecord, outcome: 'stored' | 'merged' | 'retry' | 'failed' | 'dropped') => void;
  now?: () => number;
  fetcher?: (url: string, policy: FetchPolicy, signal: AbortSignal) => Promise<FetchedPage>;
}

export interface Runner {
  /** Looks at the queue again now (something was queued, resumed, cancelled). */
  wake(): void;
  /** Stops taking jobs and aborts those in flight (they stay queued). */
  stop(): void;
  /** How many requests are in flight. */
  readonly inFlight: number;
}

/** Longest sleep between looks at the queue while something is queued: a job queued by another context is
 * seen within this even without a wake. */
const MAX_SLEEP_MS = 5_000;

export function startRunner({
  extract,
  onIdle = () => {},
  onJob = () => {},
  now = Date.now,
  fetcher = (url, policy, signal) => fetchPage(url, policy, signal),
}: RunnerOptions): Runner {
  /** Jobs in flight by article id, with how to abort each. */
  const flying = new Map<string, AbortController>();
  /** Sites with a request in flight, and when each may be asked again. */
  const busy = new Set<string>();
  const readyAt = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let looking = false;
  let again = false;
  let stopped = false;

  const sleep = (ms: number) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(
      () => {
        timer = undefined;
        wake();
      },
      Math.max(10, ms),
    );
  };

  async function run(job: FetchJobRecord, policy: FetchPolicy, controller: AbortController): Promise<void> {
    const article = await db.articles.get(job.articleId);
    // Removed meanwhile, or (an import) given its text meanwhile by a visit: nothing to fetch.
    if (!article || (job.kind === 'import' && (await hasContent(job.articleId)))) {
      await dropJob(job.articleId);
      onJob(job, 'dropped');
      return;
    }
    const page = await fetcher(job.url, policy, controller.signal);
    const at = now();
    if (!page.ok) {
      const retry = page.transient && job.attempts + 1 < policy.maxAttempts;
      const wait = page.retryAfter !== undefined ? Math.min(page.retryAfter, policy.maxRetryAfterMs) : null;
      const retryAt = retry ? at + (wait ?? policy.backoffMs * 2 ** job.attempts) : null;
      if (wait !== null) {
        // The whole site waits, not just this page.
        readyAt.set(job.site, at + wait);
        await holdSite(job.site, at + wait, policy.siteGapMs);
      }
      await failJob(job, { reason: page.reason, ...(page.detail && { detail: page.detail }) }, at, retryAt);
      onJob(job, retry ? 'retry' : 'failed');
      return;
    }
    const result = extract(page.html, page.url, page.contentType);
    if (!result.ok) {
      await failJob(job, { reason: 'not-article' }, at, null);
      onJob(job, 'failed');
      return;
    }
    const outcome = await storeFetched(job, result.article, now());
    onJob(job, outcome?.mergedFrom ? 'merged' : 'stored');
  }

  function start(job: FetchJobRecord, policy: FetchPolicy) {
    const controller = new AbortController();
    flying.set(job.articleId, controller);
    busy.add(job.site);
    run(job, policy, controller)
      .catch((error: unknown) => {
        // Aborted (paused, stopped): the job stays as it was. Anything else is a bug to see, not to lose the job.
        if (!controller.signal.aborted) console.error('Gleaner: fetching', job.url, error);
      })
      .finally(() => {
        flying.delete(job.articleId);
        busy.delete(job.site);
        readyAt.set(job.site, Math.max(readyAt.get(job.site) ?? 0, now() + policy.siteGapMs));
        wake();
      });
  }

  async function look(): Promise<void> {
    const meta = await readQueueMeta();
    if (meta.paused) {
      for (const controller of flying.values()) controller.abort();
      if (!flying.size) onIdle('paused');
      return;
    }
    const policy = policyWith(meta.policy);
    const at = now();
    const free = policy.concurrency - flying.size;
    if (free > 0) {
      const jobs = await dueJobs(at, free, (site) => busy.has(site) || (readyAt.get(site) ?? 0) > at);
      for (const job of jobs) if (!flying.has(job.articleId)) start(job, policy);
    }
    if (flying.size) return sleep(MAX_SLEEP_MS);
    const due = await nextDue();
    if (due === null) {
      onIdle('empty');
      return;
    }
    // Nothing startable now: sleep until the earliest job is due or, when it is due already (its site must
    // pause first), until the first site comes free.
    const waits = [...readyAt.entries()].flatMap(([site, ready]) => {
      if (ready <= at) readyAt.delete(site);
      return ready > at ? [ready - at] : [];
    });
    sleep(Math.min(MAX_SLEEP_MS, due > at ? due - at : Math.max(50, Math.min(...waits))));
  }

  function wake() {
    if (stopped) return;
    if (looking) {
      again = true;
      return;
    }
    looking = true;
    void (async () => {
      try {
        do {
          again = false;
          await look();
        } while (again && !stopped);
      } catch (error) {
        if (stopped) return;
        console.error('Gleaner: the fetch queue', error);
        sleep(MAX_SLEEP_MS);
      } finally {
        looking = false;
      }
    })();
  }

  wake();
  return {
    wake,
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const controller of flying.values()) controller.abort();
    },
    get inFlight() {
      return flying.size;
    },
  };
}
