/** The offline reader: opened from the popup, the saved article with its highlights, new highlights made there. */
import { describe, expect, it } from 'vitest';
import { useExtension } from './browser';
import { drawnHighlights, highlightOnItij, itijPage, selectText } from './page-helpers';

const TITLE = 'The CPI issues call to protect international healthcare providers from cyber attacks';
const SENTENCE = '“This will not be the last health crisis.”';
const SECOND = 'medical care is more important than ever';

const env = useExtension();

describe('the reader', () => {
  it('shows the saved article offline with its highlights, and highlights made there come back on the web page', async () => {
    const { page, popup } = await highlightOnItij(env, 'reader', SENTENCE);
    const link = popup.getByRole('link', { name: 'Open reader' });
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/reader\.html\?id=[0-9a-f-]{36}$/);

    // Offline: the site is gone, the reader still shows the article.
    env.server.route('/itij/reader.html', '<title>Gone</title><p>Gone.</p>');
    const reader = await env.browser.openExtensionPage(href!.slice(1));
    await expect.poll(() => reader.getByRole('heading').first().textContent()).toBe(TITLE);
    await expect
      .poll(() => drawnHighlights(reader))
      .toEqual([expect.objectContaining({ text: SENTENCE, color: 'yellow' })]);
    expect(await reader.getByText(/ransomware operations aimed at crippling/).count()).toBe(1);
    expect(
      await reader
        .locator('.content a')
        .evaluateAll((links) => links.every((a) => a.getAttribute('target') === '_blank')),
    ).toBe(true);

    // Theme and text size.
    await reader.getByLabel('Theme').selectOption('sepia');
    await expect
      .poll(() => reader.evaluate(() => getComputedStyle(document.body).backgroundColor))
      .toBe('rgb(244, 236, 216)');
    const before = await reader.locator('main.reader').evaluate((main) => getComputedStyle(main).fontSize);
    await reader.getByRole('button', { name: 'Larger text' }).click();
    expect(await reader.locator('main.reader').evaluate((main) => getComputedStyle(main).fontSize)).not.toBe(before);

    // A highlight made in the reader is stored and drawn there, and on the web page when it is back.
    await selectText(reader, SECOND);
    await reader.getByRole('button', { name: 'Highlight selection' }).click();
    await expect.poll(() => drawnHighlights(reader)).toHaveLength(2);
    env.server.route('/itij/reader.html', itijPage('reader'));
    await page.reload();
    await expect
      .poll(() => drawnHighlights(page))
      .toEqual(expect.arrayContaining([expect.objectContaining({ text: SECOND })]));
  });

  it('says so for an article that is not in the library', async () => {
    const reader = await env.browser.openExtensionPage('reader.html?id=00000000-0000-4000-8000-000000000000');
    await expect.poll(() => reader.getByRole('alert').textContent()).toMatch(/not in your Gleaner library/);
  });
});
