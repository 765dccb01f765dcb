/** The import formats beyond Pocket's CSV and Omnivore's zip, on samples shaped like the real exports. */
import { strToU8, zipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { saveArticle } from '../db/articles';
import { db } from '../db/schema';
import { extractedArticle } from '../db/test-data';
import { importItems, parseImportFile, previewImportFile } from './import-library';

beforeEach(async () => {
  await db.delete();
  await db.open();
});

const NOW = Date.UTC(2026, 11, 1);
const file = (content: string | Uint8Array<ArrayBuffer>, name = 'export') =>
  Object.assign(new Blob([content]), { name });
/** Every stored article by URL, with its highlights. */
async function library() {
  const articles = await db.articles.toArray();
  const highlights = await db.highlights.toArray();
  return new Map(
    articles.map((a) => [a.url, { ...a, highlights: highlights.filter((h) => h.articleId === a.id) }] as const),
  );
}

describe('Pocket, as its export is downloaded (a zip of parts)', () => {
  it('reads every part, and names a row by its part', async () => {
    const head = 'title,url,time_added,tags,status\n';
    const zip = zipSync({
      'part_000000.csv': strToU8(`${head}One,https://one.example/a,1590570000,health|work,unread\n`),
      'part_000001.csv': strToU8(
        `${head}Two,https://two.example/b,1600000000,,archive\nBad,ftp://nope.example/,1600000000,,unread\n`,
      ),
      'readme.txt': strToU8('not read'),
    });
    const parsed = await parseImportFile(file(zip, 'pocket.zip'), NOW);
    expect(parsed.source).toBe('Pocket');
    expect(parsed.items.map((item) => [item.url, item.tags, item.archived])).toEqual([
      ['https://one.example/a', ['health', 'work'], false],
      ['https://two.example/b', [], true],
    ]);
    expect(parsed.skipped).toEqual(['part_000001.csv, row 3: "ftp://nope.example/" is not a web address']);
  });
});

describe('Instapaper', () => {
  const CSV = `URL,Title,Selection,Folder,Timestamp,Tags
https://a.example/read,Read later,,Unread,1700000000,"[""longform""]"
https://b.example/done,Done,"A passage, chosen",Archive,1700000100,[]
https://c.example/star,Loved,,Starred,1700000200,
https://d.example/mine,In a folder,,Recipes,1700000300,"[""food"",""weekend""]"
`;
  it('maps its folders to the inbox, the archive, favourites and tags', async () => {
    const parsed = await parseImportFile(file(CSV, 'instapaper-export.csv'), NOW);
    expect(parsed.source).toBe('Instapaper');
    await importItems(parsed, NOW);
    const stored = await library();
    const a = stored.get('https://a.example/read')!;
    expect([a.tags, a.archivedAt, a.favouriteAt, a.createdAt]).toEqual([
      ['longform'],
      undefined,
      undefined,
      1_700_000_000_000,
    ]);
    const b = stored.get('https://b.example/done')!;
    expect([b.archivedAt, b.excerpt]).toEqual([1_700_000_100_000, 'A passage, chosen']);
    expect(stored.get('https://c.example/star')!.favouriteAt).toBe(1_700_000_200_000);
    expect(stored.get('https://d.example/mine')!.tags).toEqual(['Recipes', 'food', 'weekend']);
  });
});

describe('a bookmarks file', () => {
  const HTML = `<!DOCTYPE NETSCAPE-Bookmark-file-1>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Bookmarks</TITLE>
<H1>Bookmarks</H1>
<DL><p>
    <DT><H3 ADD_DATE="1600000000" PERSONAL_TOOLBAR_FOLDER="true">Bookmarks bar</H3>
    <DL><p>
        <DT><A HREF="https://news.example/story" ADD_DATE="1650000000" TAGS="to-read,long">A story</A>
        <DD>Why I kept it
        <DT><H3 ADD_DATE="1600000000">Research</H3>
        <DL><p>
            <DT><H3>Health</H3>
            <DL><p>
                <DT><A HREF="https://journal.example/paper" ADD_DATE="1660000000">A paper <script>window.ran = true</script></A>
            </DL><p>
            <DT><A HREF="javascript:alert(1)">A bookmarklet</A>
        </DL><p>
    </DL><p>
    <DT><A HREF="https://plain.example/">https://plain.example/</A>
    <DT><A HREF="place:sort=8">Recent tags</A>
</DL><p>
`;
  it('keeps each link with its folders as tags, its date, its tags and its description', async () => {
    const parsed = await parseImportFile(file(HTML, 'bookmarks.html'), NOW);
    expect(parsed.source).toBe('bookmarks');
    expect(parsed.items.map((item) => [item.url, item.title, item.tags, item.savedAt, item.note])).toEqual([
      ['https://news.example/story', 'A story', ['to-read', 'long'], 1_650_000_000_000, 'Why I kept it'],
      [
        'https://journal.example/paper',
        'A paper window.ran = true',
        ['Research', 'Health'],
        1_660_000_000_000,
        undefined,
      ],
      ['https://plain.example/', 'https://plain.example/', [], NOW, undefined],
    ]);
    expect(parsed.skipped).toEqual([
      'bookmarks.html #3: "javascript:alert(1)" is not a web address',
      'bookmarks.html #5: "place:sort=8" is not a web address',
    ]);
    // Parsed as inert text: nothing in the file ran.
    expect((window as { ran?: boolean }).ran).toBeUndefined();
  });
});

describe('Hypothesis', () => {
  const EXPORT = {
    export_date: '2026-11-30T10:00:00Z',
    export_userid: 'acct:reader@hypothes.is',
    client_version: '1.1500.0',
    annotations: [
      {
        id: 'a1',
        created: '2024-03-01T09:00:00.000Z',
        uri: 'https://www.itij.com/latest/news/cpi',
        text: 'The key line.',
        tags: ['health'],
        document: { title: ['Cyber attacks'] },
        target: [
          {
            source: 'https://www.itij.com/latest/news/cpi',
            selector: [
              { type: 'RangeSelector', startContainer: '/p[1]', endContainer: '/p[1]', startOffset: 0, endOffset: 9 },
              { type: 'TextPositionSelector', start: 10, end: 50 },
              {
                type: 'TextQuoteSelector',
                exact: 'This will not be the last health crisis.',
                prefix: 'hospitals. ',
                suffix: ' Experts say',
              },
            ],
          },
        ],
      },
      {
        id: 'a2',
        created: '2024-03-02T09:00:00.000Z',
        uri: 'https://www.itij.com/latest/news/cpi',
        text: 'A note on the whole page.',
        tags: ['research'],
        target: [{ source: 'https://www.itij.com/latest/news/cpi' }],
      },
      { id: 'a3', uri: 'https://www.itij.com/latest/news/cpi', text: 'I agree', references: ['a1'], target: [] },
      {
        id: 'a4',
        uri: 'urn:x-pdf:6dfe4b3f',
        text: '',
        target: [{ selector: [{ type: 'TextQuoteSelector', exact: 'x' }] }],
      },
    ],
  };
  it('makes highlights of its quotes with their notes, page notes of the rest, and says what it left out', async () => {
    const parsed = await parseImportFile(file(JSON.stringify(EXPORT), 'hypothesis.json'), NOW);
    expect(parsed.source).toBe('Hypothesis');
    expect(parsed.items).toHaveLength(1); // both annotations of the page, combined
    expect(parsed.skipped).toEqual([
      'hypothesis.json #3: a reply to another annotation',
      'hypothesis.json #4: "urn:x-pdf:6dfe4b3f" is not a web address',
    ]);
    await importItems(parsed, NOW);
    const page = (await library()).get('https://www.itij.com/latest/news/cpi')!;
    expect([page.title, page.tags, page.note, page.createdAt]).toEqual([
      'Cyber attacks',
      ['health', 'research'],
      'A note on the whole page.',
      Date.parse('2024-03-01T09:00:00.000Z'),
    ]);
    expect(page.highlights.map((h) => [h.selectors.quote, h.note, h.createdAt])).toEqual([
      [
        {
          type: 'TextQuoteSelector',
          exact: 'This will not be the last health crisis.',
          prefix: 'hospitals. ',
          suffix: ' Experts say',
        },
        'The key line.',
        Date.parse('2024-03-01T09:00:00.000Z'),
      ],
    ]);
  });
});

describe('Readwise', () => {
  const CSV = `Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,Highlighted at,Document tags,URL
"The first line.",Saved here already,Ann Author,,A thought,blue,,,,2024-05-01 10:00:00+00:00,research,
"A second line.",Saved here already,Ann Author,,,orange,,,,2024-05-02 10:00:00+00:00,,
"From the web.",A page,,,,yellow,,,,2024-05-03 10:00:00+00:00,,https://page.example/a
"From a book.",A novel nobody saved,Someone,B000,,yellow,,,,2024-05-04 10:00:00+00:00,,
`;
  it('adds highlights to the page of their address, or to the article of their title, and says which it could not place', async () => {
    await saveArticle(extractedArticle({ url: 'https://here.example/story', title: 'Saved here already' }));
    const preview = await previewImportFile(await parseImportFile(file(CSV, 'readwise.csv'), NOW));
    expect([preview.added, preview.existing, preview.highlights]).toEqual([1, 1, 3]);
    expect(preview.parsed.skipped).toEqual([
      'A novel nobody saved: no web address, and no article of this title in your library',
    ]);
    await importItems(preview.parsed, NOW);
    const stored = await library();
    const here = stored.get('https://here.example/story')!;
    expect(here.tags).toEqual(['research']);
    expect(here.highlights.map((h) => [h.selectors.quote.exact, h.note, h.color]).sort()).toEqual([
      ['A second line.', '', 'yellow'], // orange is not one of Gleaner's colours
      ['The first line.', 'A thought', 'blue'],
    ]);
    expect(stored.get('https://page.example/a')!.highlights.map((h) => h.selectors.quote.exact)).toEqual([
      'From the web.',
    ]);
  });
});

describe('any import', () => {
  it('previews in numbers before writing anything, and adds nothing when the same file comes again', async () => {
    await saveArticle(extractedArticle({ url: 'https://two.example/b', title: 'Saved before' }));
    const csv = `title,url,time_added,tags,status
One,https://one.example/a,1590570000,a,unread
Two,https://two.example/b,1600000000,b,unread
One again,https://one.example/a?utm_source=pocket,1590000000,c,archive
`;
    const preview = await previewImportFile(await parseImportFile(file(csv, 'part_000000.csv'), NOW));
    expect([preview.added, preview.existing]).toEqual([1, 1]);
    expect(await db.articles.count()).toBe(1); // nothing written yet
    const first = await importItems(preview.parsed, NOW);
    expect(first).toMatchObject({ added: 1, merged: 1, unchanged: 0 });
    const one = (await library()).get('https://one.example/a')!;
    // The two entries of one page, combined: its tags, the earlier date, archived as the later said.
    expect([one.tags, one.createdAt, one.archivedAt]).toEqual([['a', 'c'], 1_590_000_000_000, 1_590_000_000_000]);
    const before = await library();
    const again = await previewImportFile(await parseImportFile(file(csv, 'part_000000.csv'), NOW));
    expect([again.added, again.existing]).toEqual([0, 2]);
    expect(await importItems(again.parsed, NOW + 1000)).toMatchObject({ added: 0, merged: 0, unchanged: 2 });
    expect(await library()).toEqual(before);
  });
});
