import { describe, expect, it } from 'vitest';
import { cleanTag, MAX_TAG_LENGTH, normalizeTags } from './tags';

describe('cleanTag', () => {
  it.each([
    ['  reading  ', 'reading'],
    ['#health', 'health'],
    ['## two  words\there', 'two words here'],
    ['', ''],
    ['   ', ''],
    ['日本語', '日本語'],
    ['ab\u202ecd\u202c', 'abcd'],
    ['\u2067evil\u2069 \u200bname\ufeff', 'evil name'],
    ['\u200fمقاله\u200e', 'مقاله'],
    ['می\u200cخواهم 👩\u200d💻', 'می\u200cخواهم 👩\u200d💻'],
  ])('%j → %j', (raw, tag) => {
    expect(cleanTag(raw)).toBe(tag);
  });

  it('cuts long tags', () => {
    expect(cleanTag('x'.repeat(500))).toHaveLength(MAX_TAG_LENGTH);
  });
});

describe('normalizeTags', () => {
  it('drops empties and case-insensitive repeats, keeping the first spelling and order', () => {
    expect(normalizeTags(['AI', 'health', ' ', 'ai', '#Health', 'policy'])).toEqual(['AI', 'health', 'policy']);
  });
});
