import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { saveArticle } from '../db/articles';
import { addHighlight } from '../db/highlights';
import { db } from '../db/schema';
import type { ArticleRecord, ContentRecord, HighlightRecord } from '../records/types';
import { extractedArticle, highlightRecord, quoteSelectors } from '../db/test-data';
import { searchTerm } from '../search/index/term-search';
import { exportTemplate, readSettings } from '../settings/storage';
import { MAX_BACKUP_BYTES, restoreBackup, writeBackup } from './backup';

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

/** Restores `file`, failing the test with the refusal's words if it is refused. */
async function restored(file: Blob, onProgress?: Parameters<typeof restoreBackup>[1]) {
  const result = await restoreBackup(file, onProgress);
  if (!result.ok) throw new Error(result.error);
  return result.report;
}

/** A backup of format 1, as Gleaner wrote before backups were streamed (and as tests build one by hand). */
async function formatOne(change: (data: FormatOne) => void = () => {}): Promise<Blob> {
  const [articles, contents, highlights] = await Promise.all([
    db.articles.toArray(),
    db.contents.toArray(),
    db.highlights.toArray(),
  ]);
  const data = {
    format: 'gleaner-backup',
    version: 1,
    exportedAt: new Date(0).toISOString(),
    articles,
    contents,
    highlights,
    settings: await readSettings(),
  };
  change(data);
  return new Blob([JSON.stringify(data)]);
}
type FormatOne = { articles: ArticleRecord[]; contents: ContentRecord[]; highlights: HighlightRecord[] };

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
          // Every other one with its quote alone, as imports bring them.
          selectors: {
            quote: { type: 'TextQuoteSelector' as const, exact: h.exact, prefix: '', suffix: '' },
            ...(n % 2 === 0 && {
              position: { type: 'TextPositionSelector' as const, start: n, end: n + h.exact.length },
            }),
          },
        })),
      };
    });
  });

describe('backup and restore', () => {
  it('into an empty profile give back identical data, in parts of two articles (property)', async () => {
    await fc.assert(
      fc.asyncProperty(libraryArbitrary, fc.string({ maxLength: 40 }), async (library, template) => {
        await db.delete();
        await db.open();
        await db.articles.bulkPut(library.map((l) => l.article));
        await db.contents.bulkPut(library.map((l) => l.content));
        await db.highlights.bulkPut(library.flatMap((l) => l.highlights));
        await exportTemplate.setValue(template);
        const before = await everything();
        const progress: number[] = [];
        const backup = await writeBackup((done) => progress.push(done), new Date(), 2);
        expect(progress).toEqual(
          Array.from({ length: Math.ceil(library.length / 2) }, (_, i) => Math.min(library.length, 2 * i + 2)),
        );
        await db.delete();
        await db.open();
        await exportTemplate.setValue('');
        const report = await restored(backup.blob);
        expect(report.articlesAdded).toBe(library.length);
        expect(await everything()).toEqual(before);
      }),
      { numRuns: 25 },
    );
  });

  it('writes one JSON object, one article a line, that any JSON tool reads', async () => {
    const saved = await saveArticle(extractedArticle({ text: 'Line one.\nLine two.' }));
    await saveArticle(extractedArticle({ url: 'https://e.com/second', title: 'Second' }));
    const backup = await writeBackup(() => {}, new Date('2026-12-02T10:00:00Z'), 1);
    expect(backup).toMatchObject({ name: 'gleaner-backup-2026-12-02.json', articles: 2, highlights: 0 });
    const text = await backup.blob.text();
    const lines = text.split('\n');
    expect(lines).toHaveLength(5); // the first line, two articles, the end, and the final line end
    expect(lines[0]).toMatch(/^\{"format":"gleaner-backup","version":2,.*"articles":2,"highlights":0,.*"entries":\[$/);
    expect(lines[2]).toMatch(/^,\{"article":/);
    expect(lines[3]).toBe(']}');
    const data = JSON.parse(text);
    expect(data.entries.map((entry: { article: ArticleRecord }) => entry.article.title).sort()).toEqual(
      ['Second', saved.title].sort(),
    );
    // Reformatted by another tool (no longer one article a line), it is read whole and still restores.
    await db.delete();
    await db.open();
    expect(await restored(new Blob([JSON.stringify(data, null, 2)]))).toMatchObject({ articlesAdded: 2 });
  });

  it('a backup made before backups were streamed (format 1) still restores', async () => {
    const saved = await saveArticle(extractedArticle({ text: 'Ransomware hit the hospital.' }));
    await addHighlight(saved.id, quoteSelectors('hospital', 19), 'green', 'note');
    const before = await everything();
    const file = await formatOne();
    await db.delete();
    await db.open();
    expect(await restored(file)).toMatchObject({ articlesAdded: 1, highlightsAdded: 1 });
    expect(await everything()).toEqual(before);
  });

  it('restored articles are searchable and their highlights come back', async () => {
    const saved = await saveArticle(extractedArticle({ text: 'Ransomware hit the hospital.' }));
    await addHighlight(saved.id, quoteSelectors('hospital', 19), 'green', 'note');
    const backup = await writeBackup();
    await db.delete();
    await db.open();
    const phases = new Set<string>();
    const report = await restored(backup.blob, (phase) => phases.add(phase));
    expect(report).toMatchObject({ articlesAdded: 1, highlightsAdded: 1 });
    expect([...phases]).toEqual(['reading', 'restoring', 'indexing']);
    expect([...(await searchTerm('ransomware')).keys()]).toEqual([saved.id]);
  });

  it('merges: same id, the newer copy wins; a page saved under another id is merged into it', async () => {
    const saved = await saveArticle(extractedArticle({ url: 'https://e.com/a', title: 'Old title' }), 1_000);
    const [article] = await db.articles.toArray();
    await db.articles.update(saved.id, { note: 'edited here later', updatedAt: 5_000 });
    const older = await formatOne((data) => {
      data.articles = [{ ...article!, title: 'Backup title', updatedAt: 2_000 }];
    });
    expect(await restored(older)).toMatchObject({ articlesAdded: 0, articlesUpdated: 0, unchanged: 1 });
    expect((await db.articles.get(saved.id))!.note).toBe('edited here later');
    const newer = await formatOne((data) => {
      data.articles = [{ ...article!, title: 'Backup title', updatedAt: 9_000 }];
    });
    expect(await restored(newer)).toMatchObject({ articlesUpdated: 1 });
    expect((await db.articles.get(saved.id))!.title).toBe('Backup title');
    // The same page under another id (saved in another profile): one article, with the backup's highlight.
    const otherId = crypto.randomUUID();
    const highlight = highlightRecord({ articleId: otherId, createdAt: 1, updatedAt: 1 });
    const foreign = await formatOne((data) => {
      data.articles = [{ ...article!, id: otherId, updatedAt: 1 }];
      data.contents = [];
      data.highlights = [highlight];
    });
    expect(await restored(foreign)).toMatchObject({ articlesAdded: 0, highlightsAdded: 1 });
    expect(await db.articles.count()).toBe(1);
    expect((await db.highlights.get(highlight.id))!.articleId).toBe(saved.id);
  });

  describe('rejects a bad file with a clear message and changes nothing', () => {
    let good: string;
    beforeEach(async () => {
      await saveArticle(extractedArticle({ text: 'Kept safe.' }));
      await saveArticle(extractedArticle({ url: 'https://e.com/two', text: 'Also kept.' }));
      good = await (await writeBackup()).blob.text();
    });
    const lines = () => good.split('\n');
    const cases: Array<[string, () => Blob | Promise<Blob>, RegExp]> = [
      ['truncated in a line', () => new Blob([good.slice(0, good.length / 2)]), /not JSON, or it was cut short/],
      ['truncated after a line', () => new Blob([lines().slice(0, 3).join('\n')]), /cut short/],
      [
        'an article left out',
        () =>
          new Blob([
            lines()
              .filter((_, i) => i !== 2)
              .join('\n'),
          ]),
        /holds 1 articles and 0 highlights, but says 2 and 0/,
      ],
      ['not JSON at all', () => new Blob(['%PDF-1.7']), /not JSON/],
      ['a foreign JSON file', () => new Blob([JSON.stringify({ bookmarks: [] })]), /not a Gleaner backup/],
      ['a newer format', () => new Blob([good.replace('"version":2', '"version":3')]), /newer Gleaner \(format 3\)/],
      [
        'wrong types',
        () => new Blob([good.replace(/"wordCount":\d+/, '"wordCount":"many"')]),
        /damaged \(line 2, article\.wordCount/,
      ],
      ['an unknown field', () => new Blob([good.replace('"note":""', '"note":"","evil":1')]), /damaged/],
      ['something after the end', () => new Blob([`${good}{"more":1}\n`]), /line 5: more after the end/],
      [
        'a highlight of a missing article (format 1)',
        () => formatOne((data) => data.highlights.push(highlightRecord({ articleId: crypto.randomUUID() }))),
        /highlight of an article the backup does not hold/,
      ],
      [
        'an article twice (format 1)',
        () => formatOne((data) => data.articles.push(data.articles[0]!)),
        /the article id .* appears twice/,
      ],
      [
        'a javascript: URL',
        () => new Blob([good.replace(/"originalUrl":"[^"]+"/, '"originalUrl":"javascript:alert(1)"')]),
        /originalUrl: .*not a web address/,
      ],
      [
        'huge, and not one article a line',
        () =>
          ({
            size: MAX_BACKUP_BYTES + 1,
            slice: () => new Blob(['{"format":"gleaner-backup","version":1,"articles":[']),
            text: () => Promise.reject(new Error('must not be read')),
          }) as unknown as Blob,
        /restores backups up to 500 MB/,
      ],
    ];
    it.each(cases)('%s', async (_name, make, message) => {
      const before = await everything();
      const file = await make();
      const result = await restoreBackup(file);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toMatch(message);
      expect(!result.ok && result.error).toMatch(/Nothing was changed/);
      expect(await everything()).toEqual(before);
    });
  });
});
