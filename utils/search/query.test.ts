import { describe, expect, it } from 'vitest';
import { parseDate, parseQuery, type ParsedQuery } from './query';

const word = (text: string, prefix = false) => ({ text, phrase: false, prefix });
const phrase = (text: string) => ({ text, phrase: true, prefix: false });

describe('parseQuery', () => {
  it.each<[string, Partial<ParsedQuery>]>([
    ['', { clauses: [], problems: [] }],
    ['cyber attacks', { clauses: [[word('cyber')], [word('attacks', true)]] }],
    ['cyber attacks ', { clauses: [[word('cyber')], [word('attacks')]] }],
    ['Café RÉSUMÉ ', { clauses: [[word('cafe')], [word('resume')]] }],
    ['"health crisis" policy ', { clauses: [[phrase('health crisis')], [word('policy')]] }],
    [
      'cyber -ransomware -"open letter" ',
      { clauses: [[word('cyber')]], excluded: [word('ransomware'), phrase('open letter')] },
    ],
    ['hospital OR clinic nurse ', { clauses: [[word('hospital'), word('clinic')], [word('nurse')]] }],
    ['tag:health -tag:"old news" ', { tags: ['health'], notTags: ['old news'], clauses: [] }],
    [
      'site:itij.com color:green has:highlights -has:note ',
      { sites: ['itij.com'], colors: ['green'], has: { highlights: true, note: false } },
    ],
    ['is:archived is:fav -is:unread ', { is: { archived: true, favourite: true, read: true }, clauses: [] }],
    ['is:inbox ', { is: { archived: false } }],
    ['sort:saved', { sort: 'newest' }],
    ['sort:title ', { sort: 'title' }],
    ['after:2020-05 before:2020 ', { after: Date.UTC(2020, 4, 1), before: Date.UTC(2021, 0, 1) - 1 }],
    ['東京 学习 ', { clauses: [[word('東京')], [word('学习')]] }],
    ['unknown:thing ', { clauses: [[word('unknown:thing')]] }],
  ])('%j', (query, expected) => {
    expect(parseQuery(query)).toMatchObject(expected);
  });

  it.each([
    ['"unclosed phrase here', /quote was not closed/, [[word('unclosed')], [word('phrase')], [word('here', true)]]],
    ['after:2020-13-01 cyber ', /not a date/, [[word('cyber')]]],
    ['before:yesterday ', /not a date/, []],
    ['has:pictures ', /has:pictures is not known/, []],
    ['sort:random ', /sort:random is not known/, []],
    ['is:starred ', /is:starred is not known/, []],
    ['tag: cyber ', /tag: needs a value/, [[word('cyber')]]],
    ['cyber OR ', /OR needs a term/, [[word('cyber')]]],
  ])('explains %j and searches the rest', (query, problem, clauses) => {
    const parsed = parseQuery(query);
    expect(parsed.problems.join(' ')).toMatch(problem);
    expect(parsed.clauses).toEqual(clauses);
  });

  it.each([
    '"',
    '-',
    '--',
    ':',
    'OR',
    '-"',
    'tag:"',
    '""',
    '"'.repeat(99),
    '\u0000\uffff',
    'a'.repeat(10_000),
    ')(*&^%$#@!',
    '<script>alert(1)</script>',
  ])('never throws on hostile input %#', (query) => {
    expect(() => parseQuery(query)).not.toThrow();
  });
});

describe('parseDate', () => {
  it.each([
    ['2024', false, Date.UTC(2024, 0, 1)],
    ['2024', true, Date.UTC(2025, 0, 1) - 1],
    ['2024-02', true, Date.UTC(2024, 2, 1) - 1],
    ['2024-02-29', false, Date.UTC(2024, 1, 29)],
    ['2023-02-29', false, null],
    ['2024-00', false, null],
    ['24-01-01', false, null],
  ] as const)('%s (end: %s)', (value, end, expected) => {
    expect(parseDate(value, end)).toBe(expected);
  });
});
