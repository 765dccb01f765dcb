/** Where the arrow keys take the focus among the search results. */
import { describe, expect, it } from 'vitest';
import { commandOf, nextResult } from './use-result-keys';

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

describe('commandOf', () => {
  const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...mods,
  });
  it('maps letters outside text fields, and only there', () => {
    expect(['j', 'k', 'o', 'e', 'f', 'x', '/', '?'].map((k) => commandOf(key(k), false, false))).toEqual([
      'next',
      'previous',
      'open',
      'archive',
      'favourite',
      'select',
      'search',
      'help',
    ]);
    expect(['j', 'e', '/', '?'].map((k) => commandOf(key(k), true, true))).toEqual([null, null, null, null]);
  });
  it('moves by the arrows from the search box, but not in another field or with a modifier', () => {
    expect(commandOf(key('ArrowDown'), true, true)).toBe('next');
    expect(commandOf(key('ArrowDown'), true, false)).toBeNull(); // the Sort list, the bulk tag field
    expect(commandOf(key('j', { ctrlKey: true }), false, false)).toBeNull();
    expect(commandOf(key('q'), false, false)).toBeNull();
  });
});
