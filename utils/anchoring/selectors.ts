/**
 * W3C Web Annotation selectors for a piece of a page, and finding that piece again: TextPositionSelector first
 * (checked against the quote), then the exact quote with its context to choose among repeats, then a fuzzy
 * match (match-quote.ts). Offsets are into the text model (text-model.ts).
 */
import type { TextPositionSelector, TextQuoteSelector } from '../records/types';
import { matchQuote } from './match-quote';
import { fromRange, toRange, type TextModel } from './text-model';

/** Characters of context kept before and after a quote. */
export const CONTEXT_LENGTH = 32;

/** Both selectors of one highlight. */
export interface Selectors {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/** How a highlight was found again: by position, by exact quote, or approximately. */
export type AnchorMethod = 'position' | 'quote' | 'fuzzy';

/** A highlight found again: its model offsets and DOM range. */
export interface Anchor {
  start: number;
  end: number;
  range: Range;
  method: AnchorMethod;
}

/** Selectors for model range [start, end). */
export function selectorsAt(model: TextModel, start: number, end: number): Selectors {
  const { text } = model;
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
      suffix: text.slice(end, end + CONTEXT_LENGTH),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}

/** Selectors for a DOM Range (a selection), or null if it selects no text of the model. */
export function describeRange(model: TextModel, range: Range): Selectors | null {
  const offsets = fromRange(model, range);
  return offsets ? selectorsAt(model, offsets.start, offsets.end) : null;
}

/** Model offsets of the selectors' text in the current model, or null when it cannot be found. */
export function locate(
  model: TextModel,
  selectors: Selectors,
): { start: number; end: number; method: AnchorMethod } | null {
  const { quote, position } = selectors;
  const { text } = model;
  if (text.slice(position.start, position.end) === quote.exact) {
    return { start: position.start, end: position.end, method: 'position' };
  }
  const match = matchQuote(text, quote.exact, { prefix: quote.prefix, suffix: quote.suffix, hint: position.start });
  if (!match) return null;
  return { start: match.start, end: match.end, method: match.quoteScore === 1 ? 'quote' : 'fuzzy' };
}

/** Finds the selectors' text again and returns its DOM Range, or null when it is orphaned. */
export function anchor(model: TextModel, selectors: Selectors): Anchor | null {
  const found = locate(model, selectors);
  if (!found) return null;
  const range = toRange(model, found.start, found.end);
  return range ? { ...found, range } : null;
}
