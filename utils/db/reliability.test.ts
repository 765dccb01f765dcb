import { beforeEach, describe, expect, it } from 'vitest';
import { errorText } from '../error-text';
import { saveArticle, updateArticle } from './articles';
import { addHighlight } from './highlights';
import { searchTerm } from '../search/index/term-search';
import { db } from './schema';
import { extractedArticle } from './test-data';

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('storage failures', () => {
  it('a full disk gives a clear message and loses nothing already stored', async () => {
    const kept = await saveArticle(extractedArticle({ url: 'https://e.com/kept', text: 'Kept text.' }));
    // The next write fails the way IndexedDB fails when the quota is reached.
    const fail = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    db.contents.hook('creating', fail);
    try {
      const error = await saveArticle(extractedArticle({ url: 'https://e.com/new', text: 'New text.' })).catch(
        (e: unknown) => e,
      );
      expect(errorText(error)).toMatch(/^There is no room left to store this.*Nothing was changed/);
    } finally {
      db.contents.hook('creating').unsubscribe(fail);
    }
    // The failed save left no half-written article or index; the earlier one is whole.
    expect((await db.articles.toArray()).map((a) => a.id)).toEqual([kept.id]);
    expect(await db.contents.get(kept.id)).toMatchObject({ text: 'Kept text.' });
    expect(await db.searchDocs.count()).toBe(1);
  });

  it.each([
    ['VersionError', /newer version of Gleaner/],
    ['DatabaseClosedError', /another Gleaner tab may be updating it/],
  ])('%s is explained in words', (name, message) => {
    const error = Object.assign(new Error('raw'), { name });
    expect(errorText(error)).toMatch(message);
    expect(errorText(Object.assign(new Error('wrapped'), { name: 'AbortError', inner: error }))).toMatch(message);
  });

  it('saves and highlights from several tabs at once lose nothing', async () => {
    const first = await saveArticle(extractedArticle({ url: 'https://e.com/0', text: 'Shared word zero.' }));
    const quote = {
      quote: { type: 'TextQuoteSelector' as const, exact: 'Shared', prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector' as const, start: 0, end: 6 },
    };
    // Eight saves, eight highlights and a note change, all started before any finishes.
    await Promise.all([
      ...Array.from({ length: 8 }, (_, i) =>
        saveArticle(extractedArticle({ url: `https://e.com/${i + 1}`, text: `Shared word number${i + 1}.` })),
      ),
      ...Array.from({ length: 8 }, (_, i) => addHighlight(first.id, quote, 'yellow', `note ${i}`)),
      updateArticle(first.id, { note: 'changed meanwhile' }),
    ]);
    expect(await db.articles.count()).toBe(9);
    expect(await db.highlights.where('articleId').equals(first.id).count()).toBe(8);
    expect((await db.articles.get(first.id))!.note).toBe('changed meanwhile');
    expect((await searchTerm('shared')).size).toBe(9);
    expect((await searchTerm('number5')).size).toBe(1);
  });
});
