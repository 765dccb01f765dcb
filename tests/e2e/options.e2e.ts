/**
 * The options page: colours and their names reach the page, the popup and the reader at once; revisits
 * restore highlights or not, per site; the shortcut is shown and its browser page opens; the reader's remote
 * images setting is the reader's.
 */
import { describe, expect, it } from 'vitest';
import { useExtension } from './browser';
import { drawnHighlights, highlightList, highlightOnItij, panelOf, selectText } from './page-helpers';

const SENTENCE = '“This will not be the last health crisis.”';
/** The extension API inside the service worker, for code passed to `background.evaluate`. */
declare const chrome: typeof import('wxt/browser').browser;
const env = useExtension();

/** The background colour the first drawn highlight has on `page` (its highlight's style, where it is painted
 * with the CSS Custom Highlight API; its mark's, where marked). */
const background = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    let painted: { name: string; range: Range } | undefined;
    CSS.highlights.forEach((highlight, name) => {
      if (!painted && name.startsWith('gleaner')) painted = { name, range: [...highlight][0] as Range };
    });
    if (!painted) return getComputedStyle(document.querySelector('[data-highlight-id]')!).backgroundColor;
    const element = painted.range.startContainer.parentElement!;
    return getComputedStyle(element, `::highlight(${painted.name})`).backgroundColor;
  });

describe('the options page', () => {
  it('renames and recolours a highlight colour: the open page, its toolbar and the popup follow', async () => {
    const { page, popup } = await highlightOnItij(env, 'colours', SENTENCE);
    expect(await background(page)).toBe('rgba(255, 212, 0, 0.4)');

    const options = await env.browser.openExtensionPage('options.html');
    const name = options.getByRole('textbox', { name: 'Name of colour 1' });
    expect(await name.getAttribute('placeholder')).toBe('Yellow');
    await name.fill('Evidence');
    await options.getByRole('textbox', { name: 'Name of colour 2' }).fill('Question');
    await options.getByLabel('Colour 1', { exact: true }).fill('#ff8800');
    await options.getByText('Saved.').waitFor();

    // The open page repaints and renames without a reload.
    await expect.poll(() => background(page)).toBe('rgba(255, 136, 0, 0.4)');
    expect((await highlightList(page)).items).toEqual([`Highlight, Evidence: ${SENTENCE}`]);
    await page.bringToFront();
    await selectText(page, 'President Brad Smith');
    await page.keyboard.press('Shift');
    const toolbar = (await panelOf(page)).getByRole('toolbar', { name: 'Gleaner highlight' });
    await toolbar.getByRole('button', { name: 'Highlight Question', exact: true }).click();
    await expect
      .poll(async () => (await drawnHighlights(page)).map((h) => h.color).sort())
      .toEqual(['green', 'yellow']);

    await popup.reload();
    const colour = popup
      .getByRole('list', { name: 'Highlights', exact: true })
      .getByRole('combobox', { name: 'Colour' })
      .first();
    expect(await colour.evaluate((select: HTMLSelectElement) => [...select.options].map((o) => o.textContent))).toEqual(
      ['Evidence', 'Question', 'Blue', 'Pink', 'Purple'],
    );

    // Back to the defaults.
    await options.getByRole('button', { name: 'Restore the default colours' }).click();
    await expect.poll(() => background(page)).toBe('rgba(255, 212, 0, 0.4)');

    // The popup links to this page (opening a new one: the browser only focuses one already open).
    await options.close();
    const fromPopup = env.browser.context.waitForEvent('page');
    await popup.getByRole('link', { name: 'Settings' }).click();
    const reopened = await fromPopup;
    expect(reopened.url()).toMatch(/\/options\.html$/);
    for (const opened of [popup, reopened, page]) await opened.close();
  });

  it('restores highlights on revisit except on the sites listed, and the other way round', async () => {
    const { page, popup, tabId } = await highlightOnItij(env, 'revisit', SENTENCE);
    await popup.close();

    const options = await env.browser.openExtensionPage('options.html');
    const site = options.getByRole('textbox', { name: 'Site (for example example.com)' });
    await site.fill('not a site');
    await options.getByRole('button', { name: 'Add site' }).click();
    await options.getByRole('alert').filter({ hasText: 'is not a site name' }).waitFor();
    await site.fill(`${env.server.origin}/anything`);
    await options.getByRole('button', { name: 'Add site' }).click();
    await options.getByRole('button', { name: 'Remove site 127.0.0.1' }).waitFor();

    const revisit = async () => {
      await page.reload();
      await page.waitForLoadState('load');
      await page.waitForTimeout(800); // the background restores after the load completes
      return (await drawnHighlights(page)).length;
    };
    expect(await revisit()).toBe(0);

    // Off everywhere, but on for this site.
    await options.getByRole('checkbox', { name: 'Show my highlights again' }).uncheck();
    await options.getByRole('heading', { name: 'Show highlights again on these sites' }).waitFor();
    await expect.poll(revisit, { timeout: 10_000 }).toBe(1);

    // Off everywhere.
    await options.getByRole('button', { name: 'Remove site 127.0.0.1' }).click();
    await options.getByText('No sites.').waitFor();
    expect(await revisit()).toBe(0);

    // The popup still shows them on request.
    const asked = await env.browser.openPopup(tabId);
    await asked.getByRole('list', { name: 'Highlights', exact: true }).getByRole('listitem').first().waitFor();
    await expect.poll(() => drawnHighlights(page)).toHaveLength(1);
    await options.getByRole('checkbox', { name: 'Show my highlights again' }).check();
    for (const opened of [asked, options, page]) await opened.close();
  });

  it('lays out Markdown exports by the template written there', async () => {
    const { page, popup, url } = await highlightOnItij(env, 'template', SENTENCE);
    const options = await env.browser.openExtensionPage('options.html');
    await options
      .getByRole('textbox', { name: 'Export template' })
      .fill('# {{title}}\n\nFrom <{{url}}>\n\n{{highlights}}');
    await options.getByText('Saved.').waitFor();
    await env.browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await popup.getByRole('button', { name: 'Copy Markdown' }).click();
    await popup.getByText('Markdown copied.').waitFor();
    const copied = await popup.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(
      new RegExp(
        `^# The CPI issues call to protect international healthcare providers from cyber attacks\n\nFrom <${url.replace(/[.?]/g, '\\$&')}>\n\n> ${SENTENCE}`,
      ),
    );
    await options.getByRole('button', { name: 'Use the default layout' }).click();
    await options.getByText('Saved.').waitFor();
    // A template a backup could not restore is said so and not stored.
    await options.getByRole('textbox', { name: 'Export template' }).fill('x'.repeat(100_001));
    await options.getByText('Not saved: exportTemplate: at most 100,000 characters').waitFor();
    await options.reload();
    // Read once the stored template has loaded (the box shows the default one until then).
    await expect.poll(() => options.getByRole('textbox', { name: 'Export template' }).inputValue()).toBe('');
    for (const opened of [popup, options, page]) await opened.close();
  });

  it("shows the keyboard shortcut and opens the browser's shortcuts page; remote images are the reader's setting", async () => {
    // Reached from the search page (and the popup) by a link named Settings.
    const search = await env.browser.openExtensionPage('search.html');
    const settingsPage = env.browser.context.waitForEvent('page');
    await search.getByRole('link', { name: 'Settings' }).click();
    const options = await settingsPage;
    expect(options.url()).toMatch(/\/options\.html$/);
    await search.close();
    await options.getByText('Highlight the selected text: Alt+Shift+H').waitFor();
    const opened = env.browser.context.waitForEvent('page');
    await options.getByRole('button', { name: 'Change keyboard shortcuts' }).click();
    expect((await opened).url()).toBe('chrome://extensions/shortcuts');

    // A change right after typing (before the typing's pause is over) loses neither.
    await options.getByRole('textbox', { name: 'Name of colour 5' }).fill('Later');
    await options.getByRole('checkbox', { name: 'Show remote images in the reader' }).uncheck();
    await options.getByText('Saved.').waitFor();
    expect(
      await env.browser.background.evaluate(
        async () => (await chrome.storage.local.get('readerRemoteImages')).readerRemoteImages,
      ),
    ).toBe(false);
    await options.reload();
    expect(await options.getByRole('textbox', { name: 'Name of colour 5' }).inputValue()).toBe('Later');
    expect(await options.getByRole('checkbox', { name: 'Show remote images in the reader' }).isChecked()).toBe(false);
    await options.close();
  });
});
