/**
 * Issue 14, items 1 to 3, in real Chromium against the built extension: a saved page's own scripts (run here
 * by page.evaluate, in the page's world) try to read a highlight's note, record what the user types, act
 * for the user with clicks and keys of their own making, follow history.pushState to another saved article,
 * and define the element Gleaner's interface once used. Each worked before the panel moved into a frame of the
 * extension's origin and the page script began to accept only trusted events.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useExtension } from './browser';
import { clickHighlight, drawnHighlights, highlightOnItij, itijPage, panelOf, selectText } from './page-helpers';

const SENTENCE = '“This will not be the last health crisis.”';
const SECRET = 'My private thought about the CPI';

const env = useExtension();

/** Saves a note on the first highlight from the popup, and closes it. */
async function noteFromPopup(popup: Page, note: string): Promise<void> {
  const item = popup.getByRole('list', { name: 'Highlights', exact: true }).getByRole('listitem').first();
  await item.getByRole('button', { name: /^(Add|Edit) note$/ }).click();
  await item.getByRole('textbox', { name: 'Highlight note', exact: true }).fill(note);
  await item.getByText('Note saved').waitFor();
  await popup.close();
}

/** What the page's own scripts can see of Gleaner: its markup's text, its shadow root, its frames' documents. */
function whatThePageSees(page: Page) {
  return page.evaluate(() => {
    const host = document.querySelector('[data-gleaner-ui]');
    const frames = [...Array(window.frames.length).keys()].map((i) => {
      try {
        return window.frames[i]!.document.documentElement.outerHTML;
      } catch {
        return null; // another origin: unreadable
      }
    });
    // An open shadow root (as Gleaner's interface once had) is the page's to read, fields and all.
    const shadow = host?.shadowRoot;
    const fields = shadow
      ? [...shadow.querySelectorAll('textarea, input')].map((f) => (f as HTMLInputElement).value)
      : [];
    return {
      markup: document.documentElement.outerHTML + (shadow ? shadow.innerHTML + fields.join(' ') : ''),
      shadowRoot: host ? host.shadowRoot : 'no host',
      readableFrames: frames.filter((frame) => frame !== null),
      typed: (window as unknown as { typed?: string[] }).typed ?? [],
    };
  });
}

/** The page's scripts listen to every key and input, on the window, before anything else does. */
const listenToKeys = (page: Page) =>
  page.evaluate(() => {
    const typed: string[] = [];
    (window as unknown as { typed: string[] }).typed = typed;
    for (const type of ['keydown', 'keyup', 'keypress', 'input', 'beforeinput'])
      window.addEventListener(type, (event) => typed.push(`${type}:${(event as KeyboardEvent).key ?? ''}`), true);
  });

/** Gives the page's own script a way to click a drawn highlight as a script can: a synthetic click (the mark's
 * own, or one dispatched where a painted highlight's text is, and one on Gleaner's host element). */
const pageClicksHighlights = (page: Page) =>
  page.evaluate(() => {
    (window as unknown as { clickHighlight(): void }).clickHighlight = () => {
      const mark = document.querySelector<HTMLElement>('mark[data-highlight-id]');
      if (mark) return mark.click();
      CSS.highlights.forEach((highlight, name) => {
        if (!name.startsWith('gleaner')) return;
        const range = [...highlight][0] as Range;
        const box = range.getBoundingClientRect();
        const at = { clientX: box.left + 4, clientY: box.top + box.height / 2, bubbles: true };
        range.startContainer.parentElement!.dispatchEvent(new MouseEvent('click', at));
      });
      document.querySelector<HTMLElement>('[data-gleaner-ui]')?.click();
    };
  });

/** Frames of Gleaner's panel open on a highlight's editor. */
const editorsOpen = (page: Page) =>
  page.frames().filter((frame) => decodeURIComponent(frame.url()).includes('"mode":"edit"')).length;

describe('a hostile saved page', () => {
  it('cannot read a note, hear what the user types in it, or act for the user', async () => {
    const { page, popup } = await highlightOnItij(env, 'spy', SENTENCE);
    await noteFromPopup(popup, SECRET);
    // Come back to it later: its highlight is drawn again on load.
    await page.bringToFront();
    await page.reload();
    await expect.poll(() => drawnHighlights(page)).toHaveLength(1);
    await listenToKeys(page);
    await pageClicksHighlights(page);

    // Its own clicks and keys: a click on the mark, a selection with a mouse-up and a shift key-up.
    await page.evaluate(() => {
      getSelection()!.removeAllRanges();
      (window as unknown as { clickHighlight(): void }).clickHighlight();
      const paragraph = [...document.querySelectorAll('p')].find((p) => p.textContent.includes('Brad Smith'))!;
      getSelection()!.selectAllChildren(paragraph);
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      document.dispatchEvent(new KeyboardEvent('keyup', { key: 'Shift', shiftKey: true, bubbles: true }));
    });
    await page.waitForTimeout(600);
    expect(editorsOpen(page)).toBe(0);
    let seen = await whatThePageSees(page);
    expect(seen.markup).not.toContain(SECRET);
    expect(seen.readableFrames).toEqual([]);
    expect(await drawnHighlights(page)).toHaveLength(1);

    // The user's own click opens the editor; what they type there never reaches the page.
    await page.evaluate(() => {
      getSelection()!.removeAllRanges();
      (window as unknown as { typed: string[] }).typed.length = 0; // its own synthetic keys, above
    });
    await clickHighlight(page);
    const panel = await panelOf(page);
    const editor = panel.getByRole('dialog', { name: 'Highlight' });
    const note = editor.getByRole('textbox', { name: 'Note' });
    await expect.poll(() => note.inputValue()).toBe(SECRET);
    // The keyboard is in the note at once, as it was when the editor lived in the page.
    await expect
      .poll(() => panel.evaluate(() => document.hasFocus() && document.activeElement?.tagName))
      .toBe('TEXTAREA');
    await note.press('End');
    await page.keyboard.type(' and more');
    await editor.getByText('Note saved').waitFor();
    seen = await whatThePageSees(page);
    expect(seen.typed).toEqual([]);
    expect(seen.markup).not.toContain('and more');
    expect(seen.shadowRoot).toBeNull(); // closed
    expect(seen.readableFrames).toEqual([]);
    await page.close();
  });

  it('cannot reach the notes of another saved article by history.pushState to its address', async () => {
    // Two saved articles of one site with the same text; the second has a note.
    const other = await highlightOnItij(env, 'spa-other', SENTENCE);
    await noteFromPopup(other.popup, SECRET);
    await other.page.close();
    const { page, popup } = await highlightOnItij(env, 'spa-home', 'President Brad Smith');
    await popup.close();
    await page.bringToFront();

    await page.evaluate((to) => history.pushState({}, '', to), new URL(other.url).pathname);
    // The background draws the other article's highlight there, as for any single-page app.
    await expect.poll(async () => (await drawnHighlights(page)).map((h) => h.text)).toEqual([SENTENCE]);
    await pageClicksHighlights(page);
    await page.evaluate(() => {
      getSelection()!.removeAllRanges();
      (window as unknown as { clickHighlight(): void }).clickHighlight();
    });
    await page.waitForTimeout(600);
    expect(editorsOpen(page)).toBe(0);
    const seen = await whatThePageSees(page);
    expect(seen.markup).not.toContain(SECRET);
    expect(seen.readableFrames).toEqual([]);
    await page.close();
  });

  it('that defines the element Gleaner once used for its interface does not stop the highlighter', async () => {
    const squat = `<script>
      for (const name of ['gleaner-ui', 'gleaner-panel'])
        customElements.define(name, class extends HTMLElement {
          constructor() { super(); this.attachShadow({ mode: 'closed' }); }
        });
    </script>`;
    env.server.route('/itij/squat.html', itijPage('squat').replace('<head>', `<head>${squat}`));
    const { page, tabId } = await env.browser.openTab(`${env.server.origin}/itij/squat.html`);
    await selectText(page, SENTENCE);
    const popup = await env.browser.openPopup(tabId);
    await popup.getByRole('button', { name: 'Highlight selection' }).click();
    await expect.poll(async () => (await drawnHighlights(page)).map((h) => h.text)).toEqual([SENTENCE]);
    await popup.close();
    // The toolbar still comes by a real selection.
    await page.bringToFront();
    const paragraph = page.getByText('President Brad Smith', { exact: false }).first();
    await paragraph.dblclick();
    await (await panelOf(page)).getByRole('toolbar', { name: 'Gleaner highlight' }).waitFor();
    await page.close();
  });
});
