/**
 * Bringing a library from another tool (issue 17): a file is read and previewed in words before anything is
 * written; "Add to library" writes it, "Cancel" writes nothing; the states it carries land in the views; the
 * same file again adds nothing. Samples shaped like a browser's bookmarks file and Instapaper's CSV.
 */
import { strToU8, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useExtension } from './browser';

const env = useExtension();

const BOOKMARKS = `<!DOCTYPE NETSCAPE-Bookmark-file-1>
<TITLE>Bookmarks</TITLE>
<DL><p>
  <DT><H3 PERSONAL_TOOLBAR_FOLDER="true">Bookmarks bar</H3>
  <DL><p>
    <DT><H3>Recipes</H3>
    <DL><p>
      <DT><A HREF="https://food.example/bread" ADD_DATE="1650000000">Sourdough bread</A>
      <DD>Try on Sunday
    </DL><p>
    <DT><A HREF="https://news.example/harbour" ADD_DATE="1660000000" TAGS="town">The harbour reopens</A>
    <DT><A HREF="javascript:void(0)">A bookmarklet</A>
  </DL><p>
</DL><p>`;

const INSTAPAPER = `URL,Title,Selection,Folder,Timestamp,Tags
https://news.example/harbour,The harbour reopens,,Archive,1660000000,[]
https://long.example/essay,A long essay,,Starred,1670000000,"[""longform""]"
`;

/** The views of the "Library" navigation, as their names read ("Inbox 3"). */
const views = (library: Page) =>
  library.getByRole('navigation', { name: 'Library' }).getByRole('link').allTextContents();

async function choose(library: Page, name: string, content: string, mimeType: string) {
  await library.getByLabel(/^Import from/).setInputFiles({ name, mimeType, buffer: Buffer.from(content) });
  return library.getByRole('group', { name: 'Import preview' });
}

describe('importing a library', () => {
  it('previews a file in words, writes it only when asked, keeps its states, and adds nothing the second time', async () => {
    const library = await env.browser.openExtensionPage('search.html');
    await expect.poll(() => views(library)).toEqual(['Inbox 0', 'Favourites 0', 'Archive 0', 'All 0', 'Highlights 0']);

    // Cancelled: nothing written.
    let preview = await choose(library, 'bookmarks.html', BOOKMARKS, 'text/html');
    await expect
      .poll(() => preview.textContent())
      .toMatch(
        /^From bookmarks: 2 new, 0 already in your library, 0 highlights\. Skipped 1 entry: bookmarks\.html #3: "javascript:void\(0\)" is not a web address\./,
      );
    // The preview's button has the focus: Enter adds, as a click would.
    await expect.poll(() => library.evaluate(() => document.activeElement?.textContent)).toBe('Add to library');
    await preview.getByRole('button', { name: 'Cancel' }).click();
    await library.getByText('Nothing was imported.').waitFor();
    expect(await views(library)).toEqual(['Inbox 0', 'Favourites 0', 'Archive 0', 'All 0', 'Highlights 0']);

    preview = await choose(library, 'bookmarks.html', BOOKMARKS, 'text/html');
    await expect.poll(() => library.evaluate(() => document.activeElement?.textContent)).toBe('Add to library');
    await library.keyboard.press('Enter');
    await library.getByText(/^Imported from bookmarks: 2 articles added/).waitFor();
    await expect.poll(() => views(library)).toEqual(['Inbox 2', 'Favourites 0', 'Archive 0', 'All 2', 'Highlights 0']);
    // Folders became tags, the description the page's note.
    const box = library.getByRole('searchbox', { name: 'Search' });
    await box.fill('tag:recipes ');
    const card = library.getByRole('article').filter({ hasText: 'Sourdough bread' });
    await card.waitFor();
    expect(await card.textContent()).toContain('Try on Sunday');
    await box.fill('');

    // Instapaper: one page already there (archived in Instapaper, it keeps the state it has here, which is newer
    // than the export), one new and starred.
    preview = await choose(library, 'instapaper-export.csv', INSTAPAPER, 'text/csv');
    await expect
      .poll(() => preview.textContent())
      .toMatch(/^From Instapaper: 1 new, 1 already in your library, 0 highlights\.Add to library/);
    await preview.getByRole('button', { name: 'Add to library' }).click();
    await library.getByText(/^Imported from Instapaper: 1 article added, 1 already saved \(0 given/).waitFor();
    await expect.poll(() => views(library)).toEqual(['Inbox 3', 'Favourites 1', 'Archive 0', 'All 3', 'Highlights 0']);
    await library
      .getByRole('navigation', { name: 'Library' })
      .getByRole('link', { name: /^Favourites/ })
      .click();
    await expect
      .poll(() => library.getByRole('article').getByRole('heading').allTextContents())
      .toEqual(['A long essay']);

    // The same file again: nothing new, nothing changed.
    preview = await choose(library, 'instapaper-export.csv', INSTAPAPER, 'text/csv');
    await expect.poll(() => preview.textContent()).toMatch(/^From Instapaper: 0 new, 2 already in your library/);
    await preview.getByRole('button', { name: 'Add to library' }).click();
    await library.getByText(/^Imported from Instapaper: 0 articles added, 2 already saved \(0 given/).waitFor();
    await expect.poll(() => views(library)).toEqual(['Inbox 3', 'Favourites 1', 'Archive 0', 'All 3', 'Highlights 0']);
    await library.close();
  });

  it("keeps the text Omnivore's export holds: searchable and readable at once, without fetching the page", async () => {
    const url = `${env.server.origin}/omnivore/never-fetched.html`;
    const zip = zipSync({
      'metadata_0_to_1.json': strToU8(
        JSON.stringify([{ id: 'a', slug: 'lighthouse', title: 'The lighthouse keeper', url, labels: ['coast'] }]),
      ),
      'content/lighthouse.html': strToU8(
        '<div><h1>The lighthouse keeper</h1><p>She climbed the hundred steps every evening.</p>' +
          '<img src="x" onerror="document.title = \'ran\'"></div>',
      ),
    });
    const library = await env.browser.openExtensionPage('search.html');
    await library
      .getByLabel(/^Import from/)
      .setInputFiles({ name: 'omnivore.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await library
      .getByRole('group', { name: 'Import preview' })
      .getByRole('button', { name: 'Add to library' })
      .click();
    await library.getByText(/^Imported from Omnivore: 1 article added/).waitFor({ timeout: 20_000 });
    await library.getByRole('searchbox', { name: 'Search' }).fill('hundred steps');
    const card = library.getByRole('article').filter({ hasText: 'The lighthouse keeper' });
    await card.waitFor();
    await card.getByRole('link', { name: 'The lighthouse keeper' }).click();
    await library.getByText('She climbed the hundred steps every evening.').waitFor();
    expect(await library.title()).not.toBe('ran');
    // Its text came with the file: the page itself was never asked for.
    expect(env.server.requests.filter((path) => path.startsWith('/omnivore/'))).toEqual([]);
    await library.close();
  });

  it('says in words what it cannot read, and writes nothing', async () => {
    const library = await env.browser.openExtensionPage('search.html');
    await library
      .getByLabel(/^Import from/)
      .setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"notes": []}') });
    await library.getByText(/This file is not an export Gleaner reads: Pocket .* Nothing was imported\.$/).waitFor();
    expect(await library.getByRole('group', { name: 'Import preview' }).count()).toBe(0);
    await library.close();
  });
});
