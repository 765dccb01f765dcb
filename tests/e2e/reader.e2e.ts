/** The offline reader: opened from the popup, the saved article with its highlights, new highlights made there. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { entryLine, firstLine, LAST_LINE } from '../../utils/backup/layout';
import { useExtension } from './browser';
import { articleRecord, clickHighlight, drawnHighlights, highlightOnItij, itijPage, selectText } from './page-helpers';

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

  it('shows the tags, the page note and the highlight notes, and edits highlights with the page editor', async () => {
    const id = '00000000-0000-4000-8000-0000000000bb';
    const paragraphs = [
      'The breakwater was built in 1890 from granite quarried on the far side of the bay.',
      'Every winter storm since has taken a few blocks, and every spring the harbour board puts them back.',
      'This year the board asked engineers whether the wall can hold another century.',
    ];
    const article = articleRecord('https://notes.example/breakwater', {
      id,
      title: 'The breakwater',
      tags: ['harbour', 'engineering'],
      note: 'Read before the board meeting.',
    });
    const highlight = (n: number, exact: string, note: string) => ({
      id: `00000000-0000-4000-8000-00000000010${n}`,
      articleId: id,
      color: 'yellow',
      note,
      createdAt: Date.UTC(2024, 0, 2),
      updatedAt: Date.UTC(2024, 0, 2),
      selectors: { quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' } },
    });
    const highlights = [
      highlight(1, 'granite quarried on the far side of the bay', 'Which quarry?'),
      highlight(2, 'hold another century', ''),
    ];
    const backup = Buffer.from(
      [
        firstLine({
          exportedAt: new Date(0).toISOString(),
          articles: 1,
          highlights: 2,
          settings: { exportTemplate: '', exportFullText: false },
        }),
        entryLine(
          {
            article,
            content: { html: paragraphs.map((p) => `<p>${p}</p>`).join(''), text: paragraphs.join('\n') },
            highlights,
          },
          0,
        ),
        `${LAST_LINE}\n`,
      ].join(''),
    );
    const library = await env.browser.openExtensionPage('search.html');
    await library
      .getByLabel('Restore backup')
      .setInputFiles({ name: 'notes.jsonl', mimeType: 'application/json', buffer: backup });
    await expect
      .poll(() => library.getByText(/^Restored: 1 article added/).count(), {
        timeout: 15_000,
        message: await library
          .locator('main')
          .innerText()
          .catch(() => ''),
      })
      .toBe(1);
    await library.close();

    const reader = await env.browser.openExtensionPage(`reader.html?id=${id}`);
    await expect.poll(() => drawnHighlights(reader)).toHaveLength(2);
    // The tags (each a way to the library's articles with it) and the page note, by the article.
    const tags = reader.getByRole('list', { name: 'Tags' }).first();
    expect(await tags.getByRole('link', { name: 'harbour' }).getAttribute('href')).toBe(
      '/search.html?view=all&q=tag%3Aharbour',
    );
    await reader.getByText('Read before the board meeting.').first().waitFor();
    // The highlights with their notes, below the article.
    const list = reader.getByRole('list', { name: 'Highlights' });
    expect(await list.getByRole('listitem').count()).toBe(2);
    expect(await list.getByRole('listitem').first().textContent()).toContain('Which quarry?');

    // A click on a highlight opens the page's editor: colour and note, kept and shown.
    await clickHighlight(reader, 0);
    const editor = reader.getByRole('dialog', { name: 'Highlight' });
    await editor.waitFor();
    await editor.getByRole('button', { name: 'Green' }).click();
    await expect.poll(async () => (await drawnHighlights(reader))[0]?.color).toBe('green');
    await editor.getByRole('textbox', { name: 'Note' }).fill('The Penryn quarry.');
    await editor.getByText('Note saved').waitFor();
    await expect.poll(() => list.getByRole('listitem').first().textContent()).toContain('The Penryn quarry.');
    await reader.keyboard.press('Escape');
    await expect.poll(() => editor.isVisible()).toBe(false);

    // By keyboard from the list: Edit highlight (the note focused), Delete with Undo.
    const edit = list.getByRole('listitem').nth(1).getByRole('button', { name: 'Edit highlight' });
    await edit.focus();
    await reader.keyboard.press('Enter');
    await editor.waitFor();
    expect(await reader.evaluate(() => document.activeElement?.id)).toBe('gleaner-note');
    await editor.getByRole('button', { name: 'Delete highlight' }).click();
    await expect.poll(() => drawnHighlights(reader)).toHaveLength(1);
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    await editor.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => drawnHighlights(reader)).toHaveLength(2);
    await expect.poll(() => list.getByRole('listitem').count()).toBe(2);
    // Put back, the editor closes and the focus is where it was.
    await expect.poll(() => editor.isVisible()).toBe(false);
    expect(await reader.evaluate(() => document.activeElement?.textContent)).toBe('Edit highlight');

    // Kept: on opening again, the note and colour are the ones set here, and the tags edited here too.
    await reader.getByRole('textbox', { name: 'Tags' }).fill('granite');
    await reader.getByRole('textbox', { name: 'Tags' }).press('Enter');
    await reader.getByRole('button', { name: 'Remove tag granite' }).waitFor();
    // The page shows a tag before its write ends: reloaded once it is stored, as read from the database.
    const storedTags = () =>
      reader.evaluate(
        (articleId) =>
          new Promise<string[]>((resolve, reject) => {
            const open = indexedDB.open('gleaner');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const get = open.result.transaction('articles').objectStore('articles').get(articleId);
              get.onsuccess = () => {
                resolve((get.result as { tags: string[] }).tags);
                open.result.close();
              };
            };
          }),
        id,
      );
    await expect.poll(storedTags).toContain('granite');
    await reader.reload();
    await expect
      .poll(() => drawnHighlights(reader))
      .toEqual([
        expect.objectContaining({ color: 'green', text: 'granite quarried on the far side of the bay' }),
        expect.objectContaining({ color: 'yellow', text: 'hold another century' }),
      ]);
    await reader.getByText('The Penryn quarry.').first().waitFor();
    await tags.getByRole('link', { name: 'granite' }).waitFor();
    await reader.close();
  });

  it('says so for an article that is not in the library', async () => {
    const reader = await env.browser.openExtensionPage('reader.html?id=00000000-0000-4000-8000-000000000000');
    await expect.poll(() => reader.getByRole('alert').textContent()).toMatch(/not in your Gleaner library/);
  });

  /** A one-article backup whose markup reaches for the fixture server's /remote/ in every way found (issue 14),
   * with remote images off. */
  function remoteBackup(origin: string): Buffer {
    const at = (name: string) => `${origin}/remote/${name}`;
    const html = `<h1>Remote things</h1><p>An article that reaches for the web.</p>
<video poster="${at('poster.jpg')}" src="${at('video.mp4')}"><source src="${at('source.mp4')}"><track src="${at('track.vtt')}"></video>
<audio src="${at('audio.mp3')}" preload="auto"></audio>
<picture><source srcset="${at('picture.png')}"><img src="${at('img.png')}" alt="A chart"></picture>
<svg width="40" height="40"><image href="${at('svg-image.png')}" width="10" height="10"></image>
<filter id="f"><feImage href="${at('feimage.png')}"></feImage></filter>
<rect width="10" height="10" mask="url(${at('mask.svg')}#m)" filter="url(${at('filter.svg')}#f)" fill="url(${at('fill.svg')}#p)"></rect></svg>
<table background="${at('table.png')}"><tr><td background="${at('td.png')}">cell</td></tr></table>`;
    const id = '00000000-0000-4000-8000-0000000000aa';
    const article = articleRecord('https://remote.example/article', { id, title: 'Remote things', wordCount: 7 });
    const settings = { exportTemplate: '', exportFullText: false, readerRemoteImages: false };
    return Buffer.from(
      [
        firstLine({ exportedAt: new Date(0).toISOString(), articles: 1, highlights: 0, settings }),
        entryLine(
          { article, content: { html, text: 'Remote things An article that reaches for the web.' }, highlights: [] },
          0,
        ),
        `${LAST_LINE}\n`,
      ].join(''),
    );
  }

  /** The fixture server's /remote/ paths requested so far, once the page has had time to ask for them. */
  async function remoteRequests(page: Page): Promise<string[]> {
    await page.waitForLoadState('load');
    await page.waitForTimeout(700);
    return [
      ...new Set(env.server.requests.filter((path) => path.startsWith('/remote/')).map((path) => path.slice(8))),
    ].sort();
  }

  /** What markup Gleaner's code would not know of could still ask for: added to the page behind its back. */
  const sneakIn = (page: Page, origin: string) =>
    page.evaluate((origin) => {
      const image = document.createElement('img');
      image.src = `${origin}/remote/sneaked-img.png`;
      const video = document.createElement('video');
      video.src = `${origin}/remote/sneaked-video.mp4`;
      document.body.append(image, video);
    }, origin);

  it('loads nothing from the web with remote images off, and only images when they are on', async () => {
    const search = await env.browser.openExtensionPage('search.html');
    await search.getByLabel('Restore backup').setInputFiles({
      name: 'remote.json',
      mimeType: 'application/json',
      buffer: remoteBackup(env.server.origin),
    });
    await expect.poll(() => search.getByText(/^Restored: 1 article added/).count()).toBe(1);
    const reader = await env.browser.openExtensionPage('reader.html?id=00000000-0000-4000-8000-0000000000aa');
    await expect.poll(() => reader.getByRole('heading').first().textContent()).toBe('Remote things');
    const remoteImages = reader.getByRole('checkbox', { name: 'Show remote images' });
    expect(await remoteImages.isChecked()).toBe(false);
    expect(await reader.getByText('[A chart]').count()).toBe(1);
    await sneakIn(reader, env.server.origin);
    expect(await remoteRequests(reader)).toEqual([]);

    // On: the page is loaded again (the policy that blocked images is lifted), and only images come.
    await Promise.all([reader.waitForEvent('load'), remoteImages.check()]);
    await expect.poll(() => reader.getByRole('heading').first().textContent()).toBe('Remote things');
    await sneakIn(reader, env.server.origin);
    const requested = await remoteRequests(reader);
    // (The picture's source is the image the browser chose.)
    expect(requested).toEqual(expect.arrayContaining(['picture.png', 'poster.jpg', 'sneaked-img.png']));
    expect(requested.filter((path) => !/^(img|picture|poster|svg-image|table|td|sneaked-img)\./.test(path))).toEqual(
      [],
    );
  });
});
