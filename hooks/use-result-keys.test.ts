/** Where the arrow keys take the focus among the search results. */
import { describe, expect, it } from 'vitest';
import { nextResult } from './use-result-keys';

describe('nextResult', () => {
  it.each([
    ['ArrowDown', -1, 3, 0, 'from the box to the first result'],
    ['ArrowDown', 0, 3, 1, 'to the next result'],
    ['ArrowDown', 2, 3, 2, 'stays on the last'],
    ['ArrowUp', 2, 3, 1, 'to the result before'],
    ['ArrowUp', 0, 3, -1, 'from the first back to the box'],
    ['ArrowUp', -1, 3, -1, 'from the box, stays there'],
  ] as const)('%s from %i of %i goes to %i (%s)', (key, current, count, expected, _why) => {
    expect(nextResult(key, current, count)).toBe(expected);
  });
});
