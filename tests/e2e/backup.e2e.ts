/**
 * Back up and restore in real Chromium (issue 13): a library made by saving and highlighting a page and by a
 * restore of 450 generated articles (so the backup spans several parts) is backed up from the search page and
 * restored into a fresh profile, where every stored record and every setting is identical to the original's.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { entryLine, firstLine, LAST_LINE } from '../../utils/backup/layout';
import { launchWithExtension, useExtension } from './browser';
import { highlightOnItij } from './page-helpers';

/** The extension API in the extension page, where page.evaluate runs. */
declare const chrome: typeof import('wxt/browser').browser;

const env = useExtension();

/** Every record of Gleaner's database and everything in the extension's storage, read in an extension page. */
function everything(page: Page) {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('gleaner');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const read = (store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const records = {
      articles: await read('articles'),
      contents: await read('contents'),
      highlights: await read('highlights'),
      storage: await chrome.storage.local.get(null),
    };
    db.close();
    return records;
  });
}

/** A backup of `count` generated articles, each with a tag, a note, text and two highlights (one known by its
 * quote alone). */
function generatedBackup(count: number): Buffer {
  const words = ['quill', 'ledger', 'harbour', 'lantern', 'meadow', 'cipher', 'orchard', 'beacon'];
  const settings = { exportTemplate: '# {{title}}', exportFullText: true, readerTheme: 'sepia', readerFontSize: 22 };
  const lines = [
    firstLine({ exportedAt: new Date(0).toISOString(), articles: count, highlights: count * 2, settings }),
  ];
  for (let i = 0; i < count; i++) {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const url = `https://site${i % 7}.example/articles/${i}`;
    const text = Array.from({ length: 300 }, (_, w) => words[(i * 3 + w * 5) % words.length]).join(' ');
    const article = {
      id,
      url,
      originalUrl: url,
      urls: [url],
      title: `Generated article ${i}`,
      byline: i % 2 ? `Writer ${i}` : null,
      siteName: `Site ${i % 7}`,
      lang: 'en',
      dir: 'ltr',
      publishedTime: null,
      excerpt: text.slice(0, 80),
      wordCount: 300,
      readingMinutes: 2,
      canonicalUrl: null,
      tags: [`tag-${i % 5}`],
      note: i % 3 ? '' : `A note on article ${i}: “quoted”, \\ and a line\nbreak.`,
      createdAt: Date.UTC(2025, 0, 1) + i * 60_000,
      updatedAt: Date.UTC(2025, 0, 2) + i * 60_000,
    };
    const highlights = [0, 1].map((h) => ({
      id: `00000000-0000-4000-9000-${String(i * 2 + h).padStart(12, '0')}`,
      articleId: id,
      // The second with its quote alone, as an import brings it: restored and backed up all the same.
      selectors: {
        quote: { type: 'TextQuoteSelector', exact: text.slice(h * 20, h * 20 + 12), prefix: '', suffix: '' },
        ...(h === 0 && { position: { type: 'TextPositionSelector', start: h * 20, end: h * 20 + 12 } }),
      },
      color: h ? 'green' : 'yellow',
      note: h ? `Highlight note ${i}` : '',
      createdAt: article.createdAt + h,
      updatedAt: article.createdAt + h,
    }));
    lines.push(entryLine({ article, content: { html: `<p>${text}</p>`, text }, highlights }, i));
  }
  lines.push(`${LAST_LINE}\n`);
  return Buffer.from(lines.join(''));
}

describe('backup and restore in Chromium', () => {
  it('restores a backup of many parts into a fresh profile identical, record for record', async () => {
    const { popup } = await highlightOnItij(env, 'backup', '“This will not be the last health crisis.”');
    await popup.close();
    const search = await env.browser.openExtensionPage('search.html');
    await search.getByLabel('Restore backup').setInputFiles({
      name: 'generated.json',
      mimeType: 'application/json',
      buffer: generatedBackup(450),
    });
    await expect
      .poll(() => search.getByText(/^Restored: 450 articles added, 0 updated; 900 highlights added/).count(), {
        timeout: 60_000,
      })
      .toBe(1);
    const original = await everything(search);
    expect([original.articles.length, original.contents.length, original.highlights.length]).toEqual([451, 451, 901]);
    expect(original.storage).toMatchObject({ exportTemplate: '# {{title}}', readerTheme: 'sepia' });

    const [download] = await Promise.all([
      search.waitForEvent('download'),
      search.getByRole('button', { name: 'Back up' }).click(),
    ]);
    await search.getByText('Backed up 451 articles and 901 highlights.').waitFor();
    expect(download.suggestedFilename()).toMatch(/^gleaner-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const file = readFileSync(await download.path());
    expect(JSON.parse(file.toString('utf8'))).toMatchObject({ version: 2, articles: 451, highlights: 901 });

    const fresh = await launchWithExtension();
    try {
      const page = await fresh.openExtensionPage('search.html');
      await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/^0 results/);
      await page
        .getByLabel('Restore backup')
        .setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: file });
      await expect
        .poll(() => page.getByText(/^Restored: 451 articles added, 0 updated; 901 highlights added/).count(), {
          timeout: 60_000,
        })
        .toBe(1);
      const { storage, ...records } = await everything(page);
      const { storage: settings, ...originalRecords } = original;
      expect(records).toEqual(originalRecords);
      // Settings: the same values; those never changed in the original (its defaults) are written out.
      expect(storage).toMatchObject(settings);
      expect(storage).toMatchObject({ readerRemoteImages: true, revisitRestore: true, revisitExceptions: [] });
      // And it is searchable there: every generated article holds "quill".
      await page.getByRole('searchbox', { name: 'Search' }).fill('quill ');
      await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/^450 results/);
    } finally {
      await fresh.close();
    }
  });
});
