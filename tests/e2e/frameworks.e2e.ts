/**
 * Highlights on a page built with a real framework from npm: Preact, rendered on the server by
 * preact-render-to-string and hydrated in the browser, with a counter it re-renders four times a second (a page
 * that never stops changing) and an article it later edits in place and re-keys. Gleaner must never break it:
 * the page shows exactly its own text, with no script error, while the highlight is found again once the page
 * settles, or said to be not found.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { h } from 'preact';
import * as hooks from 'preact/hooks';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { useExtension } from './browser';
import { drawnHighlights, highlightList, selectText } from './page-helpers';

const env = useExtension();
/** Preact's own browser builds, as the npm package ships them (its `exports` do not list them). */
const PREACT_DIR = join(dirname(import.meta.dirname), '..', 'node_modules', 'preact');

interface Story {
  title: string;
  paragraphs: string[];
  /** Keys of the paragraphs: new keys make the framework replace their elements. */
  keys: string[];
}

/**
 * The page's app, the same function on the server and in the browser (its source is sent to the page, so it
 * uses only what it is given). `window.setStory` lets the test stand for the app's own data changing.
 */
function makeApp(create: typeof h, { useEffect, useState }: typeof hooks) {
  return function App({ initial }: { initial: Story }) {
    const [story, setStory] = useState(initial);
    const [ticks, setTicks] = useState(0);
    useEffect(() => {
      (window as unknown as { setStory(story: Story): void }).setStory = setStory;
      const timer = setInterval(() => setTicks((n) => n + 1), 250);
      return () => clearInterval(timer);
    }, []);
    return create(
      'main',
      null,
      create('p', { class: 'live' }, `Live: updated ${ticks} times`),
      create(
        'article',
        null,
        create('h1', null, story.title),
        story.paragraphs.map((text, i) => create('p', { key: story.keys[i] }, text)),
      ),
    );
  };
}

const QUOTE = 'the storm that rolled in from the west';
const STORY: Story = {
  title: 'The harbour in the storm',
  paragraphs: [
    'The harbour woke early that Monday, with fog over the cranes and gulls on every bollard along the quay.',
    'By nine the first ferry had left, carrying commuters, two bicycles and a piano for the school on the hill.',
    `Nobody expected ${QUOTE} shortly after lunch, flattening the market stalls and scattering the fruit.`,
    'Fishermen hauled their boats onto the slipway while the coastguard radioed warnings to the islands.',
    'In the evening the wind dropped as fast as it had risen, and the town counted its broken windows.',
    'The mayor promised repairs within a week; the baker simply handed out bread to anyone who came by.',
  ],
  keys: ['a', 'b', 'c', 'd', 'e', 'f'],
};

/** The page as its server sends it: rendered to HTML, then hydrated by the same app. */
function serverPage(): string {
  const App = makeApp(h, hooks);
  const html = renderToString(h(App, { initial: STORY }));
  return `<!doctype html><html><head><meta charset="utf-8"><title>${STORY.title}</title></head><body>
<div id="app">${html}</div>
<script src="/fw/preact.js"></script><script src="/fw/hooks.js"></script>
<script>
  window.errors = [];
  addEventListener('error', (event) => window.errors.push(String(event.message)));
  const App = (${makeApp.toString()})(preact.h, preactHooks);
  preact.hydrate(preact.h(App, { initial: ${JSON.stringify(STORY)} }), document.getElementById('app'));
</script></body></html>`;
}

describe('a page rendered by a framework (Preact, server-rendered and hydrated)', () => {
  it('keeps its own text and runs without error, while its highlight follows its edits', async () => {
    const js = 'text/javascript; charset=utf-8';
    env.server.route('/fw/preact.js', readFileSync(join(PREACT_DIR, 'dist', 'preact.umd.js')), js);
    env.server.route('/fw/hooks.js', readFileSync(join(PREACT_DIR, 'hooks', 'dist', 'hooks.umd.js')), js);
    env.server.route('/fw/story.html', serverPage());
    const { page, tabId } = await env.browser.openTab(`${env.server.origin}/fw/story.html`);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // Hydrated: the counter ticks.
    await expect.poll(() => page.locator('.live').textContent()).not.toBe('Live: updated 0 times');

    await selectText(page, QUOTE);
    let popup = await env.browser.openPopup(tabId);
    await popup.getByRole('button', { name: 'Highlight selection', exact: true }).click();
    await expect.poll(async () => (await drawnHighlights(page)).map((h) => h.text)).toEqual([QUOTE]);
    await popup.close();

    /** The article's paragraphs as the page shows them. */
    const shown = () => page.locator('article p').allTextContents();
    const setStory = (story: Story) =>
      page.evaluate((next) => (window as unknown as { setStory(story: Story): void }).setStory(next), story);

    // The counter goes on re-rendering for a while: the highlight stays drawn, the page's text its own.
    await page.waitForTimeout(1_500);
    expect((await drawnHighlights(page)).map((h) => h.text)).toEqual([QUOTE]);
    expect(await shown()).toEqual(STORY.paragraphs);

    // The app edits the highlighted paragraph's text node in place, the quote kept: the page shows exactly the
    // app's text, and the highlight is found again on it once the page settles.
    const edited = [...STORY.paragraphs];
    edited[2] = `Update at noon: nobody expected ${QUOTE} shortly after lunch, flattening the stalls.`;
    await setStory({ ...STORY, paragraphs: edited });
    await expect.poll(shown).toEqual(edited);
    await expect
      .poll(async () => (await drawnHighlights(page)).map((h) => h.text), { timeout: 2_000 })
      .toEqual([QUOTE]);
    expect((await highlightList(page)).items).toEqual([`Highlight, Yellow: ${QUOTE}`]);

    // The app edits the quote away: its text as it wrote it, and the highlight said not found, on the page and
    // in the popup.
    const without = [...edited];
    without[2] = 'Update at noon: only light rain came in the afternoon, the forecast said.';
    await setStory({ ...STORY, paragraphs: without });
    await expect.poll(shown).toEqual(without);
    await expect.poll(() => drawnHighlights(page), { timeout: 2_000 }).toEqual([]);
    expect((await highlightList(page)).items).toEqual([]);
    popup = await env.browser.openPopup(tabId);
    await popup.getByText('Not found on the page as it is now').waitFor();
    await popup.close();

    // The app renders the story anew under new keys (every paragraph element replaced), the quote back in it:
    // drawn again.
    await setStory({ ...STORY, keys: STORY.keys.map((key) => `${key}2`) });
    await expect.poll(shown).toEqual(STORY.paragraphs);
    await expect
      .poll(async () => (await drawnHighlights(page)).map((h) => h.text), { timeout: 2_000 })
      .toEqual([QUOTE]);

    // Through all of it: no script error, and the app still running.
    const ticks = await page.locator('.live').textContent();
    await expect.poll(() => page.locator('.live').textContent()).not.toBe(ticks);
    expect(pageErrors).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { errors: string[] }).errors)).toEqual([]);
    await page.close();
  });
});
