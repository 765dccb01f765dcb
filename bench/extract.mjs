// Extraction speed in real Chromium on the shared real pages: our whole step against bare Readability.
// Figures: extract_ms_median, extract_vs_readability_ratio (target ≤ 1.15).
import { join } from 'node:path';
import { median, ROOT, round, withBenchPages } from './lib.mjs';

const ROUNDS = 9;

export async function benchExtract() {
  return withBenchPages(join(ROOT, 'bench', 'extract-entry.ts'), async ({ names, open }) => {
    const ours = [];
    const bare = [];
    const perPage = {};
    for (const name of names) {
      const page = await open(name);
      // Alternate the two, after a warm-up of each, so that drift on this noisy machine hits both alike.
      const times = await page.evaluate((rounds) => {
        const bench = window.gleanerBench;
        bench.ours();
        bench.bare();
        const result = { ours: [], bare: [] };
        for (let i = 0; i < rounds; i++) {
          let t = performance.now();
          bench.ours();
          result.ours.push(performance.now() - t);
          t = performance.now();
          bench.bare();
          result.bare.push(performance.now() - t);
        }
        return result;
      }, ROUNDS);
      const o = median(times.ours);
      const b = median(times.bare);
      ours.push(o);
      bare.push(b);
      perPage[name] = { ours: round(o, 2), bare: round(b, 2) };
    }
    const sum = (values) => values.reduce((a, b) => a + b, 0);
    return {
      figures: {
        extract_pages: names.length,
        extract_ms_median: round(median(ours), 2),
        readability_ms_median: round(median(bare), 2),
        extract_vs_readability_ratio: round(sum(ours) / sum(bare), 3),
      },
      detail: perPage,
    };
  });
}
