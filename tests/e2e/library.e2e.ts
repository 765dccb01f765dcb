/** The library page (search.html) lists what the popup saved, live, and filters by the query in the URL. */
import { describe, expect, it } from 'vitest';
import { useExtension } from './browser';
import { highlightOnItij, selectText } from './page-helpers';

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
    await popup.getByRole('textbox', { name: 'Note', exact: true }).fill('Brief for the board meeting');
    await popup.getByText('Note saved').waitFor();

    // "Open search" from the popup opens the library in a tab.
    const [opened] = await Promise.all([
      env.browser.context.waitForEvent('page'),
      popup.getByRole('link', { name: 'Open search' }).click(),
    ]);
    await opened.waitForLoadState();
    expect(opened.url()).toBe(`chrome-extension://${env.browser.extensionId}/search.html`);

    // The page that was already open updated by itself.
    await expect.poll(() => library.getByRole('status').textContent()).toBe('1 result');
    const result = library.getByRole('article');
    const link = result.getByRole('link', {
      name: 'The CPI issues call to protect international healthcare providers from cyber attacks',
    });
    // The title opens the offline reader; "Original" is the page on the web.
    expect(await link.getAttribute('href')).toMatch(/^\/reader\.html\?id=[0-9a-f-]{36}$/);
    expect(await result.getByRole('link', { name: 'Original' }).getAttribute('href')).toBe(
      `${env.server.origin}/itij-cpi-healthcare.html`,
    );

    await library.goto(`chrome-extension://${env.browser.extensionId}/search.html?q=CYBER`);
    await expect.poll(() => library.getByRole('status').textContent()).toBe('1 result');
    expect(await library.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('CYBER');
    expect(await library.getByRole('article').locator('h2 mark').allTextContents()).toEqual(['cyber']);

    // Operators and filters.
    const box = library.getByRole('searchbox', { name: 'Search' });
    for (const [query, count] of [
      ['tag:cyber', '1 result'],
      ['-tag:cyber', '0 results'],
      ['site:itij bananas', '0 results'],
      ['site:itij hospitals', '1 result'],
      ['site:ITIJ healthcare', '1 result'],
      ['has:highlights', '0 results'],
    ] as const) {
      await box.fill(query);
      await expect.poll(() => library.getByRole('status').textContent()).toMatch(new RegExp(`^${count}`));
    }
    // The page note is searched too.
    await box.fill('board meeting');
    await expect.poll(() => library.getByRole('status').textContent()).toBe('1 result');
    expect(await library.getByRole('article').locator('.note mark').allTextContents()).toEqual(['board', 'meeting']);

    // Filter chips with counts toggle tag: and site: in the query.
    await box.fill('');
    const tagChip = library.getByRole('group', { name: 'Filter by tag' }).getByRole('button', { name: 'cyber 1' });
    await tagChip.click();
    await expect.poll(() => box.inputValue()).toBe('tag:cyber');
    expect(await tagChip.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => library.getByRole('status').textContent()).toBe('1 result');
    await library.getByRole('group', { name: 'Filter by tag' }).getByRole('button', { name: 'cyber 1' }).click();
    await expect.poll(() => box.inputValue()).toBe('');
    await library.getByRole('group', { name: 'Filter by site' }).getByRole('button', { name: 'ITIJ 1' }).waitFor();

    // Words of the article's text (not in its title, excerpt, tags or note) find it, with a snippet marked.
    for (const [query, count] of [
      ['ransomware', '1 result'],
      ['"ransomware operations"', '1 result'],
      ['"operations ransomware"', '0 results'],
      ['ransomw', '1 result'],
      ['ransomware -duguin', '0 results'],
    ] as const) {
      await box.fill(query);
      await expect.poll(() => library.getByRole('status').textContent()).toMatch(new RegExp(`^${count}`));
    }
    await box.fill('ransomware');
    await expect
      .poll(() => library.getByRole('article').locator('.snippet mark').allTextContents())
      .toEqual(['ransomware']);
    // The index can be rebuilt by hand, with its progress shown, and still finds the same.
    await library.getByRole('button', { name: 'Rebuild search index' }).click();
    await expect.poll(() => library.getByRole('status').textContent()).toBe('1 result');

    // A sentence from a highlight finds the article, with the highlight shown under it.
    await selectText(page, 'This will not be the last health crisis.');
    const again = await env.browser.openPopup(tabId); // the first closed itself when it opened the search page
    await again.getByRole('button', { name: 'Highlight selection', exact: true }).click();
    await again.getByRole('list', { name: 'Highlights', exact: true }).getByRole('listitem').first().waitFor();
    await box.fill('"last health crisis"');
    await expect.poll(() => library.getByRole('status').textContent()).toBe('1 result');
    await library
      .getByRole('list', { name: 'Matching highlights' })
      .getByText('This will not be the last health crisis.')
      .waitFor();
    // Results follow a highlight note written in the popup of another tab, with nothing typed here.
    await box.fill('zebra');
    await expect.poll(() => library.getByRole('status').textContent()).toMatch(/^0 results/);
    const item = again.getByRole('list', { name: 'Highlights', exact: true }).getByRole('listitem').first();
    await item.getByRole('button', { name: 'Add note' }).click();
    await item.getByRole('textbox', { name: 'Highlight note', exact: true }).fill('zebra crossing');
    await expect.poll(() => library.getByRole('status').textContent()).toBe('1 result');
    await library.getByRole('list', { name: 'Matching highlights' }).getByText('zebra crossing').waitFor();
    // Bad input is explained, never thrown.
    await box.fill('"unclosed quote after:2020-13-45');
    await library.getByText('A quote was not closed').waitFor();
    // Keyboard: / focuses the box, arrows reach the result, Enter opens it.
    await box.fill('cyber');
    await library.getByRole('heading', { name: 'Gleaner' }).click();
    await library.keyboard.press('/');
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await library.keyboard.press('ArrowDown');
    expect(await library.evaluate(() => document.activeElement?.textContent)).toBe(
      'The CPI issues call to protect international healthcare providers from cyber attacks',
    );
    // The title opens the article in the offline reader; back is the library as it was.
    await library.keyboard.press('Enter');
    await library.waitForURL(/\/reader\.html\?id=/);
    await library.getByRole('heading', { level: 1, name: /cyber attacks/ }).waitFor();
    await library.goBack();
    await expect.poll(() => library.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('cyber');
    await library.getByRole('searchbox', { name: 'Search' }).fill('nothing-like-this');
    await expect.poll(() => library.getByRole('status').textContent()).toMatch(/^0 results/);
    // The address follows once typing pauses.
    await expect.poll(() => library.url()).toContain('q=nothing-like-this');
    for (const p of [library, page, opened, again]) await p.close();
  });
});

describe('bulk actions on search results', () => {
  it('adds and removes a tag on the selection, deletes it after confirmation, and undoes the deletion', async () => {
    for (const name of ['lemonde-1', 'heise']) {
      const { page, tabId } = await env.browser.openTab(`${env.server.origin}/pages/${name}/source.html`);
      const popup = await env.browser.openPopup(tabId);
      await popup.getByRole('button', { name: 'Save', exact: true }).click();
      await popup.getByRole('button', { name: 'Remove from library', exact: true }).waitFor();
      await popup.close();
      await page.close();
    }
    const library = await env.browser.openExtensionPage('search.html');
    const box = library.getByRole('searchbox', { name: 'Search' });
    const status = library.getByRole('status');
    await expect.poll(() => status.textContent()).toMatch(/^\d+ results/);
    const total = Number((await status.textContent())!.split(' ')[0]);

    await box.fill('-tag:cyber -site:ITIJ');
    await expect.poll(() => status.textContent()).toBe('2 results');
    await library.getByRole('checkbox', { name: 'Select all results' }).check();
    const bulk = library.getByRole('region', { name: 'Selected articles' });
    await bulk.getByText('2 articles selected').waitFor();
    await bulk.getByRole('textbox', { name: 'Tag for selected' }).fill('batch');
    await bulk.getByRole('button', { name: 'Add tag' }).click();
    await bulk.getByText('Tag added to 2 articles.').waitFor();
    await box.fill('tag:batch');
    await expect.poll(() => status.textContent()).toBe('2 results');

    // Delete one, confirming in a dialog; then undo.
    await library.getByRole('checkbox', { name: 'Select all results' }).uncheck();
    await library.getByRole('article').first().getByRole('checkbox').check();
    await bulk.getByRole('button', { name: 'Delete selected' }).click();
    const dialog = library.getByRole('dialog', { name: 'Delete 1 article?' });
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => status.textContent()).toBe('1 result');
    await bulk.getByText('Deleted 1 article.').waitFor();
    await bulk.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => status.textContent()).toBe('2 results');

    // Cancel leaves everything; removing the tag from both empties the filter.
    await library.getByRole('checkbox', { name: 'Select all results' }).check();
    await bulk.getByRole('button', { name: 'Delete selected' }).click();
    await library.getByRole('dialog', { name: 'Delete 2 articles?' }).getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => status.textContent()).toBe('2 results');
    await bulk.getByRole('textbox', { name: 'Tag for selected' }).fill('batch');
    await bulk.getByRole('button', { name: 'Remove tag' }).click();
    await expect.poll(() => status.textContent()).toBe('0 results — try fewer words, or remove a filter.');
    await box.fill('');
    await expect.poll(() => status.textContent()).toBe(`${total} results`);
    await library.close();
  });

  it('follows highlights made and articles removed elsewhere, article by article, without reloading', async () => {
    const library = await env.browser.openExtensionPage('search.html?q=has:highlights');
    await expect.poll(() => library.getByRole('status').textContent()).toMatch(/^\d+ results?/);
    const before = Number((await library.getByRole('status').textContent())!.match(/^\d+/)![0]);
    const { popup } = await highlightOnItij(env, 'elsewhere', '“This will not be the last health crisis.”');
    await expect.poll(() => library.getByRole('status').textContent()).toMatch(new RegExp(`^${before + 1} result`));
    await popup.getByRole('button', { name: 'Remove from library' }).click();
    await popup.getByRole('button', { name: 'Save', exact: true }).waitFor();
    await expect.poll(() => library.getByRole('status').textContent()).toMatch(new RegExp(`^${before} result`));
  });
});
