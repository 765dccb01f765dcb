/**
 * The quote matcher's scoring: which place wins when the text changed, and when a highlight is refused
 * (orphaned) rather than drawn on other text.
 */
import { describe, expect, it } from 'vitest';
import { matchQuote } from './match-quote';

const QUOTE = 'the hospital paid the ransom within a week';
const BEFORE = 'Reports from the city say that ';
const AFTER = ', according to documents seen by reporters.';
const filler = (n: number) => 'Lorem ipsum dolor sit amet. '.repeat(n);

/** Where `needle` starts in `text` (it must be there). */
const at = (text: string, needle: string, from = 0) => {
  const index = text.indexOf(needle, from);
  expect(index).toBeGreaterThanOrEqual(0);
  return index;
};

describe('matchQuote', () => {
  it('finds an unchanged quote exactly, with full scores', () => {
    const text = `${filler(3)}${BEFORE}${QUOTE}${AFTER}`;
    const match = matchQuote(text, QUOTE, { prefix: BEFORE, suffix: AFTER, hint: at(text, QUOTE) });
    expect(match).toMatchObject({
      start: at(text, QUOTE),
      end: at(text, QUOTE) + QUOTE.length,
      quoteScore: 1,
      contextScore: 1,
    });
  });

  it.each([
    ['a word changed', 'the hospital paid the ransom within one week'],
    ['a typo fixed', 'the hospital paid the ransum within a week'],
    ['a word added', 'the hospital quickly paid the ransom within a week'],
  ])('finds the passage with %s, in its context', (_, edited) => {
    const text = `${filler(3)}${BEFORE}${edited}${AFTER}`;
    const match = matchQuote(text, QUOTE, { prefix: BEFORE, suffix: AFTER, hint: at(text, edited) });
    expect(match?.start).toBe(at(text, edited));
    expect(match!.quoteScore).toBeLessThan(1);
    expect(match!.quoteScore).toBeGreaterThanOrEqual(0.8);
  });

  it('prefers the repeat in its old context to an exact copy elsewhere', () => {
    const elsewhere = `As we wrote: ${QUOTE}. `;
    const text = `${elsewhere}${filler(100)}${BEFORE}${QUOTE}${AFTER}`;
    const where = at(text, QUOTE, elsewhere.length);
    expect(matchQuote(text, QUOTE, { prefix: BEFORE, suffix: AFTER, hint: where })?.start).toBe(where);
  });

  it('prefers the edited passage where it stood to a distant exact repeat without its context', () => {
    const edited = 'the hospital paid the ransom within one week';
    const text = `${filler(100)}${BEFORE}${edited}${AFTER}${filler(100)}Quote of the day: ${QUOTE}.`;
    const where = at(text, edited);
    expect(matchQuote(text, QUOTE, { prefix: BEFORE, suffix: AFTER, hint: where })?.start).toBe(where);
  });

  it('follows the passage when the page inserted text before it (position moved, context kept)', () => {
    const original = `${BEFORE}${QUOTE}${AFTER}`;
    const text = `${filler(40)}${original}`;
    expect(matchQuote(text, QUOTE, { prefix: BEFORE, suffix: AFTER, hint: 0 })?.start).toBe(at(text, QUOTE));
  });

  it('refuses a quote that is mostly gone', () => {
    const text = `${filler(3)}${BEFORE}the clinic refused to pay anything at all${AFTER}`;
    expect(
      matchQuote(text, QUOTE, { prefix: BEFORE, suffix: AFTER, hint: filler(3).length + BEFORE.length }),
    ).toBeNull();
  });

  it('accepts a moderately changed quote only in its old context', () => {
    const changed = 'the hospital paid a ransom inside one week';
    const inContext = `${filler(3)}${BEFORE}${changed}${AFTER}`;
    const outOfContext = `${filler(3)}Elsewhere: ${changed}. Nothing else.`;
    const hint = at(inContext, changed);
    const kept = matchQuote(inContext, QUOTE, { prefix: BEFORE, suffix: AFTER, hint });
    expect(kept?.start).toBe(hint);
    expect(kept!.quoteScore).toBeLessThan(0.8);
    expect(matchQuote(outOfContext, QUOTE, { prefix: BEFORE, suffix: AFTER, hint })).toBeNull();
  });

  it('refuses to choose between identical paragraphs when none is where the passage was', () => {
    const paragraph = `${BEFORE}${QUOTE}${AFTER} `;
    const text = `${filler(80)}${paragraph}${filler(80)}${paragraph}`;
    // The old position points between the two copies, far from both.
    expect(matchQuote(text, QUOTE, { prefix: BEFORE, suffix: AFTER, hint: filler(80).length * 2 - 500 })).toBeNull();
  });

  it('picks, of identical paragraphs, the one right where the passage was', () => {
    const paragraph = `${BEFORE}${QUOTE}${AFTER} `;
    const text = `${filler(80)}${paragraph}${filler(80)}${paragraph}`;
    const second = at(text, QUOTE, filler(80).length + paragraph.length);
    expect(matchQuote(text, QUOTE, { prefix: BEFORE, suffix: AFTER, hint: second })?.start).toBe(second);
  });

  it.each([
    ['a prefix of white space only', { prefix: '\n\n' }],
    ['an empty prefix', { prefix: '' }],
  ])('takes %s as nothing known: a heading at the top is not outscored by its repeat after a break', (_, side) => {
    const story = '\nThe story begins here and goes on for a while.';
    const text = `Breaking News${story}\n\nBreaking News\nAnother story, told at another time.`;
    const match = matchQuote(text, 'Breaking News', { ...side, suffix: story.slice(0, 32), hint: 0 });
    expect(match?.start).toBe(0);
  });

  it('takes a suffix of white space only as nothing known, and finds the passage by its prefix', () => {
    const text = `${filler(2)}${BEFORE}${QUOTE}\n\nLater: ${QUOTE}\n\n${filler(2)}`;
    const where = at(text, QUOTE);
    // The stored position is stale (the page moved), and pointed at the repeat.
    const stale = at(text, QUOTE, where + 1);
    expect(matchQuote(text, QUOTE, { prefix: BEFORE, suffix: '\n\n', hint: stale })?.start).toBe(where);
  });

  describe('a quote known to repeat with its context (a list shown twice)', () => {
    const entry = (i: number) => `These notes: issue ${i}, week ${i}. `;
    const list = Array.from({ length: 10 }, (_, i) => entry(30 - i)).join('');
    const QUOTE = 'These notes: issue 25, week 25.';
    const context = (text: string, start: number) => ({
      prefix: text.slice(start - 64, start),
      suffix: text.slice(start + QUOTE.length, start + QUOTE.length + 64),
      hint: start,
      repeated: true,
    });

    it('is orphaned when an ad next to it makes the other copy fit better and neither is clearly nearer', () => {
      // The second list's entry was meant; the page then put 200 characters above the second list and an ad
      // right after the entry: the first list's copy fits better, and is not much farther from where it was.
      const before = `Recent: ${list}All: ${list}`;
      const meant = before.lastIndexOf(QUOTE);
      const ad = ' Advertisement. Subscribe now and save. ';
      const shifted = before.replace('All: ', `All: ${'x'.repeat(200)} `);
      const after = `${shifted.slice(0, shifted.lastIndexOf(QUOTE) + QUOTE.length)}${ad}${shifted.slice(shifted.lastIndexOf(QUOTE) + QUOTE.length)}`;
      expect(matchQuote(after, QUOTE, context(before, meant))).toBeNull();
    });

    it('is found where it was when the other copy is far away', () => {
      const before = `Menu: ${list}${filler(200)}Footer: ${list}`;
      const meant = before.lastIndexOf(QUOTE);
      const after = before.replace(/Footer: /, `Footer: ${filler(3)}`);
      expect(matchQuote(after, QUOTE, context(before, meant))?.start).toBe(after.lastIndexOf(QUOTE));
    });
  });

  it('finds nothing for an empty quote', () => {
    expect(matchQuote('any text', '')).toBeNull();
  });
});
