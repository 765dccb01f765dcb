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

  it('finds nothing for an empty quote', () => {
    expect(matchQuote('any text', '')).toBeNull();
  });
});
