import { describe, expect, it } from 'vitest';
import type { ArticleRecord, HighlightRecord } from '../records/types';
import { fold } from './fold';
import { fieldTextOf, FieldTextReplaced, prepareFieldText, WEIGHTS, type SearchDoc } from './field-text';
import { parseQuery } from './query';
import { rankLibrary } from './search-library';

/** A small random generator with a seed, so that a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const VOCABULARY = [
  'Café',
  'cafe',
  'naïve',
  'NAIVE',
  'data',
  'database',
  'dat',
  'x86',
  'über',
  'ubers',
  'o',
  'Straße',
  'Ωμέγα',
];
// Separators beyond ASCII too (quotes, dashes, no-break space, emoji): the kept fields write them as spaces.
const GLUE = [' ', ' ', ', ', '-', '. ', '\n', "'", '/', '\u0000', '’', ' “', '” ', ' — ', '\u00a0', ' 👍 ', '\ud800'];

function doc(i: number, next: () => number): SearchDoc {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const text = (words: number) =>
    Array.from({ length: Math.floor(next() * words) }, () => pick(VOCABULARY) + pick(GLUE)).join('');
  const article: ArticleRecord = {
    id: `a${i}`,
    url: `https://site${i % 3}.example/${i}`,
    originalUrl: `https://site${i % 3}.example/${i}`,
    urls: [],
    title: text(6),
    byline: next() < 0.5 ? text(3) : null,
    siteName: next() < 0.5 ? text(2) : null,
    lang: null,
    dir: null,
    publishedTime: null,
    excerpt: next() < 0.7 ? text(10) : null,
    wordCount: 1,
    readingMinutes: 1,
    canonicalUrl: null,
    tags: Array.from({ length: Math.floor(next() * 3) }, () => fold(pick(VOCABULARY))),
    note: text(4),
    createdAt: i,
    updatedAt: i,
  };
  const highlights: HighlightRecord[] = Array.from({ length: Math.floor(next() * 3) }, (_, h) => ({
    id: `h${i}-${h}`,
    articleId: article.id,
    color: 'yellow',
    note: text(3),
    createdAt: 0,
    updatedAt: 0,
    selectors: {
      quote: { type: 'TextQuoteSelector', exact: text(5), prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: 1 },
    },
  }));
  return { article, highlights };
}

/** The fields as search-library weighs them, written out again here. */
const fieldsOf = ({ article, highlights }: SearchDoc) => [
  article.title,
  article.tags.join('\n'),
  highlights.map((h) => `${h.selectors.quote.exact}\n${h.note}`).join('\n'),
  `${article.siteName ?? ''}\n${new URL(article.url).host}\n${article.byline ?? ''}`,
  article.note,
  article.excerpt ?? '',
];

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The scores a scan of every field finds, by regular expressions: a word whole (or begun, when typed), a phrase
 * word after word with anything but letters, digits and marks (and field ends) between. */
function scanned(library: SearchDoc[], words: string[], prefix: boolean): Map<string, number> {
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}\\p{M}])${words.map(escape).join('[^\\p{L}\\p{N}\\p{M}\\u0000]+')}${prefix ? '' : '(?![\\p{L}\\p{N}\\p{M}])'}`,
    'u',
  );
  const scores = new Map<string, number>();
  for (const doc of library) {
    const score = fieldsOf(doc).reduce(
      (sum, field, k) => sum + (pattern.test(fold(field.replaceAll('\u0000', ' '))) ? WEIGHTS[k]! : 0),
      0,
    );
    if (score) scores.set(doc.article.id, score);
  }
  return scores;
}

/** Queries of every kind over the vocabulary (and `more` words): whole words, words being typed, phrases. */
function queriesOf(more: readonly string[] = []) {
  const queries: Array<{ query: string; words: string[]; prefix: boolean }> = [];
  for (const word of [...VOCABULARY, ...more]) {
    const folded = fold(word);
    queries.push({ query: `${word} `, words: [folded], prefix: false });
    queries.push({ query: word.slice(0, 2), words: [folded.slice(0, 2)], prefix: true });
    queries.push({ query: word.slice(0, 1), words: [folded.slice(0, 1)], prefix: true });
  }
  for (let i = 0; i < 30; i++) {
    const [a, b] = [VOCABULARY[i % VOCABULARY.length]!, VOCABULARY[(i * 7 + 3) % VOCABULARY.length]!];
    queries.push({ query: `"${a} ${b}" `, words: [fold(a), fold(b)], prefix: false });
  }
  return queries;
}

/** Every query finds in `library` exactly what a scan of every field finds. */
function expectScanFindings(library: SearchDoc[], more: readonly string[] = []) {
  for (const { query, words, prefix } of queriesOf(more)) {
    const found = new Map(
      rankLibrary(library, parseQuery(query))
        .hits()
        .map((hit) => [hit.article.id, hit.score]),
    );
    expect(found, query).toEqual(scanned(library, words, prefix));
  }
}

describe('fields found through their word lists', () => {
  it('match exactly what a scan of every field finds: words, words being typed, phrases', () => {
    const next = random(7);
    expectScanFindings(Array.from({ length: 300 }, (_, i) => doc(i, next)));
  });

  it('follow a library that changed by a few articles, derived from the lists before', () => {
    const next = random(5);
    const first = Array.from({ length: 300 }, (_, i) => doc(i, next));
    expect(fieldTextOf(first).derived).toBe(false);
    // As the library page reads it again after changes: articles removed, replaced (other words; the same
    // words in a new object), new ones at the end, one with words the library never had.
    const renamed = doc(50, next);
    renamed.article.title = 'Zeppelin zephyr über';
    const newcomer = doc(901, next);
    newcomer.article.title = 'zephyrs';
    const second = [
      ...first.slice(0, 5),
      ...first.slice(6, 50),
      renamed,
      ...first.slice(51, 70),
      { ...first[70]! },
      ...first.slice(71, 299),
      doc(900, next),
      newcomer,
    ];
    expect(fieldTextOf(second).derived).toBe(true);
    expectScanFindings(second, ['zeppelin', 'zephyr', 'zephyrs']);
    // From that one again; and the first, searched meanwhile, still finds what it held.
    const third = [...second.slice(1), doc(902, next)];
    expect(fieldTextOf(third).derived).toBe(true);
    expectScanFindings(third, ['zeppelin', 'zephyr']);
    expectScanFindings(first, ['zeppelin']);
    // Another order is built afresh, and found right.
    const shuffled = [...third].reverse();
    expect(fieldTextOf(shuffled).derived).toBe(false);
    expectScanFindings(shuffled, ['zeppelin']);
  });

  it('are built in slices for the library asked for last; an older one is given up', async () => {
    const next = random(11);
    const older = Array.from({ length: 2_000 }, (_, i) => doc(i, next));
    const newer = [...older.slice(1), doc(5_000, next)];
    // Slices of no time: the page is given a turn after every chunk of articles.
    const first = prepareFieldText(older, 0);
    const second = prepareFieldText(newer, 0);
    expect(prepareFieldText(newer, 0)).toBe(second);
    await expect(first).rejects.toBeInstanceOf(FieldTextReplaced);
    const fields = await second;
    expect(fields.indexOf.get('a5000')).toBe(newer.length - 1);
    expect(fields.indexOf.has('a0')).toBe(false);
    // Built once: asked again, the same.
    expect(await prepareFieldText(newer)).toBe(fields);
  });
});
