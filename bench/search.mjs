// Search at 10,000 articles (issue 4). Two index designs on the same generated library and queries: the
// extension's postings index (utils/search/body-index.ts) on fake-indexeddb in Node, and MiniSearch (whole
// index in memory, persisted as JSON), each in its own process; and a plain in-memory scan of the same data.
// Figures: search_p50_ms_10k, search_p95_ms_10k, search_first_ms_10k, index_ms_per_article,
// index_bytes_per_article, search_vs_scan_ratio, and peer_minisearch_* for the other candidate.
import { execFileSync } from 'node:child_process';
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

const SEED = 4242;

/** Runs `run(words, count, seed)` exported by `entry` in a fresh Node process; returns its figures. */
async function inProcess(entry, run, count) {
  const out = join(ROOT, '.bench', `${run}.mjs`);
  await build({ entryPoints: [join(ROOT, 'bench', 'search', entry)], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'error' });
  const words = join(ROOT, '.bench', 'search-words.json');
  writeFileSync(words, JSON.stringify(sourceWords()));
  const script = `import { ${run} } from ${JSON.stringify(pathToFileURL(out).href)};
import { readFileSync } from 'node:fs';
const figures = await ${run}(JSON.parse(readFileSync(${JSON.stringify(words)}, 'utf8')), ${count}, ${SEED});
console.log(JSON.stringify(figures));`;
  const output = execFileSync(process.execPath, [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_CPU_PROF] : []), '--max-old-space-size=8192', '--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(output.trim().split('\n').at(-1));
}

export async function benchSearch(count = 10_000) {
  const ours = await inProcess('entry.ts', 'runSearchBench', count);
  const peer = await inProcess('minisearch-entry.ts', 'runMiniSearchBench', count);
  return { figures: { ...ours, ...peer, search_vs_minisearch_p50_ratio: Math.round((ours.search_p50_ms_10k / peer.peer_minisearch_p50_ms_10k) * 1000) / 1000 } };
}
