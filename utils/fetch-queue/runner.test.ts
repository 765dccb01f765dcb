// @vitest-environment jsdom
/**
 * The fetch queue against a real local server standing for several sites (127.0.0.2, 127.0.0.3, …), with the
 * pages parsed as the extension parses them (DOMParser and DOMPurify, which need jsdom's full DOM).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { overlapping, serveSites, type SitesServer } from '../../tests/support/sites-server';
import { addImportedItems, type ImportItem } from '../db/imports';
import { db } from '../db/schema';
import { cancelQueued, readQueueProgress, retryFetches, setQueuePaused } from '../db/fetch-jobs';
import { saveArticle } from '../db/articles';
import { extractedArticle } from '../db/test-data';
import { searchTerm } from '../search/index/term-search';
import { extractFetched } from './extract-fetched';
import { startRunner, type Runner } from './runner';

let server: SitesServer;
beforeAll(async () => {
  server = await serveSites({ latencyMs: 20 });
});
afterAll(() => server.close());

let runner: Runner | null = null;
beforeEach(async () => {
  await db.delete();
  await db.open();
  server.requests.length = 0;
});
afterEach(() => runner?.stop());

const NOW = Date.now();
const url = (site: number, path: string) => `http://127.0.0.${site}:${server.port}${path}`;
const item = (address: string, more: Partial<ImportItem> = {}): ImportItem => ({
  url: address,
  title: address,
  tags: [],
  savedAt: NOW,
  byline: null,
  excerpt: null,
  publishedTime: null,
  highlights: [],
  ...more,
});

/** Quick numbers for tests: short pauses and timeouts, one retry. */
async function setPolicy(policy: Record<string, number>) {
  await db.fetchMeta.put({ id: 'queue', paused: false, total: 0, done: 0, failed: 0, startedAt: 0, policy });
}

/** Starts a runner and resolves once it says the queue is empty (or paused). */
function run(options: { onJob?: Parameters<typeof startRunner>[0]['onJob'] } = {}) {
  return new Promise<'empty' | 'paused'>((resolve) => {
    runner = startRunner({
      extract: (html, address, type) => extractFetched(html, address, type),
      onIdle: resolve,
      ...options,
    });
  });
}

const byUrl = async (address: string) => (await db.articles.where('urls').equals(address).first())!;

describe('the fetch queue', { timeout: 20_000 }, () => {
  it('fetches every imported article text, one request at a time per site, within the global limit', async () => {
    await setPolicy({ concurrency: 3, siteGapMs: 60, timeoutMs: 2_000 });
    const items = Array.from({ length: 24 }, (_, i) => item(url(2 + (i % 4), `/article/${i}`)));
    const counts = await addImportedItems(items, NOW, { fetch: true });
    expect(counts.queued).toBe(24);
    expect(await run()).toBe('empty');
    // Every article has its text, searchable; its title is the page's.
    const first = await byUrl(url(2, '/article/0'));
    expect(first.title).toBe(`Article 0 of 127.0.0.2:${server.port}`);
    expect(first.wordCount).toBeGreaterThan(300);
    expect(await db.contents.count()).toBe(24);
    expect((await searchTerm('paragraph')).size).toBe(24);
    // Polite: never two requests to one site at once, a pause between them, never more than 3 at once.
    expect(overlapping(server.requests)).toEqual([]);
    const site2 = server.requests.filter((r) => r.site.startsWith('127.0.0.2:')).sort((a, b) => a.start - b.start);
    for (let i = 1; i < site2.length; i++) expect(site2[i]!.start - site2[i - 1]!.end).toBeGreaterThanOrEqual(50);
    const peak = Math.max(
      ...server.requests.map((r) => server.requests.filter((o) => o.start <= r.start && o.end > r.start).length),
    );
    expect(peak).toBeLessThanOrEqual(3);
    // Each page once, and the queue is empty with its counts.
    expect(server.requests.length).toBe(24);
    expect(await readQueueProgress()).toMatchObject({ total: 24, done: 24, failed: 0, queued: 0, failedJobs: 0 });
  });

  it('says why each failure failed, retries what may pass, and honours Retry-After', async () => {
    await setPolicy({ concurrency: 4, siteGapMs: 10, timeoutMs: 400, backoffMs: 50, maxAttempts: 2, maxBytes: 1e6 });
    const cases = {
      gone: url(2, '/gone'),
      refused: url(3, '/refused'),
      broken: url(4, '/broken'),
      flaky: url(5, '/flaky/1'),
      busy: url(6, '/busy/1'),
      slow: url(7, '/slow'),
      big: url(8, '/big'),
      pdf: url(9, '/pdf'),
      nothing: url(10, '/nothing'),
    };
    await addImportedItems(
      Object.values(cases).map((address) => item(address)),
      NOW,
      { fetch: true },
    );
    const began = Date.now();
    await run();
    const jobOf = async (address: string) => db.fetchJobs.get((await byUrl(address)).id);
    expect((await jobOf(cases.gone))?.failure).toMatchObject({ reason: 'gone', detail: 'HTTP 404' });
    expect((await jobOf(cases.refused))?.failure).toMatchObject({ reason: 'refused', detail: 'HTTP 403' });
    expect(await jobOf(cases.broken)).toMatchObject({ state: 'failed', attempts: 2, failure: { reason: 'server' } });
    expect((await jobOf(cases.slow))?.failure).toMatchObject({ reason: 'timeout' });
    expect((await jobOf(cases.big))?.failure).toMatchObject({ reason: 'too-large' });
    expect((await jobOf(cases.pdf))?.failure).toMatchObject({ reason: 'not-article', detail: 'application/pdf' });
    expect((await jobOf(cases.nothing))?.failure).toMatchObject({ reason: 'not-article' });
    // The flaky page and the busy one got their text on the second try; the busy one after the second it asked.
    expect(await jobOf(cases.flaky)).toBeUndefined();
    expect(await db.contents.get((await byUrl(cases.flaky)).id)).toBeDefined();
    expect(await db.contents.get((await byUrl(cases.busy)).id)).toBeDefined();
    const busy = server.requests.filter((r) => r.path === '/busy/1');
    expect(busy.length).toBe(2);
    expect(busy[1]!.start - busy[0]!.end).toBeGreaterThanOrEqual(950);
    expect(Date.now() - began).toBeGreaterThanOrEqual(950);
    expect(await readQueueProgress()).toMatchObject({ queued: 0, failedJobs: 7, done: 2, failed: 7 });

    // A retry queues the failed ones again (the 404 stays gone).
    const gone = (await byUrl(cases.gone)).id;
    expect(await retryFetches([gone], Date.now())).toBe(1);
    await run();
    expect(server.requests.filter((r) => r.path === '/gone').length).toBe(2);
    expect((await db.fetchJobs.get(gone))?.state).toBe('failed');
  });

  it('carries on after a stop where the stored queue says, fetching nothing twice', async () => {
    await setPolicy({ concurrency: 2, siteGapMs: 30, timeoutMs: 2_000 });
    await addImportedItems(
      Array.from({ length: 20 }, (_, i) => item(url(2 + (i % 2), `/article/${i}`))),
      NOW,
      { fetch: true },
    );
    let stored = 0;
    await new Promise<void>((stopped) => {
      runner = startRunner({
        extract: (html, address, type) => extractFetched(html, address, type),
        onJob: () => {
          if (++stored === 6) {
            runner!.stop(); // the browser closed: what was in flight is lost, and stays queued
            stopped();
          }
        },
      });
    });
    const left = (await readQueueProgress()).queued;
    expect(left).toBeLessThanOrEqual(14);
    expect(left).toBeGreaterThan(0);
    await run();
    expect(await db.contents.count()).toBe(20);
    const fetched = server.requests.filter((r) => r.path.startsWith('/article/')).map((r) => `${r.site}${r.path}`);
    // A request cut off by the stop may be made again; one that stored its text never is.
    expect(fetched.length).toBeLessThanOrEqual(22);
    expect(new Set(fetched).size).toBe(20);
  });

  it('pauses (requests in flight given up, nothing lost), resumes, and stops on cancel', async () => {
    await setPolicy({ concurrency: 1, siteGapMs: 100, timeoutMs: 2_000 });
    await addImportedItems(
      Array.from({ length: 6 }, (_, i) => item(url(2, `/article/${i}`))),
      NOW,
      { fetch: true },
    );
    let jobs = 0;
    const idle = new Promise<string>((resolve) => {
      runner = startRunner({
        extract: (html, address, type) => extractFetched(html, address, type),
        onIdle: resolve,
        onJob: () => {
          if (++jobs === 2) void setQueuePaused(true).then(() => runner!.wake());
        },
      });
    });
    expect(await idle).toBe('paused');
    const paused = await readQueueProgress();
    expect(paused).toMatchObject({ paused: true });
    expect(paused.queued).toBeGreaterThanOrEqual(3);
    const before = server.requests.length;
    await new Promise((done) => setTimeout(done, 300));
    expect(server.requests.length).toBe(before); // nothing asked while paused
    runner!.stop();
    await setQueuePaused(false);
    await run();
    expect(await db.contents.count()).toBe(6);

    await addImportedItems([item(url(3, '/article/a')), item(url(3, '/article/b'))], NOW, { fetch: true });
    expect(await cancelQueued()).toBe(2);
    expect(await run()).toBe('empty');
    expect(await db.contents.count()).toBe(6);
    expect(await db.articles.count()).toBe(8); // the articles stay, without text
  });

  it('merges an article whose page redirects to one already saved', async () => {
    await setPolicy({ concurrency: 2, siteGapMs: 10, timeoutMs: 2_000 });
    const saved = await saveArticle(
      extractedArticle({ url: url(2, '/article/7'), title: 'Saved', text: 'Kept text.' }),
    );
    await db.articles.put({ ...saved, tags: ['mine'], note: 'My note.' });
    await addImportedItems(
      [
        item(url(2, '/moved/7'), {
          tags: ['imported'],
          note: 'From Pocket.',
          archived: true,
          highlights: [{ exact: 'paragraph 1', note: 'kept' }],
        }),
      ],
      NOW,
      { fetch: true },
    );
    expect(await db.articles.count()).toBe(2);
    await run();
    const [only, ...rest] = await db.articles.toArray();
    expect(rest).toEqual([]);
    expect(only!.id).toBe(saved.id);
    expect(only!.tags.sort()).toEqual(['imported', 'mine']);
    expect(only!.note).toBe('My note.\n\nFrom Pocket.');
    expect(only!.archivedAt).toBeDefined();
    expect(only!.urls).toEqual(expect.arrayContaining([url(2, '/article/7'), url(2, '/moved/7')]));
    expect((await db.highlights.toArray()).map((h) => [h.articleId, h.note])).toEqual([[saved.id, 'kept']]);
    // Its text was there: kept, not replaced.
    expect((await db.contents.get(saved.id))?.text).toBe('Kept text.');
  });

  it('parses pages inert: their scripts never run, their images never load; links resolve against the page', async () => {
    await setPolicy({ concurrency: 1, siteGapMs: 10, timeoutMs: 2_000 });
    await addImportedItems([item(url(2, '/script/1'))], NOW, { fetch: true });
    await run();
    await new Promise((done) => setTimeout(done, 200));
    expect(server.requests.map((r) => r.path)).toEqual(['/script/1']);
    const content = await db.contents.get((await byUrl(url(2, '/script/1'))).id);
    expect(content?.html).not.toMatch(/<script/i);
    expect(content?.html).toContain(`href="${url(2, '/script/related')}"`);
  });
});
