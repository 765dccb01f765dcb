/** Highlights: made from the popup and the page toolbar, edited, deleted with undo, and back on revisit. */
import { describe, expect, it } from 'vitest';
import { useExtension } from './browser';
import {
  clickHighlight,
  highlightPoint,
  drawnHighlights,
  highlightList,
  itijPage,
  panelOf,
  selectText,
} from './page-helpers';

const ITIJ = itijPage('story');

/** The extension API inside the service worker, for code passed to `background.evaluate`. */
declare const chrome: typeof import('wxt/browser').browser;

/**
 * Fires a browser event at the extension's own listeners with the payload Chrome gives them, for tab `tabId`.
 * Headless Chromium sends neither context-menu clicks nor browser shortcuts from synthetic input.
 */
async function fireForTab(event: 'menu' | 'command', tabId: number): Promise<void> {
  await env.browser.background.evaluate(
    async ([kind, id]) => {
      const tab = await chrome.tabs.get(id);
      type Dispatchable = { dispatch(...args: unknown[]): void };
      if (kind === 'menu') {
        (chrome.contextMenus.onClicked as unknown as Dispatchable).dispatch(
          { menuItemId: 'gleaner-highlight-selection', editable: false, pageUrl: tab.url },
          tab,
        );
      } else {
        (chrome.commands.onCommand as unknown as Dispatchable).dispatch('highlight-selection', tab);
      }
    },
    [event, tabId] as const,
  );
}
const SENTENCE = '“This will not be the last health crisis.”';
const LONG_FROM = 'The cyber security institution issued a Call to Action';
const LONG_TO = 'medical care is more important than ever,”';

const env = useExtension();

/** Each stored highlight's position, by its quote, read from the extension's database. */
function storedStarts(): Promise<Record<string, number>> {
  return env.browser.background.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const open = indexedDB.open('gleaner');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('highlights').objectStore('highlights').getAll();
          all.onsuccess = () => {
            type Stored = { selectors: { quote: { exact: string }; position?: { start: number } } };
            const rows = all.result as Stored[];
            resolve(Object.fromEntries(rows.map((h) => [h.selectors.quote.exact, h.selectors.position?.start ?? -1])));
            open.result.close();
          };
        };
      }),
  );
}

/** The ITIJ page changed the way sites change: an inserted block, an edited teaser, re-flowed white space. */
function changedItij(): string {
  return ITIJ.replace(
    '<p class="standfirst">',
    '<div class="newsletter"><p>Sign up to our newsletter for the latest news from the industry, every week.</p></div>\n<p class="standfirst">',
  )
    .replace(
      'Are health tech innovations key to reducing global healthcare costs?',
      'Health tech: the key to lower costs? Our new analysis',
    )
    .replace(/<\/p>\n<p>/g, '</p>\n\n      <p>\n        ')
    .replace(/ (the CPI|wrote|with) /g, '\n          $1 ');
}

describe('highlighting on the ITIJ page', () => {
  it('highlights a selection from the popup, saving the page first, and brings it back after reload and after the site changed', async () => {
    env.server.route('/itij/story.html', ITIJ);
    const { page, tabId } = await env.browser.openTab(`${env.server.origin}/itij/story.html`);
    expect(await page.locator('[data-gleaner-ui]').count()).toBe(0); // not saved: nothing of Gleaner's on the page

    await selectText(page, SENTENCE);
    let popup = await env.browser.openPopup(tabId);
    await popup.getByRole('button', { name: 'Highlight selection', exact: true }).click();
    await popup.getByRole('button', { name: 'Remove from library', exact: true }).waitFor(); // saved on the way
    const list = popup.getByRole('list', { name: 'Highlights', exact: true });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    expect(await list.getByRole('listitem').first().textContent()).toContain(SENTENCE);
    await expect
      .poll(() => drawnHighlights(page))
      .toEqual([expect.objectContaining({ text: SENTENCE, color: 'yellow' })]);

    // A second, multi-paragraph highlight; the popup lists both in page order.
    await selectText(page, LONG_FROM, LONG_TO);
    await popup.getByRole('button', { name: 'Highlight selection', exact: true }).click();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(2);
    const items = await list.getByRole('listitem').allTextContents();
    expect(items[0]).toContain(LONG_FROM);
    expect(items[1]).toContain(SENTENCE);
    const drawn = await drawnHighlights(page);
    expect(drawn.map((h) => h.text.replace(/\s+/g, ' ')).sort()).toEqual(
      [SENTENCE, expect.stringMatching(new RegExp(`^${LONG_FROM}.*${LONG_TO}$`))].sort(),
    );
    await popup.close();

    // Reload: both come back on the same text.
    await page.reload();
    await expect.poll(async () => (await drawnHighlights(page)).length).toBe(2);
    expect((await drawnHighlights(page)).some((h) => h.text === SENTENCE)).toBe(true);

    // The site changes its markup and text around them: still on the same text.
    const before = await storedStarts();
    env.server.route('/itij/story.html', changedItij());
    await page.reload();
    expect(await page.getByText('Health tech: the key to lower costs?').count()).toBe(1);
    await expect.poll(async () => (await drawnHighlights(page)).length).toBe(2);
    const after = await drawnHighlights(page);
    expect(after.find((h) => h.text === SENTENCE)).toBeDefined();
    expect(after.find((h) => h.text !== SENTENCE)?.text.replace(/\s+/g, ' ')).toMatch(
      new RegExp(`^${LONG_FROM}.*${LONG_TO}$`),
    );
    // Where the page has them now is kept for the next visit: both moved down by the block inserted above.
    await expect
      .poll(async () => Object.entries(await storedStarts()).every(([quote, start]) => start > before[quote]!))
      .toBe(true);

    // The sentence is rewritten away: the popup shows that highlight as orphaned, never drawn elsewhere.
    env.server.route(
      '/itij/story.html',
      ITIJ.replace(SENTENCE, '“Further crises will follow, and they will not be kind to the unprepared.”'),
    );
    await page.reload();
    await expect.poll(async () => (await drawnHighlights(page)).length).toBe(1);
    popup = await env.browser.openPopup(tabId);
    const orphan = popup
      .getByRole('list', { name: 'Highlights', exact: true })
      .getByRole('listitem')
      .filter({ hasText: SENTENCE });
    await orphan.getByText('Not found on the page as it is now').waitFor();
    await popup.close();
    await page.close();
  });

  it('changes colour, adds a note, deletes and undoes from the popup, jumps to a highlight; archives, favourites, removes and undoes', async () => {
    env.server.route('/itij/edit.html', itijPage('edit'));
    const { page, tabId } = await env.browser.openTab(`${env.server.origin}/itij/edit.html`);
    await selectText(page, SENTENCE);
    const popup = await env.browser.openPopup(tabId);
    await popup.getByRole('button', { name: 'Highlight selection', exact: true }).click();
    const item = popup.getByRole('list', { name: 'Highlights', exact: true }).getByRole('listitem').first();
    await item.waitFor();

    await item.getByRole('combobox', { name: 'Colour' }).selectOption('green');
    await expect.poll(async () => (await drawnHighlights(page))[0]?.color).toBe('green');

    // The note is written on request: the item shows none open until "Add note".
    expect(await item.getByRole('textbox').count()).toBe(0);
    await item.getByRole('button', { name: 'Add note' }).click();
    await item.getByRole('textbox', { name: 'Highlight note', exact: true }).fill('The key quote.');
    await item.getByText('Note saved').waitFor();
    // Closed again, the note shows as text.
    await item.getByRole('button', { name: 'Edit note', expanded: true }).click();
    await item.getByRole('button', { name: 'Edit note', expanded: false }).waitFor();
    expect(await item.getByRole('paragraph').filter({ hasText: 'The key quote.' }).count()).toBe(1);

    await item.getByRole('button', { name: 'Show on page' }).click();
    await item.getByRole('button', { name: 'Delete highlight' }).click();
    await expect.poll(async () => (await drawnHighlights(page)).length).toBe(0);
    expect(await page.evaluate(() => document.body.innerHTML.includes('data-highlight-id'))).toBe(false);
    await popup.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect
      .poll(async () => (await drawnHighlights(page)).map((h) => [h.text, h.color]))
      .toEqual([[SENTENCE, 'green']]);

    // The note survived the undo.
    await popup.reload();
    const restored = popup.getByRole('list', { name: 'Highlights', exact: true }).getByRole('listitem').first();
    await restored.getByText('The key quote.').waitFor();
    await restored.getByRole('button', { name: 'Edit note' }).click();
    expect(await restored.getByRole('textbox', { name: 'Highlight note', exact: true }).inputValue()).toBe(
      'The key quote.',
    );

    // Archive and Favourite from the popup: toggles, kept.
    await popup.getByRole('button', { name: 'Favourite', exact: true }).click();
    await expect
      .poll(() => popup.getByRole('button', { name: 'Favourite', exact: true }).getAttribute('aria-pressed'))
      .toBe('true');
    await popup.getByRole('button', { name: 'Archive', exact: true }).click();
    await popup.reload();
    expect(await popup.getByRole('button', { name: 'Archive', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(await popup.getByRole('button', { name: 'Favourite', exact: true }).getAttribute('aria-pressed')).toBe(
      'true',
    );

    // Removing the page from the library takes its highlights off the page too; Undo puts it all back (the
    // highlight drawn again, its note and the article's state kept).
    await popup.getByRole('button', { name: 'Remove from library', exact: true }).click();
    await expect.poll(async () => (await drawnHighlights(page)).length).toBe(0);
    await popup.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(async () => (await drawnHighlights(page)).map((h) => h.text)).toEqual([SENTENCE]);
    await popup.getByRole('button', { name: 'Remove from library', exact: true }).waitFor();
    expect(await popup.getByRole('button', { name: 'Archive', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await popup.reload();
    const back = popup.getByRole('list', { name: 'Highlights', exact: true }).getByRole('listitem').first();
    await back.getByText('The key quote.').waitFor();
    await popup.getByRole('button', { name: 'Remove from library', exact: true }).click();
    await expect.poll(async () => (await drawnHighlights(page)).length).toBe(0);
    await page.reload();
    await page.waitForTimeout(300);
    expect(await drawnHighlights(page)).toEqual([]);
    await popup.close();
    await page.close();
  });

  it('highlights from the toolbar by a selection on a saved page, and edits from a click on the highlight', async () => {
    env.server.route('/itij/toolbar.html', itijPage('toolbar'));
    const { page, tabId } = await env.browser.openTab(`${env.server.origin}/itij/toolbar.html`);
    const popup = await env.browser.openPopup(tabId);
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await popup.getByRole('button', { name: 'Remove from library', exact: true }).waitFor();
    await popup.close();
    await page.bringToFront();

    // A real mouse selection: drag across the words.
    const paragraph = page.getByText('The cyber security institution issued a Call to Action', { exact: false });
    await paragraph.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    const box = (await paragraph.boundingBox())!;
    await page.mouse.move(box.x + 2, box.y + 4);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + 4, { steps: 5 });
    await page.mouse.up();
    const selected = await page.evaluate(() => getSelection()!.toString().trim());
    const pageBefore = await page.evaluate(() => document.body.innerHTML);
    expect(selected.length).toBeGreaterThan(10);
    const panel = await panelOf(page);
    const green = panel.getByRole('button', { name: 'Highlight Green', exact: true });
    await green.waitFor();
    // The toolbar covers no text of the page (the selection, the lines around it, anything else).
    await expect.poll(async () => (await (await panel.frameElement()).boundingBox())?.width ?? 0).toBeGreaterThan(0);
    const toolbar = (await (await panel.frameElement()).boundingBox())!;
    const covered = await page.evaluate((bar) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      const hits: string[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.nodeValue?.trim() || node.parentElement?.closest('script, style')) continue;
        range.selectNodeContents(node);
        for (const r of range.getClientRects())
          if (
            r.width &&
            r.left < bar.x + bar.width &&
            r.right > bar.x &&
            r.top < bar.y + bar.height &&
            r.bottom > bar.y
          )
            hits.push(node.nodeValue.trim().slice(0, 40));
      }
      return hits;
    }, toolbar);
    expect(covered).toEqual([]);
    await green.click();
    // The first highlight of a page the service worker may have to wake for: given a few seconds, not one.
    await expect
      .poll(async () => (await drawnHighlights(page)).map((h) => h.color), { timeout: 5_000 })
      .toEqual(['green']);
    // Exactly the selected text (the selection's string has no separators between blocks; compare without).
    expect((await drawnHighlights(page))[0]!.text.replace(/\s+/g, '')).toBe(selected.replace(/\s+/g, ''));
    // Painted without touching the page's own DOM (the CSS Custom Highlight API).
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(pageBefore);

    // Clicking the highlight opens its editor: note, colour, delete with undo.
    await clickHighlight(page);
    const editor = panel.getByRole('dialog', { name: 'Highlight' });
    await editor.waitFor();
    await editor.getByRole('textbox', { name: 'Note' }).fill('Call to Action');
    await editor.getByText('Note saved').waitFor();
    await editor.getByRole('button', { name: 'Purple' }).click();
    await expect.poll(async () => (await drawnHighlights(page))[0]?.color).toBe('purple');
    await editor.getByRole('button', { name: 'Delete highlight' }).click();
    await expect.poll(async () => (await drawnHighlights(page)).length).toBe(0);
    await editor.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await drawnHighlights(page)).map((h) => h.color)).toEqual(['purple']);
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'hidden' });

    // With a note, it is marked (underlined, dotted: a highlight of its own over the same text), and the note
    // shows in Gleaner's frame while the pointer rests on it (page-trust.e2e.ts: the page never gets its text).
    const underlined = () =>
      page.evaluate(() =>
        [...((CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('noted-by-gleaner') ?? [])].map(
          (range) => range.toString().length,
        ),
      );
    await expect.poll(underlined).toEqual([selected.replace(/\s+/g, ' ').length]);
    const note = panel.getByRole('note', { name: 'Highlight note' });
    const { x, y } = await highlightPoint(page);
    await page.mouse.move(x, y);
    await note.waitFor();
    expect(await note.textContent()).toBe('Call to Action');
    await page.mouse.move(5, 5);
    await note.waitFor({ state: 'hidden' });

    // By keyboard alone: the highlight is in the tab order (Gleaner's list of the page's highlights, after the
    // page's own controls), named as a screen reader says it; Enter opens its editor with the note focused, the
    // colour is changed there, and Escape closes it with the focus back on the highlight.
    await page.evaluate(() => {
      const controls = document.body.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea');
      [...controls]
        .filter((control) => control.offsetParent && control.tabIndex >= 0)
        .pop()!
        .focus();
    });
    await page.keyboard.press('Tab');
    const name = `Highlight, Purple, with a note: ${selected.replace(/\s+/g, ' ').slice(0, 30)}`;
    await expect.poll(async () => (await highlightList(page)).focused?.slice(0, name.length)).toBe(name);
    // Focused, its note shows as it does on hover.
    await note.waitFor();
    await page.keyboard.press('Enter');
    await editor.waitFor();
    await expect
      .poll(() => editor.getByRole('textbox', { name: 'Note' }).evaluate((el) => el === document.activeElement))
      .toBe(true);
    await editor.getByRole('button', { name: 'Green' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await drawnHighlights(page))[0]?.color).toBe('green');
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'hidden' });
    const back = `Highlight, Green, with a note: ${selected.replace(/\s+/g, ' ').slice(0, 30)}`;
    await expect.poll(async () => (await highlightList(page)).focused?.slice(0, back.length)).toBe(back);

    const check = await env.browser.openPopup(tabId);
    const item = check.getByRole('list', { name: 'Highlights', exact: true }).getByRole('listitem').first();
    await item.waitFor();
    await item.getByRole('paragraph').filter({ hasText: 'Call to Action' }).waitFor();
    await check.close();
    await page.close();
  });

  it('highlights from the context menu and the keyboard shortcut (Alt+Shift+H)', async () => {
    env.server.route('/itij/menu.html', itijPage('menu'));
    const { page, tabId } = await env.browser.openTab(`${env.server.origin}/itij/menu.html`);
    const commands = await env.browser.background.evaluate(() => chrome.commands.getAll());
    expect(commands.find((c) => c.name === 'highlight-selection')?.shortcut).toBe('Alt+Shift+H');

    await selectText(page, SENTENCE);
    await fireForTab('menu', tabId);
    await expect.poll(async () => (await drawnHighlights(page)).map((h) => h.text)).toEqual([SENTENCE]);

    await selectText(page, 'President Brad Smith');
    await fireForTab('command', tabId);
    await expect
      .poll(async () => (await drawnHighlights(page)).map((h) => h.text).sort())
      .toEqual(['President Brad Smith', SENTENCE].sort());

    // With nothing selected, the shortcut says so in the page.
    await page.evaluate(() => getSelection()!.removeAllRanges());
    await fireForTab('command', tabId);
    await (await panelOf(page)).getByRole('alert').filter({ hasText: 'Select some text on the page first' }).waitFor();
    await page.close();
  });

  it('on a page that re-renders itself: drawn again once it settles, and the popup says only what is true', async () => {
    // Long enough to be an article; the page's own script re-renders it from its own copy of the markup.
    const paragraphs = [
      'The harbour woke early that Monday, with fog over the cranes and gulls on every bollard.',
      'By nine the first ferry had left, carrying commuters, two bicycles and a piano for the school.',
      'Nobody expected the storm that rolled in from the west shortly after lunch, flattening the market stalls.',
      'Fishermen hauled their boats onto the slipway while the coastguard radioed warnings to the islands.',
      'In the evening the wind dropped as fast as it had risen, and the town counted its broken windows.',
      'The mayor promised repairs within a week; the baker simply handed out bread to anyone who came by.',
    ]
      .map((text) => `<p>${text}</p>`)
      .join('');
    const markup = `<h1>The living story</h1>${paragraphs}`;
    env.server.route(
      '/living.html',
      `<!doctype html><html><head><title>The living story</title></head><body><article id="story">${markup}</article>` +
        `<script>window.render = () => { document.getElementById('story').innerHTML = ${JSON.stringify(markup)}; };</script></body></html>`,
    );
    const { page, tabId } = await env.browser.openTab(`${env.server.origin}/living.html`);
    const QUOTE = 'the storm that rolled in from the west';
    await selectText(page, QUOTE);
    let popup = await env.browser.openPopup(tabId);
    await popup.getByRole('button', { name: 'Highlight selection', exact: true }).click();
    await expect.poll(async () => (await drawnHighlights(page)).map((h) => h.text)).toEqual([QUOTE]);
    await popup.close();

    // The framework renders again: the marks are gone, and come back once the page settles.
    await page.evaluate(() => (window as unknown as { render(): void }).render());
    await expect
      .poll(async () => (await drawnHighlights(page)).map((h) => h.text), { timeout: 2_000 })
      .toEqual([QUOTE]);
    popup = await env.browser.openPopup(tabId);
    const item = popup.getByRole('list', { name: 'Highlights', exact: true }).getByRole('listitem').first();
    await item.waitFor();
    expect(await item.getByText('Not found on the page as it is now').count()).toBe(0);
    await popup.close();

    // The page edits the paragraph in place: its text is exactly the page's, and the popup says not found.
    await page.evaluate(() => {
      const third = document.querySelectorAll('#story p')[2]!;
      third.textContent = 'Update: the afternoon brought only light rain, the forecast said.';
    });
    await page.waitForTimeout(800); // settled, and looked for again
    expect(await drawnHighlights(page)).toEqual([]);
    expect(await page.locator('#story p').nth(2).textContent()).toBe(
      'Update: the afternoon brought only light rain, the forecast said.',
    );
    popup = await env.browser.openPopup(tabId);
    await popup.getByText('Not found on the page as it is now').waitFor();
    await popup.close();
    await page.close();
  });

  it('says in the popup when nothing is selected', async () => {
    const { page, tabId } = await env.browser.openTab(`${env.server.origin}/pages/v8-blog/source.html`);
    const popup = await env.browser.openPopup(tabId);
    await popup.getByRole('button', { name: 'Highlight selection', exact: true }).click();
    await popup.getByRole('status').filter({ hasText: 'Select some text on the page first' }).waitFor();
    await popup.close();
    await page.close();
  });
});

describe('pages outside the library', () => {
  it('get no highlight elements and no Gleaner code', async () => {
    const { page } = await env.browser.openTab(`${env.server.origin}/pages/lemonde-1/source.html`);
    await page.waitForTimeout(500);
    expect(await drawnHighlights(page)).toEqual([]);
    expect(await page.locator('[data-gleaner-ui]').count()).toBe(0);
    await page.close();
  });

  it('single-page apps: highlights follow history.pushState to saved and unsaved URLs', async () => {
    const app = `<!doctype html><title>SPA</title><body><main id="view"></main><script>
      const views = {
        '/spa/one': '<article><h1>Chapter one</h1><p>${'The river ran cold and clear under the old stone bridge in the spring. '.repeat(12)}</p><p>Only the miller knew where the key was hidden that year.</p></article>',
        '/spa/two': '<article><h1>Chapter two</h1><p>${'Nothing here is saved, and nothing of it should be highlighted at all. '.repeat(12)}</p></article>',
      };
      function render() { document.getElementById('view').innerHTML = views[location.pathname] || ''; }
      window.go = (path) => { history.pushState(null, '', path); render(); };
      render();
    </script></body>`;
    env.server.route('/spa/one', app);
    env.server.route('/spa/two', app);
    const { page, tabId } = await env.browser.openTab(`${env.server.origin}/spa/one`);
    await selectText(page, 'Only the miller knew');
    const popup = await env.browser.openPopup(tabId);
    await popup.getByRole('button', { name: 'Highlight selection', exact: true }).click();
    await popup.getByRole('list', { name: 'Highlights', exact: true }).getByRole('listitem').first().waitFor();
    await popup.close();
    await expect.poll(async () => (await drawnHighlights(page)).map((h) => h.text)).toEqual(['Only the miller knew']);

    await page.evaluate(() => (window as unknown as { go(path: string): void }).go('/spa/two'));
    await expect.poll(async () => (await drawnHighlights(page)).length).toBe(0);
    await page.evaluate(() => (window as unknown as { go(path: string): void }).go('/spa/one'));
    await expect.poll(async () => (await drawnHighlights(page)).map((h) => h.text)).toEqual(['Only the miller knew']);
    await page.close();
  });
});
