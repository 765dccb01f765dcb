/**
 * Firefox harness: Debian's Firefox ESR driven over WebDriver BiDi (Firefox's own remote protocol; Playwright
 * drives Firefox only through its patched build, which cannot be downloaded here), with the built Firefox
 * add-on installed as a temporary add-on (`webExtension.install`, as about:debugging does).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './browser';

/** The built Firefox add-on (`npm run build:firefox`). */
export const FIREFOX_EXTENSION_DIR = join(ROOT, '.output', 'firefox-mv2');
/** Gleaner's add-on id (wxt.config.ts) and the moz-extension:// host it gets in the test profile. */
const ADDON_ID = 'gleaner@gleaner.app';
const ADDON_UUID = '0b0e6b2a-6a39-4c5e-9a57-5d3c3f0f7e11';

/** Where a Firefox is: $FIREFOX_PATH, else Debian's ESR. Null when none is installed. */
export function findFirefox(): string | null {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  return candidates.find((path): path is string => !!path && existsSync(path)) ?? null;
}

/** A Firefox with Gleaner installed. */
export interface FirefoxWithExtension {
  /** `moz-extension://<uuid>/` */
  extensionOrigin: string;
  /** Opens `url` (a web page or a Gleaner page) in a new tab once loaded: its browsing context and the tab id
   * extensions know it by. */
  openTab(url: string): Promise<{ context: string; tabId: number }>;
  /** Runs `fn(arg)` in a tab (awaited) and returns its JSON-serializable result. */
  evaluate<A, R>(context: string, fn: (arg: A) => R | Promise<R>, arg: A): Promise<Awaited<R>>;
  /** Polls `fn(arg)` in a tab until it returns `expected` (JSON-equal), or fails with the last value. */
  waitFor<A, R>(
    context: string,
    fn: (arg: A) => R | Promise<R>,
    arg: A,
    expected: Awaited<R>,
    timeoutMs?: number,
  ): Promise<void>;
  /** The addresses of the open tabs, in order. */
  tabUrls(): Promise<string[]>;
  /** Reloads a tab and waits for it to load. */
  reload(context: string): Promise<void>;
  /** A real click (trusted, as the user's) at viewport point `x`, `y` of a tab. */
  clickAt(context: string, x: number, y: number): Promise<void>;
  /** The frames in a tab: their browsing contexts and addresses. */
  frames(context: string): Promise<Array<{ context: string; url: string }>>;
  close(): Promise<void>;
}

interface BidiReply {
  id?: number;
  type: 'success' | 'error' | 'event';
  result?: unknown;
  error?: string;
  message?: string;
}

/** Launches Firefox headless in a fresh profile with the built add-on installed. */
export async function launchFirefox(): Promise<FirefoxWithExtension> {
  const executable = findFirefox();
  if (!executable) throw new Error('No Firefox found: apt-get install -y firefox-esr');
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json')))
    throw new Error('No built Firefox add-on: run npm run build:firefox');
  const profile = mkdtempSync(join(tmpdir(), 'gleaner-firefox-'));
  // A fixed moz-extension:// host for the add-on; no first-run pages, no network of its own.
  writeFileSync(
    join(profile, 'user.js'),
    [
      `user_pref("extensions.webextensions.uuids", ${JSON.stringify(JSON.stringify({ [ADDON_ID]: ADDON_UUID }))});`,
      'user_pref("browser.shell.checkDefaultBrowser", false);',
      'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
      'user_pref("browser.startup.homepage_override.mstone", "ignore");',
      'user_pref("app.update.disabledForTesting", true);',
      '',
    ].join('\n'),
  );
  // System access lets the harness open moz-extension:// pages in a tab (as the toolbar button would).
  const firefox: ChildProcess = spawn(
    executable,
    ['--headless', '--remote-debugging-port=0', '--remote-allow-system-access', '--profile', profile],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Firefox did not start:\n${output}`)), 30_000);
    firefox.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    firefox.once('exit', (code) => reject(new Error(`Firefox exited (${code}):\n${output}`)));
  });
  const socket = new WebSocket(`${endpoint}/session`);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  let lastId = 0;
  const waiting = new Map<number, (reply: BidiReply) => void>();
  socket.addEventListener('message', (event) => {
    const reply = JSON.parse(String(event.data)) as BidiReply;
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply);
  });
  const send = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = ++lastId;
      waiting.set(id, (reply) => {
        waiting.delete(id);
        if (reply.type === 'error') reject(new Error(`${method}: ${reply.error}: ${reply.message}`));
        else resolve(reply.result as T);
      });
      socket.send(JSON.stringify({ id, method, params }));
    });

  await send('session.new', { capabilities: {} });
  await send('webExtension.install', { extensionData: { type: 'path', path: FIREFOX_EXTENSION_DIR } });
  type Tree = { contexts: Array<{ context: string; url: string; children?: Tree['contexts'] }> };
  const chromeWindow = (await send<Tree>('browsingContext.getTree', { 'moz:scope': 'chrome' })).contexts[0]!.context;

  const evaluate = async <A, R>(context: string, fn: (arg: A) => R | Promise<R>, arg: A): Promise<Awaited<R>> => {
    const reply = await send<{
      type: string;
      result?: { type: string; value?: string };
      exceptionDetails?: { text: string };
    }>('script.callFunction', {
      functionDeclaration: `async (arg) => JSON.stringify(await (${fn.toString()})(JSON.parse(arg)) ?? null)`,
      arguments: [{ type: 'string', value: JSON.stringify(arg ?? null) }],
      target: { context },
      awaitPromise: true,
    });
    if (reply.type === 'exception') throw new Error(`In Firefox: ${reply.exceptionDetails?.text}`);
    return JSON.parse(reply.result!.value!) as Awaited<R>;
  };
  const loaded = async (context: string) => {
    for (let i = 0; i < 100; i++) {
      if (await evaluate(context, () => document.readyState === 'complete', null).catch(() => false)) return;
      await new Promise((done) => setTimeout(done, 100));
    }
    throw new Error('The tab did not load');
  };
  const known = new Set<string>();
  const openTab = async (url: string) => {
    // The new tab is the one context not seen before.
    for (const { context } of (await send<Tree>('browsingContext.getTree', { maxDepth: 0 })).contexts)
      known.add(context);
    // The browser window's own gBrowser opens it, with the system principal: moz-extension:// pages included.
    const opened = await send<{ result: { value: number } }>('script.evaluate', {
      expression: `(() => {
        const tab = gBrowser.addTab(${JSON.stringify(url)}, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
        gBrowser.selectedTab = tab;
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        return ExtensionParent.apiManager.global.tabTracker.getId(tab);
      })()`,
      target: { context: chromeWindow },
      awaitPromise: false,
    });
    for (let i = 0; i < 100; i++) {
      const fresh = (await send<Tree>('browsingContext.getTree', { maxDepth: 0 })).contexts.find(
        (c) => !known.has(c.context),
      );
      if (fresh) {
        known.add(fresh.context);
        await loaded(fresh.context);
        return { context: fresh.context, tabId: opened.result.value };
      }
      await new Promise((done) => setTimeout(done, 100));
    }
    throw new Error(`No tab opened for ${url}`);
  };
  return {
    extensionOrigin: `moz-extension://${ADDON_UUID}/`,
    openTab,
    evaluate,
    async waitFor(context, fn, arg, expected, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      let last: unknown;
      while (Date.now() < until) {
        last = await evaluate(context, fn, arg).catch((error: unknown) => String(error));
        if (JSON.stringify(last) === JSON.stringify(expected)) return;
        await new Promise((done) => setTimeout(done, 150));
      }
      throw new Error(`Still ${JSON.stringify(last)}, expected ${JSON.stringify(expected)}`);
    },
    async tabUrls() {
      const reply = await send<{ result: { value: string } }>('script.evaluate', {
        expression: 'JSON.stringify(gBrowser.tabs.map((tab) => tab.linkedBrowser.currentURI.spec))',
        target: { context: chromeWindow },
        awaitPromise: false,
      });
      return JSON.parse(reply.result.value) as string[];
    },
    async reload(context) {
      await send('browsingContext.reload', { context, wait: 'complete' });
      await loaded(context);
    },
    async clickAt(context, x, y) {
      await send('input.performActions', {
        context,
        actions: [
          {
            type: 'pointer',
            id: 'mouse',
            actions: [
              { type: 'pointerMove', x: Math.round(x), y: Math.round(y) },
              { type: 'pointerDown', button: 0 },
              { type: 'pointerUp', button: 0 },
            ],
          },
        ],
      });
    },
    async frames(context) {
      const tree = await send<Tree>('browsingContext.getTree', { root: context });
      return (tree.contexts[0]?.children ?? []).map(({ context: child, url }) => ({ context: child, url }));
    },
    async close() {
      socket.close();
      firefox.kill();
      await new Promise((done) => firefox.once('exit', done));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
