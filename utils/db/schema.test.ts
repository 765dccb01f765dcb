import { beforeEach, describe, expect, it } from 'vitest';
import { db } from './schema';
import { extractedArticle } from './test-data';
import { saveArticle } from './articles';

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('schema version 1', () => {
  it('has the three tables with the indexes the library looks things up by', () => {
    expect(db.verno).toBe(1);
    const tables = Object.fromEntries(db.tables.map((table) => [table.name, table.schema]));
    expect(Object.keys(tables).sort()).toEqual(['articles', 'contents', 'highlights']);
    expect(tables.articles?.primKey.keyPath).toBe('id');
    expect(tables.articles?.idxByName.url?.unique).toBe(true);
    expect(tables.articles?.idxByName.urls?.multi).toBe(true);
    expect(tables.articles?.idxByName.tags?.multi).toBe(true);
    expect(tables.contents?.primKey.keyPath).toBe('articleId');
    expect(tables.highlights?.idxByName.articleId).toBeDefined();
  });

  it('refuses a second article with the same URL', async () => {
    const saved = await saveArticle(extractedArticle());
    await expect(db.articles.add({ ...saved, id: crypto.randomUUID() })).rejects.toThrow(/constraint/i);
    expect(await db.articles.count()).toBe(1);
  });
});
