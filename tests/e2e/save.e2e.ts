/** Saving an article from the popup, with tags and a note, and removing it: the journeys of issue 2. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useExtension } from './browser';
import { selectText } from './page-helpers';

const TITLE = 'The CPI issues call to protect international healthcare providers from cyber attacks';

const env = useExtension();

/** Opens `path` from the fixture server in a tab, and the popup acting on that tab. */
async function openWithPopup(path: string): Promise<{ page: Page; popup: Page; tabId: number }> {
  const { page, tabId } = await env.browser.openTab(`${env.server.origin}${path}`);
  const popup = await env.browser.openPopup(tabId);
  return { page, popup, tabId };
}

async function reopenPopup(popup: Page, tabId: number): Promise<Page> {
  await popup.close();
  return env.browser.openPopup(tabId);
}

describe('saving the ITIJ story', () => {
  it('shows the article, saves it with two tags and a note, keeps them across popups, and removes it', async () => {
    const { page, popup: first, tabId } = await openWithPopup('/itij-cpi-healthcare.html?utm_source=e2e');
    let popup = first;

    await expect.poll(() => popup.getByRole('heading', { name: TITLE }).count()).toBe(1);
    const meta = await popup.locator('.meta').first().textContent();
    expect(meta).toContain('ITIJ');
    expect(meta).toContain('Robyn Bainbridge');
    expect(meta).toMatch(/\d+ min read/);
    expect(await popup.getByRole('button', { name: 'Remove from library' }).count()).toBe(0);

    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await popup.getByRole('button', { name: 'Remove from library' }).waitFor();
    expect(await popup.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);

    const tags = popup.getByRole('textbox', { name: 'Tags' });
    await tags.fill('cyber security');
    await tags.press('Enter');
    await tags.fill('health,');
    await popup.getByRole('button', { name: 'Remove tag cyber security' }).waitFor();
    await popup.getByRole('button', { name: 'Remove tag health' }).waitFor();
    expect(await tags.inputValue()).toBe('');

    const note = popup.getByRole('textbox', { name: 'Note' });
    await note.click();
    await popup.keyboard.type('Cited in the hospital-security brief.');
    await popup.getByText('Note saved').waitFor();

    // Close and reopen: everything is still there.
    popup = await reopenPopup(popup, tabId);
    await popup.getByRole('button', { name: 'Remove from library' }).waitFor();
    await popup.getByRole('button', { name: 'Remove tag cyber security' }).waitFor();
    await popup.getByRole('button', { name: 'Remove tag health' }).waitFor();
    expect(await popup.getByRole('textbox', { name: 'Note' }).inputValue()).toBe(
      'Cited in the hospital-security brief.',
    );

    // A note past the longest one holds is said so and not stored; the stored one stays.
    await popup.getByRole('textbox', { name: 'Note' }).fill('x'.repeat(200_001));
    await popup.getByText('Note not saved: a note holds up to 200,000 characters, and this one has 200,001').waitFor();
    popup = await reopenPopup(popup, tabId);
    expect(await popup.getByRole('textbox', { name: 'Note' }).inputValue()).toBe(
      'Cited in the hospital-security brief.',
    );

    // It is stored in the extension's own database, under the normalized URL.
    const stored = await popup.evaluate(async () => {
      const open = indexedDB.open('gleaner');
      const db = await new Promise<IDBDatabase>((done) => (open.onsuccess = () => done(open.result)));
      const all = db.transaction('articles').objectStore('articles').getAll();
      return new Promise<Array<{ url: string; tags: string[]; note: string; title: string }>>(
        (done) => (all.onsuccess = () => done(all.result)),
      );
    });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      url: `${env.server.origin}/itij-cpi-healthcare.html`,
      tags: ['cyber security', 'health'],
      note: 'Cited in the hospital-security brief.',
      title: TITLE,
    });

    // The web page's own origin holds nothing of Gleaner's.
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name))).not.toContain(
      'gleaner',
    );

    // Removing a tag, then the whole article.
    await popup.getByRole('button', { name: 'Remove tag health' }).click();
    await expect.poll(() => popup.getByRole('button', { name: 'Remove tag health' }).count()).toBe(0);
    await popup.getByRole('button', { name: 'Remove from library' }).click();
    await popup.getByRole('button', { name: 'Save', exact: true }).waitFor();
    expect(await popup.getByRole('status').filter({ hasText: 'Removed from your library.' }).count()).toBe(1);

    popup = await reopenPopup(popup, tabId);
    await popup.getByRole('button', { name: 'Save', exact: true }).waitFor();
    expect(await popup.getByRole('textbox', { name: 'Tags' }).count()).toBe(0);
    await popup.close();
    await page.close();
  });

  it('follows the system colour scheme', async () => {
    const { page, popup } = await openWithPopup('/itij-cpi-healthcare.html');
    await popup.getByRole('heading', { level: 1 }).waitFor();
    const luminance = () =>
      popup.evaluate(() => {
        const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g)!.map(Number);
        return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
      });
    await popup.emulateMedia({ colorScheme: 'light' });
    expect(await luminance()).toBeGreaterThan(0.8);
    await popup.emulateMedia({ colorScheme: 'dark' });
    expect(await luminance()).toBeLessThan(0.2);
    await popup.close();
    await page.close();
  });

  it('suggests tags already used, by keyboard alone', async () => {
    const { page, popup } = await openWithPopup('/pages/daringfireball-1/source.html');
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    const tags = popup.getByRole('textbox', { name: 'Tags' });
    await tags.fill('typography');
    await tags.press('Enter');
    await popup.getByRole('button', { name: 'Remove tag typography' }).waitFor();

    const second = await openWithPopup('/pages/v8-blog/source.html');
    await second.popup.getByRole('button', { name: 'Save', exact: true }).focus();
    await second.popup.keyboard.press('Enter');
    const box = second.popup.getByRole('textbox', { name: 'Tags' });
    await box.waitFor();
    await box.focus();
    await second.popup.keyboard.type('typo');
    const suggestion = second.popup.getByRole('button', { name: 'Add tag typography' });
    await suggestion.waitFor();
    await second.popup.keyboard.press('Tab');
    expect(await suggestion.evaluate((el) => el === document.activeElement)).toBe(true);
    await second.popup.keyboard.press('Enter');
    await second.popup.getByRole('button', { name: 'Remove tag typography' }).waitFor();
    for (const p of [popup, page, second.popup, second.page]) await p.close();
  });
});

describe('pages that cannot be saved', () => {
  it.each([
    ['a page without an article', '/no-article.html', /found no article/i],
    ['a PDF', '/document.pdf', /PDF/],
  ])('%s gets a clear message and no Save button', async (_what, path, message) => {
    env.server.route(
      '/no-article.html',
      '<!doctype html><title>Links</title><ul><li><a href="/a">Home</a></li><li><a href="/b">About</a></li></ul>',
    );
    env.server.route('/document.pdf', minimalPdf(), 'application/pdf');
    const { page, popup } = await openWithPopup(path);
    const alert = popup.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(message);
    expect(await popup.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
    await popup.close();
    await page.close();
  });

  it('a page without an article is kept as a bookmark on request: its address and title, searchable', async () => {
    env.server.route(
      '/dashboard.html',
      '<!doctype html><title>Harbour tide tables</title><ul><li><a href="/a">Today</a></li><li><a href="/b">Tomorrow</a></li></ul>',
    );
    const { page, popup, tabId } = await openWithPopup('/dashboard.html');
    await popup.getByRole('alert').waitFor();
    await popup.getByRole('button', { name: 'Save as bookmark' }).click();
    await popup.getByRole('button', { name: 'Remove from library', exact: true }).waitFor();
    await popup
      .getByRole('status')
      .filter({ hasText: /^Kept as a bookmark/ })
      .waitFor();
    expect(await popup.getByRole('heading', { level: 1 }).textContent()).toBe('Harbour tide tables');
    // Tags and a note like any article.
    await popup.getByRole('textbox', { name: 'Tags' }).fill('tides');
    await popup.getByRole('textbox', { name: 'Tags' }).press('Enter');
    await popup.getByRole('button', { name: 'Remove tag tides' }).waitFor();
    await popup.close();

    const library = await env.browser.openExtensionPage('search.html?q=tide%20tables');
    const card = library.getByRole('article').filter({ hasText: 'Harbour tide tables' });
    await card.waitFor();
    expect(await card.getByRole('link', { name: 'Original' }).getAttribute('href')).toBe(
      `${env.server.origin}/dashboard.html`,
    );
    // Opening the popup again finds it saved; the bookmark is not offered twice.
    const again = await env.browser.openPopup(tabId);
    await again.getByRole('button', { name: 'Remove from library', exact: true }).waitFor();
    expect(await again.getByRole('button', { name: 'Save as bookmark' }).count()).toBe(0);
    await again.getByRole('button', { name: 'Remove from library', exact: true }).click();
    await again.getByRole('button', { name: 'Save as bookmark' }).waitFor();
    for (const p of [again, library, page]) await p.close();
  });

  it('an extension store page gets a clear message', async () => {
    // No network here: the store page is served by the test, at the store's own address.
    await env.browser.context.route('https://chromewebstore.google.com/**', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<title>Some extension</title><article><p>${'An extension listing. '.repeat(40)}</p></article>`,
      }),
    );
    const { page, tabId } = await env.browser.openTab(
      'https://chromewebstore.google.com/detail/some-extension/abcdefghijklmnop',
    );
    const popup = await env.browser.openPopup(tabId);
    const alert = popup.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Extension stores don't let extensions read their pages/);
    expect(await popup.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
    expect(await popup.getByRole('button', { name: 'Save as bookmark' }).count()).toBe(0);
    await popup.close();
    await page.close();
  });

  it('a browser page gets a clear message', async () => {
    const { page, tabId } = await env.browser.openTab('chrome://version');
    const popup = await env.browser.openPopup(tabId);
    const alert = popup.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/can't read browser pages/i);
    expect(await popup.getByRole('button', { name: 'Save as bookmark' }).count()).toBe(0);
    await popup.close();
    await page.close();
  });
});

/** The smallest valid one-page PDF, so Chromium opens its PDF viewer. */
function minimalPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj ${object} endobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer << /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

// Last: it leaves two more articles in this profile's library.
describe('saving from several tabs', () => {
  it('two tabs saving and highlighting at once lose nothing', async () => {
    const page = (n: number) =>
      `<!doctype html><title>Parallel ${n}</title><body><article><h1>Parallel story ${n}</h1>${`<p>Story number ${n} about hospitals and ransomware, told at length so that it reads as an article and not as a stub.</p>`.repeat(6)}</article></body>`;
    env.server.route('/parallel-1.html', page(1));
    env.server.route('/parallel-2.html', page(2));
    // Opened one after the other (each waits for the browser's next new page); then everything at once.
    const a = await openWithPopup('/parallel-1.html');
    const b = await openWithPopup('/parallel-2.html');
    await Promise.all([a, b].map(({ popup }) => popup.getByRole('button', { name: 'Save' }).waitFor()));
    await Promise.all([a, b].map(({ popup }) => popup.getByRole('button', { name: 'Save' }).click()));
    await Promise.all([a, b].map(({ popup }) => popup.getByRole('button', { name: 'Remove from library' }).waitFor()));
    // Both highlight at once too.
    await Promise.all([a, b].map(({ page: tab }, i) => selectText(tab, `Story number ${i + 1}`)));
    await Promise.all([a, b].map(({ popup }) => popup.getByRole('button', { name: 'Highlight selection' }).click()));
    for (const { popup } of [a, b])
      await expect.poll(() => popup.getByRole('list', { name: 'Highlights' }).getByRole('listitem').count()).toBe(1);
    const search = await env.browser.openExtensionPage(`search.html?q=${encodeURIComponent('"parallel story" ')}`);
    await expect.poll(() => search.getByRole('status').first().textContent()).toMatch(/^2 results/);
  });
});
