import { describe, expect, it } from 'vitest';
import { firstIndexOfFolded, fold } from './fold';
import { snippetOf } from './run-search';

describe('fold', () => {
  it.each([
    ['Café RÉSUMÉ', 'cafe resume'],
    ['İstanbul', 'istanbul'],
    ['東京都に住んでいます', '東京都に住んでいます'],
    ['Plain ASCII Text', 'plain ascii text'],
  ])('%j → %j', (text, expected) => expect(fold(text)).toBe(expected));
});

describe('firstIndexOfFolded', () => {
  it('finds the earliest of several terms, through case and accents', () => {
    expect(firstIndexOfFolded('The Café opened; it closed.', ['closed', 'cafe'])).toBe(4);
    expect(firstIndexOfFolded('Hospital HIT', ['hit', 'none'])).toBe(9);
    expect(firstIndexOfFolded('plain text', ['absent'])).toBe(-1);
  });
});

describe('snippetOf', () => {
  it("cuts a window around the first match, and falls back to a phrase's first word", () => {
    const text = `${'lead '.repeat(60)}The ransomware, were not ready. ${'tail '.repeat(60)}`;
    const snippet = snippetOf(text, ['ransomware'])!;
    expect(snippet).toMatch(/^… .*The ransomware, were not ready\. .* …$/);
    expect(snippetOf(text, ['ransomware were'])).toBe(snippet);
    expect(snippetOf(text, ['absent'])).toBeNull();
  });

  it('cuts at word boundaries, starts at the paragraph when near, and keeps block breaks', () => {
    const words = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
    const text = `${words}\nUber said the ransomware hit.\nThe attack. ${words}`;
    const snippet = snippetOf(text, ['ransomware'])!;
    expect(snippet.startsWith('Uber said the ransomware hit.\nThe attack. word0')).toBe(true);
    expect(snippet).toMatch(/ word\d+ …$/);
    // Mid-text, no word is cut at either end.
    const mid = snippetOf(`${words} ransomware ${words}`, ['ransomware'])!;
    expect(mid).toMatch(/^… word\d+ .* ransomware .* word\d+ …$/);
    // Text without spaces is cut where the window ends.
    expect(snippetOf(`${'東'.repeat(300)}京都${'東'.repeat(300)}`, ['京都'])!.length).toBeLessThan(240);
  });
});
