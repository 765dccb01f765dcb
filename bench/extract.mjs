// Extraction speed in real Chromium on the shared real pages: our whole step against bare Readability.
// Figures: extract_ms_median, extract_vs_readability_ratio (target ≤ 1.15).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, median, pagesDir, ROOT, round, serveDir } from './lib.mjs';

const ROUNDS = 9;

export async function benchExtract() {
  const { outputFiles } = await build({
    entryPoints: [join(ROOT, 'bench', 'extract-entry.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    write: false,
    target: 'chrome120',
  });
  const script = outputFiles[0].text;
  const dir = pagesDir();
  const names = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const server = await serveDir(dir);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--headless=new', ...CHROMIUM_ARGS] });
  const page = await browser.newPage();
  // Closed network: fail every request that is not to the local server at once instead of waiting on it.
  await page.route((url) => !url.href.startsWith(server.origin), (route) => route.abort());
  const ours = [];
  const bare = [];
  const perPage = {};
  try {
    for (const name of names) {
      await page.goto(`${server.origin}/${name}/source.html`, { waitUntil: 'domcontentloaded' });
      await page.addScriptTag({ content: script });
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
  } finally {
    await browser.close();
    await server.close();
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
}
