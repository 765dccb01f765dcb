// A page that never stops changing (issue 15): a clock ticking four times a second, a banner rotating every two
// seconds and a live feed growing inside the article every second, saved with highlights (one of them on text
// the page no longer shows, so that it is looked for again and again). With the built extension in Chromium,
// V8's sampling profiler on that tab for a while: the CPU time spent in Gleaner's own script there, per minute
// (living_page_cpu_ms_per_min), beside the page's own script (living_page_own_cpu_ms_per_min) for scale.
/* global chrome -- the extension API inside the service worker, where worker.evaluate runs */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchExtension, round, serveDir } from './lib.mjs';

/** How long the profiler watches the page. */
const WATCH_MS = 30_000;

const SENTENCES = [
  'The harbour woke early that Monday, with fog over the cranes and gulls on every bollard along the quay.',
  'By nine the first ferry had left, carrying commuters, two bicycles and a piano for the school on the hill.',
  'Nobody expected the storm that rolled in from the west shortly after lunch, flattening the market stalls.',
  'Fishermen hauled their boats onto the slipway while the coastguard radioed warnings to the islands.',
  'In the evening the wind dropped as fast as it had risen, and the town counted its broken windows.',
  'The mayor promised repairs within a week; the baker simply handed out bread to anyone who came by.',
];

function livingPage() {
  const paragraphs = Array.from({ length: 40 }, (_, i) => `<p>${SENTENCES[i % SENTENCES.length]} (${i + 1})</p>`);
  return `<!doctype html><html><head><meta charset="utf-8"><title>The living harbour</title></head><body>
<header><span id="clock"></span> <span id="banner">Banner 0</span></header>
<article><h1>The living harbour</h1><ol id="feed"></ol>${paragraphs.join('')}<p id="gone">This sentence is taken away later.</p></article>
<script>
  let n = 0;
  setInterval(() => { document.getElementById('clock').textContent = new Date().toISOString(); }, 250);
  setInterval(() => { document.getElementById('banner').innerHTML = '<b>Banner ' + (++n) + '</b>'; }, 2000);
  setInterval(() => {
    const item = document.createElement('li');
    item.textContent = 'Live: update number ' + (++n) + ' from the quay.';
    document.getElementById('feed').prepend(item);
  }, 1000);
  window.takeAway = () => document.getElementById('gone').remove();
</script></body></html>`;
}

export async function benchLiving() {
  const dir = mkdtempSync(join(tmpdir(), 'gleaner-living-'));
  writeFileSync(join(dir, 'living.html'), livingPage());
  const server = await serveDir(dir);
  const profile = mkdtempSync(join(tmpdir(), 'gleaner-bench-'));
  const { context, worker, id } = await launchExtension(profile);
  try {
    const [page, tabId] = await Promise.all([
      context.waitForEvent('page'),
      worker.evaluate(async (url) => (await chrome.tabs.create({ url })).id, `${server.origin}/living.html`),
    ]);
    await page.waitForLoadState();
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${id}/popup.html?tab=${tabId}`);
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await popup.getByRole('button', { name: 'Remove from library', exact: true }).waitFor();
    // Ten highlights over the article, and one on the sentence the page then takes away.
    const targets = [...Array.from({ length: 10 }, (_, i) => `(${i * 4 + 1})`), 'This sentence is taken away'];
    for (const [i, needle] of targets.entries()) {
      await page.evaluate((text) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.data.indexOf(text);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, Math.max(0, at - 20));
          range.setEnd(node, at + text.length);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
          return;
        }
        throw new Error(`not on the page: ${text}`);
      }, needle);
      await popup.reload();
      await popup.getByRole('button', { name: 'Highlight selection', exact: true }).click();
      await popup.getByRole('list', { name: 'Highlights', exact: true }).getByRole('listitem').nth(i).waitFor();
    }
    await popup.close();
    await page.evaluate(() => window.takeAway());

    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await page.waitForTimeout(WATCH_MS);
    const { profile: cpu } = await cdp.send('Profiler.stop');
    await cdp.detach();

    // Self time per node: its samples times the sampling interval actually achieved.
    const perSample = (cpu.endTime - cpu.startTime) / 1000 / cpu.samples.length;
    let ours = 0;
    let theirs = 0;
    for (const node of cpu.nodes) {
      const ms = node.hitCount * perSample;
      if (node.callFrame.url.startsWith('chrome-extension://')) ours += ms;
      else if (node.callFrame.url.startsWith(server.origin)) theirs += ms;
    }
    const perMinute = 60_000 / WATCH_MS;
    const drawn = await page.evaluate(() => {
      let count = 0;
      CSS.highlights.forEach((highlight, name) => name.startsWith('gleaner') && (count += highlight.size));
      return count;
    });
    return {
      figures: {
        living_page_cpu_ms_per_min: round(ours * perMinute, 1),
        living_page_own_cpu_ms_per_min: round(theirs * perMinute, 1),
      },
      detail: { watchedMs: WATCH_MS, highlights: targets.length, drawnAtEnd: drawn },
    };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
}
