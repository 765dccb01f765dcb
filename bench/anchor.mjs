// Re-anchoring in real Chromium on the shared real pages: recall on unchanged and mutated pages, wrong anchors,
// and time to restore 100 highlights on the longest page, for Gleaner and for dom-anchor-text-quote (peer).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { median, round, withBenchPages } from './lib.mjs';

const PER_PAGE = 20;
const SEED = 20260527;

export async function benchAnchor() {
  return withBenchPages(
    join(import.meta.dirname, 'anchor-entry.ts'),
    async ({ names, dir, open }) => {
      const totals = {};
      const detail = {};
      for (const [index, name] of names.entries()) {
        const page = await open(name);
        const result = await page.evaluate(
          ([seed, perPage]) => window.gleanerAnchorBench.recall(seed, perPage),
          [SEED + index, PER_PAGE],
        );
        detail[name] = result;
        for (const [variant, { failures, ...byWho }] of Object.entries(result)) {
          if (process.env.BENCH_VERBOSE)
            for (const failure of failures ?? []) console.log(name, variant, failure.slice(0, 400));
          for (const [who, counts] of Object.entries(byWho)) {
            const key = `${who}:${variant}`;
            totals[key] ??= { found: 0, orphaned: 0, wrong: 0 };
            for (const [k, v] of Object.entries(counts)) totals[key][k] += v;
          }
        }
      }
      // Timing on the longest page.
      const longest = names
        .map((name) => [name, statSync(join(dir, name, 'source.html')).size])
        .sort((a, b) => b[1] - a[1])[0][0];
      const page = await open(longest);
      const timing = await page.evaluate(([seed]) => window.gleanerAnchorBench.timing(seed, 100, 7), [SEED]);
      detail.timing = { page: longest, ...timing };
      return { figures: figuresOf(totals, timing), detail };
    },
    { minify: false },
  );
}

/** The flat figures from the tallies per `who:variant` and the timings. */
function figuresOf(totals, timing) {
  const sum = (who, variants, field) => variants.reduce((n, v) => n + totals[`${who}:${v}`][field], 0);
  const all = (who, variants) =>
    variants.reduce((n, v) => n + Object.values(totals[`${who}:${v}`]).reduce((a, b) => a + b, 0), 0);
  const mutated = Object.keys(totals)
    .filter((k) => k.startsWith('ours:') && k !== 'ours:unchanged')
    .map((k) => k.slice(5));
  const figures = {
    anchor_highlights_tested: all('ours', ['unchanged', ...mutated]),
    anchor_recall_unchanged: round(sum('ours', ['unchanged'], 'found') / all('ours', ['unchanged']), 4),
    anchor_recall_mutated: round(sum('ours', mutated, 'found') / all('ours', mutated), 4),
    anchor_wrong: sum('ours', ['unchanged', ...mutated], 'wrong'),
    anchor_ms_per_100: round(median(timing.oursRestoreMs), 2),
    anchor_find_ms_per_100: round(median(timing.oursAnchorMs), 2),
    // The same restore painted with marks (the fallback, and how Gleaner painted before): the paint decision.
    anchor_marks_ms_per_100: round(median(timing.oursMarksRestoreMs), 2),
    peer_anchor_recall_unchanged: round(sum('peer', ['unchanged'], 'found') / all('peer', ['unchanged']), 4),
    peer_anchor_recall_mutated: round(sum('peer', mutated, 'found') / all('peer', mutated), 4),
    peer_anchor_wrong: sum('peer', ['unchanged', ...mutated], 'wrong'),
    peer_anchor_find_ms_per_100: round(median(timing.peerAnchorMs), 2),
  };
  for (const variant of mutated) {
    figures[`anchor_recall_${variant}`] = round(totals[`ours:${variant}`].found / all('ours', [variant]), 4);
    figures[`peer_anchor_recall_${variant}`] = round(totals[`peer:${variant}`].found / all('peer', [variant]), 4);
  }
  return figures;
}
