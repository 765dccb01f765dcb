import { describe, expect, it } from 'vitest';
import { markRanges } from './marks';

function marked(text: string, terms: string[]): string {
  let out = '';
  let at = 0;
  for (const [s, e] of markRanges(text, terms)) {
    out += `${text.slice(at, s)}[${text.slice(s, e)}]`;
    at = e;
  }
  return out + text.slice(at);
}

describe('markRanges', () => {
  it.each([
    ['Cyber attacks on hospitals', ['cyber'], '[Cyber] attacks on hospitals'],
    ['Le Café du coin', ['cafe'], 'Le [Café] du coin'],
    ['RÉSUMÉ and resume', ['resume'], '[RÉSUMÉ] and [resume]'],
    ['health crisis, health', ['health crisis', 'health'], '[health crisis], [health]'],
    ['東京都に住んでいます', ['東京'], '[東京]都に住んでいます'],
    ['emoji 😀 then word', ['word'], 'emoji 😀 then [word]'],
    ['nothing here', ['absent'], 'nothing here'],
  ])('%j %j', (text, terms, expected) => {
    expect(marked(text, terms)).toBe(expected);
  });
});

describe('markRanges on plain ASCII', () => {
  it('marks what the character-by-character fold marks', () => {
    const words = ['Data', 'base', 'x86', 'a', 'DATABASE', 'of the'];
    for (let i = 0; i < 200; i++) {
      const text = Array.from({ length: 1 + (i % 9) }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(
        i % 2 ? ' ' : ', ',
      );
      const terms = [words[i % words.length]!.toLowerCase(), words[(i + 2) % words.length]!.toLowerCase()];
      // One accented letter at the end sends the same text through the slow path.
      const slow = markRanges(`${text} é`, terms).filter(([start]) => start < text.length);
      expect(markRanges(text, terms), text).toEqual(slow);
    }
  });
});
