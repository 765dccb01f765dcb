/** The library page (search.html) lists what the popup saved, live, and filters by the query in the URL. */
import { describe, expect, it } from 'vitest';
import { useExtension } from './browser';

const env = useExtension();

describe('the library page', () => {
  it('says what to do when empty, then shows a page saved in the popup without reloading', async () => {
    const library = await env.browser.openExtensionPage('search.html');
    await expect.poll(() => library.getByRole('status').textContent()).toMatch(/^0 results — your library is empty/);

    const { page, tabId } = await env.browser.openTab(`${env.server.origin}/itij-cpi-healthcare.html`);
    const popup = await env.browser.openPopup(tabId);
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await popup.getByRole('button', { name: 'Remove from library' }).waitFor();
    const tags = popup.getByRole('textbox', { name: 'Tags' });
    await tags.fill('cyber');
    await tags.press('Enter');
    await popup.getByRole('button', { name: 'Remove tag cyber' }).waitFor();

    // "Open search" from the popup opens the library in a tab.
    const [opened] = await Promise.all([env.browser.context.waitForEvent('page'), popup.getByRole('link', { name: 'Open search' }).click()]);
    await opened.waitForLoadState();
    expect(opened.url()).toBe(`chrome-extension://${env.browser.extensionId}/search.html`);

    // The page that was already open updated by itself.
    await expect.poll(() => library.getByRole('status').textContent()).toBe('1 result');
    const result = library.getByRole('article');
    const link = result.getByRole('link', { name: 'The CPI issues call to protect international healthcare providers from cyber attacks' });
    expect(await link.getAttribute('href')).toBe(`${env.server.origin}/itij-cpi-healthcare.html`);

    await library.goto(`chrome-extension://${env.browser.extensionId}/search.html?q=CYBER`);
    await expect.poll(() => library.getByRole('status').textContent()).toBe('1 result');
    expect(await library.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('CYBER');
    await library.getByRole('searchbox', { name: 'Search' }).fill('nothing-like-this');
    await expect.poll(() => library.getByRole('status').textContent()).toMatch(/^0 results/);
    expect(library.url()).toContain('q=nothing-like-this');
    for (const p of [library, page, opened]) await p.close();
  });
});
