/**
 * Bundled into fixture pages by bench/anchor.mjs. Makes highlights at random places (fixed seed), then finds
 * them again on the unchanged page and after each realistic mutation, with Gleaner's anchoring and with the
 * npm package dom-anchor-text-quote (the peer), judged against sentinels that mark where the text really is.
 */
import * as peerQuote from 'dom-anchor-text-quote';
import * as peerPosition from 'dom-anchor-text-position';
import { locate, selectorsAt } from '../utils/anchoring/selectors';
import { buildTextModel, fromRange, toRange, type TextModel } from '../utils/anchoring/text-model';
import { MarkPainter } from '../utils/in-page/highlight/draw';
import { CustomHighlightPainter } from '../utils/in-page/highlight/custom-highlights';
import type { Painter } from '../utils/in-page/highlight/painter';
import { markTruth, MUTATIONS, overlap, randomSpans, seededRandom, truthOf } from '../tests/support/mutations';

/** How one highlight fared: found on its own text, not found (orphaned), or found on other text. */
type Outcome = 'found' | 'orphaned' | 'wrong';

/** Found means the same text: at least 90% overlap with where it really is (edits move the edges slightly). */
function judge(found: { start: number; end: number } | null, truth: { start: number; end: number } | null): Outcome {
  if (!found) return 'orphaned';
  return truth && overlap(found, truth) >= 0.9 ? 'found' : 'wrong';
}

interface Tally {
  found: number;
  orphaned: number;
  wrong: number;
}

function tally(): Tally {
  return { found: 0, orphaned: 0, wrong: 0 };
}

declare global {
  interface Window {
    gleanerAnchorBench: {
      recall(seed: number, perPage: number): Record<string, { ours: Tally; peer: Tally; failures?: string[] }>;
      timing(
        seed: number,
        count: number,
        rounds: number,
      ): { oursRestoreMs: number[]; oursMarksRestoreMs: number[]; oursAnchorMs: number[]; peerAnchorMs: number[] };
    };
  }
}

const original = document.body.innerHTML;

/** Selectors of the same spans by Gleaner, and by the peer its own way (raw textContent offsets and quote). */
function describeBoth(model: TextModel, spans: ReadonlyArray<{ start: number; end: number }>) {
  return {
    ours: spans.map((span) => selectorsAt(model, span.start, span.end)),
    peer: spans.map((span) => {
      const range = toRange(model, span.start, span.end)!;
      return { quote: peerQuote.fromRange(model.root, range), hint: peerPosition.fromRange(model.root, range).start };
    }),
  };
}

function reset(): void {
  document.body.innerHTML = original;
}

window.gleanerAnchorBench = {
  recall(seed, perPage) {
    const random = seededRandom(seed);
    const results: Record<string, { ours: Tally; peer: Tally }> = {};
    for (const [name, mutate] of [['unchanged', null], ...Object.entries(MUTATIONS)] as const) {
      reset();
      const body = document.body;
      const model = buildTextModel(body);
      const spans = randomSpans(model, perPage, random);
      const { ours, peer } = describeBoth(model, spans);
      spans.forEach((span, i) => markTruth(model, span, i));
      if (mutate) mutate(body, random);
      const after = buildTextModel(body);
      const result = { ours: tally(), peer: tally(), failures: [] as string[] };
      spans.forEach((_, i) => {
        const truth = truthOf(after, i);
        const mine = locate(after, ours[i]!);
        const outcome = judge(mine, truth);
        result.ours[outcome] += 1;
        if (outcome !== 'found') {
          const show = (r: { start: number; end: number } | null) =>
            r ? JSON.stringify(after.text.slice(r.start, r.end)) : 'null';
          result.failures.push(
            `${outcome} quote=${JSON.stringify(ours[i]!.quote.exact)} truth=${show(truth)} found=${show(mine)} pos=${ours[i]!.position.start} truthAt=${truth?.start} foundAt=${mine?.start} prefix=${JSON.stringify(ours[i]!.quote.prefix)} suffix=${JSON.stringify(ours[i]!.quote.suffix)} ctxTruth=${truth ? JSON.stringify(after.text.slice(truth.start - 32, truth.start)) + '|' + JSON.stringify(after.text.slice(truth.end, truth.end + 32)) : ''} ctxFound=${mine ? JSON.stringify(after.text.slice(mine.start - 32, mine.start)) + '|' + JSON.stringify(after.text.slice(mine.end, mine.end + 32)) : ''}`,
          );
        }
        let peerRange: Range | null;
        try {
          peerRange = peerQuote.toRange(body, peer[i]!.quote, { hint: peer[i]!.hint });
        } catch {
          peerRange = null;
        }
        result.peer[judge(peerRange ? fromRange(after, peerRange) : null, truth)] += 1;
      });
      results[name] = result;
    }
    reset();
    return results;
  },

  timing(seed, count, rounds) {
    const random = seededRandom(seed);
    reset();
    const body = document.body;
    const model = buildTextModel(body);
    const spans = randomSpans(model, count, random);
    const { ours, peer } = describeBoth(model, spans);
    const times = {
      oursRestoreMs: [] as number[],
      oursMarksRestoreMs: [] as number[],
      oursAnchorMs: [] as number[],
      peerAnchorMs: [] as number[],
    };
    // What a revisit does: build the model, find every highlight, paint them all, and lay the page out again
    // (forced here: marks change the DOM, custom highlights do not). Once as Gleaner paints (the CSS Custom
    // Highlight API), once with marks (its fallback, and what it did before), each round.
    const restore = (painter: Painter) => {
      const t = performance.now();
      const fresh = buildTextModel(body);
      const found = ours.map((selectors) => locate(fresh, selectors));
      const anchored = performance.now() - t;
      const ranges = found.map((f) => f && toRange(fresh, f.start, f.end));
      ranges.forEach((range, i) => range && painter.paint(range, `h${i}`, 'yellow'));
      body.getBoundingClientRect();
      const restored = performance.now() - t;
      painter.eraseAll();
      return { anchored, restored };
    };
    const custom = new CustomHighlightPainter(document);
    const marks = new MarkPainter(document);
    for (let round = 0; round < rounds; round++) {
      const { anchored, restored } = restore(custom);
      times.oursAnchorMs.push(anchored);
      times.oursRestoreMs.push(restored);
      times.oursMarksRestoreMs.push(restore(marks).restored);
      const t = performance.now();
      for (const { quote, hint } of peer) peerQuote.toRange(body, quote, { hint });
      times.peerAnchorMs.push(performance.now() - t);
    }
    reset();
    return times;
  },
};
