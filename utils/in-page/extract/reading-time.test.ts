import { describe, expect, it } from 'vitest';
import { countWords, readingStats } from './reading-time';

describe('countWords', () => {
  it.each([
    ['', 0, 0],
    ['one two  three\nfour', 4, 0],
    ["don't stop, e-mail café", 4, 0],
    ['昔々、あるところに', 0, 8],
    ['Chrome 拡張機能 works', 2, 4],
    ['— … ! ?', 0, 0],
  ])('%j: %i words, %i CJK characters', (text, words, cjkChars) => {
    expect(countWords(text)).toEqual({ words, cjkChars });
  });
});

describe('readingStats', () => {
  it('reads 238 words a minute, at least one minute', () => {
    expect(readingStats('word '.repeat(2380))).toEqual({ wordCount: 2380, readingMinutes: 10 });
    expect(readingStats('short')).toEqual({ wordCount: 1, readingMinutes: 1 });
  });

  it('reads 500 CJK characters a minute', () => {
    expect(readingStats('字'.repeat(1500))).toEqual({ wordCount: 1500, readingMinutes: 3 });
  });
});
