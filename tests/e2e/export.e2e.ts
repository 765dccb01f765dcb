/** Export and backup: Markdown from the popup and the search page, a backup restored into a fresh profile. */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchWithExtension, useExtension } from './browser';
import { articleRecord, articlesBackup, drawnHighlights, highlightOnItij, itijPage } from './page-helpers';

const SENTENCE = '“This will not be the last health crisis.”';
const TITLE = 'The CPI issues call to protect international healthcare providers from cyber attacks';

const env = useExtension();

/** Clicks `button` and returns the file it downloads. */
async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ name: string; data: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), data: readFileSync(await download.path()) };
}

describe('export and backup', () => {
  it('exports Markdown from the popup and the search page, backs up, and restores into a fresh profile where the highlight comes back', async () => {
    const { popup, url } = await highlightOnItij(env, 'export', SENTENCE);
    const note = popup.getByRole('textbox', { name: 'Note', exact: true });
    await note.click();
    await popup.keyboard.type('Cited in the brief.');
    await popup.getByText('Note saved').waitFor();

    // One article from the popup, copied and downloaded: front matter, the note, the highlight as a quote.
    await env.browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await popup.getByRole('button', { name: 'Copy Markdown' }).click();
    await popup.getByText('Markdown copied.').waitFor();
    const copied = await popup.evaluate(() => navigator.clipboard.readText());
    const single = await downloadOf(popup, () => popup.getByRole('button', { name: 'Download Markdown' }).click());
    expect(single.name).toBe(`${TITLE}.md`);
    const markdown = single.data.toString('utf8');
    expect(markdown).toMatch(new RegExp(`^---\\ntitle: ${TITLE}\\nurl: ${url}\\n`));
    expect(markdown).toContain('## Note\n\nCited in the brief.');
    expect(markdown).toContain(`> ${SENTENCE}\n\n- Colour: yellow`);
    expect(copied).toBe(markdown);
    await popup.close();

    // Everything from the search page, as a zip of .md files.
    const search = await env.browser.openExtensionPage('search.html');
    await expect.poll(() => search.getByRole('status').first().textContent()).toMatch(/^1 result/);
    const zip = await downloadOf(search, () => search.getByRole('button', { name: 'Export Markdown' }).click());
    expect(zip.name).toMatch(/^gleaner-markdown-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipSync(zip.data);
    expect(Object.keys(files)).toEqual([`${TITLE}.md`]);
    expect(strFromU8(files[`${TITLE}.md`]!)).toBe(markdown);
    await expect.poll(() => search.getByText('Exported 1 article as Markdown.').count()).toBe(1);

    const backup = await downloadOf(search, () => search.getByRole('button', { name: 'Back up' }).click());
    const data = JSON.parse(backup.data.toString('utf8'));
    expect(data).toMatchObject({ format: 'gleaner-backup', version: 2, articles: 1, highlights: 1 });
    expect(data.entries).toHaveLength(1);
    expect(data.entries[0].highlights).toHaveLength(1);

    // A fresh profile: restore, then the page shows its highlight again and search finds its text.
    const fresh = await launchWithExtension();
    try {
      const restorePage = await fresh.openExtensionPage('search.html');
      await expect.poll(() => restorePage.getByRole('status').first().textContent()).toMatch(/^0 results/);
      await restorePage
        .getByLabel('Restore backup')
        .setInputFiles({ name: backup.name, mimeType: 'application/json', buffer: backup.data });
      await expect
        .poll(() => restorePage.getByText(/^Restored: 1 article added, 0 updated; 1 highlight added/).count(), {
          timeout: 15_000,
        })
        .toBe(1);
      await restorePage.getByRole('searchbox', { name: 'Search' }).fill('ransomware ');
      await expect.poll(() => restorePage.getByRole('status').first().textContent()).toMatch(/^1 result/);
      await expect.poll(() => restorePage.getByRole('article').getByRole('link', { name: TITLE }).count()).toBe(1);

      const { page: again } = await fresh.openTab(url);
      await expect
        .poll(() => drawnHighlights(again))
        .toEqual([expect.objectContaining({ text: SENTENCE, color: 'yellow' })]);
    } finally {
      await fresh.close();
    }
  });

  it('a damaged backup is refused with a clear message and changes nothing', async () => {
    const search = await env.browser.openExtensionPage('search.html');
    await expect.poll(() => search.getByRole('status').first().textContent()).toMatch(/^\d+ results?/);
    const before = await search.getByRole('status').first().textContent();
    await search.getByLabel('Restore backup').setInputFiles({
      name: 'backup.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"gleaner-backup","version":1,"articles":[{'),
    });
    await expect.poll(() => search.getByText(/not JSON, or it was cut short\. Nothing was changed\./).count()).toBe(1);
    // Nothing changed: the same count, and the library is not read or searched again ("Searching…").
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await search.getByRole('status').first().textContent()).toBe(before);
  });

  it('imports a Pocket export; an imported article gets its text when its page is opened with the popup', async () => {
    env.server.route('/itij/pocket.html', itijPage('pocket'));
    const url = `${env.server.origin}/itij/pocket.html`;
    const csv = `title,url,time_added,tags,status\n"Saved in Pocket, long ago",${url},1590570000,from-pocket|health,unread\n`;
    const search = await env.browser.openExtensionPage('search.html');
    await search
      .getByLabel(/^Import from/)
      .setInputFiles({ name: 'part_000000.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await search.getByRole('group', { name: 'Import preview' }).getByRole('button', { name: 'Add to library' }).click();
    await expect.poll(() => search.getByText(/^Imported from Pocket: 1 article added/).count()).toBe(1);
    const box = search.getByRole('searchbox', { name: 'Search' });
    await box.fill('tag:from-pocket ');
    await expect
      .poll(() => search.getByRole('article').getByRole('link', { name: 'Saved in Pocket, long ago' }).count())
      .toBe(1);
    await box.fill('tag:from-pocket ransomware ');
    await expect.poll(() => search.getByRole('status').first().textContent()).toMatch(/^0 results/); // no text yet

    const { tabId } = await env.browser.openTab(url);
    const popup = await env.browser.openPopup(tabId);
    await popup.getByRole('button', { name: 'Remove from library' }).waitFor(); // already in the library
    await popup.getByRole('button', { name: 'Remove tag from-pocket' }).waitFor();
    await search.reload();
    await expect.poll(() => search.getByRole('status').first().textContent()).toMatch(/^1 result/);
    await expect.poll(() => search.getByRole('article').getByRole('link', { name: TITLE }).count()).toBe(1);
  });

  it('shows 25 results at first and the rest on request', async () => {
    // 30 articles, brought in the way a user would: a backup file.
    const articles = Array.from({ length: 30 }, (_, i) =>
      articleRecord(`https://bulk.example/articles/${i}`, {
        title: `Bulk article ${i}`,
        siteName: 'Bulk',
        tags: ['bulk'],
        createdAt: Date.UTC(2024, 0, 1) + i,
        updatedAt: 1,
      }),
    );
    const search = await env.browser.openExtensionPage('search.html?q=tag:bulk');
    await search
      .getByLabel('Restore backup')
      .setInputFiles({ name: 'bulk.json', mimeType: 'application/json', buffer: articlesBackup(articles) });
    await expect.poll(() => search.getByText(/^Restored: 30 articles added/).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => search.getByRole('status').first().textContent()).toMatch(/^30 results/);
    await expect.poll(() => search.getByRole('article').count()).toBe(25);
    expect(await search.getByRole('article').first().getByRole('heading').textContent()).toBe('Bulk article 29'); // newest first
    await search.getByRole('button', { name: 'Show 5 more of 5' }).click();
    await expect.poll(() => search.getByRole('article').count()).toBe(30);
    expect(await search.getByRole('button', { name: /^Show \d+ more/ }).count()).toBe(0);
  });

  it('exports hostile titles under names every system accepts, and their text as text', async () => {
    const titles = ['nul.txt', 'Aux.tar.gz', 'CON .md', 'CONIN$', 'invoice\u202egnp.exe', 'Two\n# lines <b>'];
    const articles = titles.map((title, i) =>
      articleRecord(`https://names.example/${i}`, { title, createdAt: Date.UTC(2024, 0, 1) + i }),
    );
    const hostile = '<iframe src="https://evil.example/"></iframe>';
    const articleId = (articles[5] as { id: string }).id;
    const highlight = {
      id: crypto.randomUUID(),
      articleId,
      color: 'yellow',
      note: `Mine <img src=x onerror=alert(1)>`,
      createdAt: 1,
      updatedAt: 1,
      selectors: {
        quote: { type: 'TextQuoteSelector', exact: hostile, prefix: '', suffix: '' },
        position: { type: 'TextPositionSelector', start: 0, end: hostile.length },
      },
    };
    const search = await env.browser.openExtensionPage('search.html?q=site:names.example');
    await search.getByLabel('Restore backup').setInputFiles({
      name: 'names.json',
      mimeType: 'application/json',
      buffer: articlesBackup(articles, { highlights: [highlight] }),
    });
    await expect.poll(() => search.getByText(/^Restored: 6 articles added/).count()).toBe(1);
    await expect.poll(() => search.getByRole('status').first().textContent()).toMatch(/^6 results/);
    const zip = await downloadOf(search, () => search.getByRole('button', { name: 'Export Markdown' }).click());
    const files = unzipSync(zip.data);
    expect(Object.keys(files).sort()).toEqual([
      'Aux (article).tar.gz.md',
      'CON (article).md.md',
      'CONIN$ (article).md',
      'Two lines b.md',
      'invoicegnp.exe.md',
      'nul (article).txt.md',
    ]);
    const markdown = strFromU8(files['Two lines b.md']!);
    expect(markdown).toContain('\n# Two # lines \\<b>\n');
    expect(markdown).toContain('> \\<iframe src="https://evil.example/">\\</iframe>\n');
    expect(markdown).toContain('- Note: Mine \\<img src=x onerror=alert(1)>');
  });
});
