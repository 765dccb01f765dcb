/**
 * Issue 14, in real Chromium against the built extension: what a hostile file or backup could once store and
 * then break. A date that is no date, more tags than an article holds, a note past the longest; each is now
 * held to the one set of rules every write path keeps (utils/records/limits.ts), so the library page keeps
 * working and the user's own next backup restores; a name with a direction override stays inside its chip.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useExtension } from './browser';
import { articleRecord, articlesBackup } from './page-helpers';
import { zipBomb } from '../support/zips';

const env = useExtension();

const article = (n: number, changes: object = {}) =>
  articleRecord(`https://trust.example/articles/${n}`, {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    title: `Trusted article ${n}`,
    siteName: 'Trust',
    tags: ['kept'],
    createdAt: Date.UTC(2024, 0, 1) + n,
    updatedAt: Date.UTC(2024, 0, 1) + n,
    ...changes,
  });

const restore = (search: Page, name: string, buffer: Buffer) =>
  search.getByLabel('Restore backup').setInputFiles({ name, mimeType: 'application/json', buffer });

describe('what a file or a backup can store', () => {
  it('an import with a date that is no date and 1,500 tags is held to the rules; the library works and backs up', async () => {
    const tags = ['health', ...Array.from({ length: 1_500 }, (_, i) => `many${i}`)].join('|');
    const csv = `title,url,time_added,tags,status
From the far future,https://trust.example/future,1e20,${tags},unread
`;
    const search = await env.browser.openExtensionPage('search.html');
    await search
      .getByLabel(/^Import from/)
      .setInputFiles({ name: 'part_000000.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await search.getByRole('group', { name: 'Import preview' }).getByRole('button', { name: 'Add to library' }).click();
    await expect
      .poll(() => search.getByText(/^Imported from Pocket: 1 article added/).textContent())
      .toMatch(
        /Changed to fit what Gleaner stores: row 2: the date 1e\+23 is not a date; saved as today and row 2: 1,501 tags, of which the first 1,000 were kept\./,
      );
    // The library page still searches and shows it, dated today.
    await search.getByRole('searchbox', { name: 'Search' }).fill('tag:health ');
    await expect.poll(() => search.getByRole('status').first().textContent()).toMatch(/^1 result/);
    const card = search.getByRole('article').filter({ hasText: 'From the far future' });
    expect(await card.textContent()).toContain(
      new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date()),
    );

    // The user's own backup of it restores.
    const [download] = await Promise.all([
      search.waitForEvent('download'),
      search.getByRole('button', { name: 'Back up' }).click(),
    ]);
    const file = await download.path();
    await search.getByLabel('Restore backup').setInputFiles(file);
    await expect.poll(() => search.getByText(/^Restored:/).textContent()).toMatch(/already up to date/);
  });

  it('a backup with a date that is no date is refused in words, and nothing changes', async () => {
    const search = await env.browser.openExtensionPage('search.html');
    await restore(search, 'good.json', articlesBackup([article(1)]));
    await expect.poll(() => search.getByText(/^Restored: 1 article added/).count()).toBe(1);
    const count = await search.getByRole('status').first().textContent();
    await restore(search, 'bad.json', articlesBackup([article(2), article(3, { createdAt: 1e300 })]));
    await expect
      .poll(() =>
        search.getByText('This backup is damaged (articles[1].createdAt: is not a date). Nothing was changed.').count(),
      )
      .toBe(1);
    await search.reload();
    await expect.poll(() => search.getByRole('status').first().textContent()).toBe(count);
  });

  it('a tag with a direction override does not reorder its count into its name', async () => {
    const search = await env.browser.openExtensionPage('search.html');
    await restore(search, 'bidi.json', articlesBackup([article(9, { tags: ['ev\u202eil'] })]));
    await expect.poll(() => search.getByText(/^Restored: 1 article added/).count()).toBe(1);
    await search.getByRole('searchbox', { name: 'Search' }).fill('"Trusted article 9" ');
    const chip = search.getByRole('group', { name: 'Filter by tag' }).getByRole('button', { name: /^ev\u202eil/ });
    await chip.waitFor();
    const [name, count] = await chip.evaluate((button) =>
      [button.querySelector('bdi')!, button.querySelector('.chip-count')!].map((part) => {
        const box = part.getBoundingClientRect();
        return { left: box.left, right: box.right };
      }),
    );
    // Left to right, as the interface is: the whole name, then its count.
    expect(count!.left).toBeGreaterThanOrEqual(name!.right - 0.5);
  });

  it.each([
    // ~8 MB whose directory says 8 GB; ~0.8 MB whose entries claim a kilobyte each and inflate to 800 MB.
    ['says what it inflates to', () => zipBomb(1000, 8, (i) => `highlights/${i}.md`)],
    ['understates what it inflates to', () => zipBomb(100, 8, (i) => `metadata_${i}.json`, 1_000)],
  ])('a zip bomb that %s is refused in words, soon, with the page never frozen', async (_name, bomb) => {
    const search = await env.browser.openExtensionPage('search.html');
    await search.evaluate(() => {
      const scope = window as unknown as { longest: number };
      scope.longest = 0;
      new PerformanceObserver((list) => {
        for (const task of list.getEntries()) scope.longest = Math.max(scope.longest, task.duration);
      }).observe({ type: 'longtask' });
    });
    const status = search.getByRole('status').first();
    await expect.poll(() => status.textContent()).not.toMatch(/Loading/); // the library's count, once loaded
    const count = await status.textContent();
    const started = Date.now();
    // From a file on disk, as a user picks it (a buffer would be decoded by script in the page, itself a long task).
    const file = join(await mkdtemp(join(tmpdir(), 'gleaner-bomb-')), 'omnivore.zip');
    await writeFile(file, bomb());
    await search.getByLabel(/^Import from/).setInputFiles(file);
    await search.getByText(/This zip unpacks to more than 256 MB .* Nothing was imported\.$/).waitFor();
    // Before: 15 s frozen and 7.8 GB of memory for the first; the second inflated all of its 800 MB.
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(await search.evaluate(() => (window as unknown as { longest: number }).longest)).toBeLessThan(1_000);
    await search.reload();
    await expect.poll(() => search.getByRole('status').first().textContent()).toBe(count);
  });
});
