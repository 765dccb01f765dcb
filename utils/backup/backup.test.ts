import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { saveArticle } from '../db/articles';
import { addHighlight } from '../db/highlights';
import { db } from '../db/schema';
import type { ArticleRecord, ContentRecord, HighlightRecord } from '../records/types';
import { extractedArticle } from '../db/test-data';
import { searchTerm } from '../search/index/term-search';
import { exportTemplate, readSettings } from '../settings/storage';
import { backupFile, createBackup, MAX_BACKUP_BYTES, parseBackup, restoreBackup, type Backup } from './backup';

beforeEach(async () => {
  await db.delete();
  await db.open();
});

async function everything() {
  const [articles, contents, highlights] = await Promise.all([
    db.articles.toArray(),
    db.contents.toArray(),
    db.highlights.toArray(),
  ]);
  const byId = <T>(list: T[], key: (item: T) => string) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
  return {
    articles: byId(articles, (a) => a.id),
    contents: byId(contents, (c) => c.articleId),
    highlights: byId(highlights, (h) => h.id),
    settings: await readSettings(),
  };
}

const file = (backup: Backup) => backupFile(backup).blob;

async function parsed(blob: Blob): Promise<Backup> {
  const result = await parseBackup(blob);
  if (!result.ok) throw new Error(result.error);
  return result.backup;
}

/** Arbitrary libraries: hostile text, any script, tags, notes, highlights. */
const text = fc.string({ unit: 'grapheme', maxLength: 60 });
const libraryArbitrary = fc
  .array(
    fc.record({
      title: text,
      note: text,
      tags: fc.uniqueArray(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }), { maxLength: 4 }),
      body: text,
      byline: fc.option(text),
      created: fc.integer({ min: 0, max: 2_000_000_000_000 }),
      highlights: fc.array(
        fc.record({
          exact: fc.string({ minLength: 1, maxLength: 40 }),
          note: text,
          color: fc.constantFrom('yellow', 'green', 'blue'),
        }),
        { maxLength: 3 },
      ),
    }),
    { maxLength: 6 },
  )
  .map((items) => {
    const { html: _html, text: _text, ...meta } = extractedArticle();
    return items.map((item, i): { article: ArticleRecord; content: ContentRecord; highlights: HighlightRecord[] } => {
      const id = crypto.randomUUID();
      const url = `https://site${i}.example/a/${i}`;
      return {
        article: {
          ...meta,
          id,
          url,
          originalUrl: url,
          urls: [url],
          title: item.title,
          note: item.note,
          tags: item.tags,
          byline: item.byline,
          createdAt: item.created,
          updatedAt: item.created + 1,
        },
        content: { articleId: id, html: `<p>${item.body}</p>`, text: item.body },
        highlights: item.highlights.map((h, n) => ({
          id: crypto.randomUUID(),
          articleId: id,
          color: h.color,
          note: h.note,
          createdAt: item.created,
          updatedAt: item.created,
          selectors: {
            quote: { type: 'TextQuoteSelector', exact: h.exact, prefix: '', suffix: '' },
            position: { type: 'TextPositionSelector', start: n, end: n + h.exact.length },
          },
        })),
      };
    });
  });

describe('backup and restore', () => {
  it('into an empty profile give back identical data (property)', async () => {
    await fc.assert(
      fc.asyncProperty(libraryArbitrary, fc.string({ maxLength: 40 }), async (library, template) => {
        await db.delete();
        await db.open();
        await db.articles.bulkPut(library.map((l) => l.article));
        await db.contents.bulkPut(library.map((l) => l.content));
        await db.highlights.bulkPut(library.flatMap((l) => l.highlights));
        await exportTemplate.setValue(template);
        const before = await everything();
        const backup = await parsed(file(await createBackup()));
        await db.delete();
        await db.open();
        await exportTemplate.setValue('');
        const report = await restoreBackup(backup);
        expect(report.articlesAdded).toBe(library.length);
        expect(await everything()).toEqual(before);
      }),
      { numRuns: 25 },
    );
  });

  it('restored articles are searchable and their highlights come back', async () => {
    const saved = await saveArticle(extractedArticle({ text: 'Ransomware hit the hospital.' }));
    await addHighlight(
      saved.id,
      {
        quote: { type: 'TextQuoteSelector', exact: 'hospital', prefix: '', suffix: '' },
        position: { type: 'TextPositionSelector', start: 19, end: 27 },
      },
      'green',
      'note',
    );
    const backup = await parsed(file(await createBackup()));
    await db.delete();
    await db.open();
    const phases = new Set<string>();
    const report = await restoreBackup(backup, (phase) => phases.add(phase));
    expect(report).toMatchObject({ articlesAdded: 1, highlightsAdded: 1 });
    expect([...phases]).toEqual(['restoring', 'indexing']);
    expect([...(await searchTerm('ransomware')).keys()]).toEqual([saved.id]);
  });

  it('merges: same id, the newer copy wins; a page saved under another id is merged into it', async () => {
    const saved = await saveArticle(extractedArticle({ url: 'https://e.com/a', title: 'Old title' }), 1_000);
    const backup = await createBackup();
    await db.articles.update(saved.id, { note: 'edited here later', updatedAt: 5_000 });
    const older: Backup = {
      ...backup,
      articles: [{ ...backup.articles[0]!, title: 'Backup title', updatedAt: 2_000 }],
    };
    expect(await restoreBackup(older)).toMatchObject({ articlesAdded: 0, articlesUpdated: 0, unchanged: 1 });
    expect((await db.articles.get(saved.id))!.note).toBe('edited here later');
    const newer: Backup = {
      ...backup,
      articles: [{ ...backup.articles[0]!, title: 'Backup title', updatedAt: 9_000 }],
    };
    expect(await restoreBackup(newer)).toMatchObject({ articlesUpdated: 1 });
    expect((await db.articles.get(saved.id))!.title).toBe('Backup title');
    // The same page under another id (saved in another profile): one article, with the backup's highlight.
    const otherId = crypto.randomUUID();
    const highlight = {
      id: crypto.randomUUID(),
      articleId: otherId,
      color: 'yellow',
      note: '',
      createdAt: 1,
      updatedAt: 1,
      selectors: {
        quote: { type: 'TextQuoteSelector' as const, exact: 'x', prefix: '', suffix: '' },
        position: { type: 'TextPositionSelector' as const, start: 0, end: 1 },
      },
    };
    const foreign: Backup = {
      ...backup,
      articles: [{ ...backup.articles[0]!, id: otherId, updatedAt: 1 }],
      contents: [],
      highlights: [highlight],
    };
    expect(await restoreBackup(foreign)).toMatchObject({ articlesAdded: 0, highlightsAdded: 1 });
    expect(await db.articles.count()).toBe(1);
    expect((await db.highlights.get(highlight.id))!.articleId).toBe(saved.id);
  });

  describe('rejects a bad file with a clear message and changes nothing', () => {
    let good: string;
    beforeEach(async () => {
      await saveArticle(extractedArticle({ text: 'Kept safe.' }));
      good = JSON.stringify(await createBackup());
    });
    const cases: Array<[string, () => Blob, RegExp]> = [
      ['truncated', () => new Blob([good.slice(0, good.length / 2)]), /not JSON, or it was cut short/],
      ['not JSON at all', () => new Blob(['%PDF-1.7']), /not JSON/],
      ['a foreign JSON file', () => new Blob([JSON.stringify({ bookmarks: [] })]), /not a Gleaner backup/],
      ['a newer format', () => new Blob([good.replace('"version":1', '"version":2')]), /newer Gleaner \(format 2\)/],
      [
        'wrong types',
        () => new Blob([good.replace(/"wordCount":\d+/, '"wordCount":"many"')]),
        /damaged \(articles\[0\]\.wordCount/,
      ],
      ['an unknown field', () => new Blob([good.replace('"note":""', '"note":"","evil":1')]), /damaged/],
      [
        'a highlight of a missing article',
        () => {
          const data = JSON.parse(good);
          data.highlights.push({
            id: crypto.randomUUID(),
            articleId: crypto.randomUUID(),
            color: 'yellow',
            note: '',
            createdAt: 1,
            updatedAt: 1,
            selectors: {
              quote: { type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' },
              position: { type: 'TextPositionSelector', start: 0, end: 1 },
            },
          });
          return new Blob([JSON.stringify(data)]);
        },
        /highlight of an article the backup does not hold/,
      ],
      [
        'a javascript: URL',
        () => new Blob([good.replace(/"originalUrl":"[^"]+"/, '"originalUrl":"javascript:alert(1)"')]),
        /originalUrl: .*not a web address/,
      ],
      [
        'huge',
        () =>
          ({
            size: MAX_BACKUP_BYTES + 1,
            text: () => Promise.reject(new Error('must not be read')),
          }) as unknown as Blob,
        /restores backups up to 500 MB/,
      ],
    ];
    it.each(cases)('%s', async (_name, make, message) => {
      const before = await everything();
      const result = await parseBackup(make());
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toMatch(message);
      expect(!result.ok && result.error).toMatch(/Nothing was changed/);
      expect(await everything()).toEqual(before);
    });
  });
});
