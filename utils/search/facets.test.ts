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
