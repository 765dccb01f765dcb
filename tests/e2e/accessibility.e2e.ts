/**
 * Accessibility: axe-core finds no serious or critical violation on Gleaner's pages (light and dark), every
 * control shows where the keyboard focus is, the main journeys work by keyboard alone, and highlights and
 * colours are named, not only coloured.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useExtension } from './browser';
import {
  clickHighlight,
  drawnHighlights,
  highlightList,
  highlightOnItij,
  itijPage,
  panelOf,
  selectText,
} from './page-helpers';

const SENTENCE = '“This will not be the last health crisis.”';
/** The extension API inside the service worker, for code passed to `background.evaluate`. */
declare const chrome: typeof import('wxt/browser').browser;
const env = useExtension();

/** axe's serious and critical findings on `page` (WCAG 2.1 A/AA and best practice), as readable lines. */
async function seriousViolations(page: Page, only?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (only) builder.include(only);
  const results = await builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/** Presses Tab `count` times; for each stop, what is focused and whether a focus indicator is drawn. */
async function tabStops(page: Page, count: number): Promise<Array<{ name: string; visible: boolean }>> {
  const stops = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('Tab');
    stops.push(
      await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return { name: 'body', visible: true };
        const style = getComputedStyle(element);
        const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
        return {
          name: `${element.tagName.toLowerCase()} ${element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 30) ?? ''}`,
          visible: outlined || style.boxShadow !== 'none',
        };
      }),
    );
  }
  return stops;
}

describe('accessibility', () => {
  /** Saves the ITIJ story with one highlight and a tag; returns the pages to check. */
  async function library() {
    const { page, popup, tabId } = await highlightOnItij(env, 'a11y', SENTENCE);
    const tags = popup.getByRole('textbox', { name: 'Tags' });
    await tags.fill('health');
    await tags.press('Enter');
    await popup.getByRole('button', { name: 'Remove tag health' }).waitFor();
    const reader = (await popup.getByRole('link', { name: 'Open reader' }).getAttribute('href'))!.slice(1);
    return { page, popup, tabId, reader };
  }

  it('finds no serious or critical violation on the popup, search, reader and options pages, light and dark', async () => {
    const { page, popup, reader } = await library();
    const pages: Array<[string, Page]> = [
      ['popup', popup],
      ['search', await env.browser.openExtensionPage('search.html?q=health')],
      ['reader', await env.browser.openExtensionPage(reader)],
      ['options', await env.browser.openExtensionPage('options.html')],
    ];
    await pages[1]![1].getByRole('article').first().waitFor();
    await expect.poll(async () => (await drawnHighlights(pages[2]![1])).length).toBeGreaterThan(0);
    await pages[3]![1].getByRole('heading', { name: 'Gleaner settings' }).waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      for (const [name, extensionPage] of pages) {
        await extensionPage.emulateMedia({ colorScheme: scheme });
        expect(await seriousViolations(extensionPage), `${name}, ${scheme}`).toEqual([]);
      }
    }
    for (const [, extensionPage] of pages) await extensionPage.close();
    await page.close();
  });

  it('shows the focus on every control and works by keyboard alone', async () => {
    env.server.route('/itij/keys.html', itijPage('keys'));
    const { page, tabId } = await env.browser.openTab(`${env.server.origin}/itij/keys.html`);
    const popup = await env.browser.openPopup(tabId);
    await popup.getByRole('button', { name: 'Save' }).waitFor();
    // Save, tag and note by keyboard.
    const first = await tabStops(popup, 1);
    expect(first[0]!.name).toMatch(/Save/);
    await popup.keyboard.press('Enter');
    await popup.getByRole('button', { name: 'Remove from library' }).waitFor();
    await popup.getByRole('textbox', { name: 'Tags' }).focus();
    await popup.keyboard.type('keyboard');
    await popup.keyboard.press('Enter');
    await popup.getByRole('button', { name: 'Remove tag keyboard' }).waitFor();
    // Tab on to the note (past the tag suggestions, which depend on what else is saved).
    for (let i = 0; i < 12 && !(await popup.evaluate(() => document.activeElement?.tagName === 'TEXTAREA')); i++)
      await popup.keyboard.press('Tab');
    await popup.keyboard.type('Written without a mouse.');
    await popup.getByText('Note saved').waitFor();
    await popup.evaluate(() => (document.activeElement as HTMLElement).blur());
    const popupStops = await tabStops(popup, 10);
    expect(popupStops.filter((stop) => !stop.visible)).toEqual([]);

    // The search page: / focuses the box, arrows reach the result, every stop shows its focus.
    const search = await env.browser.openExtensionPage('search.html');
    await search.getByRole('article').first().waitFor();
    await search.locator('body').click({ position: { x: 1, y: 1 } });
    await search.keyboard.press('/');
    await search.keyboard.type('keyboard');
    await expect.poll(() => search.getByRole('status').first().textContent()).toMatch(/^1 result/);
    await search.keyboard.press('ArrowDown');
    expect(
      await search.evaluate(() => document.activeElement?.closest('article')?.querySelector('h2')?.textContent),
    ).toMatch(/CPI/);
    const searchStops = await tabStops(search, 12);
    expect(searchStops.filter((stop) => !stop.visible)).toEqual([]);

    // The options page, by keyboard: the revisit setting is a checkbox Space toggles.
    const options = await env.browser.openExtensionPage('options.html');
    const restore = options.getByRole('checkbox', { name: 'Show my highlights again' });
    await restore.focus();
    await options.keyboard.press('Space');
    await expect
      .poll(() =>
        env.browser.background.evaluate(async () => (await chrome.storage.local.get('revisitRestore')).revisitRestore),
      )
      .toBe(false);
    await options.keyboard.press('Space');
    await expect
      .poll(() =>
        env.browser.background.evaluate(async () => (await chrome.storage.local.get('revisitRestore')).revisitRestore),
      )
      .toBe(true);
    const optionStops = await tabStops(options, 16);
    expect(optionStops.filter((stop) => !stop.visible)).toEqual([]);
    // The reader's controls, by keyboard: the theme select changes with the arrow keys.
    const reader = await env.browser.openExtensionPage(
      (await popup.getByRole('link', { name: 'Open reader' }).getAttribute('href'))!.slice(1),
    );
    await reader.getByRole('heading', { level: 1 }).waitFor();
    const readerStops = await tabStops(reader, 7);
    expect(readerStops.filter((stop) => !stop.visible)).toEqual([]);
    await reader.getByLabel('Theme').focus();
    await reader.keyboard.press('ArrowDown');
    await expect.poll(() => reader.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    for (const opened of [popup, search, options, reader, page]) await opened.close();
  });

  it('names highlights and colours: on the page, in the popup and in search results', async () => {
    const { page, popup } = await highlightOnItij(env, 'names', SENTENCE);
    // Painted highlights are not elements: a screen reader hears them in Gleaner's list on the page.
    expect((await highlightList(page)).items).toEqual([`Highlight, Yellow: ${SENTENCE}`]);
    const item = popup.getByRole('list', { name: 'Highlights', exact: true }).getByRole('listitem').first();
    const colour = item.getByRole('combobox', { name: 'Colour' });
    expect(await colour.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]!.textContent)).toBe('Yellow');
    await colour.selectOption('blue');
    await expect.poll(async () => (await highlightList(page)).items).toEqual([`Highlight, Blue: ${SENTENCE}`]);
    // Gleaner's own interface inside the web page: the toolbar by a selection and the highlight editor.
    await page.bringToFront();
    await selectText(page, 'President Brad Smith');
    await page.keyboard.press('Shift');
    await (await panelOf(page)).getByRole('toolbar', { name: 'Gleaner highlight' }).waitFor();
    await page.evaluate(() => getSelection()!.removeAllRanges());
    await clickHighlight(page);
    const frame = await panelOf(page);
    await frame.getByRole('dialog', { name: 'Highlight' }).waitFor();
    // They live in the panel frame; axe checks that document opened by itself, in each of its modes.
    const { id } = JSON.parse(decodeURIComponent(new URL(frame.url()).hash.slice(1))) as { id: string };
    for (const state of [{ mode: 'toolbar' }, { mode: 'edit', id }, { mode: 'message', text: 'Select some text' }]) {
      const panel = await env.browser.openExtensionPage(`panel.html#${encodeURIComponent(JSON.stringify(state))}`);
      await panel.locator('.panel:not([hidden])').waitFor();
      for (const scheme of ['light', 'dark'] as const) {
        await panel.emulateMedia({ colorScheme: scheme });
        expect(await seriousViolations(panel), `${state.mode}, ${scheme}`).toEqual([]);
      }
      await panel.close();
    }

    const search = await env.browser.openExtensionPage('search.html?q=crisis');
    const matching = search.getByRole('list', { name: 'Matching highlights' }).first();
    await expect.poll(() => matching.textContent()).toMatch(/^Blue: /);
    for (const opened of [popup, search, page]) await opened.close();
  });
});
