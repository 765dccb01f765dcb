/**
 * Articles that are not in the page's plain DOM tree: inside a web component's open shadow root (with a
 * paragraph of the page slotted into it), and inside a frame of the page's own site. Each is saved, highlighted
 * (from the popup, from the toolbar by a real mouse selection), drawn again on reload, edited from a click,
 * read offline and found by search, like any other page.
 */
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useExtension } from './browser';
import { clickHighlight, drawnHighlights, panelOf } from './page-helpers';

const env = useExtension();

const PARAGRAPHS = [
  'The lighthouse keeper climbed the hundred and twelve steps every evening, whatever the weather did.',
  'In the winter of the great storm the lamp failed twice, and twice he carried oil up by hand.',
  'Ships passing the headland that year owed their safe passage to a man nobody in the town had met.',
  'When the keeper retired, the harbour board replaced him with an electric lamp and a timer switch.',
  'The last logbook he kept is in the town museum now, open at the page of the second failure.',
  'Visitors read it in silence; a few of them leave flowers on the windowsill below the glass case.',
];
const QUOTE = 'carried oil up by hand';
const ARTICLE = `<article><h1>The keeper of the light</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article>`;

/** Selects `text` (found in one text node, not a script's) in `target`'s document or any open shadow root in it. */
function selectIn(target: Page | Frame, text: string) {
  return target.evaluate((needle) => {
    const roots: Array<Document | ShadowRoot> = [document];
    for (let i = 0; i < roots.length; i++) {
      for (const element of roots[i]!.querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
      const walker = document.createTreeWalker(roots[i]!, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const at = node.data.indexOf(needle);
        if (at < 0 || node.parentElement!.closest('script, style')) continue;
        node.parentElement!.scrollIntoView({ block: 'center' });
        getSelection()!.setBaseAndExtent(node, at, node, at + needle.length);
        return;
      }
    }
    throw new Error(`not on the page: ${needle}`);
  }, text);
}

/** Saves the tab's page from the popup; the popup, once it says the page is in the library. */
async function save(tabId: number) {
  const popup = await env.browser.openPopup(tabId);
  await popup.getByRole('button', { name: 'Save', exact: true }).click();
  await popup.getByRole('button', { name: 'Remove from library', exact: true }).waitFor();
  return popup;
}

/** Highlights what is selected from the popup (opened anew), and closes it. */
async function highlightFromPopup(tabId: number) {
  const popup = await env.browser.openPopup(tabId);
  await popup.getByRole('button', { name: 'Highlight selection', exact: true }).click();
  await popup.getByRole('list', { name: 'Highlights', exact: true }).getByRole('listitem').first().waitFor();
  await popup.close();
}

/** Whether the library's search page finds an article titled `title` for `query`. */
async function searchFinds(query: string, title: string): Promise<boolean> {
  const search = await env.browser.openExtensionPage(`search.html?q=${encodeURIComponent(query)}`);
  await search
    .getByRole('status')
    .filter({ hasText: /result/ })
    .waitFor();
  const found = await search.getByRole('article').getByRole('link', { name: title, exact: true }).count();
  await search.close();
  return found === 1;
}

describe('an article inside a web component (open shadow DOM)', () => {
  it('is saved, highlighted from the popup and the toolbar, drawn again, edited, read and searched', async () => {
    const page$ = `<!doctype html><html><head><meta charset="utf-8"><title>The keeper of the light</title></head><body>
<story-view><p slot="lead">Slotted lead: the page's own paragraph, shown inside the component.</p></story-view>
<script>
  customElements.define('story-view', class extends HTMLElement {
    constructor() {
      super();
      this.attachShadow({ mode: 'open' }).innerHTML = ${JSON.stringify(ARTICLE.replace('</h1>', '</h1><slot name="lead"></slot>'))};
    }
  });
</script></body></html>`;
    env.server.route('/composed/shadow.html', page$);
    const { page, tabId } = await env.browser.openTab(`${env.server.origin}/composed/shadow.html`);
    const popup = await save(tabId);
    expect(await popup.getByRole('heading', { level: 1 }).textContent()).toBe('The keeper of the light');
    await popup.close();

    await selectIn(page, QUOTE);
    await highlightFromPopup(tabId);
    await expect.poll(async () => (await drawnHighlights(page)).map((h) => h.text)).toEqual([QUOTE]);
    // Coloured inside the shadow root, where the page's own style rules do not reach.
    const painted = () =>
      page.evaluate(() => {
        const paragraph = document.querySelector('story-view')!.shadowRoot!.querySelectorAll('p')[1]!;
        return getComputedStyle(paragraph, '::highlight(gleaner-yellow)').backgroundColor;
      });
    expect(await painted()).toBe('rgba(255, 212, 0, 0.4)');

    // A real mouse selection inside the component, and the toolbar by it.
    await page.reload();
    await expect.poll(async () => (await drawnHighlights(page)).map((h) => h.text)).toEqual([QUOTE]);
    const line = page.getByText('Ships passing the headland', { exact: false });
    const box = (await line.boundingBox())!;
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const panel = await panelOf(page);
    await panel.getByRole('button', { name: 'Highlight Green', exact: true }).click();
    await expect.poll(async () => (await drawnHighlights(page)).map((h) => h.color)).toEqual(['yellow', 'green']);
    expect((await drawnHighlights(page))[1]!.text).toMatch(/^Ships passing/);

    // A click on a highlight inside the component opens its editor.
    await clickHighlight(page, 0);
    const editor = panel.getByRole('dialog', { name: 'Highlight' });
    await editor.waitFor();
    await editor.getByRole('textbox', { name: 'Note' }).fill('By hand, twice.');
    await editor.getByText('Note saved').waitFor();
    await page.keyboard.press('Escape');

    // Offline in the reader, and in search.
    const check = await env.browser.openPopup(tabId);
    const href = (await check.getByRole('link', { name: 'Open reader' }).getAttribute('href'))!;
    await check.close();
    const reader = await env.browser.openExtensionPage(href.slice(1));
    await reader.getByText('Slotted lead: the page', { exact: false }).waitFor();
    await expect.poll(async () => (await drawnHighlights(reader)).map((h) => h.text)[0]).toBe(QUOTE);
    await reader.close();
    expect(await searchFinds('oil up by hand', 'The keeper of the light')).toBe(true);
    await page.close();
  });
});

describe('an article inside a frame of the same site', () => {
  it('is saved, highlighted in the frame from the popup and the toolbar, drawn again on reload, edited from a click', async () => {
    env.server.route(
      '/composed/inner.html',
      `<!doctype html><html><head><meta charset="utf-8"><title>Inner</title></head><body>${ARTICLE}</body></html>`,
    );
    env.server.route(
      '/composed/framed.html',
      `<!doctype html><html><head><meta charset="utf-8"><title>The keeper of the light (framed)</title></head><body>
<p>Site header</p><iframe src="/composed/inner.html" style="width: 90vw; height: 80vh; border: 2px solid"></iframe></body></html>`,
    );
    const { page, tabId } = await env.browser.openTab(`${env.server.origin}/composed/framed.html`);
    const frameOf = async () => {
      await expect.poll(() => page.frames().some((f) => f.url().endsWith('/composed/inner.html'))).toBe(true);
      const frame = page.frames().find((f) => f.url().endsWith('/composed/inner.html'))!;
      await frame.waitForLoadState();
      return frame;
    };
    let frame = await frameOf();
    await (await save(tabId)).close();

    await selectIn(frame, QUOTE);
    await highlightFromPopup(tabId);
    await expect.poll(async () => (await drawnHighlights(frame)).map((h) => h.text)).toEqual([QUOTE]);
    expect(
      await frame.evaluate(
        () => getComputedStyle(document.querySelectorAll('p')[1]!, '::highlight(gleaner-yellow)').backgroundColor,
      ),
    ).toBe('rgba(255, 212, 0, 0.4)');

    await page.reload();
    frame = await frameOf();
    await expect.poll(async () => (await drawnHighlights(frame)).map((h) => h.text)).toEqual([QUOTE]);
    await clickHighlight(page, 0, frame);
    const editor = (await panelOf(page)).getByRole('dialog', { name: 'Highlight' });
    await editor.waitFor();
    await editor.getByRole('button', { name: 'Blue' }).click();
    await expect.poll(async () => (await drawnHighlights(frame)).map((h) => h.color)).toEqual(['blue']);
    await page.keyboard.press('Escape');

    // A real mouse selection in the frame, and the toolbar by it.
    const line = frame.getByText('Ships passing the headland', { exact: false });
    const box = (await line.boundingBox())!; // in the page's coordinates
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await (await panelOf(page)).getByRole('button', { name: 'Highlight Pink', exact: true }).click();
    await expect.poll(async () => (await drawnHighlights(frame)).map((h) => h.color)).toEqual(['blue', 'pink']);
    expect(await searchFinds('oil up by hand', 'The keeper of the light (framed)')).toBe(true);
    await page.close();
  });
});
