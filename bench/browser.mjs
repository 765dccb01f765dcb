// The library at 10,000 and 50,000 articles where the user is (issue 13): the built extension in real Chromium
// with its own IndexedDB. The generated library of the search benchmark is written as a backup file and restored
// through the search page's "Restore backup", as a user would; then, in a fresh browser on that profile:
// opening the search page to its first count, searching as you type (input event to count painted) over the
// search benchmark's query list (with tag, site and no-result queries), the popup's heading and a save, each
// against the same in an empty library; and MiniSearch, the peer, on the same library and queries in a page of
// the same browser (browser_peer_minisearch_first_ms, _p50_ms, _p95_ms, and our ratios _vs_minisearch).
// Figures (suffix _10k, _50k): browser_backup_ms, browser_backup_file_mb and browser_backup_heap_mb ("Back up"
// until the file is offered, its size, the peak JS heap meanwhile), browser_restore_ms, browser_restore_check_ms
// (reading and checking the whole file), browser_restore_merge_ms (writing it), browser_restore_index_ms (its index rebuild),
// browser_restore_heap_mb (peak JS heap, the page's and its workers'), browser_restore_longest_task_ms, browser_search_first_ms,
// browser_search_p50_ms, browser_search_p95_ms (input to the count painted), browser_search_snippets_p50_ms
// (input to the results' snippets painted: they are read once typing pauses), browser_popup_heading_ms (+ _empty, _ratio),
// browser_save_ms (+ _empty, _ratio), browser_index_articles_per_s.
/* global chrome -- the extension API inside the service worker, where worker.evaluate runs */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CHROMIUM_ARGS,
  chromiumPath,
  inNodeProcess,
  launchExtension,
  median,
  percentile,
  ROOT,
  round,
  serveDir,
} from './lib.mjs';

const SEED = 4242;

/** Progress on stderr: a run takes minutes. */
const say = (text) => console.error(`browser bench: ${text}`);

/** Resolves, in the page, once the search count for the current query is painted: ms since `since`. */
function countPainted(since) {
  return new Promise((resolve) => {
    const status = () => document.querySelector('p.count');
    const ready = () => /^\d[\d,]* results?\b|^At least/.test(status()?.textContent ?? '');
    const done = () => requestAnimationFrame(() => resolve(performance.now() - since));
    if (ready()) return done();
    new MutationObserver((_, observer) => {
      if (!ready()) return;
      observer.disconnect();
      done();
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

/** Opens the search page and times navigation to its first count (a fresh page). */
async function openSearch(context, id) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/search.html`);
  const first = await page.evaluate(countPainted, 0);
  return { page, first };
}

/**
 * In the search page: types `text` into the box (one input event) and resolves with the ms until the new count
 * is painted. The count first turns to "Searching…" (SearchPage), so the old count is not taken for the new;
 * NaN if nothing changed within 10 s (the same query twice). With `snippets`, until the results' snippets (read
 * once typing pauses) are painted too; NaN when none come (a query matching no article text).
 */
function timeQuery({ text, snippets = false }) {
  return new Promise((resolve) => {
    const box = document.querySelector('#search-box');
    const status = document.querySelector('p.count');
    const counted = () => /^\d[\d,]* results?\b|^At least/.test(status.textContent ?? '');
    let searching = false;
    let shown = false;
    const start = performance.now();
    const observer = new MutationObserver(() => {
      if (!counted()) searching = true;
      else if (searching) shown = true;
      if (shown && (!snippets || document.querySelector('.results p.snippet'))) {
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - start));
      }
    });
    observer.observe(snippets ? document.body : status, { childList: true, subtree: true, characterData: true });
    setTimeout(
      () => {
        observer.disconnect();
        resolve(Number.NaN);
      },
      snippets ? 3_000 : 10_000,
    );
    box.value = text;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Types each query, twice over the list; the times in ms (and, in `byQuery`, each query's, for the details). */
async function searchTimes(page, queries, byQuery = {}) {
  const times = [];
  for (let pass = 0; pass < 2; pass++) {
    for (const query of queries) {
      const ms = await page.evaluate(timeQuery, { text: query });
      (byQuery[query] ??= []).push(Math.round(ms * 10) / 10);
      times.push(ms);
    }
  }
  return times.filter((ms) => !Number.isNaN(ms));
}

/** In the popup: ms since navigation until its heading (the article's title) is painted. */
function headingPainted() {
  return new Promise((resolve) => {
    const done = () => requestAnimationFrame(() => resolve(performance.now()));
    if (document.querySelector('h1')) return done();
    new MutationObserver((_, observer) => {
      if (!document.querySelector('h1')) return;
      observer.disconnect();
      done();
    }).observe(document.body, { childList: true, subtree: true });
  });
}

/** Popup on a served article: navigation to its heading; then Save to "Remove from library" (medians of 6). */
async function popupTimes(context, worker, id, url) {
  const [tab, tabId] = await Promise.all([
    context.waitForEvent('page'),
    worker.evaluate(async (href) => (await chrome.tabs.create({ url: href })).id, url),
  ]);
  await tab.waitForLoadState();
  const heading = [];
  const save = [];
  const popup = await context.newPage();
  for (let i = 0; i < 8; i++) {
    await popup.goto(`chrome-extension://${id}/popup.html?tab=${tabId}`);
    const shown = await popup.evaluate(headingPainted);
    const saveButton = popup.getByRole('button', { name: 'Save', exact: true });
    await saveButton.waitFor();
    const started = await popup.evaluate(() => performance.now());
    await saveButton.click();
    await popup.getByRole('button', { name: 'Remove from library' }).waitFor();
    const saved = await popup.evaluate(() => performance.now());
    await popup.getByRole('button', { name: 'Remove from library' }).click();
    await saveButton.waitFor();
    if (i < 2) continue; // the first rounds also compile the popup's and the background's code
    heading.push(shown);
    save.push(saved - started);
  }
  await popup.close();
  await tab.close();
  return { heading: median(heading), save: median(save) };
}

/**
 * Samples the JS heap of the page and of its workers (the index is rebuilt in workers) every 200 ms until
 * `stop()`, which resolves to the peak of their sum in bytes. A worker's heap is asked through the page's
 * session (auto-attached, messages relayed: Playwright's sessions reach pages only).
 */
async function sampleHeap(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const workers = new Set();
  const answers = new Map();
  let asked = 0;
  cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
    if (targetInfo.type === 'worker') workers.add(sessionId);
  });
  cdp.on('Target.detachedFromTarget', ({ sessionId }) => workers.delete(sessionId));
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const { id, result } = JSON.parse(message);
    answers.get(id)?.(result?.usedSize ?? 0);
    answers.delete(id);
  });
  const workerHeap = (sessionId) =>
    new Promise((resolve) => {
      const id = ++asked;
      answers.set(id, resolve);
      const message = JSON.stringify({ id, method: 'Runtime.getHeapUsage' });
      cdp.send('Target.sendMessageToTarget', { sessionId, message }).catch(() => resolve(0));
      setTimeout(() => resolve(0), 1_000); // a worker ending meanwhile
    });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  let peak = 0;
  let sampling = true;
  const sample = (async () => {
    while (sampling) {
      const { metrics } = await cdp.send('Performance.getMetrics').catch(() => ({ metrics: [] }));
      const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
      const inWorkers = await Promise.all([...workers].map(workerHeap));
      peak = Math.max(peak, used + inWorkers.reduce((sum, n) => sum + n, 0));
      await new Promise((done) => setTimeout(done, 200));
    }
  })();
  return {
    stop: async () => {
      sampling = false;
      await sample;
      return peak;
    },
  };
}

/** Backs the library up from the search page ("Back up"): ms until the file is offered, its size, peak heap. */
async function backUpThroughPage(context, id) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/search.html`);
  await page.evaluate(countPainted, 0);
  const heap = await sampleHeap(context, page);
  const started = Date.now();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 600_000 }),
    page.getByRole('button', { name: 'Back up' }).click(),
  ]);
  const ms = Date.now() - started;
  const path = await download.path();
  const peak = await heap.stop();
  await page.close();
  return { ms, mb: statSync(path).size / 1024 / 1024, heapMb: peak / 1024 / 1024 };
}

/** Restores the backup file through the search page: total and index-rebuild times, peak heap, longest task. */
async function restoreThroughPage(context, id, file) {
  const page = await context.newPage();
  page.on('crash', () => say('the search page crashed'));
  await page.goto(`chrome-extension://${id}/search.html`);
  await page.evaluate(countPainted, 0);
  await page.evaluate(() => {
    window.benchLongest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.benchLongest = Math.max(window.benchLongest, entry.duration);
    }).observe({ type: 'longtask', buffered: false });
    window.benchIndexAt = 0;
    new MutationObserver(() => {
      if (!window.benchIndexAt && /Updating the search index/.test(document.body.textContent ?? '')) {
        window.benchIndexAt = performance.now();
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  const heap = await sampleHeap(context, page);
  const started = await page.evaluate(() => performance.now());
  await page.getByLabel('Restore backup').setInputFiles(file);
  await page.getByText(/^Restored:/).waitFor({ timeout: 600_000 });
  const [ended, indexAt, longest, marks] = await page.evaluate(() => [
    performance.now(),
    window.benchIndexAt,
    window.benchLongest,
    Object.fromEntries(performance.getEntriesByType('mark').map((mark) => [mark.name, mark.startTime])),
  ]);
  const peak = await heap.stop();
  await page.close();
  const checked = marks['gleaner-restore-checked'] ?? NaN;
  const merged = marks['gleaner-restore-merged'] ?? NaN;
  return {
    total: ended - started,
    check: checked - started,
    merge: merged - checked,
    index: indexAt ? ended - indexAt : NaN,
    heapMb: peak / 1024 / 1024,
    longest,
  };
}

/**
 * The peer in the same browser: MiniSearch in a page of a local server (bench/browser/minisearch-page.ts), its
 * index built from the same library and stored in that page's IndexedDB, then, in a fresh browser: the page
 * opened to its first count, and the same queries timed the same way.
 */
async function peerTimes(count, queries) {
  const { build } = await import('esbuild');
  const { chromium } = await import('playwright-core');
  const dir = join(ROOT, '.bench', `peer-${count}`);
  await build({
    entryPoints: [join(ROOT, 'bench', 'browser', 'minisearch-page.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    outfile: join(dir, 'peer.js'),
    target: 'chrome120',
    logLevel: 'error',
  });
  writeFileSync(
    join(dir, 'page.html'),
    '<!doctype html><meta charset="utf-8"><input id="search-box"><p class="count"></p><script src="peer.js"></script>',
  );
  const server = await serveDir(dir);
  const profile = mkdtempSync(join(tmpdir(), 'gleaner-bench-peer-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      headless: false,
      args: ['--headless=new', ...CHROMIUM_ARGS],
    });
  try {
    let context = await launch();
    let page = await context.newPage();
    await page.goto(`${server.origin}/page.html?setup`);
    await page.getByText(/^Stored \d+|^Failed/).waitFor({ timeout: 1_200_000 });
    const stored = await page.locator('p.count').textContent();
    await context.close();
    if (!stored.startsWith('Stored')) return { failed: stored };
    context = await launch();
    page = await context.newPage();
    await page.goto(`${server.origin}/page.html`);
    const first = await page.evaluate(countPainted, 0);
    const times = await searchTimes(page, queries);
    await context.close();
    return { first, times };
  } finally {
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export async function benchBrowser(count = 10_000) {
  const suffix = `_${count / 1000}k`;
  const { bytes } = await inNodeProcess('browser/backup-entry.ts', 'writeLibraryBackup', count, { seed: SEED });
  const file = join(ROOT, '.bench', `library-${count}.json`);
  const { queries } = await inNodeProcess('browser/queries-entry.ts', 'libraryQueries', count, { seed: SEED });
  /** Each query's times, for the details. */
  const byQuery = {};
  const server = await serveDir(join(ROOT, 'tests', 'fixtures'));
  const article = `${server.origin}/itij-cpi-healthcare.html`;
  const profile = mkdtempSync(join(tmpdir(), 'gleaner-bench-library-'));
  const figures = {};
  try {
    // The empty library first: the popup's baseline.
    say('the popup in an empty library');
    let browser = await launchExtension(profile);
    const empty = await popupTimes(browser.context, browser.worker, browser.id, article);
    say(`restoring ${count} articles through the search page`);
    const restored = await restoreThroughPage(browser.context, browser.id, file);
    say(`backing up ${count} articles through the search page`);
    const backedUp = await backUpThroughPage(browser.context, browser.id);
    await browser.context.close();

    // A fresh browser on the full profile, as the user would come back to it.
    say('searching in a fresh browser');
    browser = await launchExtension(profile);
    const { page, first } = await openSearch(browser.context, browser.id);
    // Typing is timed once the whole library is loaded (until then the page shows its count and newest articles,
    // and a query waits for the library: that wait is the first count's figure, not typing's).
    await page.waitForFunction(() => !document.body.textContent?.includes('Loading your library'), null, {
      timeout: 300_000,
    });
    // BENCH_PROFILE=1 (with a GLEANER_PROFILE=1 build, unminified): V8's CPU profile of the search page while it
    // is typed into, written to .bench/search-<size>.cpuprofile, for finding where its time goes.
    const profiler = process.env.BENCH_PROFILE ? await browser.context.newCDPSession(page) : null;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.setSamplingInterval', { interval: 100 });
      await profiler.send('Profiler.start');
    }
    const times = await searchTimes(page, queries, byQuery);
    if (profiler) {
      const { profile: cpu } = await profiler.send('Profiler.stop');
      mkdirSync(join(ROOT, '.bench'), { recursive: true });
      writeFileSync(join(ROOT, '.bench', `search-${count}.cpuprofile`), JSON.stringify(cpu));
    }
    const snippetTimes = [];
    for (const query of queries) snippetTimes.push(await page.evaluate(timeQuery, { text: query, snippets: true }));
    say('the popup in the full library');
    const full = await popupTimes(browser.context, browser.worker, browser.id, article);
    await browser.context.close();
    say(`MiniSearch on the same library in the same browser`);
    const peer = await peerTimes(count, queries);
    if (peer.failed) say(`MiniSearch could not be set up: ${peer.failed}`);
    const peerP95 = peer.times ? percentile(peer.times, 95) : NaN;

    Object.assign(figures, {
      [`browser_articles${suffix}`]: count,
      [`browser_backup_mb${suffix}`]: round(bytes / 1024 / 1024, 1),
      [`browser_backup_ms${suffix}`]: round(backedUp.ms, 0),
      [`browser_backup_file_mb${suffix}`]: round(backedUp.mb, 1),
      [`browser_backup_heap_mb${suffix}`]: round(backedUp.heapMb, 0),
      [`browser_restore_ms${suffix}`]: round(restored.total, 0),
      [`browser_restore_check_ms${suffix}`]: round(restored.check, 0),
      [`browser_restore_merge_ms${suffix}`]: round(restored.merge, 0),
      [`browser_restore_index_ms${suffix}`]: round(restored.index, 0),
      [`browser_index_articles_per_s${suffix}`]: round(count / (restored.index / 1000), 0),
      [`browser_restore_heap_mb${suffix}`]: round(restored.heapMb, 0),
      [`browser_restore_longest_task_ms${suffix}`]: round(restored.longest, 0),
      [`browser_search_first_ms${suffix}`]: round(first, 1),
      [`browser_search_p50_ms${suffix}`]: round(percentile(times, 50), 1),
      [`browser_search_p95_ms${suffix}`]: round(percentile(times, 95), 1),
      [`browser_search_snippets_p50_ms${suffix}`]: round(
        percentile(
          snippetTimes.filter((ms) => !Number.isNaN(ms)),
          50,
        ),
        1,
      ),
      [`browser_peer_minisearch_first_ms${suffix}`]: round(peer.first ?? NaN, 1),
      [`browser_peer_minisearch_p50_ms${suffix}`]: round(peer.times ? percentile(peer.times, 50) : NaN, 1),
      [`browser_peer_minisearch_p95_ms${suffix}`]: round(peerP95, 1),
      [`browser_search_p95_vs_minisearch${suffix}`]: round(percentile(times, 95) / peerP95, 2),
      [`browser_search_first_vs_minisearch${suffix}`]: round(first / (peer.first ?? NaN), 2),
      [`browser_popup_heading_ms${suffix}`]: round(full.heading, 1),
      browser_popup_heading_ms_empty: round(empty.heading, 1),
      [`browser_popup_heading_ratio${suffix}`]: round(full.heading / empty.heading, 2),
      [`browser_save_ms${suffix}`]: round(full.save, 1),
      browser_save_ms_empty: round(empty.save, 1),
      [`browser_save_ratio${suffix}`]: round(full.save / empty.save, 2),
    });
  } finally {
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return { figures, detail: { queries, byQuery } };
}
