import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../db/schema';
import { filterArticles, fold } from './filter-articles';

function article(id: string, fields: Partial<ArticleRecord>): ArticleRecord {
  return {
    id, url: `https://e.com/${id}`, originalUrl: `https://e.com/${id}`, urls: [], title: id, byline: null, siteName: null, lang: null,
    dir: null, publishedTime: null, excerpt: null, wordCount: 1, readingMinutes: 1, canonicalUrl: null, tags: [], note: '',
    createdAt: 0, updatedAt: 0, ...fields,
  };
}

describe('filterArticles', () => {
  const library = [
    article('a', { title: 'Cyber attacks on hospitals', siteName: 'ITIJ', tags: ['health'], createdAt: 1 }),
    article('b', { title: 'Le café', note: 'Read on the train', createdAt: 2 }),
    article('c', { title: 'Fonts', byline: 'John Gruber', tags: ['typography'], createdAt: 3 }),
  ];

  it.each([
    ['', ['c', 'b', 'a']],
    ['cyber', ['a']],
    ['HEALTH', ['a']],
    ['cafe', ['b']],
    ['train', ['b']],
    ['gruber typo', ['c']],
    ['cyber fonts', []],
  ])('%j → %j', (query, ids) => {
    expect(filterArticles(library, query).map((a) => a.id)).toEqual(ids);
  });

  it('folds case and accents', () => {
    expect(fold('Élan CAFÉ')).toBe('elan cafe');
  });
});
