import { Dexie } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { indexCoverage, rebuildIndex, searchTerm } from '../search/body-index';
import { saveArticle } from './articles';
import { createDatabase, db, SCHEMA_V1 } from './schema';
import { extractedArticle } from './test-data';

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('schema', () => {
  it('is at version 2, with the tables and indexes the library looks things up by', () => {
    expect(db.verno).toBe(2);
    const tables = Object.fromEntries(db.tables.map((table) => [table.name, table.schema]));
    expect(Object.keys(tables).sort()).toEqual(['articles', 'contents', 'highlights', 'searchBlocks', 'searchDocs', 'searchMeta']);
    expect(tables.articles?.primKey.keyPath).toBe('id');
    expect(tables.articles?.idxByName.url?.unique).toBe(true);
    expect(tables.articles?.idxByName.urls?.multi).toBe(true);
    expect(tables.articles?.idxByName.tags?.multi).toBe(true);
    expect(tables.contents?.primKey.keyPath).toBe('articleId');
    expect(tables.highlights?.idxByName.articleId).toBeDefined();
    expect(tables.searchBlocks?.primKey.keyPath).toEqual(['term', 'block']);
  });

  it('refuses a second article with the same URL', async () => {
    const saved = await saveArticle(extractedArticle());
    await expect(db.articles.add({ ...saved, id: crypto.randomUUID() })).rejects.toThrow(/constraint/i);
    expect(await db.articles.count()).toBe(1);
  });
});

describe('migration from version 1', () => {
  it('keeps every version-1 record, and the search index is rebuilt from them', async () => {
    const name = `gleaner-v1-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    const article = { ...extractedArticle({ url: 'https://news.example/story' }), id: crypto.randomUUID(), originalUrl: 'https://news.example/story', urls: ['https://news.example/story'], tags: ['health'], note: 'kept', createdAt: 1, updatedAt: 2 };
    const { html, text, ...record } = { ...article, html: '<p>Ransomware hit the hospital.</p>', text: 'Ransomware hit the hospital.' };
    const highlight = { id: crypto.randomUUID(), articleId: article.id, selectors: { quote: { type: 'TextQuoteSelector', exact: 'hospital', prefix: 'hit the ', suffix: '.' }, position: { type: 'TextPositionSelector', start: 19, end: 27 } }, color: 'yellow', note: '', createdAt: 3, updatedAt: 3 };
    await v1.table('articles').add(record);
    await v1.table('contents').add({ articleId: article.id, html, text });
    await v1.table('highlights').add(highlight);
    v1.close();

    const v2 = createDatabase(name);
    await v2.open();
    expect(v2.verno).toBe(2);
    expect(await v2.articles.get(article.id)).toEqual(record);
    expect(await v2.contents.get(article.id)).toEqual({ articleId: article.id, html, text });
    expect(await v2.highlights.get(highlight.id)).toEqual(highlight);
    expect(await v2.searchBlocks.count()).toBe(0);
    await v2.delete();
  });

  it('an index that does not cover the library is found out and rebuilt', async () => {
    const saved = await saveArticle(extractedArticle({ text: 'Ransomware hit the hospital.' }));
    await db.searchBlocks.clear();
    await db.searchMeta.clear();
    await db.searchDocs.clear();
    expect(await indexCoverage()).toEqual({ indexed: 0, total: 1 });
    const progress: number[] = [];
    await rebuildIndex((done) => progress.push(done));
    expect(await indexCoverage()).toEqual({ indexed: 1, total: 1 });
    expect(progress.at(-1)).toBe(1);
    expect([...(await searchTerm('ransomware')).keys()]).toEqual([saved.id]);
  });
});
