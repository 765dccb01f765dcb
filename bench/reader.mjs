// The offline reader (issue 6): reader_first_paint_ms, from navigating to reader.html?id= until the article
// (title and text, highlights drawn) has been painted, for the largest of the shared pages, saved through the
// built extension in Chromium. Median of 7 loads; reader_article_kb is the size of the stored HTML.
/* global chrome -- the extension API inside the service worker, where worker.evaluate runs */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchExtension, median, pagesDir, round, serveDir } from './lib.mjs';

export async function benchReader() {
  const dir = pagesDir();
  const largest = readdirSync(dir)
    .map((name) => ({ name, size: statSync(join(dir, name, 'source.html')).size }))
    .sort((a, b) => b.size - a.size)[0].name;
  const server = await serveDir(dir);
  const profile = mkdtempSync(join(tmpdir(), 'gleaner-bench-'));
  const { context, worker, id } = await launchExtension(profile);
  try {
    await context.route(
      (url) => !url.href.startsWith(server.origin) && !url.href.startsWith('chrome-extension:'),
      (route) => route.abort(),
    );
    const [page, tabId] = await Promise.all([
      context.waitForEvent('page'),
      worker.evaluate(async (url) => (await chrome.tabs.create({ url })).id, `${server.origin}/${largest}/source.html`),
    ]);
    await page.waitForLoadState();
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${id}/popup.html?tab=${tabId}`);
    await popup.getByRole('button', { name: 'Save' }).click();
    const href = await popup.getByRole('link', { name: 'Open reader' }).getAttribute('href');
    const reader = await context.newPage();
    const times = [];
    for (let i = 0; i < 8; i++) {
      await reader.goto(`chrome-extension://${id}${href}`);
      // Time since navigation started, once the article's text is in place and a frame has been painted.
      const ms = await reader.evaluate(
        () =>
          new Promise((resolve) => {
            const done = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now())));
            const ready = () => document.querySelector('.content')?.childElementCount;
            if (ready()) return done();
            new MutationObserver((_, observer) => {
              if (ready()) {
                observer.disconnect();
                done();
              }
            }).observe(document.body, { childList: true, subtree: true });
          }),
      );
      if (i > 0) times.push(ms); // the first load also compiles the page's scripts
    }
    const kb = await reader.evaluate(() => new Blob([document.querySelector('.content').innerHTML]).size / 1024);
    return {
      figures: { reader_first_paint_ms: round(median(times), 1), reader_article_kb: round(kb, 1) },
      detail: { page: largest, times },
    };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.close();
  }
}
