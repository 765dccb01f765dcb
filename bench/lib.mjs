// Shared pieces of the benchmarks: statistics, Chromium, a static file server.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, normalize } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');

/** Median of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The p-th percentile (0..100), nearest rank. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Rounds to `digits` decimals. */
export function round(value, digits = 3) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Debian's Chromium, or throws with the install command. */
export function chromiumPath() {
  const path = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
  if (!path) throw new Error('The benchmarks need Chromium: apt-get install -y chromium');
  return path;
}

/** Chromium flags for this closed-network machine. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'];

/** Serves files below `dir` on 127.0.0.1; resolves to { origin, close }. */
export async function serveDir(dir) {
  const server = createServer((request, response) => {
    const file = normalize(join(dir, decodeURIComponent(new URL(request.url, 'http://x').pathname)));
    if (!file.startsWith(dir) || !existsSync(file)) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': file.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((done) => server.close(done)) };
}

/** The real pages: the shared fixtures beside the repository, else the ones copied into tests/fixtures. */
export function pagesDir() {
  const shared = join(ROOT, '..', 'shared', 'fixtures', 'pages');
  return existsSync(shared) && readdirSync(shared).length ? shared : join(ROOT, 'tests', 'fixtures', 'pages');
}
