/**
 * Finding a quote again in changed text, the way Hypothesis does: exact occurrences first, then approximate
 * ones (Myers' bit-parallel algorithm from approx-string-match), each scored on the quote, the text around it
 * and its distance from where it was. Unlike Hypothesis we refuse weak matches: drawing a highlight on the wrong
 * text is worse than showing it as orphaned.
 */
import approxSearch from 'approx-string-match';

/**
 * Weights of the score: quote and context as Hypothesis weighs them; position weighs twice as much as there,
 * so that a repeat of the phrase far away loses to the passage itself with a small edit where it was.
 */
const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 4 };
const WEIGHT_SUM = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;
/** Characters over which nearness to the old offset fades to nothing. */
const POSITION_FADE = 2000;

/** A candidate place for the quote in the text. */
export interface QuoteMatch {
  start: number;
  end: number;
  /** Similarity of the matched text to the quote, 0..1. */
  quoteScore: number;
  /** Similarity of the text around it to the stored prefix and suffix, 0..1. */
  contextScore: number;
  /** Weighted score (see WEIGHTS), 0..1. */
  score: number;
  /** The score without position: how well quote and context alone fit, 0..1. */
  textScore: number;
  /** Distance from the old offset, in characters (0 without a hint). */
  distance: number;
}

/** What is known about where the quote was. */
export interface QuoteContext {
  prefix?: string;
  suffix?: string;
  /** The offset it started at. */
  hint?: number;
  /** The quote was repeated word for word with its context when it was made (its context was lengthened to
   * tell its places apart, and still may not): another place that fits nearly as well is a rival. */
  repeated?: boolean;
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

/** Whether a stored context tells anything: empty or white space only (a heading at the top of the page, a
 * passage after a paragraph break) says nothing about which occurrence it was, and is no mismatch. */
const knows = (side: string | undefined): side is string => side !== undefined && side.trim() !== '';

/** Similarity of the context: how well the prefix ends at `start` and the suffix starts at `end`. */
function contextScores(
  text: string,
  start: number,
  end: number,
  context: QuoteContext,
): { prefix: number; suffix: number } {
  const prefix = knows(context.prefix)
    ? similarity(text.slice(Math.max(0, start - context.prefix.length), start), context.prefix)
    : 1;
  const suffix = knows(context.suffix) ? similarity(text.slice(end, end + context.suffix.length), context.suffix) : 1;
  return { prefix, suffix };
}

/**
 * The best place for `quote` in `text`, or null when nothing is close enough. A match is accepted when the quote
 * is nearly intact (at most a fifth of it changed), or moderately changed but in its old context.
 */
export function matchQuote(text: string, quote: string, context: QuoteContext = {}): QuoteMatch | null {
  if (!quote) return null;
  const score = (candidate: { start: number; end: number; errors: number }): QuoteMatch => {
    const quoteScore = 1 - candidate.errors / quote.length;
    const { prefix, suffix } = contextScores(text, candidate.start, candidate.end, context);
    // Nearness to the old offset, fading out over a few thousand characters (a page's ads, or a removed section).
    const distance = context.hint === undefined ? 0 : Math.abs(candidate.start - context.hint);
    const positionScore = 1 - Math.min(1, distance / POSITION_FADE);
    return {
      start: candidate.start,
      end: candidate.end,
      quoteScore,
      contextScore: (prefix + suffix) / 2,
      score:
        (WEIGHTS.quote * quoteScore +
          WEIGHTS.prefix * prefix +
          WEIGHTS.suffix * suffix +
          WEIGHTS.position * positionScore) /
        WEIGHT_SUM,
      textScore:
        (WEIGHTS.quote * quoteScore + WEIGHTS.prefix * prefix + WEIGHTS.suffix * suffix) /
        (WEIGHT_SUM - WEIGHTS.position),
      distance,
    };
  };
  const scored: QuoteMatch[] = [];
  const best = (candidates: Array<{ start: number; end: number; errors: number }>) => {
    const matches = candidates.map(score);
    scored.push(...matches);
    return matches.reduce<QuoteMatch | null>((a, b) => (!a || b.score > a.score ? b : a), null);
  };

  let found = best(exactMatches(text, quote));
  // An exact copy away from where the passage was, or out of its old context, may be a repeat of the phrase
  // elsewhere on the page while the passage itself was edited where it stood: weigh approximate matches too.
  // approx-string-match returns only the lowest-error matches of its text, so the neighbourhood of the old
  // offset is searched on its own as well: there an edited passage is not outranked by a distant exact repeat.
  const near = found && context.hint !== undefined && Math.abs(found.start - context.hint) <= quote.length;
  if (!found || found.contextScore < 1 || (context.hint !== undefined && !near)) {
    const maxErrors = Math.min(256, Math.floor(quote.length / 2));
    if (maxErrors >= 1) {
      const candidates = approxSearch(text, quote, maxErrors);
      if (context.hint !== undefined) {
        const from = Math.max(0, context.hint - quote.length);
        const window = text.slice(from, Math.min(text.length, context.hint + 2 * quote.length));
        for (const m of approxSearch(window, quote, maxErrors))
          candidates.push({ ...m, start: m.start + from, end: m.end + from });
      }
      const approximate = best(candidates);
      if (approximate && (!found || approximate.score > found.score)) found = approximate;
    }
  }
  if (found) found = settleAmbiguity(found, scored, quote.length, context.repeated === true);
  if (!found) return null;
  const acceptable = found.quoteScore >= 0.8 || (found.quoteScore >= 0.6 && found.contextScore >= 0.8);
  return acceptable ? found : null;
}

/** Places whose quote-and-context fit differs by less than this are told apart only by position. */
const AMBIGUITY_MARGIN = 0.03;
/** The same for a word-for-word repeat of a quote known to repeat with its context (QuoteContext.repeated): a
 * change next to the passage (an ad inserted) lowers its fit by this much while a repeat elsewhere fits as it did. */
const REPEATED_MARGIN = 0.2;
/** How much nearer the old offset the nearest of a repeated quote's places must be than the next to be taken. */
const NEARER = 4;

/**
 * When other places fit the quote and its context (nearly) as well as the chosen one (a paragraph repeated word
 * for word, a headline listed twice), only position can tell them apart, and the page's changes have shifted
 * positions. The place right where the passage was wins; for a quote known to repeat, so does one far nearer it
 * than any other. Otherwise guessing would draw on the wrong text half the time, so the highlight is orphaned
 * instead (null).
 */
function settleAmbiguity(
  chosen: QuoteMatch,
  all: readonly QuoteMatch[],
  quoteLength: number,
  repeated: boolean,
): QuoteMatch | null {
  const rivals = all.filter(
    (other) =>
      Math.abs(other.textScore - chosen.textScore) < AMBIGUITY_MARGIN ||
      other.textScore > chosen.textScore ||
      (repeated && other.quoteScore >= chosen.quoteScore && chosen.textScore - other.textScore < REPEATED_MARGIN),
  );
  const places = rivals.filter((m, i) => rivals.findIndex((o) => o.start < m.end && m.start < o.end) === i);
  if (places.length <= 1) return chosen;
  const atHint = places.filter((m) => m.distance <= Math.min(32, quoteLength));
  if (atHint.length === 1) return atHint[0]!;
  if (!repeated) return null;
  const [nearest, next] = [...places].sort((a, b) => a.distance - b.distance);
  return nearest!.distance * NEARER <= next!.distance ? nearest! : null;
}
