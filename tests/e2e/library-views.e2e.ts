/**
 * The library as a place to read and triage (issue 16): the Inbox, Favourites, Archive and All views with their
 * counts and `?view=`, a query searching within a view, the is: words, Archive and Favourite on a card and in
 * bulk, the title opening the offline reader and "Original" the source; and the reader's own Archive,
 * Favourite and "Library", opening again where the reader left off, and marking an article read at its end.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useExtension } from './browser';
import { articleRecord, articlesBackup, drawnHighlights } from './page-helpers';

const env = useExtension();

/** The view links of the "Library" navigation, as their names read ("Inbox 3"). */
const views = (library: Page) =>
  library.getByRole('navigation', { name: 'Library' }).getByRole('link').allTextContents();
/** The titles of the cards shown. */
const titles = (library: Page) => library.getByRole('article').getByRole('heading').allTextContents();

describe('the library views', () => {
  it('triages: inbox, favourites, archive and all; per card and in bulk; the query within a view', async () => {
    const articles = ['Harbour', 'Lighthouse', 'Ferry', 'Market'].map((title, i) =>
      articleRecord(`https://views.example/${title.toLowerCase()}`, {
        title: `${title} story`,
        createdAt: Date.UTC(2024, 0, 1 + i),
        updatedAt: Date.UTC(2024, 0, 1 + i),
        // One archived already, as a backup from Gleaner keeps it.
        ...(title === 'Market' && { archivedAt: Date.UTC(2024, 1, 1) }),
      }),
    );
    const library = await env.browser.openExtensionPage('search.html');
    await library
      .getByLabel('Restore backup')
      .setInputFiles({ name: 'views.json', mimeType: 'application/json', buffer: articlesBackup(articles) });
    await expect.poll(() => library.getByText(/^Restored: 4 articles added/).count(), { timeout: 15_000 }).toBe(1);

    // The inbox is where the library opens: the archived article is not in it.
    await expect.poll(() => views(library)).toEqual(['Inbox 3', 'Favourites 0', 'Archive 1', 'All 4', 'Highlights 0']);
    await expect.poll(() => titles(library)).toEqual(['Ferry story', 'Lighthouse story', 'Harbour story']);
    const current = library.getByRole('navigation', { name: 'Library' }).locator('[aria-current="page"]');
    expect(await current.textContent()).toBe('Inbox 3');

    // A card: the title opens the reader, "Original" the source; Archive and Favourite are toggles.
    const ferry = library.getByRole('article').filter({ hasText: 'Ferry story' });
    expect(await ferry.getByRole('link', { name: 'Ferry story' }).getAttribute('href')).toMatch(
      /^\/reader\.html\?id=[0-9a-f-]{36}$/,
    );
    expect(await ferry.getByRole('link', { name: 'Original' }).getAttribute('href')).toBe(
      'https://views.example/ferry',
    );
    await ferry.getByRole('button', { name: 'Favourite' }).click();
    await expect.poll(() => ferry.getByRole('button', { name: 'Favourite' }).getAttribute('aria-pressed')).toBe('true');
    await ferry.getByRole('button', { name: 'Archive' }).click();
    // Archived: out of the inbox, into the archive, still a favourite.
    await expect.poll(() => titles(library)).toEqual(['Lighthouse story', 'Harbour story']);
    await expect.poll(() => views(library)).toEqual(['Inbox 2', 'Favourites 1', 'Archive 2', 'All 4', 'Highlights 0']);

    // Views by their links (and ?view= in the address), the query searching within the one shown.
    await library.getByRole('link', { name: /^Archive/ }).click();
    await expect.poll(() => titles(library)).toEqual(['Market story', 'Ferry story']);
    expect(new URL(library.url()).searchParams.get('view')).toBe('archive');
    await library.getByRole('searchbox', { name: 'Search' }).fill('market ');
    await expect.poll(() => titles(library)).toEqual(['Market story']);
    await library.getByRole('link', { name: /^Inbox/ }).click();
    await expect.poll(() => library.getByRole('status').textContent()).toMatch(/^0 results/);
    await library.getByRole('searchbox', { name: 'Search' }).fill('');
    await library.goto(`chrome-extension://${env.browser.extensionId}/search.html?view=favourites`);
    await expect.poll(() => titles(library)).toEqual(['Ferry story']);

    // The is: words, in All.
    await library.goto(
      `chrome-extension://${env.browser.extensionId}/search.html?view=all&q=is:archived%20-is:favourite`,
    );
    await expect.poll(() => titles(library)).toEqual(['Market story']);

    // The order, by the "Sort" control (kept in the address).
    await library.goto(`chrome-extension://${env.browser.extensionId}/search.html?view=all`);
    await expect
      .poll(() => titles(library))
      .toEqual(['Market story', 'Ferry story', 'Lighthouse story', 'Harbour story']);
    await library.getByRole('combobox', { name: 'Sort' }).selectOption({ label: 'Title' });
    await expect
      .poll(() => titles(library))
      .toEqual(['Ferry story', 'Harbour story', 'Lighthouse story', 'Market story']);
    await library.getByRole('combobox', { name: 'Sort' }).selectOption({ label: 'Oldest' });
    await expect
      .poll(() => titles(library))
      .toEqual(['Harbour story', 'Lighthouse story', 'Ferry story', 'Market story']);
    expect(new URL(library.url()).searchParams.get('sort')).toBe('oldest');

    // In bulk: select all in the inbox, archive them.
    await library.goto(`chrome-extension://${env.browser.extensionId}/search.html`);
    await expect.poll(() => titles(library)).toEqual(['Lighthouse story', 'Harbour story']);
    await library.getByRole('checkbox', { name: 'Select all' }).check();
    await library.getByRole('region', { name: 'Selected articles' }).getByRole('button', { name: 'Archive' }).click();
    await expect.poll(() => views(library)).toEqual(['Inbox 0', 'Favourites 1', 'Archive 4', 'All 4', 'Highlights 0']);
    await expect.poll(() => library.getByRole('status').textContent()).toBe('0 results — Nothing here yet.');
    await library.close();
  });

  it('the reader archives, favourites, goes back to the library, resumes where it was left and marks read', async () => {
    const paragraphs = Array.from(
      { length: 60 },
      (_, i) => `<p>Paragraph ${i + 1} of the long read: the tide came in and went out again, as tides do.</p>`,
    ).join('');
    const long = articleRecord('https://views.example/long-read', {
      title: 'The long read',
      createdAt: Date.UTC(2024, 5, 1),
      updatedAt: Date.UTC(2024, 5, 1),
    });
    const library = await env.browser.openExtensionPage('search.html?view=all');
    await library.getByLabel('Restore backup').setInputFiles({
      name: 'long.json',
      mimeType: 'application/json',
      buffer: articlesBackup([long], {
        contents: [{ articleId: long.id, html: paragraphs, text: paragraphs.replace(/<[^>]+>/g, ' ') }],
      }),
    });
    await expect.poll(() => library.getByText(/^Restored: 1 article added/).count(), { timeout: 15_000 }).toBe(1);
    const card = library.getByRole('article').filter({ hasText: 'The long read' });
    const href = (await card.getByRole('link', { name: 'The long read' }).getAttribute('href'))!;

    const reader = await env.browser.openExtensionPage(href.slice(1));
    await reader.getByRole('heading', { level: 1, name: 'The long read' }).waitFor();
    await reader.getByRole('button', { name: 'Favourite' }).click();
    await expect
      .poll(() => reader.getByRole('button', { name: 'Favourite' }).getAttribute('aria-pressed'))
      .toBe('true');
    // Halfway down, then left.
    await reader.evaluate(() => window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2));
    await reader.waitForTimeout(1_500);
    await expect.poll(() => card.locator('.meta').textContent()).toMatch(/[45]\d% read$/);
    await reader.reload();
    await reader.getByRole('heading', { level: 1, name: 'The long read' }).waitFor();
    // Back where it was left.
    await expect
      .poll(() => reader.evaluate(() => window.scrollY / (document.documentElement.scrollHeight - innerHeight)))
      .toBeGreaterThan(0.4);
    // Read to the end: read.
    await reader.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => card.locator('.meta').textContent(), { timeout: 5_000 }).toMatch(/Read$/);
    await library.goto(`chrome-extension://${env.browser.extensionId}/search.html?view=all&q=is:read%20is:favourite`);
    await expect.poll(() => titles(library)).toEqual(['The long read']);
    // Archive from the reader, and "Library" back to the library.
    await reader.getByRole('button', { name: 'Archive' }).click();
    await expect.poll(() => reader.getByRole('button', { name: 'Archive' }).getAttribute('aria-pressed')).toBe('true');
    await reader.getByRole('link', { name: 'Library' }).click();
    await reader.waitForURL(/\/search\.html$/);
    await reader.getByRole('navigation', { name: 'Library' }).waitFor();
    await reader.goto(`chrome-extension://${env.browser.extensionId}/search.html?view=archive&q=long`);
    const archived = reader.getByRole('article').filter({ hasText: 'The long read' });
    await expect
      .poll(() => archived.getByRole('button', { name: 'Archive' }).getAttribute('aria-pressed'))
      .toBe('true');
    expect(await archived.getByRole('button', { name: 'Favourite' }).getAttribute('aria-pressed')).toBe('true');
    await reader.close();
    await library.close();
  });

  it('lists every highlight in the Highlights view, searched with the query, each opening the reader on it', async () => {
    const text = (n: number) =>
      Array.from(
        { length: 40 },
        (_, i) => `<p>Line ${i + 1} of notebook ${n}: the ${i === 30 ? 'heron stood still' : 'water moved'}.</p>`,
      ).join('');
    const books = [1, 2].map((n) =>
      articleRecord(`https://views.example/notebook-${n}`, { title: `Notebook ${n}`, createdAt: Date.UTC(2024, 7, n) }),
    );
    const quote = (exact: string) => ({ quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' } });
    const highlight = (article: { id: string }, exact: string, note: string, day: number, color = 'yellow') => ({
      id: crypto.randomUUID(),
      articleId: article.id,
      selectors: quote(exact),
      color,
      note,
      createdAt: Date.UTC(2024, 8, day),
      updatedAt: Date.UTC(2024, 8, day),
    });
    const highlights = [
      highlight(books[0]!, 'the heron stood still', 'Patience.', 1, 'green'),
      highlight(books[1]!, 'Line 2 of notebook 2', '', 3),
      highlight(books[1]!, 'the heron stood still', 'Again the heron.', 2, 'blue'),
    ];
    const library = await env.browser.openExtensionPage('search.html?view=all');
    await library.getByLabel('Restore backup').setInputFiles({
      name: 'notebooks.json',
      mimeType: 'application/json',
      buffer: articlesBackup(books, {
        contents: books.map((book, i) => ({
          articleId: book.id,
          html: text(i + 1),
          text: text(i + 1).replace(/<[^>]+>/g, ' '),
        })),
        highlights,
      }),
    });
    await expect.poll(() => library.getByText(/^Restored: 2 articles added/).count(), { timeout: 15_000 }).toBe(1);
    await library.getByRole('link', { name: /^Highlights/ }).click();
    const list = library.getByRole('list', { name: 'All highlights' });
    const items = () => list.getByRole('listitem').allInnerTexts();
    // Newest first, each with its colour (named), text, note and article.
    await expect
      .poll(async () => (await items()).filter((item) => item.includes('notebook') || item.includes('heron')).length)
      .toBeGreaterThanOrEqual(3);
    const mine = (await items()).filter((item) => /Notebook [12]/.test(item));
    expect(mine[0]).toMatch(/^Yellow:\s+Line 2 of notebook 2\s+in Notebook 2$/);
    expect(mine[1]).toMatch(/^Blue:\s+the heron stood still\s+Again the heron\.\s+in Notebook 2$/);
    expect(mine[2]).toMatch(/^Green:\s+the heron stood still\s+Patience\.\s+in Notebook 1$/);
    // Grouped by article: each article's title once, its highlights under it; the status counts them.
    await expect.poll(() => library.getByRole('status').textContent()).toMatch(/^\d+ results? — \d+ highlights?$/);
    await library.getByRole('button', { name: 'Group by article' }).click();
    expect(new URL(library.url()).searchParams.get('group')).toBe('article');
    await expect.poll(() => list.getByRole('heading', { name: 'Notebook 2' }).count()).toBe(1);
    const grouped = (await items()).filter((item) => /notebook|heron/i.test(item));
    // (Quote-only highlights, whose place is not known until the article is read: in the order made.)
    expect(grouped[0]).toMatch(/^Notebook 2\s+Blue:\s+the heron stood still\s+Again the heron\./);
    expect(grouped[1]).toMatch(/^Yellow:\s+Line 2 of notebook 2/);
    expect(grouped[2]).toMatch(/^Notebook 1\s+Green:\s+the heron stood still/);
    await library.getByRole('button', { name: 'Group by article' }).click();
    expect(await library.getByRole('button', { name: 'Group by article' }).getAttribute('aria-pressed')).toBe('false');
    // The query finds highlights by their text and notes.
    await library.getByRole('searchbox', { name: 'Search' }).fill('patience ');
    await expect
      .poll(items)
      .toEqual([expect.stringMatching(/^Green:\s+the heron stood still\s+Patience\.\s+in Notebook 1$/)]);
    expect(await library.getByRole('status').textContent()).toBe('1 result — 1 highlight');
    // Opening one: the reader, drawn and brought into view.
    await list.getByRole('link', { name: 'Notebook 1' }).click();
    await library.waitForURL(/\/reader\.html\?id=.*&highlight=/);
    await expect
      .poll(async () => (await drawnHighlights(library)).map((h) => h.text))
      .toEqual(['the heron stood still']);
    await expect.poll(() => library.evaluate(() => window.scrollY > 0)).toBe(true);
    await library.close();
  });
});
