// Bringing a whole library (issue 17), in real Chromium with the built extension: a Pocket export of 10,000 rows
// (its zip as downloaded) imported through the search page, then the background queue fetching those articles'
// pages from a local server standing for 200 sites (Chromium's --host-resolver-rules sends every `*.test` name
// to it), with latency, pages that fail once (500), sites that answer 429 with Retry-After once, and pages gone
// (404), at the queue's real politeness (one request per site at a time, a second between, six at once).
// Figures: import_pocket_10k_parse_ms (file chosen to the preview shown), import_pocket_10k_commit_ms ("Add to
// library" to the report), import_queue_articles_per_min (texts stored per minute over the run),
// import_queue_overlapping_requests (requests to one site that overlapped another: 0 is polite),
// import_queue_duplicate_fetches (pages asked again after their text was stored), import_queue_lost_after_restart
// (articles neither with text, nor queued, nor failed after the browser was closed mid-queue and opened again: 0),
// import_queue_heap_start_mb / _end_mb (JS heap of the offscreen document where the queue runs, after a
// garbage collection, early and late in the run: flat is the target), import_queue_search_p50_ms (a search in the library,
// input to count, while the queue runs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { build } from 'esbuild';
import { launchExtension, median, ROOT, round } from './lib.mjs';

const ROWS = 10_000;
const SITES = 200;
/** Seconds the queue runs before the browser is closed, and after it is opened again. */
const RUN_S = Number(process.env.BENCH_QUEUE_SECONDS ?? 90);
const AFTER_S = 30;

const say = (text) => console.error(`import bench: ${text}`);

/** The row's page: mostly articles, some failing once (500, 429) and some gone. */
function pathOf(i) {
  const kind = i % 50 === 7 ? 'flaky' : i % 50 === 19 ? 'busy' : i % 100 === 33 ? 'gone' : 'article';
  return `/${kind}/${i}`;
}

function pocketZip(port) {
  const lines = ['title,url,time_added,tags,status'];
  for (let i = 0; i < ROWS; i++) {
    const url = `http://s${i % SITES}.test:${port}${pathOf(i)}`;
    lines.push(
      `Row ${i},${url},${1_600_000_000 + i},${i % 3 ? 'imported' : 'imported|later'},${i % 4 ? 'unread' : 'archive'}`,
    );
  }
  return Buffer.from(zipSync({ 'part_000000.csv': strToU8(`${lines.join('\n')}\n`) }));
}

/** Chromium with the extension, every `*.test` host name sent to the local server. */
const launch = (profile) => launchExtension(profile, ['--host-resolver-rules=MAP *.test 127.0.0.1']);

/** The queue and the library's counts, read from IndexedDB in an extension page. */
function counts(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('gleaner');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['articles', 'contents', 'fetchJobs']);
          const out = {};
          const count = (name, store, range) => {
            const request = range ? store.count(range) : store.count();
            request.onsuccess = () => (out[name] = request.result);
          };
          count('articles', tx.objectStore('articles'));
          count('texts', tx.objectStore('contents'));
          const jobs = tx.objectStore('fetchJobs').index('[state+due]');
          count('queued', jobs, IDBKeyRange.bound(['queued', -Infinity], ['queued', Infinity]));
          count('failed', jobs, IDBKeyRange.bound(['failed', -Infinity], ['failed', Infinity]));
          tx.oncomplete = () => resolve(out);
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** The JS heap of the offscreen document where the queue runs (asked through a page's session, which can reach
 * other targets: Playwright's sessions attach to pages only). */
async function offscreenHeapMb(context, page) {
  const cdp = await context.newCDPSession(page);
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const offscreen = targetInfos.find((target) => target.url.endsWith('/offscreen.html'));
    if (!offscreen) return null;
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: offscreen.targetId, flatten: false });
    const ask = (id, method) =>
      new Promise((resolve) => {
        const listener = ({ message }) => {
          const answer = JSON.parse(message);
          if (answer.id !== id) return;
          cdp.off('Target.receivedMessageFromTarget', listener);
          resolve(answer.result);
        };
        cdp.on('Target.receivedMessageFromTarget', listener);
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
      });
    await ask(1, 'HeapProfiler.collectGarbage');
    const { usedSize } = await ask(2, 'Runtime.getHeapUsage');
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => null);
    return usedSize / 1024 / 1024;
  } finally {
    await cdp.detach();
  }
}

/** In the search page: one input event, then ms until the count for it is painted. */
function searchOnce(text) {
  return new Promise((resolve) => {
    const box = document.querySelector('input[type=search]');
    const status = () => document.querySelector('p.count')?.textContent ?? '';
    const since = performance.now();
    box.value = text;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    const check = () => {
      if (/^\d[\d,]* results?\b|^At least/.test(status())) resolve(performance.now() - since);
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

/** The tests' server standing for many sites (tests/support/sites-server.ts), bundled for Node. */
async function sitesServer() {
  const dir = mkdtempSync(join(tmpdir(), 'gleaner-sites-'));
  const outfile = join(dir, 'sites-server.mjs');
  await build({
    entryPoints: [join(ROOT, 'tests', 'support', 'sites-server.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
  });
  const module = await import(outfile);
  rmSync(dir, { recursive: true, force: true });
  return module;
}

export async function benchImport() {
  const { serveSites, overlapping } = await sitesServer();
  const server = await serveSites({ latencyMs: 60 });
  const profile = mkdtempSync(join(tmpdir(), 'gleaner-import-bench-'));
  try {
    let { context, id } = await launch(profile);
    const library = await context.newPage();
    await library.goto(`chrome-extension://${id}/search.html`);
    await library.locator('p.count').waitFor();

    say(`importing ${ROWS} rows of Pocket`);
    const zip = pocketZip(server.port);
    let started = Date.now();
    await library
      .getByLabel(/^Import from/)
      .setInputFiles({ name: 'pocket.zip', mimeType: 'application/zip', buffer: zip });
    const add = library.getByRole('group', { name: 'Import preview' }).getByRole('button', { name: 'Add to library' });
    await add.waitFor({ timeout: 120_000 });
    const parseMs = Date.now() - started;
    started = Date.now();
    await add.click();
    await library.getByText(/^Imported from Pocket/).waitFor({ timeout: 300_000 });
    const commitMs = Date.now() - started;
    say(`parsed in ${parseMs} ms, committed in ${commitMs} ms; fetching for ${RUN_S} s`);

    const queueStart = Date.now();
    const startTexts = (await counts(library)).texts;
    await new Promise((done) => setTimeout(done, 15_000));
    const heapStart = await offscreenHeapMb(context, library);
    // The library stays usable: searches while the queue runs.
    const searches = [];
    for (const query of ['paragraph', 'library keeps', '"found again"', 'tag:later', 'highlights', 'nothingsuch']) {
      searches.push(await library.evaluate(searchOnce, query));
      await new Promise((done) => setTimeout(done, 500));
    }
    await new Promise((done) => setTimeout(done, Math.max(0, RUN_S * 1000 - (Date.now() - queueStart))));
    const heapEnd = await offscreenHeapMb(context, library);
    const beforeClose = await counts(library);
    const ranMs = Date.now() - queueStart;
    const perMinute = ((beforeClose.texts - startTexts) / ranMs) * 60_000;
    say(`${beforeClose.texts} texts after ${Math.round(ranMs / 1000)} s; closing the browser mid-queue`);
    await context.close();

    ({ context, id } = await launch(profile));
    const options = await context.newPage();
    await options.goto(`chrome-extension://${id}/options.html`);
    const reopened = await counts(options);
    await new Promise((done) => setTimeout(done, AFTER_S * 1000));
    const after = await counts(options);
    await context.close();
    say(`after the restart: ${reopened.texts} → ${after.texts} texts in ${AFTER_S} s`);

    // Every article is accounted for: with its text, or queued, or failed (and said why).
    const lost = after.articles - after.texts - after.queued - after.failed;
    const asked = server.requests.filter((r) => /^\/(article|flaky|busy)\//.test(r.path) && r.status === 200);
    const duplicates = asked.length - new Set(asked.map((r) => `${r.site}${r.path}`)).size;
    return {
      figures: {
        import_pocket_10k_parse_ms: parseMs,
        import_pocket_10k_commit_ms: commitMs,
        import_queue_articles_per_min: round(perMinute, 0),
        import_queue_resumed_texts: after.texts - reopened.texts,
        import_queue_overlapping_requests: overlapping(server.requests).length,
        import_queue_duplicate_fetches: duplicates,
        import_queue_lost_after_restart: lost,
        import_queue_heap_start_mb: heapStart === null ? null : round(heapStart, 1),
        import_queue_heap_end_mb: heapEnd === null ? null : round(heapEnd, 1),
        import_queue_search_p50_ms: round(median(searches), 1),
      },
      detail: { beforeClose, reopened, after, searches, requests: server.requests.length },
    };
  } finally {
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
