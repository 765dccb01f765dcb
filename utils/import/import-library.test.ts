import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { chromeMessages, getMessage } from '@/tests/support/messages';
import { saveArticle } from '../db/articles';
import { db } from '../db/schema';
import { extractedArticle } from '../db/test-data';
import { importItems, parseImportFile, parseOmnivoreHighlights, parsePocketCsv } from './import-library';

beforeEach(async () => {
  await db.delete();
  await db.open();
});

const POCKET = `title,url,time_added,tags,status
"Cyber attacks, and hospitals",https://www.itij.com/latest/news/cpi?utm_source=pocket,1590570000,health|security,unread
Fonts,https://fonts.example/story,1600000000,,archive
Broken,javascript:alert(1),1600000000,,unread
`;

const OMNIVORE_META = [
  {
    id: 'a',
    slug: 'cyber-attacks',
    title: 'Cyber attacks',
    description: 'About hospitals',
    author: 'Robyn',
    url: 'https://www.itij.com/latest/news/cpi',
    labels: ['health', { name: 'Research' }],
    savedAt: '2023-05-01T10:00:00.000Z',
    publishedAt: '2020-05-27T09:00:00.000Z',
  },
  { id: 'b', slug: 'no-url', title: 'No address' },
];
const OMNIVORE_HIGHLIGHTS = `> This will not be the last health crisis. [⤴️](https://omnivore.app/me/cyber-attacks#h1)

The key line.

> Two lines
> of quote [⤴️](https://omnivore.app/me/cyber-attacks#h2)
`;

const blob = (data: string | Uint8Array) => new Blob([data as BlobPart]);

describe('import', () => {
  it('reads a Pocket CSV: titles with commas, tags split on |, seconds to dates, bad addresses skipped', async () => {
    const parsed = await parseImportFile(blob(POCKET));
    expect(parsed.source).toBe('Pocket');
    expect(parsed.items.map((i) => [i.title, i.tags, i.savedAt])).toEqual([
      ['Cyber attacks, and hospitals', ['health', 'security'], 1_590_570_000_000],
      ['Fonts', [], 1_600_000_000_000],
    ]);
    expect(parsed.skipped).toEqual(['row 4: "javascript:alert(1)" is not a web address']);
    const report = await importItems(parsed, 5);
    expect(report).toMatchObject({ added: 2, merged: 0, highlights: 0 });
    const article = await db.articles.where('url').equals('https://www.itij.com/latest/news/cpi').first();
    expect(article).toMatchObject({
      title: 'Cyber attacks, and hospitals',
      tags: ['health', 'security'],
      createdAt: 1_590_570_000_000,
      wordCount: 0,
    });
    expect(await db.contents.count()).toBe(0); // extracted when the page is next opened
    // Pocket's status: "archive" is archived when it was saved there; "unread" stays in the inbox.
    const fonts = await db.articles.where('url').equals('https://fonts.example/story').first();
    expect(fonts).toMatchObject({ archivedAt: 1_600_000_000_000 });
    expect(article!.archivedAt).toBeUndefined();
  });

  it("keeps Omnivore's archive state and reading progress, but not over what the user did here", async () => {
    const here = await saveArticle(extractedArticle({ url: 'https://e.com/here' }));
    const zip = zipSync({
      'metadata_0_to_3.json': strToU8(
        JSON.stringify([
          { slug: 'a', url: 'https://e.com/archived', state: 'ARCHIVED', readingProgress: 100, savedAt: '2023-05-01' },
          { slug: 'b', url: 'https://e.com/half', state: 'SUCCEEDED', readingProgress: 40 },
          { slug: 'c', url: 'https://e.com/here', state: 'ARCHIVED', readingProgress: 100 },
        ]),
      ),
    });
    await importItems(await parseImportFile(blob(zip)), 5);
    const at = (url: string) => db.articles.where('url').equals(url).first();
    const saved = Date.parse('2023-05-01');
    expect(await at('https://e.com/archived')).toMatchObject({ archivedAt: saved, readAt: saved, progress: 1 });
    const half = (await at('https://e.com/half'))!;
    expect([half.archivedAt, half.readAt, half.progress]).toEqual([undefined, undefined, 0.4]);
    const merged = (await db.articles.get(here.id))!;
    expect([merged.archivedAt, merged.readAt]).toEqual([undefined, undefined]);
  });

  it('holds every row to what Gleaner stores, and says what it changed or skipped', async () => {
    const tags = Array.from({ length: 1_500 }, (_, i) => `t${i}`).join('|');
    const csv = `title,url,time_added,tags,status
Far future,https://e.com/future,1e20,,unread
Many tags,https://e.com/tags,1600000000,${tags},unread
Long address,https://e.com/${'x'.repeat(8_000)},1600000000,,unread
No date,https://e.com/undated,,,unread
`;
    const before = Date.now();
    const parsed = await parseImportFile(blob(csv));
    expect(parsed.items.map((i) => [i.url, i.tags.length])).toEqual([
      ['https://e.com/future', 0],
      ['https://e.com/tags', 1_000],
      ['https://e.com/undated', 0],
    ]);
    // A date that is no date, and none at all, are the import's time.
    const [future, tagged, undated] = parsed.items.map((i) => i.savedAt);
    expect(tagged).toBe(1_600_000_000_000);
    for (const at of [future!, undated!]) expect(at >= before && at <= Date.now()).toBe(true);
    expect(parsed.changed).toEqual([
      'row 2: the date 1e+23 is not a date; saved as today',
      'row 3: 1,500 tags, of which the first 1,000 were kept',
    ]);
    expect(parsed.skipped).toEqual(['row 4: a web address longer than 8,000 characters']);
    const report = await importItems(parsed, 5);
    expect(report).toMatchObject({ added: 3, changed: parsed.changed });
    // Stored, and so its backup restores (the database holds every record to the same rules).
    expect(await db.articles.count()).toBe(3);
  });

  it('cuts an Omnivore note past the longest a note holds, and says so', async () => {
    const zip = zipSync({
      'metadata_0_to_1.json': strToU8(JSON.stringify([{ slug: 'long', title: 'Long', url: 'https://e.com/long' }])),
      'highlights/long.md': strToU8(`> A quote\n\n${'n'.repeat(300_000)}\n`),
    });
    const parsed = await parseImportFile(blob(zip));
    expect(parsed.items[0]!.highlights[0]!.note).toHaveLength(200_000);
    expect(parsed.changed).toEqual(['metadata_0_to_1.json #1: highlight 1: note cut to 200,000 characters']);
    expect(await importItems(parsed, 5)).toMatchObject({ added: 1, highlights: 1 });
  });

  it('reads an Omnivore zip with its highlights and notes, and merges into an article already saved', async () => {
    const saved = await saveArticle(extractedArticle({ url: 'https://www.itij.com/latest/news/cpi' }));
    await db.articles.update(saved.id, { tags: ['mine'] });
    const zip = zipSync({
      'metadata_0_to_2.json': strToU8(JSON.stringify(OMNIVORE_META)),
      'highlights/cyber-attacks.md': strToU8(OMNIVORE_HIGHLIGHTS),
    });
    const parsed = await parseImportFile(blob(zip));
    expect(parsed.source).toBe('Omnivore');
    expect(parsed.skipped).toEqual(['metadata_0_to_2.json #2: no web address']);
    const report = await importItems(parsed);
    expect(report).toMatchObject({ added: 0, merged: 1, highlights: 2 });
    expect((await db.articles.get(saved.id))!.tags).toEqual(['mine', 'health', 'Research']);
    const highlights = await db.highlights.where('articleId').equals(saved.id).toArray();
    expect(highlights.map((h) => [h.selectors.quote.exact, h.note]).sort()).toEqual([
      ['This will not be the last health crisis.', 'The key line.'],
      ['Two lines\nof quote', ''],
    ]);
    // Their quotes alone are known: no invented position (it is kept once the page shows them).
    expect(highlights.map((h) => h.selectors.position)).toEqual([undefined, undefined]);
    // Importing again adds nothing, and changes nothing.
    const before = await db.articles.get(saved.id);
    expect(await importItems(parsed)).toMatchObject({ merged: 0, unchanged: 1, highlights: 0 });
    expect(await db.articles.get(saved.id)).toEqual(before);
  });

  it('parses Omnivore highlight files with notes of several paragraphs', () => {
    expect(parseOmnivoreHighlights('> A [⤴️](https://x)\n\nnote one\n\nnote two\n\n> B')).toEqual([
      { exact: 'A', note: 'note one\n\nnote two' },
      { exact: 'B', note: '' },
    ]);
  });

  it.each([
    ['a PDF', blob('%PDF-1.7 …'), /not an export Gleaner reads: Pocket .*Readwise.* Nothing was imported/],
    ['a JSON file of something else', blob('{"settings": {}}'), /not an export Gleaner reads/],
    ['a CSV of something else', blob('name,age\nAda,36\n'), /not an export Gleaner reads/],
    ['broken JSON', blob('{"annotations": ['), /not an export Gleaner reads/],
    ['a damaged zip', blob(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3])), /cannot be read/],
    ['another zip', blob(zipSync({ 'notes.txt': strToU8('hi') })), /not an Omnivore export/],
  ])('refuses %s with a clear message', async (_name, file, message) => {
    await expect(parseImportFile(file)).rejects.toThrow(message);
    expect(await db.articles.count()).toBe(0);
  });
});

describe("the import report, in the interface's language", () => {
  const english = fakeBrowser.i18n.getMessage;
  afterEach(() => {
    fakeBrowser.i18n.getMessage = english;
  });
  const speak = (locale: string, dir: 'ltr' | 'rtl') => {
    const messages = chromeMessages(locale);
    fakeBrowser.i18n.getMessage = (name: string, substitutions?: string | string[]) =>
      getMessage(messages, dir, name, substitutions);
  };
  const csv = `title,url,time_added,tags\nBad,javascript:x,1,\nMany,https://e.com/m,1e20,${Array.from({ length: 1_200 }, (_, i) => `t${i}`).join('|')}\n`;

  it.each([
    [
      'fr',
      'ltr',
      "« javascript:x » n'est pas une adresse web",
      'ligne 3 : 1\u202f200 étiquettes, dont les 1\u202f000 premières ont été gardées',
    ],
    ['ar', 'rtl', '«javascript:x» ليس عنوان ويب', 'وسم، احتُفظ بأول'],
  ] as const)('%s', (locale, dir, skipped, changed) => {
    speak(locale, dir);
    const parsed = parsePocketCsv(csv, 5);
    expect(parsed.skipped[0]).toContain(skipped);
    expect(parsed.changed.join(' | ')).toContain(changed);
    expect(parsed.changed.join(' ')).not.toMatch(/tags|row|were kept/);
  });
});
