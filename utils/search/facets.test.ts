import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../records/types';
import { facetsOf, toggleFilter } from './facets';

const doc = (tags: string[], siteName: string | null, url: string) => ({
  article: { tags, siteName, url } as unknown as ArticleRecord,
  highlights: [],
});

describe('facetsOf', () => {
  it('counts tags and sites, most common first', () => {
    const docs = [
      doc(['health', 'cyber'], 'ITIJ', 'https://www.itij.com/a'),
      doc(['health'], null, 'https://www.example.com/b'),
      doc([], 'ITIJ', 'https://itij.com/c'),
    ];
    expect(facetsOf(docs)).toEqual({
      distinct: { tags: 2, sites: 2 },
      tags: [
        { value: 'health', count: 2 },
        { value: 'cyber', count: 1 },
      ],
      sites: [
        { value: 'ITIJ', count: 2 },
        { value: 'example.com', count: 1 },
      ],
    });
  });
});

describe('facetsOf a search', () => {
  it('counts only the results, and keeps the most common when there are more than the limit', () => {
    const docs = [
      ...Array.from({ length: 20 }, (_, i) => doc([`t${i}`, 'common'], null, `https://site${i % 15}.example/${i}`)),
      doc(['rare'], 'Only Here', 'https://x.example/'),
    ];
    const results = [0, 1, 2, 16, 20];
    expect(facetsOf(docs, results, 3)).toMatchObject({
      tags: [
        { value: 'common', count: 4 },
        { value: 'rare', count: 1 },
        { value: 't0', count: 1 },
      ],
      sites: [
        { value: 'site1.example', count: 2 },
        { value: 'Only Here', count: 1 },
        { value: 'site0.example', count: 1 },
      ],
      distinct: { tags: 6, sites: 4 },
    });
    // With no limit, every one of them, still most common first.
    const all = facetsOf(docs, results, Infinity);
    expect(all.tags).toHaveLength(6);
    expect(all.sites.map((f) => f.value)).toEqual(['site1.example', 'Only Here', 'site0.example', 'site2.example']);
    expect(facetsOf(docs, [])).toEqual({ tags: [], sites: [], distinct: { tags: 0, sites: 0 } });
  });
});

describe('toggleFilter', () => {
  it.each([
    ['cyber', 'tag', 'health', 'cyber tag:health'],
    ['cyber tag:health', 'tag', 'health', 'cyber'],
    ['', 'site', 'Le Monde', 'site:"Le Monde"'],
    ['x site:"Le Monde" y', 'site', 'Le Monde', 'x y'],
    ['tag:healthcare', 'tag', 'health', 'tag:healthcare tag:health'],
  ] as const)('%j + %s:%s → %j', (query, operator, value, expected) => {
    expect(toggleFilter(query, operator, value)).toBe(expected);
  });
});
