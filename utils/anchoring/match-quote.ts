/**
 * Finding a quote again in changed text, the way Hypothesis does: exact occurrences first, then approximate
 * ones (Myers' bit-parallel algorithm from approx-string-match), each scored on the quote, the text around it
 * and its distance from where it was. Unlike Hypothesis we refuse weak matches: drawing a highlight on the wrong
 * text is worse than showing it as orphaned.
 */
import approxSearch from 'approx-string-match';

/** A candidate place for the quote in the text. */
export interface QuoteMatch {
  start: number;
  end: number;
  /** Similarity of the matched text to the quote, 0..1. */
  quoteScore: number;
  /** Similarity of the text around it to the stored prefix and suffix, 0..1. */
  contextScore: number;
  /** Weighted score (quote 50, prefix 20, suffix 20, position 2), 0..1. */
  score: number;
}

/** What is known about where the quote was. */
export interface QuoteContext {
  prefix?: string;
  suffix?: string;
  /** The offset it started at. */
  hint?: number;
}

function exactMatches(text: string, quote: string): Array<{ start: number; end: number; errors: number }> {
  const found = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    found.push({ start: at, end: at + quote.length, errors: 0 });
  }
  return found;
}

/** Similarity 0..1 of `actual` to `expected` (1 − edit distance / length). */
function similarity(actual: string, expected: string): number {
  if (!expected) return 1;
  if (!actual) return 0;
  if (actual === expected) return 1;
  const [best] = approxSearch(actual, expected, expected.length);
  return best ? 1 - best.errors / expected.length : 0;
}

/** Similarity of the context: how well the prefix ends at `start` and the suffix starts at `end`. */
function contextScores(text: string, start: number, end: number, context: QuoteContext): { prefix: number; suffix: number } {
  const prefix = context.prefix ? similarity(text.slice(Math.max(0, start - context.prefix.length), start), context.prefix) : 1;
  const suffix = context.suffix ? similarity(text.slice(end, end + context.suffix.length), context.suffix) : 1;
  return { prefix, suffix };
}

/**
 * The best place for `quote` in `text`, or null when nothing is close enough. A match is accepted when the quote
 * is nearly intact (at most a fifth of it changed), or moderately changed but in its old context.
 */
export function matchQuote(text: string, quote: string, context: QuoteContext = {}): QuoteMatch | null {
  if (!quote) return null;
  let candidates = exactMatches(text, quote);
  if (!candidates.length) {
    const maxErrors = Math.min(256, Math.floor(quote.length / 2));
    if (maxErrors < 1) return null;
    candidates = approxSearch(text, quote, maxErrors);
  }
  let best: QuoteMatch | null = null;
  for (const candidate of candidates) {
    const quoteScore = 1 - candidate.errors / quote.length;
    const { prefix, suffix } = contextScores(text, candidate.start, candidate.end, context);
    const positionScore = context.hint === undefined ? 1 : 1 - Math.abs(candidate.start - context.hint) / Math.max(1, text.length);
    const score = (50 * quoteScore + 20 * prefix + 20 * suffix + 2 * positionScore) / 92;
    const match = { start: candidate.start, end: candidate.end, quoteScore, contextScore: (prefix + suffix) / 2, score };
    if (!best || match.score > best.score) best = match;
  }
  if (!best) return null;
  const acceptable = best.quoteScore >= 0.8 || (best.quoteScore >= 0.6 && best.contextScore >= 0.8);
  return acceptable ? best : null;
}
