// Search at 10,000 articles (issue 4): the postings-index candidate (bench/search/postings-index.ts) on
// fake-indexeddb in Node, against a plain in-memory scan of the same data. Figures: search_p50_ms_10k,
// search_p95_ms_10k, search_first_ms_10k, index_ms_per_article, index_bytes_per_article, search_vs_scan_ratio.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { pagesDir, ROOT } from './lib.mjs';

/** The words of the real pages, in order (markup, scripts and styles stripped). */
function sourceWords() {
  const dir = pagesDir();
  const words = [];
  for (const name of readdirSync(dir)) {
    const html = readFileSync(join(dir, name, 'source.html'), 'utf8')
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&[a-z#0-9]+;/gi, ' ');
    words.push(...html.split(/\s+/).filter((w) => w.length > 0 && w.length < 30));
  }
  return words;
}

export async function benchSearch(count = 10_000) {
  const out = join(ROOT, '.bench', 'search-bench.mjs');
  await build({ entryPoints: [join(ROOT, 'bench', 'search', 'entry.ts')], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'error' });
  const { runSearchBench } = await import(pathToFileURL(out).href);
  return { figures: await runSearchBench(sourceWords(), count, 4242) };
}
