import { beforeEach, describe, expect, it } from 'vitest';
import { decodePage, retryAfterMs, sniffCharset } from './fetch-page';
import { policyWith, FETCH_POLICY } from './policy';
import { db } from '../db/schema';
import { queueFetches, dueJobs } from '../db/fetch-jobs';

describe('reading what a site answers', () => {
  it('reads Retry-After as seconds or as a date, and nothing else', () => {
    const now = Date.UTC(2026, 11, 1, 12, 0, 0);
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Tue, 01 Dec 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 11:00:00 GMT', now)).toBe(0); // in the past: now
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs('-5', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });

  it('decodes a page by the charset its header or its own markup declares, UTF-8 otherwise', () => {
    const latin1 = Uint8Array.from([...'<p>caf'].map((c) => c.charCodeAt(0)).concat([0xe9, 0x3c, 0x2f, 0x70, 0x3e]));
    expect(decodePage(latin1, 'text/html; charset=ISO-8859-1')).toBe('<p>café</p>');
    const declared = new Uint8Array([...new TextEncoder().encode('<meta charset="windows-1252"><p>caf'), 0xe9]);
    expect(sniffCharset(declared)).toBe('windows-1252');
    expect(decodePage(declared, 'text/html')).toContain('café');
    const httpEquiv = new TextEncoder().encode(
      '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">',
    );
    expect(sniffCharset(httpEquiv)).toBe('shift_jis');
    expect(decodePage(new TextEncoder().encode('<p>naïve</p>'), 'text/html')).toBe('<p>naïve</p>');
    // A label no decoder knows: UTF-8.
    expect(decodePage(new TextEncoder().encode('<p>ok</p>'), 'text/html; charset=x-unknown')).toBe('<p>ok</p>');
  });

  it('takes only the policy overrides it knows, as numbers it can use', () => {
    expect(policyWith(undefined)).toEqual(FETCH_POLICY);
    const policy = policyWith({ siteGapMs: 10, concurrency: 0, timeoutMs: -1, nonsense: 5, maxAttempts: 2.7 });
    expect(policy).toEqual({ ...FETCH_POLICY, siteGapMs: 10, concurrency: 1, maxAttempts: 2 });
  });
});

describe('queueing pages', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
  });

  it("spaces a site's pages in time, so that those due first are of every site", async () => {
    const now = 1_000_000;
    const targets = [
      ...Array.from({ length: 5 }, (_, i) => ({ id: `big-${i}`, url: `https://big.example/${i}` })),
      { id: 'small', url: 'https://small.example/1' },
    ];
    expect(await queueFetches(targets, 'import', now)).toBe(6);
    const jobs = await db.fetchJobs.orderBy('[state+due]').toArray();
    expect(jobs.map((job) => [job.articleId, job.due - now])).toEqual([
      ['big-0', 0],
      ['small', 0],
      ['big-1', 1_000],
      ['big-2', 2_000],
      ['big-3', 3_000],
      ['big-4', 4_000],
    ]);
    // Due now: one of each site (a site's second page waits its turn even when several slots are free).
    expect((await dueJobs(now, 6, () => false)).map((job) => job.articleId).sort()).toEqual(['big-0', 'small']);
    // Queued again, nothing changes; more of a site go after those already waiting.
    expect(await queueFetches(targets, 'import', now)).toBe(0);
    await queueFetches([{ id: 'big-5', url: 'https://big.example/5' }], 'import', now);
    expect((await db.fetchJobs.get('big-5'))?.due).toBe(now + 5_000);
    expect(await db.fetchMeta.get('queue')).toMatchObject({ total: 7, done: 0, failed: 0 });
  });
});
