import { describe, expect, it } from 'vitest';
import { errorText, formatDate, plural } from './format';

describe('format', () => {
  it.each([
    [new Error('Gone.'), 'Gone.'],
    ['plain words', 'plain words'],
    [42, '42'],
  ])('errorText(%j)', (error, text) => {
    expect(errorText(error)).toBe(text);
  });

  it('plural', () => {
    expect([plural(0, 'result', 'results'), plural(1, 'result', 'results'), plural(2, 'result', 'results')]).toEqual(['0 results', '1 result', '2 results']);
  });

  it('formatDate keeps what is not a date', () => {
    expect(formatDate('last Tuesday')).toBe('last Tuesday');
    expect(formatDate('2020-05-27T09:00:00+01:00')).toMatch(/2020/);
    expect(formatDate(Date.UTC(2020, 4, 27))).toBe(formatDate('2020-05-27T00:00:00Z'));
  });
});
