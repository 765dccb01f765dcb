import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { mergeRecords } from './backup-records';
import {
  addTagToArticles,
  articleCount,
  listTags,
  removeArticle,
  removeArticles,
  removeTagFromArticles,
  restoreArticles,
  saveArticle,
  updateArticle,
} from './articles';
import { addImportedItems } from './imports';
import { db } from './schema';
import { byUse, countTags } from './tag-counts';
import { extractedArticle } from './test-data';

beforeEach(async () => {
  await db.delete();
  await db.open();
});

/** The counts as they would be found by reading every article. */
const recounted = async () => byUse(countTags(await db.articles.toArray()));

const TAGS = ['health', 'Health', 'cyber', 'law', 'é'];
const tag = fc.constantFrom(...TAGS);
const page = fc.integer({ min: 0, max: 5 });
const operation = fc.oneof(
  fc.record({ op: fc.constant('save' as const), page }),
  fc.record({ op: fc.constant('setTags' as const), page, tags: fc.array(tag, { maxLength: 3 }) }),
  fc.record({ op: fc.constant('addTag' as const), pages: fc.array(page, { maxLength: 3 }), tag }),
  fc.record({ op: fc.constant('removeTag' as const), pages: fc.array(page, { maxLength: 3 }), tag }),
  fc.record({ op: fc.constant('remove' as const), page }),
  fc.record({
    op: fc.constant('removeManyAndUndo' as const),
    pages: fc.array(page, { maxLength: 3 }),
    undo: fc.boolean(),
  }),
  fc.record({ op: fc.constant('import' as const), page, tags: fc.array(tag, { maxLength: 3 }) }),
  fc.record({ op: fc.constant('restore' as const), page, tags: fc.array(tag, { maxLength: 3 }) }),
  fc.record({ op: fc.constant('clear' as const) }),
);
const urlOf = (n: number) => `https://site.example/${n}`;
const idOf = async (n: number) => (await db.articles.where('url').equals(urlOf(n)).first())?.id;

describe('tag counts and the article count', () => {
  it('stay equal to the tags and the number of the articles through any sequence of writes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 12 }), async (operations) => {
        await db.delete();
        await db.open();
        for (const step of operations) {
          switch (step.op) {
            case 'save':
              await saveArticle(extractedArticle({ url: urlOf(step.page) }));
              break;
            case 'setTags': {
              const id = await idOf(step.page);
              if (id) await updateArticle(id, { tags: step.tags });
              break;
            }
            case 'addTag':
            case 'removeTag': {
              const ids = (await Promise.all(step.pages.map(idOf))).filter((id) => id !== undefined);
              if (step.op === 'addTag') await addTagToArticles(ids, step.tag);
              else await removeTagFromArticles(ids, step.tag);
              break;
            }
            case 'remove': {
              const id = await idOf(step.page);
              if (id) await removeArticle(id);
              break;
            }
            case 'removeManyAndUndo': {
              const ids = [...new Set((await Promise.all(step.pages.map(idOf))).filter((id) => id !== undefined))];
              const removed = await removeArticles(ids);
              if (step.undo) await restoreArticles(removed);
              break;
            }
            case 'import':
              await addImportedItems(
                [
                  {
                    url: urlOf(step.page),
                    title: 'Imported',
                    tags: step.tags,
                    savedAt: 5,
                    byline: null,
                    excerpt: null,
                    publishedTime: null,
                    highlights: [],
                  },
                ],
                10,
              );
              break;
            case 'restore': {
              const id = (await idOf(step.page)) ?? crypto.randomUUID();
              const saved = await db.articles.get(id);
              const { html: _html, text: _text, ...meta } = extractedArticle({ url: urlOf(step.page) });
              const article = saved ?? {
                ...meta,
                id,
                urls: [urlOf(step.page)],
                originalUrl: urlOf(step.page),
                note: '',
                createdAt: 1,
                updatedAt: 1,
                tags: [],
              };
              await mergeRecords({
                articles: [{ ...article, tags: step.tags, updatedAt: article.updatedAt + 1 }],
                contents: [],
                highlights: [],
              });
              break;
            }
            case 'clear':
              await db.articles.clear();
              break;
          }
        }
        expect(await listTags()).toEqual(await recounted());
        expect(await articleCount()).toBe(await db.articles.count());
      }),
      { numRuns: 60 },
    );
  });

  it('a write that fails whole changes no count', async () => {
    await saveArticle(extractedArticle({ url: urlOf(1) }));
    const id = (await idOf(1))!;
    await updateArticle(id, { tags: ['kept'] });
    const stored = (await db.articles.get(id))!;
    // A second article with the same URL breaks the unique index: the transaction fails, counts included.
    await expect(
      db.transaction('rw', db.articles, async () => {
        await db.articles.put({ ...stored, tags: ['kept', 'new'] });
        await db.articles.add({ ...stored, id: crypto.randomUUID(), tags: ['never'] });
      }),
    ).rejects.toThrow();
    expect(await listTags()).toEqual([{ tag: 'kept', count: 1 }]);
    expect(await articleCount()).toBe(1);
    // A bulk write of which one record fails (caught) counts only the others.
    await db.transaction('rw', db.articles, async () => {
      const other = { ...stored, id: crypto.randomUUID(), url: urlOf(2), urls: [urlOf(2)], tags: ['other'] };
      await db.articles.bulkAdd([other, { ...stored, id: crypto.randomUUID(), tags: ['never'] }]).catch(() => {});
    });
    expect(await db.articles.count()).toBe(2);
    expect(await articleCount()).toBe(2);
    expect(await listTags()).toEqual([
      { tag: 'kept', count: 1 },
      { tag: 'other', count: 1 },
    ]);
  });
});
