import { beforeEach, describe, expect, it } from 'vitest';
import { saveArticle } from '../db/articles';
import { addHighlight } from '../db/highlights';
import { db } from '../db/schema';
import { extractedArticle, quoteSelectors } from '../db/test-data';
import { parseQuery } from './query';
import { loadSearchDocs, newestDocs, runSearch, SearchAbandoned } from './run-search';

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('what the search page shows first', () => {
  it('the library size and its newest articles with their highlights, as the empty query shows them', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      ids.push(
        (await saveArticle(extractedArticle({ url: `https://e.com/${i}`, title: `Article ${i}` }), 1_000 + i)).id,
      );
    }
    await addHighlight(ids[29]!, quoteSelectors('Body'), 'green', 'a note');
    const { total, docs } = await newestDocs(25);
    expect(total).toBe(30);
    expect(docs.map((doc) => doc.article.title)).toEqual(Array.from({ length: 25 }, (_, i) => `Article ${29 - i}`));
    expect(docs[0]!.highlights.map((h) => h.note)).toEqual(['a note']);
    // The same articles, in the same order, as the whole library's empty query then shows.
    const { ranking } = await runSearch(await loadSearchDocs(), parseQuery(''));
    expect(ranking.hits(0, 25).map((hit) => hit.article.id)).toEqual(docs.map((doc) => doc.article.id));
  });

  it('a search replaced by a later one stops, and says so', async () => {
    await saveArticle(extractedArticle({ text: 'Ransomware hit the hospital.' }));
    const run = new AbortController();
    const search = runSearch(await loadSearchDocs(), parseQuery('ransomware'), run.signal);
    run.abort();
    await expect(search).rejects.toBeInstanceOf(SearchAbandoned);
  });
});

describe('the library as the search page keeps it', () => {
  it('keeps of each highlight what it shows and searches, and where it starts (not its context)', async () => {
    const article = await saveArticle(extractedArticle({ text: 'Before the body after.' }));
    const selectors = quoteSelectors('body', 11);
    const stored = await addHighlight(
      article.id,
      { ...selectors, quote: { ...selectors.quote, prefix: 'Before the ', suffix: ' after.' } },
      'green',
      'a note',
    );
    const [doc] = await loadSearchDocs();
    expect(doc!.highlights).toEqual([
      {
        id: stored.id,
        articleId: article.id,
        color: 'green',
        note: 'a note',
        createdAt: stored.createdAt,
        updatedAt: stored.updatedAt,
        selectors: { quote: { exact: 'body' } },
        start: 11,
      },
    ]);
    // And it is found by its quote and note as before.
    const { ranking } = await runSearch([doc!], parseQuery('note '));
    expect(ranking.hits(0, 1)[0]!.matchingHighlights.map((h) => h.id)).toEqual([stored.id]);
  });
});
