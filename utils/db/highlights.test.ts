import { beforeEach, describe, expect, it } from 'vitest';
import { saveArticle } from './articles';
import {
  addHighlight,
  deleteHighlight,
  getHighlight,
  keepPlaces,
  listHighlights,
  undeleteHighlight,
  updateHighlight,
} from './highlights';
import { db } from './schema';
import { extractedArticle } from './test-data';

function selectorsAt(start: number, exact: string) {
  return {
    quote: { type: 'TextQuoteSelector' as const, exact, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector' as const, start, end: start + exact.length },
  };
}

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('highlights', () => {
  it('are listed in page order, whatever order they were made in', async () => {
    const article = await saveArticle(extractedArticle(), 1);
    await addHighlight(article.id, selectorsAt(50, 'later'), 'blue', '', 2);
    await addHighlight(article.id, selectorsAt(10, 'earlier'), 'yellow', 'a note', 3);
    const list = await listHighlights(article.id);
    expect(list.map((h) => h.selectors.quote.exact)).toEqual(['earlier', 'later']);
    expect(list[0]).toMatchObject({ color: 'yellow', note: 'a note', createdAt: 3 });
    expect((await db.articles.get(article.id))?.updatedAt).toBe(3);
  });

  it('keep where the page last found them, and then list in that order', async () => {
    const article = await saveArticle(extractedArticle({ url: 'https://e.com/a' }), 1);
    const other = await saveArticle(extractedArticle({ url: 'https://e.com/b' }), 1);
    const a = await addHighlight(article.id, selectorsAt(10, 'first'), 'blue', '', 2);
    const imported = await addHighlight(article.id, { quote: selectorsAt(0, 'second').quote }, 'blue', '', 3);
    const theirs = await addHighlight(other.id, selectorsAt(5, 'theirs'), 'blue', '', 4);
    // Not found yet, the imported one lists last.
    expect((await listHighlights(article.id)).map((h) => h.id)).toEqual([a.id, imported.id]);
    const moved = await keepPlaces(article.id, {
      [a.id]: { start: 90, end: 95 },
      [imported.id]: { start: 40, end: 46 },
      [theirs.id]: { start: 0, end: 6 }, // another article's: not this page's to move
      [crypto.randomUUID()]: { start: 1, end: 2 },
    });
    expect(moved).toBe(2);
    const list = await listHighlights(article.id);
    expect(list.map((h) => [h.id, h.selectors.position])).toEqual([
      [imported.id, { type: 'TextPositionSelector', start: 40, end: 46 }],
      [a.id, { type: 'TextPositionSelector', start: 90, end: 95 }],
    ]);
    // Not an edit: their times, their article's and the other article's highlight stay as they were.
    expect(list.map((h) => h.updatedAt)).toEqual([3, 2]);
    expect((await db.articles.get(article.id))!.updatedAt).toBe(3);
    expect((await getHighlight(theirs.id))!.selectors.position).toEqual(theirs.selectors.position);
    expect(await keepPlaces(article.id, { [a.id]: { start: 90, end: 95 } })).toBe(0);
  });

  it('need a saved article', async () => {
    await expect(addHighlight(crypto.randomUUID(), selectorsAt(0, 'x'), 'yellow')).rejects.toThrow(
      /no longer in the library/,
    );
    expect(await db.highlights.count()).toBe(0);
  });

  it('change colour and note', async () => {
    const article = await saveArticle(extractedArticle());
    const h = await addHighlight(article.id, selectorsAt(0, 'x'), 'yellow', '', 1);
    const changed = await updateHighlight(h.id, { color: 'green' }, 2);
    expect(changed).toMatchObject({ color: 'green', note: '', updatedAt: 2 });
    expect(await updateHighlight(h.id, { note: 'why' })).toMatchObject({ color: 'green', note: 'why' });
  });

  it('delete with undo gives back the same record', async () => {
    const article = await saveArticle(extractedArticle());
    const h = await addHighlight(article.id, selectorsAt(0, 'x'), 'pink', 'kept note');
    const deleted = await deleteHighlight(h.id);
    expect(await getHighlight(h.id)).toBeNull();
    await undeleteHighlight(deleted);
    expect(await getHighlight(h.id)).toEqual(h);
    await expect(updateHighlight(crypto.randomUUID(), { note: 'x' })).rejects.toThrow(/deleted/);
  });

  it("cannot take over another article's highlight by restoring its id", async () => {
    const a = await saveArticle(extractedArticle({ url: 'https://e.com/a' }));
    const b = await saveArticle(extractedArticle({ url: 'https://e.com/b' }));
    const h = await addHighlight(a.id, selectorsAt(0, 'x'), 'yellow', 'mine');
    await expect(undeleteHighlight({ ...h, articleId: b.id, note: 'stolen' })).rejects.toThrow(/another page/);
    expect(await getHighlight(h.id)).toEqual(h);
  });
});
