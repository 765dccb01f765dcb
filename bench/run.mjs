#!/usr/bin/env node
// `npm run bench`: builds the extension, runs every benchmark and writes one flat JSON object of named
// figures to .bench/results.json (details per benchmark beside it). Needs Debian's Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchAnchor } from './anchor.mjs';
import { benchBundleSize } from './bundle-size.mjs';
import { benchExtract } from './extract.mjs';
import { benchSearch } from './search.mjs';
import { benchExport } from './export.mjs';
import { benchReader } from './reader.mjs';
import { benchBrowser } from './browser.mjs';
import { benchLiving } from './living.mjs';
import { benchImport } from './import.mjs';
import { ROOT } from './lib.mjs';

const benches = {
  bundle: benchBundleSize,
  extract: benchExtract,
  anchor: benchAnchor,
  search: benchSearch,
  export: benchExport,
  reader: benchReader,
  living: benchLiving,
  import: benchImport,
  // At 10,000 and 50,000 articles (BENCH_BROWSER_SIZES=10000 for the first only: the second takes ~15 minutes).
  browser: async () => {
    const sizes = (process.env.BENCH_BROWSER_SIZES ?? '10000,50000').split(',').map(Number);
    const runs = [];
    for (const size of sizes) runs.push(await benchBrowser(size));
    return {
      figures: Object.assign({}, ...runs.map((run) => run.figures)),
      detail: Object.fromEntries(runs.map((run, i) => [sizes[i], run.detail])),
    };
  },
};
const only = process.argv.slice(2);
const unknown = only.filter((name) => !(name in benches));
if (unknown.length) {
  console.error(`Unknown benchmark: ${unknown.join(', ')}. The benchmarks are: ${Object.keys(benches).join(', ')}.`);
  console.error('Run them all with `npm run bench`, or some with `npm run bench -- NAME [NAME…]`.');
  process.exit(2);
}

const built = spawnSync(join(ROOT, 'node_modules', '.bin', 'wxt'), ['build'], { cwd: ROOT, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const results = {};
const details = {};
for (const [name, bench] of Object.entries(benches)) {
  if (only.length && !only.includes(name)) continue;
  const started = Date.now();
  const { figures, detail } = await bench();
  Object.assign(results, figures);
  if (detail) details[name] = detail;
  console.log(`${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`, figures);
}
mkdirSync(join(ROOT, '.bench'), { recursive: true });
// A partial run (`npm run bench -- anchor`) updates its own figures and details and keeps the others.
/** `fresh` over what `name` in .bench/ held before (on a partial run), written back; the merged object. */
function keep(name, fresh) {
  const path = join(ROOT, '.bench', name);
  const merged = { ...(only.length && existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {}), ...fresh };
  writeFileSync(path, `${JSON.stringify(merged, null, 2)}\n`);
  return merged;
}
const written = keep('results.json', results);
keep('details.json', details);
console.log(JSON.stringify(written, null, 2));
