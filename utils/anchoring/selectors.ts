/**
 * W3C Web Annotation selectors for a piece of a page, and finding that piece again: TextPositionSelector first
 * (checked against the quote), then the exact quote with its context to choose among repeats, then a fuzzy
 * match (match-quote.ts). Offsets are into the text model (text-model.ts).
 */
import type { HighlightRecord } from '../records/types';
import { matchQuote } from './match-quote';
import { fromRange, toRange, type TextModel } from './text-model';

/** Characters of context kept before and after a quote. */
export const CONTEXT_LENGTH = 32;
/** Most characters of context kept, when fewer do not tell a repeated quote's places apart. */
const MAX_CONTEXT_LENGTH = 256;

/**
 * The context of [start, end): CONTEXT_LENGTH characters each side, or more (doubling up to MAX_CONTEXT_LENGTH)
 * while the quote with that context occurs more than once in the text (a list or a headline shown twice on the
 * page). Only when it is made is it known which of the places was meant; afterwards a change right next to the
 * passage (an ad inserted) makes the other place fit better.
 */
function contextAt(text: string, start: number, end: number): { prefix: string; suffix: string } {
  for (let length = CONTEXT_LENGTH; ; length *= 2) {
    const from = Math.max(0, start - length);
    const prefix = text.slice(from, start);
    const suffix = text.slice(end, end + length);
    const whole = prefix + text.slice(start, end) + suffix;
    const unique = text.indexOf(whole) === from && text.indexOf(whole, from + 1) < 0;
    if (unique || length >= MAX_CONTEXT_LENGTH) return { prefix, suffix };
  }
}

/** The selectors of one highlight: its quote, and where it was when known (Selectors made here always say). */
export type Selectors = HighlightRecord['selectors'];

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
export function selectorsAt(model: TextModel, start: number, end: number): Required<Selectors> {
  const { text } = model;
  return {
    quote: { type: 'TextQuoteSelector', exact: text.slice(start, end), ...contextAt(text, start, end) },
    position: { type: 'TextPositionSelector', start, end },
  };
}

/** Selectors for a DOM Range (a selection), or null if it selects no text of the model. */
export function describeRange(model: TextModel, range: Range): Required<Selectors> | null {
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
  if (position && text.slice(position.start, position.end) === quote.exact) {
    return { start: position.start, end: position.end, method: 'position' };
  }
  const { prefix, suffix } = quote;
  const repeated = prefix.length > CONTEXT_LENGTH || suffix.length > CONTEXT_LENGTH;
  const match = matchQuote(text, quote.exact, { prefix, suffix, hint: position?.start, repeated });
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
