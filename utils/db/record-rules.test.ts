import { Dexie } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { restoreBackup, writeBackup } from '../backup/backup';
import { formatDate } from '../i18n';
import { LIMITS } from '../records/limits';
import { MAX_TAG_LENGTH } from '../records/tags';
import type { ArticleRecord, HighlightRecord } from '../records/types';
import { settingsProblem } from '../settings/schema';
import { saveArticle, updateArticle } from './articles';
import { addHighlight, updateHighlight } from './highlights';
import { createDatabase, db, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4 } from './schema';
import { extractedArticle, highlightRecord, quoteSelectors } from './test-data';

beforeEach(async () => {
  await db.delete();
  await db.open();
});

const everything = async () => ({
  articles: await db.articles.orderBy('id').toArray(),
  highlights: await db.highlights.orderBy('id').toArray(),
  contents: await db.contents.orderBy('articleId').toArray(),
});

describe('the rules every stored record keeps', () => {
  it('refuse, in words, a write past a limit or with a date that is no date, by any path, and change nothing', async () => {
    const article = await saveArticle(extractedArticle());
    const highlight = await addHighlight(article.id, quoteSelectors('Ransomware'), 'yellow');
    const before = await everything();
    const refusals = [
      () => db.articles.put({ ...article, createdAt: 1e300 }),
      () => db.articles.put({ ...article, updatedAt: Number.NaN }),
      () => db.articles.bulkPut([{ ...article, tags: Array.from({ length: LIMITS.tags + 1 }, (_, i) => `t${i}`) }]),
      () => updateArticle(article.id, { note: 'x'.repeat(LIMITS.note + 1) }),
      () => db.articles.put({ ...article, urls: [`https://e.com/${'x'.repeat(LIMITS.url)}`] }),
      () => db.articles.put({ ...article, image: 'javascript:alert(1)' }),
      () => db.highlights.put({ ...highlight, createdAt: -1e20 }),
      () => updateHighlight(highlight.id, { note: 'x'.repeat(LIMITS.note + 1) }),
      () => db.highlights.add(highlightRecord({ articleId: article.id, updatedAt: Infinity })),
    ];
    for (const refused of refusals) await expect(refused()).rejects.toThrow(/^Gleaner cannot store this \(.+\)/);
    await expect(updateArticle(article.id, { note: 'x'.repeat(LIMITS.note + 1) })).rejects.toThrow(
      'Gleaner cannot store this (note: at most 200,000 characters). Nothing was changed.',
    );
    await expect(db.articles.put({ ...article, createdAt: 1e300 })).rejects.toThrow('createdAt: is not a date');
    expect(await everything()).toEqual(before);
  });

  it('so that a library at every limit backs up and restores, record for record', async () => {
    const article = await saveArticle(extractedArticle({ url: `https://e.com/${'a'.repeat(LIMITS.url - 20)}` }));
    await updateArticle(article.id, {
      note: 'n'.repeat(LIMITS.note),
      tags: Array.from({ length: LIMITS.tags }, (_, i) => `${i}`.padStart(MAX_TAG_LENGTH, 't')),
    });
    const highlight = await addHighlight(article.id, quoteSelectors('Ransomware'), 'yellow');
    await updateHighlight(highlight.id, { note: 'h'.repeat(LIMITS.note) });
    await db.articles.update(article.id, {
      createdAt: -8.64e15,
      updatedAt: 8.64e15,
      image: `https://e.com/${'i'.repeat(LIMITS.url - 14)}`,
    });
    const stored = await everything();
    const file = await writeBackup();
    await db.delete();
    await db.open();
    const result = await restoreBackup(file.blob);
    expect(result.ok ? '' : result.error).toBe('');
    expect(await everything()).toEqual(stored);
    // And the dates at the ends of the range are shown.
    expect(formatDate(stored.articles[0]!.createdAt)).toMatch(/27182/);
  });

  it('hold for settings: a template a backup could not restore is said so and not stored', () => {
    expect(settingsProblem({ exportTemplate: '# {{title}}' })).toBeNull();
    expect(settingsProblem({ exportTemplate: 'x'.repeat(100_001) })).toBe('exportTemplate: at most 100,000 characters');
  });

  it('records from before the rules are brought within them by the upgrade to v5, and then back up', async () => {
    const name = `gleaner-v4-rules-${crypto.randomUUID()}`;
    const v4 = new Dexie(name);
    v4.version(1).stores(SCHEMA_V1);
    v4.version(2).stores(SCHEMA_V2);
    v4.version(3).stores(SCHEMA_V3);
    v4.version(4).stores(SCHEMA_V4);
    const { html: _html, text: _text, ...meta } = extractedArticle();
    const base: ArticleRecord = {
      ...meta,
      id: crypto.randomUUID(),
      urls: [meta.url],
      originalUrl: meta.url,
      tags: [],
      note: '',
      createdAt: 1_000,
      updatedAt: 2_000,
    };
    const broken: ArticleRecord = {
      ...base,
      createdAt: 1e300,
      tags: ['ev\u202eil', ...Array.from({ length: 1_499 }, (_, i) => `tag${i}`)],
      note: 'n'.repeat(300_000),
    };
    const long = `https://e.com/${'x'.repeat(9_000)}`;
    const unfixable: ArticleRecord = { ...base, id: crypto.randomUUID(), url: long, urls: [long], originalUrl: long };
    const fine: ArticleRecord = {
      ...base,
      id: crypto.randomUUID(),
      url: 'https://e.com/fine',
      urls: ['https://e.com/fine'],
    };
    const highlight: HighlightRecord = { ...highlightRecord({ articleId: broken.id }), updatedAt: 1e20, createdAt: 5 };
    await v4.table('articles').bulkAdd([broken, unfixable, fine]);
    await v4.table('highlights').add(highlight);
    v4.close();

    const latest = createDatabase(name);
    await latest.open();
    const repaired = (await latest.articles.get(broken.id))!;
    expect(repaired.createdAt).toBe(2_000); // the other date it had
    expect(repaired.tags).toHaveLength(LIMITS.tags);
    expect(repaired.tags[0]).toBe('evil');
    expect(repaired.note).toHaveLength(LIMITS.note);
    expect(await latest.highlights.get(highlight.id)).toEqual({ ...highlight, updatedAt: 5 });
    // What cannot be mended without losing what it is (its address) is left as it was; what was fine, too.
    expect(await latest.articles.get(unfixable.id)).toEqual(unfixable);
    expect(await latest.articles.get(fine.id)).toEqual(fine);
    expect(await latest.counts.get('articles')).toEqual({ name: 'articles', count: 3 });
    latest.close();
    await Dexie.delete(name);
  });
});
