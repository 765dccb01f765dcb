/**
 * Gleaner in real Firefox (ESR, Manifest V2 build): save a page from the popup, highlight a selection, get
 * it back on reload, find it in search and read it offline, and the options page. Where Firefox differs from
 * Chrome (utils/platform.ts, WXT's browser), this is what proves it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFixtures, type FixtureServer } from './browser';
import { findFirefox, launchFirefox, type FirefoxWithExtension } from './firefox';
import { itijPage } from './page-helpers';
import { articlePage } from '../support/sites-server';

const SENTENCE = '“This will not be the last health crisis.”';
const TITLE = 'The CPI issues call to protect international healthcare providers from cyber attacks';
const ci = ['true', '1'].includes(String(process.env.CI).toLowerCase());
const hasFirefox = findFirefox() !== null;
if (!hasFirefox && !ci)
  console.error(
    `\n${'#'.repeat(78)}\n#  FIREFOX TESTS SKIPPED: no Firefox found. Install it: apt-get install -y firefox-esr\n${'#'.repeat(78)}\n`,
  );

/** Clicks the button whose text or label is `name` (as a reader would find it). */
const click = (name: string) => {
  const button = [...document.querySelectorAll('button')].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim() === name,
  );
  if (!button) return false;
  button.click();
  return true;
};
/** Whether a button named `name` is on the page. */
const hasButton = (name: string) =>
  [...document.querySelectorAll('button')].some(
    (b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim() === name,
  );
/** The texts of the drawn highlights (marks, or ranges of `gleaner…` custom highlights: surface.md), in order. */
const drawn = () => {
  const texts = new Map<string, string>();
  for (const mark of document.querySelectorAll<HTMLElement>('[data-highlight-id]'))
    texts.set(mark.dataset.highlightId!, (texts.get(mark.dataset.highlightId!) ?? '') + mark.textContent);
  const ranges: Range[] = [];
  CSS.highlights.forEach((highlight, name) => {
    if (name.startsWith('gleaner')) ranges.push(...(highlight as unknown as Set<Range>));
  });
  ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  return [...texts.values(), ...ranges.map((range) => range.toString())];
};
/** The colour names of the painted highlights and the background each is painted with. */
const painted = () => {
  const found: string[] = [];
  CSS.highlights.forEach((highlight, name) => {
    if (!name.startsWith('gleaner')) return;
    const range = [...(highlight as unknown as Set<Range>)][0]!;
    found.push(
      `${name}: ${getComputedStyle(range.startContainer.parentElement!, `::highlight(${name})`).backgroundColor}`,
    );
  });
  return found.join(', ');
};

describe.skipIf(!hasFirefox && !ci)('Gleaner in Firefox', () => {
  let firefox: FirefoxWithExtension;
  let server: FixtureServer;
  beforeAll(async () => {
    expect(hasFirefox, 'No Firefox: apt-get install -y firefox-esr').toBe(true);
    [firefox, server] = await Promise.all([launchFirefox(), serveFixtures()]);
  }, 60_000);
  afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  it('saves, highlights, restores on reload, searches and reads offline', async () => {
    server.route('/itij/firefox.html', itijPage('firefox'));
    const url = `${server.origin}/itij/firefox.html`;
    const { context: page, tabId } = await firefox.openTab(url);
    const { context: search } = await firefox.openTab(`${firefox.extensionOrigin}search.html`);
    // The popup acts on the page's tab, as it does when opened from the toolbar button there.
    const { context: popup } = await firefox.openTab(`${firefox.extensionOrigin}popup.html?tab=${tabId}`);
    await firefox.waitFor(popup, () => document.querySelector('h1')?.textContent, null, TITLE);
    expect(await firefox.evaluate(popup, click, 'Save')).toBe(true);
    await firefox.waitFor(popup, hasButton, 'Remove from library', true);

    // Select a sentence on the page and highlight it from the popup.
    await firefox.evaluate(
      page,
      (text: string) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          const at = node.data.indexOf(text);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + text.length);
          getSelection()!.removeAllRanges();
          getSelection()!.addRange(range);
          return true;
        }
        return false;
      },
      SENTENCE,
    );
    expect(await firefox.evaluate(popup, click, 'Highlight selection')).toBe(true);
    await firefox.waitFor(page, drawn, null, [SENTENCE]);
    // Painted with the CSS Custom Highlight API (Firefox 140+), in the default yellow.
    expect(await firefox.evaluate(page, painted, null)).toBe('gleaner-yellow: rgba(255, 212, 0, 0.4)');

    // Back on a revisit: the background saw the load (tabs.onUpdated) and injected the highlighter.
    await firefox.reload(page);
    await firefox.waitFor(page, drawn, null, [SENTENCE]);

    // A real click on the highlight opens its editor in the panel frame, a moz-extension:// document.
    const mark = await firefox.evaluate(
      page,
      () => {
        let range: Range | undefined;
        CSS.highlights.forEach((highlight, name) => {
          if (name.startsWith('gleaner')) range ??= [...(highlight as unknown as Set<Range>)][0];
        });
        range!.startContainer.parentElement!.scrollIntoView({ block: 'center' });
        const box = range!.getClientRects()[0]!;
        return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      },
      null,
    );
    await firefox.clickAt(page, mark.x, mark.y);
    let panel: { context: string; url: string } | undefined;
    for (let i = 0; i < 50 && !panel; i++) {
      panel = (await firefox.frames(page)).find((frame) => decodeURIComponent(frame.url).includes('"mode":"edit"'));
      if (!panel) await new Promise((done) => setTimeout(done, 100));
    }
    expect(panel?.url).toMatch(/^moz-extension:\/\/[^/]+\/panel\.html#/);
    await firefox.waitFor(
      panel!.context,
      () => document.querySelector('[role=dialog]')?.getAttribute('aria-label'),
      null,
      'Highlight',
    );
    await firefox.evaluate(
      panel!.context,
      () => {
        const note = document.querySelector('textarea')!;
        note.value = 'Noted in Firefox';
        note.dispatchEvent(new Event('input', { bubbles: true }));
      },
      null,
    );
    await firefox.waitFor(
      panel!.context,
      () => document.querySelector('[role=dialog] [role=status]')?.textContent,
      null,
      'Note saved',
    );
    // The page itself cannot read the frame: none of the frames it can reach is readable (in Firefox a frame in
    // a closed shadow root is not even among window.frames).
    const reached = await firefox.evaluate(
      page,
      () =>
        [...Array(window.frames.length).keys()].map((i) => {
          try {
            return window.frames[i]!.document.body.innerHTML;
          } catch {
            return 'unreadable';
          }
        }),
      null,
    );
    expect(reached.filter((frame) => frame !== 'unreadable')).toEqual([]);

    // Search finds it; the reader shows it with its highlight, from IndexedDB in the add-on's origin.
    await firefox.reload(search);
    await firefox.evaluate(
      search,
      () => {
        const box = document.querySelector<HTMLInputElement>('input[type=search]')!;
        box.value = 'health crisis';
        box.dispatchEvent(new Event('input', { bubbles: true }));
      },
      null,
    );
    await firefox.waitFor(
      search,
      () => document.querySelector('[role=status].count')?.textContent?.split(' ').slice(0, 2).join(' '),
      null,
      '1 result',
    );
    // Rebuilt (in a worker of the add-on, as after a restore), the index finds it again.
    const rebuilt = await firefox.evaluate(
      search,
      () =>
        new Promise<string>((resolve) => {
          let shown = false;
          const observer = new MutationObserver(() => {
            const failure = document.querySelector('[role=alert]')?.textContent;
            if (failure) resolve(failure);
            if (document.querySelector('#index-progress')) shown = true;
            else if (shown) {
              observer.disconnect();
              resolve('rebuilt');
            }
          });
          observer.observe(document.body, { childList: true, subtree: true });
          [...document.querySelectorAll('button')].find((b) => b.textContent === 'Rebuild search index')!.click();
        }),
      null,
    );
    expect(rebuilt).toBe('rebuilt');
    await firefox.waitFor(
      search,
      () => document.querySelector('[role=status].count')?.textContent?.split(' ').slice(0, 2).join(' '),
      null,
      '1 result',
    );
    const reader = await firefox.evaluate(
      popup,
      () => document.querySelector('a[href^="/reader.html"]')?.getAttribute('href'),
      null,
    );
    const { context: readerTab } = await firefox.openTab(`${firefox.extensionOrigin}${reader!.slice(1)}`);
    await firefox.waitFor(readerTab, drawn, null, [SENTENCE]);
    expect(await firefox.evaluate(readerTab, () => document.querySelector('article h1')?.textContent, null)).toBe(
      TITLE,
    );
  });

  it("fetches imported articles' text in the background page, and finds it in search", async () => {
    server.route('/queue/one.html', articlePage('Fetched in Firefox one'));
    server.route('/queue/two.html', articlePage('Fetched in Firefox two'));
    const csv = `title,url,time_added,tags,status\nOne,${server.origin}/queue/one.html,1700000000,,unread\nTwo,${server.origin}/queue/two.html,1700000001,,archive\n`;
    const { context: library } = await firefox.openTab(`${firefox.extensionOrigin}search.html?view=all`);
    await firefox.waitFor(library, () => !!document.querySelector('input[type=file]'), null, true);
    await firefox.evaluate(
      library,
      (text: string) => {
        const input = [...document.querySelectorAll<HTMLInputElement>('input[type=file]')].find((i) =>
          i.labels?.[0]?.textContent?.startsWith('Import'),
        )!;
        const files = new DataTransfer();
        files.items.add(new File([text], 'pocket.csv', { type: 'text/csv' }));
        input.files = files.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      },
      csv,
    );
    await firefox.waitFor(library, hasButton, 'Add to library', true);
    expect(await firefox.evaluate(library, click, 'Add to library')).toBe(true);
    // The titles become the pages' own once their text is fetched (the background page parses them).
    const titles = () =>
      [...document.querySelectorAll('article h2')]
        .map((h) => h.textContent)
        .filter((t) => t?.startsWith('Fetched'))
        .sort();
    await firefox.waitFor(library, titles, null, ['Fetched in Firefox one', 'Fetched in Firefox two'], 20_000);
    const search = (query: string) => {
      const box = document.querySelector<HTMLInputElement>('input[type=search]')!;
      box.value = query;
      box.dispatchEvent(new Event('input', { bubbles: true }));
    };
    await firefox.evaluate(library, search, '"paragraph 4"');
    const count = () => document.querySelector('[role=status].count')?.textContent?.split(' ')[0];
    await firefox.waitFor(library, count, null, '2');
  });

  it('opens the options page, and its settings reach the page', async () => {
    const { context: options } = await firefox.openTab(`${firefox.extensionOrigin}options.html`);
    await firefox.waitFor(options, () => document.querySelector('h1')?.textContent, null, 'Gleaner settings');
    expect(
      await firefox.evaluate(
        options,
        () => document.body.innerText.includes('Highlight the selected text: Alt+Shift+H'),
        null,
      ),
    ).toBe(true);
    const { context: page } = await firefox.openTab(`${server.origin}/itij/firefox.html`);
    await firefox.waitFor(page, drawn, null, [SENTENCE]);
    // Recolour yellow: the open page's highlight is painted anew (storage.onChanged in a Firefox content script).
    await firefox.evaluate(
      options,
      () => {
        const colour = document.querySelector<HTMLInputElement>('input[aria-label="Colour 1"]')!;
        colour.value = '#ff8800';
        colour.dispatchEvent(new Event('input', { bubbles: true }));
      },
      null,
    );
    await firefox.waitFor(page, painted, null, 'gleaner-yellow: rgba(255, 136, 0, 0.4)');

    // Firefox's own shortcuts page (utils/platform.ts): the add-ons manager, at its shortcuts panel.
    expect(await firefox.evaluate(options, click, 'Change keyboard shortcuts')).toBe(true);
    await expect
      .poll(async () => (await firefox.tabUrls()).some((address) => address.startsWith('about:addons')), {
        timeout: 10_000,
      })
      .toBe(true);
  });
});
