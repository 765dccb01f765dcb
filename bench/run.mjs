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
import { ROOT } from './lib.mjs';

const benches = {
  bundle: benchBundleSize,
  extract: benchExtract,
  anchor: benchAnchor,
  search: benchSearch,
  export: benchExport,
  reader: benchReader,
};
const only = process.argv.slice(2);

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
// A partial run (`npm run bench -- anchor`) updates its own figures and keeps the others.
const file = join(ROOT, '.bench', 'results.json');
const previous = only.length && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
Object.assign(previous, results);
Object.keys(results).forEach((key) => delete results[key]);
Object.assign(results, previous);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(ROOT, '.bench', 'details.json'), `${JSON.stringify(details, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
