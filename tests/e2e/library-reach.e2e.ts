/**
 * Finding one's way in a large library (issue 16): every tag and site reachable from a dialog with a filter
 * box, a card's tags filtering by them, the selection and the last bulk message left with the results they were
 * about, and snippets that keep the article's paragraphs apart and cut no word.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useExtension } from './browser';
import { articleRecord, articlesBackup } from './page-helpers';

const env = useExtension();

/** The titles of the cards shown. */
const titles = (library: Page) => library.getByRole('article').getByRole('heading').allTextContents();

describe("finding one's way in a large library", () => {
  it('reaches every tag and site, filters by a card tag, and leaves selection and messages with their results', async () => {
    // Twenty tags and fifteen sites over thirty articles: more than the chips show.
    const articles = Array.from({ length: 30 }, (_, i) =>
      articleRecord(`https://site${String(i % 15).padStart(2, '0')}.example/story-${i}`, {
        title: `Story ${String(i).padStart(2, '0')}`,
        tags: [`topic-${String(i % 20).padStart(2, '0')}`, ...(i % 3 === 0 ? ['common'] : [])],
        createdAt: Date.UTC(2024, 0, 1 + i),
      }),
    );
    const library = await env.browser.openExtensionPage('search.html?view=all');
    await library
      .getByLabel('Restore backup')
      .setInputFiles({ name: 'many.json', mimeType: 'application/json', buffer: articlesBackup(articles) });
    await expect.poll(() => library.getByText(/^Restored: 30 articles added/).count(), { timeout: 15_000 }).toBe(1);
    const status = () => library.getByRole('status').first().textContent();
    await expect.poll(status).toMatch(/^30 results/);

    // Every tag: a dialog with all twenty-one, narrowed by its filter box; choosing one filters the library.
    await library.getByRole('button', { name: /^All tags \(21\)/ }).click();
    const tags = library.getByRole('dialog', { name: 'Tags' });
    await expect.poll(() => tags.getByRole('button', { name: /^topic-/ }).count()).toBe(20);
    await tags.getByRole('searchbox', { name: 'Filter tags' }).fill('topic-1');
    await expect.poll(() => tags.getByRole('button', { name: /^topic-/ }).count()).toBe(10);
    await tags.getByRole('button', { name: /^topic-17/ }).click();
    await expect.poll(() => tags.isVisible()).toBe(false);
    await expect.poll(() => library.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('tag:topic-17');
    await expect.poll(() => titles(library)).toEqual(['Story 17']);
    // Back returns to the results before the filter.
    await library.goBack();
    await expect.poll(status).toMatch(/^30 results/);

    // Every site, the same way.
    await library.getByRole('button', { name: /^All sites \(15\)/ }).click();
    const sites = library.getByRole('dialog', { name: 'Sites' });
    await sites.getByRole('searchbox', { name: 'Filter sites' }).fill('site03');
    await sites.getByRole('button', { name: /^site03\.example/ }).click();
    await expect.poll(() => titles(library)).toEqual(['Story 18', 'Story 03']);

    // A card's tag filters by it too.
    const card = library.getByRole('article').filter({ hasText: 'Story 18' });
    await card.getByRole('list', { name: 'Tags' }).getByRole('button', { name: 'topic-18' }).click();
    await expect
      .poll(() => library.getByRole('searchbox', { name: 'Search' }).inputValue())
      .toBe('site:site03.example tag:topic-18');
    await expect.poll(() => titles(library)).toEqual(['Story 18']);

    // What is selected, and what a bulk action said, stay with the results they were about.
    await library.getByRole('searchbox', { name: 'Search' }).fill('tag:common');
    await expect.poll(status).toMatch(/^10 results/);
    await library.getByRole('checkbox', { name: /^Select Story 27/ }).check();
    const bulk = library.getByRole('region', { name: 'Selected articles' });
    await bulk.getByRole('button', { name: 'Favourite' }).click();
    await expect.poll(() => bulk.getByText('1 article changed.').count()).toBe(1);
    await library.getByRole('searchbox', { name: 'Search' }).fill('tag:topic-07');
    await expect.poll(() => titles(library)).toEqual(['Story 27', 'Story 07']);
    expect(await bulk.getByText('1 article changed.').count()).toBe(0);
    expect(await bulk.getByRole('button', { name: 'Favourite' }).count()).toBe(0);
    expect(await library.getByRole('checkbox', { name: /^Select Story 27/ }).isChecked()).toBe(false);
    await library.close();
  });

  it('shows snippets that keep the article’s paragraphs apart and cut no word', async () => {
    // Paragraphs written with nothing between them, as many sites' markup is.
    const lead = 'The harbour authority published its annual report on the state of the breakwater this week.';
    const paragraphs = [
      lead.repeat(3),
      'Engineers warned of an attack.',
      'Uber drivers queued at the ferry terminal for hours while the storm surge closed the road.',
      'The council promised a decision before the winter, and the fishermen said they would wait.'.repeat(3),
    ];
    env.server.route(
      '/blocks.html',
      `<!doctype html><title>Breakwater</title><body><article><h1>Breakwater</h1>${paragraphs
        .map((p) => `<p>${p}</p>`)
        .join('')}</article></body>`,
    );
    const { page, tabId } = await env.browser.openTab(`${env.server.origin}/blocks.html`);
    const popup = await env.browser.openPopup(tabId);
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await popup.getByRole('button', { name: 'Remove from library', exact: true }).waitFor();
    await popup.close();
    await page.close();

    const library = await env.browser.openExtensionPage('search.html?view=all&q=drivers');
    const snippet = library.getByRole('article').filter({ hasText: 'Breakwater' }).locator('.snippet');
    await snippet.waitFor();
    const shown = await snippet.innerText();
    // The paragraph the match is in, from its start, on a line of its own after the one before.
    expect(shown).toMatch(/^Uber drivers queued/);
    expect(shown).not.toContain('attack.Uber');
    expect(shown).toContain('road.\nThe council');
    // Every word shown is a whole word of the article.
    const words = new Set(paragraphs.join(' ').split(/\s+/));
    for (const word of shown.replace(/…/g, '').split(/\s+/).filter(Boolean)) expect(words.has(word), word).toBe(true);
    await library.close();
  });

  it('works by keyboard: move, favourite, select, archive, open, and a dialog of the shortcuts', async () => {
    const articles = ['Alpha', 'Bravo', 'Charlie'].map((title, i) =>
      articleRecord(`https://keys.example/${title.toLowerCase()}`, {
        title: `${title} keys`,
        tags: ['keys'],
        createdAt: Date.UTC(2025, 0, 3 - i),
      }),
    );
    const library = await env.browser.openExtensionPage('search.html');
    await library
      .getByLabel('Restore backup')
      .setInputFiles({ name: 'keys.json', mimeType: 'application/json', buffer: articlesBackup(articles) });
    await expect.poll(() => library.getByText(/^Restored: 3 articles added/).count(), { timeout: 15_000 }).toBe(1);
    const box = library.getByRole('searchbox', { name: 'Search' });
    await box.fill('tag:keys');
    await expect.poll(() => titles(library)).toEqual(['Alpha keys', 'Bravo keys', 'Charlie keys']);
    const focused = () => library.evaluate(() => document.activeElement?.textContent ?? '');
    const card = (title: string) => library.getByRole('article').filter({ hasText: title });

    // From the box down the results, and back up to it.
    await box.press('ArrowDown');
    expect(await focused()).toBe('Alpha keys');
    await library.keyboard.press('j');
    await library.keyboard.press('j');
    expect(await focused()).toBe('Charlie keys');
    await library.keyboard.press('k');
    expect(await focused()).toBe('Bravo keys');

    // f, x and e act on the card focused; the focus stays on it.
    await library.keyboard.press('f');
    await expect
      .poll(() => card('Bravo keys').getByRole('button', { name: 'Favourite' }).getAttribute('aria-pressed'))
      .toBe('true');
    await library.keyboard.press('x');
    expect(await library.getByRole('checkbox', { name: 'Select Bravo keys' }).isChecked()).toBe(true);
    expect(await focused()).toBe('Bravo keys');
    // Archived from the inbox, the card leaves; the focus goes to the one in its place.
    await library.keyboard.press('e');
    await expect.poll(() => titles(library)).toEqual(['Alpha keys', 'Charlie keys']);
    await expect.poll(focused).toBe('Charlie keys');

    // ? lists the shortcuts and the search language; Escape closes it.
    await library.keyboard.press('?');
    const help = library.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.textContent()).toContain('is:archived');
    expect(await help.getByRole('cell', { name: 'Archive, or move back to the inbox' }).count()).toBe(0);
    expect(await help.getByText('Archive, or move back to the inbox').count()).toBe(1);
    await library.keyboard.press('Escape');
    await expect.poll(() => help.isVisible()).toBe(false);
    // Typed in the search box, the letters are text.
    await box.focus();
    await library.keyboard.type(' e');
    expect(await box.inputValue()).toBe('tag:keys e');
    await box.fill('tag:keys');
    await expect.poll(() => titles(library)).toEqual(['Alpha keys', 'Charlie keys']);

    // / goes to the box from anywhere; o opens the focused one in the reader.
    await box.press('ArrowDown');
    await library.keyboard.press('/');
    expect(await library.evaluate(() => document.activeElement?.id)).toBe('search-box');
    await box.press('ArrowDown');
    await library.keyboard.press('o');
    await library.waitForURL(/\/reader\.html\?id=/);
    await library.getByRole('heading', { level: 1, name: 'Alpha keys' }).waitFor();
    await library.close();
  });

  it('shows lead images only once the user allows them: until then, no site is asked for one', async () => {
    const body = `<article><h1>Lighthouse</h1>${'<p>The lighthouse keeper climbed the hundred steps every evening, whatever the weather.</p>'.repeat(15)}</article>`;
    env.server.route(
      '/lead.html',
      `<!doctype html><head><title>Lighthouse</title><meta property="og:image" content="/lead/picture.png"></head><body>${body}</body>`,
    );
    const { page, tabId } = await env.browser.openTab(`${env.server.origin}/lead.html`);
    const popup = await env.browser.openPopup(tabId);
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await popup.getByRole('button', { name: 'Remove from library', exact: true }).waitFor();
    await popup.close();
    await page.close();
    const asked = () => env.server.requests.filter((path) => path.startsWith('/lead/')).length;
    // The page itself never loaded it (a meta tag loads nothing): what follows is the library's doing alone.
    expect(asked()).toBe(0);

    const library = await env.browser.openExtensionPage('search.html?view=all&q=lighthouse');
    const card = library.getByRole('article').filter({ hasText: 'Lighthouse' });
    await card.waitFor();
    await library.waitForTimeout(500);
    expect(await card.locator('img').count()).toBe(0);
    expect(asked()).toBe(0);

    const options = await env.browser.openExtensionPage('options.html');
    const allow = options.getByRole('checkbox', { name: 'Show lead images in the library' });
    await allow.check();
    await options.getByText('Saved.').waitFor(); // as the page says once it is stored
    await options.reload();
    await expect.poll(() => allow.isChecked()).toBe(true);
    await options.close();
    await expect.poll(() => card.locator('img').count()).toBe(1);
    expect(await card.locator('img').getAttribute('src')).toBe(`${env.server.origin}/lead/picture.png`);
    await expect.poll(asked).toBeGreaterThan(0);
    await library.close();
  });
});
