/**
 * Imported articles' text fetched in the background (issue 17), in real Chromium: a local server answers for
 * many host names (Chromium's --host-resolver-rules sends every `*.test` name to it), each a site of its own.
 * Progress in the library, pause and resume, a browser restart mid-queue, the failures said in words on their
 * cards with a retry, the text searchable, no two requests to one site at once, and "Refresh from the web".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overlapping, serveSites, type SitesServer } from '../support/sites-server';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { drawnHighlights } from './page-helpers';

let server: SitesServer;
let browser: ExtensionBrowser;
const profile = mkdtempSync(join(tmpdir(), 'gleaner-queue-'));
const launch = () =>
  launchWithExtension({ profile, args: ['--host-resolver-rules=MAP *.test 127.0.0.1, EXCLUDE localhost'] });

beforeAll(async () => {
  server = await serveSites({ latencyMs: 150 });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(profile, { recursive: true, force: true });
});

const at = (site: string, path: string) => `http://${site}.test:${server.port}${path}`;

/** Pocket's CSV of `urls`. */
const pocketCsv = (urls: string[]) =>
  `title,url,time_added,tags,status\n${urls.map((url, i) => `Saved ${i},${url},${1700000000 + i},,unread`).join('\n')}\n`;

/** The queue's policy for this test (the real pauses are a second and more; the numbers here keep it short). */
async function quickPolicy(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('gleaner');
        open.onsuccess = () => {
          const tx = open.result.transaction('fetchMeta', 'readwrite');
          tx.objectStore('fetchMeta').put({
            id: 'queue',
            paused: false,
            total: 0,
            done: 0,
            failed: 0,
            startedAt: 0,
            policy: { siteGapMs: 300, timeoutMs: 2_000, backoffMs: 300, maxAttempts: 2, maxBytes: 1_000_000 },
          });
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
}

/** How many articles have their text stored, read in an extension page. */
const withText = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('gleaner');
        open.onsuccess = () => {
          const request = open.result.transaction('contents').objectStore('contents').count();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        };
      }),
  );

async function importPocket(library: Page, urls: string[]) {
  await library
    .getByLabel(/^Import from/)
    .setInputFiles({ name: 'pocket.csv', mimeType: 'text/csv', buffer: Buffer.from(pocketCsv(urls)) });
  await library.getByRole('group', { name: 'Import preview' }).getByRole('button', { name: 'Add to library' }).click();
}

describe('fetching imported articles in the background', () => {
  it('fetches politely with progress, pauses, survives a restart, says why failures failed', async () => {
    const articles = Array.from({ length: 16 }, (_, i) => at(`site${i % 4}`, `/article/${i}`));
    const failures = [at('gone', '/gone'), at('files', '/pdf'), at('menus', '/nothing'), at('slow', '/slow')];
    let library = await browser.openExtensionPage('search.html');
    await quickPolicy(library);
    await importPocket(library, [...articles, ...failures]);
    await library
      .getByText(/^Imported from Pocket: 20 articles added.* The text of 20 articles is being fetched/)
      .waitFor();

    const bar = library.getByRole('progressbar', { name: 'Fetching article text' });
    await bar.waitFor();
    await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await bar.getAttribute('max')).toBe('20');

    // Paused: nothing more is asked of any site.
    await library.getByRole('button', { name: 'Pause fetching' }).click();
    await library.getByRole('button', { name: 'Resume fetching' }).waitFor();
    await expect.poll(() => library.getByText(/Paused/).count()).toBeGreaterThan(0);
    await new Promise((done) => setTimeout(done, 800)); // what was in flight ends or is given up
    const pausedAt = Date.now();
    await new Promise((done) => setTimeout(done, 1_500));
    expect(server.requests.filter((r) => r.start >= pausedAt)).toEqual([]);
    expect(server.open()).toBe(0);
    const textBefore = await withText(library);
    expect(textBefore).toBeLessThan(16);
    await library.getByRole('button', { name: 'Resume fetching' }).click();
    await library.getByRole('button', { name: 'Pause fetching' }).waitFor();
    await expect.poll(() => withText(library), { timeout: 15_000 }).toBeGreaterThan(textBefore);

    // The browser closed mid-queue and opened again: the queue carries on with no page of Gleaner's open.
    const mid = await withText(library);
    expect(mid).toBeLessThan(16);
    await browser.close();
    browser = await launch();
    library = await browser.openExtensionPage('options.html'); // a page to read the database from, not the library
    await expect.poll(() => withText(library), { timeout: 40_000, interval: 500 }).toBe(16);
    await library.close();

    // Nothing asked twice once its text was stored; never two requests to one site at once.
    const articleRequests = server.requests.filter((r) => r.path.startsWith('/article/'));
    expect(new Set(articleRequests.map((r) => `${r.site}${r.path}`)).size).toBe(16);
    expect(articleRequests.length).toBeLessThanOrEqual(16 + 4); // a request cut off by the restart, at most one a site
    expect(overlapping(server.requests)).toEqual([]);

    // Each failure says why on its card, with a retry; the text fetched is searchable.
    library = await browser.openExtensionPage('search.html');
    const card = (title: string) => library.getByRole('article').filter({ hasText: title });
    await expect
      .poll(() => card('Saved 16').textContent(), { timeout: 20_000 })
      .toContain('Text not fetched: the page is gone (HTTP 404).');
    expect(await card('Saved 17').textContent()).toContain('the address is not a web page (application/pdf)');
    expect(await card('Saved 18').textContent()).toContain('the page holds no article');
    await expect
      .poll(() => card('Saved 19').textContent(), { timeout: 20_000 })
      .toContain('Text not fetched: the site did not answer within 2 s.');
    await expect.poll(() => library.getByText('4 articles could not be fetched').count()).toBe(1);
    const gone = server.requests.filter((r) => r.path === '/gone').length;
    await card('Saved 16').getByRole('button', { name: 'Retry fetching' }).click();
    await expect
      .poll(() => server.requests.filter((r) => r.path === '/gone').length, { timeout: 10_000 })
      .toBe(gone + 1);

    await library.getByRole('searchbox', { name: 'Search' }).fill('"paragraph 3"');
    await expect.poll(() => library.getByRole('status').first().textContent()).toMatch(/^16 results/);
    // The card's title is now the page's own.
    expect(await library.getByRole('article').getByRole('heading').allTextContents()).toContain(
      `Article 5 of site1.test:${server.port}`,
    );
    await library.close();
  });

  it('goes on fetching while Chrome stops the service worker', async () => {
    const library = await browser.openExtensionPage('search.html');
    await quickPolicy(library);
    const before = await withText(library);
    await importPocket(
      library,
      Array.from({ length: 8 }, (_, i) => at('worker', `/article/${i}`)),
    );
    await library.getByRole('progressbar', { name: 'Fetching article text' }).waitFor();
    // As Chrome does after 30 s idle: the queue runs in the offscreen document, which the worker's end leaves be.
    const cdp = await browser.context.newCDPSession(library);
    const statuses: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) =>
      statuses.push(...versions.map((version) => version.runningStatus)),
    );
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(() => statuses.at(-1)).toBe('stopped');
    expect(await withText(library)).toBeLessThan(before + 8);
    await expect.poll(() => withText(library), { timeout: 20_000 }).toBe(before + 8);
    await library.getByRole('progressbar', { name: 'Fetching article text' }).waitFor({ state: 'detached' });
    await library.close();
  });

  it('refreshes a saved article from the web, its highlights kept and drawn on the new text', async () => {
    const url = at('news', '/changing/1');
    const library = await browser.openExtensionPage('search.html');
    await quickPolicy(library);
    // Imported with a highlight (Hypothesis's export), its text fetched at once.
    const hypothesis = {
      annotations: [
        {
          uri: url,
          text: 'worth keeping',
          tags: [],
          created: '2025-01-02T03:04:05Z',
          document: { title: ['Changing'] },
          target: [
            { source: url, selector: [{ type: 'TextQuoteSelector', exact: 'paragraph 2', prefix: '', suffix: '' }] },
          ],
        },
      ],
    };
    await library.getByLabel(/^Import from/).setInputFiles({
      name: 'hypothesis.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(hypothesis)),
    });
    await library
      .getByRole('group', { name: 'Import preview' })
      .getByRole('button', { name: 'Add to library' })
      .click();
    const card = library.getByRole('article').filter({ hasText: 'version 1' });
    await card.waitFor({ timeout: 20_000 });
    await card.getByRole('link', { name: 'Changing 1 version 1' }).click();
    await library.getByRole('heading', { level: 1, name: 'Changing 1 version 1' }).waitFor();
    await expect.poll(() => drawnHighlights(library)).toHaveLength(1);

    server.version = 2;
    await library.getByRole('button', { name: 'Refresh from the web' }).click();
    await library.getByText('Refreshed from the web.').waitFor({ timeout: 20_000 });
    await library.getByRole('heading', { level: 1, name: 'Changing 1 version 2' }).waitFor();
    await expect.poll(() => drawnHighlights(library)).toEqual([expect.objectContaining({ text: 'paragraph 2' })]);
    await library.close();
  });
});
