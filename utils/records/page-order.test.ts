import { describe, expect, it } from 'vitest';
import { byPageOrder } from './page-order';
import { highlightRecord, quoteSelectors } from '../db/test-data';

describe('highlights in page order', () => {
  it('by where each was found, then those whose place is not known yet, each by when it was made', () => {
    const at = (id: string, start: number | null, createdAt: number) => {
      const selectors = quoteSelectors(id, start ?? 0);
      return highlightRecord({
        id,
        createdAt,
        selectors: start === null ? { quote: selectors.quote } : selectors,
      });
    };
    const list = [at('late', null, 1), at('second', 40, 9), at('early', null, 0), at('first', 3, 5), at('tie', 40, 2)];
    expect(list.sort(byPageOrder).map((h) => h.id)).toEqual(['first', 'tie', 'second', 'early', 'late']);
  });
});
