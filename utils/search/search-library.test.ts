import { describe, expect, it } from 'vitest';
import type { ArticleRecord, HighlightRecord } from '../records/types';
import { parseQuery } from './query';
import { rankLibrary, type SearchDoc } from './search-library';

function article(id: string, fields: Partial<ArticleRecord>): ArticleRecord {
  return {
    id,
    url: `https://${id}.example/story`,
    originalUrl: `https://${id}.example/story`,
    urls: [],
    title: id,
    byline: null,
    siteName: null,
    lang: null,
    dir: null,
    publishedTime: null,
    excerpt: null,
    wordCount: 1,
    readingMinutes: 1,
    canonicalUrl: null,
    tags: [],
    note: '',
    createdAt: 0,
    updatedAt: 0,
    ...fields,
  };
}

function highlight(articleId: string, exact: string, color = 'yellow', note = ''): HighlightRecord {
  return {
    id: crypto.randomUUID(),
    articleId,
    color,
    note,
    createdAt: 0,
    updatedAt: 0,
    selectors: {
      quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: exact.length },
    },
  };
}

const library: SearchDoc[] = [
  {
    article: article('itij', {
      title: 'Cyber attacks on hospitals',
      siteName: 'ITIJ',
      tags: ['health', 'security'],
      createdAt: Date.UTC(2020, 4, 27),
    }),
    highlights: [highlight('itij', 'This will not be the last health crisis.', 'green', 'key quote')],
  },
  {
    article: article('cafe', {
      title: 'Le café du coin',
      note: 'Read on the train',
      excerpt: 'A small place in Paris',
      createdAt: Date.UTC(2021, 0, 5),
    }),
    highlights: [],
  },
  {
    article: article('fonts', {
      title: 'Fonts and the web',
      byline: 'John Gruber',
      tags: ['typography'],
      excerpt: 'Security of web fonts',
      createdAt: Date.UTC(2022, 6, 1),
    }),
    highlights: [highlight('fonts', 'Helvetica everywhere')],
  },
];

function ids(query: string): string[] {
  return rankLibrary(library, parseQuery(query))
    .hits()
    .map((hit) => hit.article.id);
}

describe('rankLibrary', () => {
  it.each([
    ['', ['fonts', 'cafe', 'itij']],
    ['cyber ', ['itij']],
    ['CAFE ', ['cafe']],
    ['train ', ['cafe']],
    ['crisis ', ['itij']],
    ['"key quote" ', ['itij']],
    ['"quote key" ', []],
    ['security ', ['itij', 'fonts']],
    ['security -hospitals ', ['fonts']],
    ['-hospitals ', ['fonts', 'cafe']],
    ['helvetica OR café ', ['cafe', 'fonts']], // a title match (café) outranks a highlight match
    ['tag:health ', ['itij']],
    ['-tag:health ', ['fonts', 'cafe']],
    ['site:itij ', ['itij']],
    ['site:fonts.example ', ['fonts']],
    ['color:green ', ['itij']],
    ['has:highlights ', ['fonts', 'itij']],
    ['has:note ', ['cafe', 'itij']],
    ['-has:highlights ', ['cafe']],
    ['after:2021 ', ['fonts', 'cafe']],
    ['before:2021-01-04 ', ['itij']],
    ['after:2021-01 before:2021-01 ', ['cafe']],
    ['web sort:saved', ['fonts']],
  ])('%j → %j', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it('ranks title matches above excerpt matches', () => {
    // "security" is a tag of itij (weight 3) and in the excerpt of fonts (weight 1).
    expect(
      rankLibrary(library, parseQuery('security '))
        .hits()
        .map((h) => h.score),
    ).toEqual([3, 1]);
  });

  it('matches whole words, the word being typed as a prefix, phrases across punctuation, and CJK anywhere', () => {
    const docs: SearchDoc[] = [
      { article: article('art', { title: 'Start the party: modern art' }), highlights: [] },
      { article: article('again', { title: 'Modern times, and a party; party! Modern—art' }), highlights: [] },
      { article: article('hosp', { title: 'Hospitals, attacked' }), highlights: [highlight('hosp', '北京的医院')] },
    ];
    const found = (query: string) =>
      rankLibrary(docs, parseQuery(query))
        .hits()
        .map((hit) => hit.article.id);
    expect(found('art ').sort()).toEqual(['again', 'art']); // "start" and "party" are other words
    expect(found('par ')).toEqual([]);
    expect(found('par').sort()).toEqual(['again', 'art']); // still being typed: "party"
    expect(found('hosp')).toEqual(['hosp']);
    expect(found('"hospitals attacked" ')).toEqual(['hosp']);
    expect(found('"party modern" ').sort()).toEqual(['again', 'art']); // in "again", only the second "party" is followed by "modern"
    expect(found('"modern art" ').sort()).toEqual(['again', 'art']);
    expect(found('"modern party" ')).toEqual([]);
    expect(found('医院 ')).toEqual(['hosp']);
    expect(rankLibrary(docs, parseQuery('医院 ')).hits()[0]!.matchingHighlights).toHaveLength(1);
  });

  it('filters by reading state: is:archived, is:favourite, is:read, is:unread, is:inbox, and their negations', () => {
    const docs: SearchDoc[] = [
      { article: article('inbox', { createdAt: 3 }), highlights: [] },
      { article: article('kept', { archivedAt: 5, favouriteAt: 5, readAt: 4, createdAt: 2 }), highlights: [] },
      { article: article('done', { archivedAt: 6, readAt: 6, createdAt: 1 }), highlights: [] },
    ];
    const found = (query: string) =>
      rankLibrary(docs, parseQuery(query))
        .hits()
        .map((hit) => hit.article.id);
    expect(found('is:archived ')).toEqual(['kept', 'done']);
    expect(found('is:inbox ')).toEqual(['inbox']);
    expect(found('-is:archived ')).toEqual(['inbox']);
    expect(found('is:favourite ')).toEqual(['kept']);
    expect(found('is:favorite -is:read ')).toEqual([]);
    expect(found('is:unread ')).toEqual(['inbox']);
    expect(found('is:read -is:favourite ')).toEqual(['done']);
  });

  it('orders by newest, oldest, recently opened, title, site and reading time, ties newest first', () => {
    const docs: SearchDoc[] = [
      {
        article: article('b', { title: 'banana', siteName: 'Zeta', readingMinutes: 9, createdAt: 2, openedAt: 5 }),
        highlights: [],
      },
      {
        article: article('a', { title: 'Apple 10', siteName: 'alpha', readingMinutes: 3, createdAt: 1 }),
        highlights: [],
      },
      {
        article: article('c', { title: 'apple 9', siteName: 'Alpha', readingMinutes: 3, createdAt: 3, openedAt: 9 }),
        highlights: [],
      },
    ];
    const order = (sort: string) =>
      rankLibrary(docs, parseQuery(`sort:${sort} `))
        .hits()
        .map((hit) => hit.article.id);
    expect(order('newest')).toEqual(['c', 'b', 'a']);
    expect(order('oldest')).toEqual(['a', 'b', 'c']);
    expect(order('opened')).toEqual(['c', 'b', 'a']); // never opened last
    expect(order('title')).toEqual(['c', 'a', 'b']); // numbers in order, case and accents aside
    expect(order('site')).toEqual(['c', 'a', 'b']); // Alpha = alpha: newest first
    expect(order('length')).toEqual(['c', 'a', 'b']);
    expect(order('relevance')).toEqual(['c', 'b', 'a']); // nothing to rank by: newest
  });

  it('returns the matching highlights with each result', () => {
    const [hit] = rankLibrary(library, parseQuery('helvetica ')).hits();
    expect(hit!.matchingHighlights.map((h) => h.selectors.quote.exact)).toEqual(['Helvetica everywhere']);
  });
});

describe('a library array that changed by a few articles', () => {
  it('finds what a library built afresh finds: changed, added and removed articles included', () => {
    const found = (docs: readonly SearchDoc[], query: string) =>
      rankLibrary(docs, parseQuery(query))
        .hits()
        .map((hit) => [hit.article.id, hit.score]);
    const queries = ['café', 'security ', 'helvetica', 'tag:health', 'zebra ', 'attacks'];
    for (const query of queries) found(library, query); // every doc's fields folded and kept
    const changed: SearchDoc = { article: { ...library[2]!.article, title: 'Zebra crossings' }, highlights: [] };
    const added: SearchDoc = { article: article('new', { title: 'Café society', tags: ['health'] }), highlights: [] };
    const next = [library[0]!, changed, added]; // 'cafe' removed, 'fonts' changed, 'new' added
    const fresh = structuredClone(next); // new objects: nothing kept for them
    for (const query of queries) expect(found(next, query)).toEqual(found(fresh, query));
    expect(found(next, 'zebra ').map(([id]) => id)).toEqual(['fonts']);
    expect(found(next, 'helvetica')).toEqual([]);
  });
});

describe('a ranking of more results than are put in order at first', () => {
  // 700 articles, more than the 200 ranked when the search runs; scores and saved times repeat, so ties are
  // broken by the saved time and then by the library's order, as a full sort does.
  const many: SearchDoc[] = Array.from({ length: 700 }, (_, i) => ({
    article: article(`a${i}`, {
      title: i % 3 ? 'river' : 'river river crossing',
      excerpt: i % 5 ? null : 'river',
      tags: i % 7 ? [] : ['river'],
      createdAt: Date.UTC(2020, 0, 1 + (i % 40)),
    }),
    highlights: i % 11 ? [] : [highlight(`a${i}`, 'by the river')],
  }));

  it.each(['river ', 'river sort:saved', ''])('%j: pages and ids in the order of a full sort', (query) => {
    const ranking = rankLibrary(many, parseQuery(query));
    const all = ranking.hits().map((hit) => hit.article.id);
    expect(all).toHaveLength(700);
    const fresh = rankLibrary(many, parseQuery(query));
    expect(fresh.hits(0, 25).map((hit) => hit.article.id)).toEqual(all.slice(0, 25));
    expect(fresh.hits(190, 210).map((hit) => hit.article.id)).toEqual(all.slice(190, 210));
    expect(rankLibrary(many, parseQuery(query)).ids()).toEqual(all);
  });

  it('says which highlights matched for any page of results, the last included', () => {
    // sort:saved puts the articles with highlights (every 11th) all through the list.
    const late = rankLibrary(many, parseQuery('river sort:saved'))
      .hits(600, 700)
      .filter((hit) => hit.highlights.length);
    expect(late.length).toBeGreaterThan(0);
    for (const hit of late) expect(hit.matchingHighlights).toEqual(hit.highlights);
    expect(
      rankLibrary(many, parseQuery('crossing sort:saved'))
        .hits(0, 700)
        .every((hit) => !hit.matchingHighlights.length),
    ).toBe(true);
  });
});
