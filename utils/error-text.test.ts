import { describe, expect, it } from 'vitest';
import { errorText } from './error-text';

describe('format', () => {
  it.each([
    [new Error('Gone.'), 'Gone.'],
    ['plain words', 'plain words'],
    [42, '42'],
  ])('errorText(%j)', (error, text) => {
    expect(errorText(error)).toBe(text);
  });
});
