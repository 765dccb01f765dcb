import { beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BlockCache, stampOf } from './block-cache';
import type { SearchMetaRecord } from './schema';
import { db } from './schema';
import { removeArticle, saveArticle } from './articles';
import { extractedArticle } from './test-data';
import { searchTerm } from '../search/index/term-search';
import { searchPhrase } from '../search/index/phrases';
import { scoresById } from '../search/index/bm25';

const totals = (next: number, extra: Partial<SearchMetaRecord> = {}): SearchMetaRecord => ({
  id: 'meta',
  build: 'b',
  next,
  count: next,
  totalLength: next * 10,
  ...extra,
});

/** A read that counts its calls and answers `value()`. */
function counted<T>(value: () => T) {
  const read = async () => {
    read.calls++;
    return value();
  };
  read.calls = 0;
  return read;
}

describe('BlockCache', () => {
  it('answers a second read of the same index from memory', async () => {
    const cache = new BlockCache();
    const read = counted(() => ['blocks of alpha']);
    for (let i = 0; i < 3; i++) {
      const [, value] = await cache.run(
        async () => totals(5),
        (cached) => cached('alpha', read, () => 10),
      );
      expect(value).toEqual(['blocks of alpha']);
    }
    expect(read.calls).toBe(1);
  });

  it('reads again, uncached, once the totals say the index changed', async () => {
    const cache = new BlockCache();
    let stored = ['old'];
    const read = counted(() => stored);
    await cache.run(
      async () => totals(5),
      (cached) => cached('alpha', read, () => 10),
    );
    stored = ['new'];
    const [, value] = await cache.run(
      async () => totals(6),
      (cached) => cached('alpha', read, () => 10),
    );
    expect(value).toEqual(['new']);
    expect(read.calls).toBe(2);
    // And what was read with the new totals is kept for them.
    await cache.run(
      async () => totals(6),
      (cached) => cached('alpha', read, () => 10),
    );
    expect(read.calls).toBe(2);
  });

  it('keeps nothing while a rebuild runs or one is due', async () => {
    expect(stampOf(totals(5, { rebuild: { at: 1, pending: [] } }))).toBeNull();
    expect(stampOf(totals(5, { stale: true }))).toBeNull();
    const cache = new BlockCache();
    const read = counted(() => ['part of a rebuild']);
    for (let i = 0; i < 2; i++)
      await cache.run(
        async () => totals(5, { rebuild: { at: 1, pending: [] } }),
        (cached) => cached('alpha', read, () => 10),
      );
    expect(read.calls).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('stays within its budget, the least recently used out first', async () => {
    const cache = new BlockCache(100);
    const reads = new Map(['a', 'b', 'c', 'd'].map((key) => [key, counted(() => key)]));
    const run = (key: string) =>
      cache.run(
        async () => totals(1),
        (cached) => cached(key, reads.get(key)!, () => 25),
      );
    for (const key of ['a', 'b', 'c', 'd']) await run(key);
    expect(cache.size).toBe(100);
    await run('a'); // a used again: b is now the least recently used
    reads.set(
      'e',
      counted(() => 'e'),
    );
    await run('e'); // over the budget: b goes
    expect(cache.size).toBe(100);
    await run('a');
    await run('b');
    expect(reads.get('a')!.calls).toBe(1);
    expect(reads.get('b')!.calls).toBe(2);
  });
});

describe('searches through the cache', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
  });

  it('find what every save and removal since the last search changed (property)', async () => {
    const words = ['alpha', 'alpine', 'beta', 'gamma'];
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('save' as const),
        slot: fc.integer({ min: 0, max: 4 }),
        text: fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 6 }).map((w) => w.join(' ')),
      }),
      fc.record({ kind: fc.constant('remove' as const), slot: fc.integer({ min: 0, max: 4 }) }),
      fc.record({
        kind: fc.constant('search' as const),
        word: fc.constantFrom('alpha', 'alp', 'beta', 'alpha beta'),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        await db.delete();
        await db.open();
        /** What each slot's article holds now: its id and text. */
        const saved = new Map<number, { id: string; text: string }>();
        for (const step of ops) {
          if (step.kind === 'save') {
            const url = `https://site.example/${step.slot}`;
            const record = await saveArticle(extractedArticle({ url, text: step.text, html: `<p>${step.text}</p>` }));
            saved.set(step.slot, { id: record.id, text: step.text });
          } else if (step.kind === 'remove') {
            const article = saved.get(step.slot);
            if (article) await removeArticle(article.id);
            saved.delete(step.slot);
          } else {
            const phrase = step.word.includes(' ');
            const prefix = step.word === 'alp';
            const found = phrase ? scoresById(await searchPhrase(step.word)) : await searchTerm(step.word, prefix);
            const expected = [...saved.values()]
              .filter(({ text }) =>
                phrase
                  ? ` ${text} `.includes(` ${step.word} `)
                  : text.split(' ').some((w) => (prefix ? w.startsWith(step.word) : w === step.word)),
              )
              .map(({ id }) => id)
              .sort();
            expect([...found.keys()].sort()).toEqual(expected);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
