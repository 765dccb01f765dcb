// Shared pieces of the benchmarks: statistics, Chromium, a static file server.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

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
  const path = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (p) => p && existsSync(p),
  );
  if (!path) throw new Error('The benchmarks need Chromium: apt-get install -y chromium');
  return path;
}

/** Chromium flags for this closed-network machine. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
];

/**
 * Chromium with the built extension on the persistent profile `profile` (kept for a relaunch), with more
 * command-line `args`: the context, the extension's service worker and its id.
 */
export async function launchExtension(profile, args = []) {
  const { chromium } = await import('playwright-core');
  const extension = join(ROOT, '.output', 'chrome-mv3');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: false,
    args: [
      '--headless=new',
      ...CHROMIUM_ARGS,
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      ...args,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, worker, id: new URL(worker.url()).host };
}

/** Serves files below `dir` on 127.0.0.1; resolves to { origin, close }. */
export async function serveDir(dir) {
  const server = createServer((request, response) => {
    const file = normalize(join(dir, decodeURIComponent(new URL(request.url, 'http://x').pathname)));
    if (!file.startsWith(dir) || !existsSync(file)) return response.writeHead(404).end();
    response
      .writeHead(200, {
        'content-type': file.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/octet-stream',
      })
      .end(readFileSync(file));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((done) => server.close(done)),
  };
}

/** The real pages: the shared fixtures beside the repository, else the ones copied into tests/fixtures. */
export function pagesDir() {
  const shared = join(ROOT, '..', 'shared', 'fixtures', 'pages');
  return existsSync(shared) && readdirSync(shared).length ? shared : join(ROOT, 'tests', 'fixtures', 'pages');
}

/**
 * Script source giving a page without the extension API the `chrome.i18n` Gleaner's page script has, with the
 * English messages (locales/en.yml), so that bundled product code draws and names highlights as it does there.
 */
export async function i18nShim() {
  const { generateChromeMessages, parseMessagesText } = await import('@wxt-dev/i18n/build');
  const messages = generateChromeMessages(
    parseMessagesText(readFileSync(join(ROOT, 'locales', 'en.yml'), 'utf8'), 'YAML'),
  );
  return `globalThis.chrome = globalThis.chrome || {}; chrome.i18n = chrome.i18n || { getUILanguage: () => 'en',
  getMessage: (name, subs) => { const m = ${JSON.stringify(messages)}[name]; if (name === '@@bidi_dir') return 'ltr';
    const values = subs === undefined ? [] : [].concat(subs);
    return m ? m.message.replace(/[$]([$]|[1-9])/g, (_, w) => (w === '$' ? '$' : values[w - 1] ?? '')) : ''; } };\n`;
}

/**
 * Runs `work` with a headless Chromium page that can open each real page with a bundled benchmark script in it:
 * `work({ names, dir, open(name) })`, where `open` loads the page and adds the script built from `entry`.
 * Requests leaving the local server fail at once (this machine has no network to wait on).
 */
export async function withBenchPages(entry, work, { minify = true } = {}) {
  const { build } = await import('esbuild');
  const { chromium } = await import('playwright-core');
  const { outputFiles } = await build({
    entryPoints: [entry],
    bundle: true,
    minify,
    format: 'iife',
    write: false,
    target: 'chrome120',
  });
  const script = (await i18nShim()) + outputFiles[0].text;
  const dir = pagesDir();
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const server = await serveDir(dir);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--headless=new', ...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage();
    await page.route(
      (url) => !url.href.startsWith(server.origin),
      (route) => route.abort(),
    );
    const open = async (name) => {
      await page.goto(`${server.origin}/${name}/source.html`, { waitUntil: 'domcontentloaded' });
      await page.addScriptTag({ content: script });
      return page;
    };
    return await work({ names, dir, open });
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The words of the real pages, in order (markup, scripts and styles stripped). */
export function sourceWords() {
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

/**
 * Bundles `bench/<entry>` (TypeScript) and runs `run(words, count, seed)` it exports in a fresh Node process
 * (its own heap, --expose-gc), `words` being the shared pages' words; returns the figures it resolves to.
 * `external` packages are loaded from node_modules as they are (jsdom cannot be bundled).
 */
export async function inNodeProcess(entry, run, count, { seed = 4242, external = [] } = {}) {
  const out = join(ROOT, '.bench', `${run}.mjs`);
  await build({
    entryPoints: [join(ROOT, 'bench', entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: out,
    external,
    logLevel: 'error',
    // CommonJS dependencies that require() Node's modules need a require in an ES module.
    banner: {
      js:
        "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);\n" +
        (await i18nShim()),
    },
  });
  const words = join(ROOT, '.bench', 'source-words.json');
  writeFileSync(words, JSON.stringify(sourceWords()));
  const script = `import { ${run} } from ${JSON.stringify(pathToFileURL(out).href)};
import { readFileSync } from 'node:fs';
const figures = await ${run}(JSON.parse(readFileSync(${JSON.stringify(words)}, 'utf8')), ${count}, ${seed});
console.log(JSON.stringify(figures));`;
  const output = execFileSync(
    process.execPath,
    [
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_CPU_PROF] : []),
      '--max-old-space-size=8192',
      '--expose-gc',
      '--input-type=module',
      '-e',
      script,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  return JSON.parse(output.trim().split('\n').at(-1));
}
