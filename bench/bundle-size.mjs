// Built bundle sizes, gzipped: what the popup and the reader load (its entry and every chunk it imports) and the
// scripts injected into pages (extraction; the highlighter of saved pages). Targets: popup under 30 kB,
// extraction script under 25 kB.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, round } from './lib.mjs';

const OUT = join(ROOT, '.output', 'chrome-mv3');

function gzipKb(files) {
  return round(files.reduce((total, file) => total + gzipSync(readFileSync(file), { level: 9 }).length, 0) / 1024, 2);
}

/** Every JS file an HTML page loads, following static imports between chunks. */
function scriptsOf(htmlFile) {
  const html = readFileSync(htmlFile, 'utf8');
  const queue = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => join(OUT, m[1]));
  const seen = new Set();
  while (queue.length) {
    const file = queue.pop();
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)) queue.push(resolve(dirname(file), m[1]));
  }
  return [...seen];
}

export function benchBundleSize() {
  if (!existsSync(join(OUT, 'manifest.json'))) throw new Error('Build first: npm run build');
  return {
    figures: {
      popup_js_gzip_kb: gzipKb(scriptsOf(join(OUT, 'popup.html'))),
      content_js_gzip_kb: gzipKb([join(OUT, 'extract.js')]),
      reader_js_gzip_kb: gzipKb(scriptsOf(join(OUT, 'reader.html'))),
      highlighter_js_gzip_kb: gzipKb([join(OUT, 'highlighter.js')]),
      background_js_gzip_kb: gzipKb([join(OUT, 'background.js')]),
    },
  };
}
