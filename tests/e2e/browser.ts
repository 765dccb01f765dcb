/**
 * End-to-end harness: Debian's Chromium with the built extension loaded, and a local HTTP server for the
 * fixture pages. Chromium is never downloaded by a test tool (that fails here): it comes from apt.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** The extension API inside the service worker, for code passed to `background.evaluate`. */
declare const chrome: typeof import('wxt/browser').browser;

/** The project root. */
export const ROOT = resolve(import.meta.dirname, '..', '..');
/** The built Chrome extension (`npm run build`). */
export const EXTENSION_DIR = join(ROOT, '.output', 'chrome-mv3');
/** Fixture pages served over HTTP. */
export const FIXTURE_DIR = join(ROOT, 'tests', 'fixtures');

/** Where a Chromium is: $CHROMIUM_PATH, else Debian's. Null when none is installed. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => !!path && existsSync(path)) ?? null;
}

/** A Chromium profile with Gleaner loaded. */
export interface ExtensionBrowser {
  context: BrowserContext;
  /** The extension id (host of its service worker's URL). */
  extensionId: string;
  /** Gleaner's background service worker. */
  background: Worker;
  /** Opens an extension page, e.g. `search.html?q=x`. */
  openExtensionPage(path: string): Promise<Page>;
  /** Opens the popup acting on tab `tabId` (`popup.html?tab=<id>`), as the toolbar button would. */
  openPopup(tabId: number): Promise<Page>;
  /** Opens `url` in a new tab through the extension API: the page and its tab id (known even for browser pages). */
  openTab(url: string): Promise<{ page: Page; tabId: number }>;
  /** Closes the browser and deletes the profile (unless it was given: it is then kept). */
  close(): Promise<void>;
}

/** How to launch: the browser's interface language (`ar`, `fr`), English by default; more command-line
 * arguments (`--host-resolver-rules=…`); a profile directory to use and keep (a restart opens it again). */
export interface LaunchOptions {
  language?: string;
  args?: string[];
  profile?: string;
}

/** Launches Chromium headless with the built extension in a fresh profile. */
export async function launchWithExtension({
  language,
  args = [],
  profile: kept,
}: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: apt-get install -y chromium');
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error('No built extension: run npm run build');
  const profile = kept ?? mkdtempSync(join(tmpdir(), 'gleaner-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: false, // --headless=new below: the old headless mode does not run extensions
    // On Linux, Chromium takes its interface language (which picks the extension's _locales) from LANGUAGE.
    ...(language && { env: { ...process.env, LANGUAGE: language, LANG: `${language}.UTF-8` }, locale: language }),
    args: [
      ...(language ? [`--lang=${language}`] : []),
      '--headless=new',
      '--no-sandbox',
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
      ...args,
    ],
  });
  const background = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(background.url()).host;
  const openExtensionPage = async (path: string) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    return page;
  };
  return {
    context,
    extensionId,
    background,
    openExtensionPage,
    openPopup: (tabId) => openExtensionPage(`popup.html?tab=${tabId}`),
    async openTab(url) {
      const [page, tabId] = await Promise.all([
        context.waitForEvent('page'),
        background.evaluate(async (target: string) => (await chrome.tabs.create({ url: target })).id ?? -1, url),
      ]);
      await page.waitForLoadState();
      return { page, tabId };
    },
    async close() {
      await context.close();
      if (!kept) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A local HTTP server for fixture pages; `routes` can replace what a path serves during a test. */
export interface FixtureServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Serves `body` at `path` (e.g. a changed version of a page) until replaced again. */
  route(path: string, body: string | Buffer, contentType?: string): void;
  /** Every request served so far, as path and query (`/probe?v=1`). */
  requests: string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.pdf': 'application/pdf',
  '.json': 'application/json',
};

/** Serves tests/fixtures on 127.0.0.1 at a free port. */
export async function serveFixtures(): Promise<FixtureServer> {
  const routes = new Map<string, { body: string | Buffer; contentType: string }>();
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? '/');
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const routed = routes.get(path);
    if (routed) {
      response.writeHead(200, { 'content-type': routed.contentType }).end(routed.body);
      return;
    }
    const file = normalize(join(FIXTURE_DIR, path));
    if (!file.startsWith(FIXTURE_DIR) || !existsSync(file)) {
      response.writeHead(404, { 'content-type': 'text/html' }).end('<title>Not found</title><p>Not found.</p>');
      return;
    }
    const type = TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream';
    response.writeHead(200, { 'content-type': type }).end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    route(path, body, contentType = 'text/html; charset=utf-8') {
      routes.set(path, { body, contentType });
    },
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/**
 * For a spec file: Chromium with the extension and the fixture server, started before its tests and closed
 * after them. The handles are filled in by then.
 */
export function useExtension(options: LaunchOptions = {}): { browser: ExtensionBrowser; server: FixtureServer } {
  const handles = {} as { browser: ExtensionBrowser; server: FixtureServer };
  beforeAll(async () => {
    [handles.browser, handles.server] = await Promise.all([launchWithExtension(options), serveFixtures()]);
  });
  afterAll(async () => {
    await handles.browser?.close();
    await handles.server?.close();
  });
  return handles;
}
