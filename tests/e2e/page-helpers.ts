/** Helpers that act in a web page the way a reader would: select text, read what is highlighted. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { expect } from 'vitest';
import { FIXTURE_DIR, type ExtensionBrowser, type FixtureServer } from './browser';

/**
 * The ITIJ story with its own canonical URL: every test's copy is a different article, where the real one
 * would be recognised as the same story by its canonical URL wherever it is served.
 */
export function itijPage(slug: string): string {
  return readFileSync(join(FIXTURE_DIR, 'itij-cpi-healthcare.html'), 'utf8').replace(
    /(<link rel="canonical" href=")[^"]+/,
    `$1https://www.itij.com/e2e/${slug}`,
  );
}

/** Selects from the start of `from` to the end of `to` (both found in single text nodes; `to` defaults to `from`),
 * scrolled into view. */
export async function selectText(page: Page, from: string, to: string = from): Promise<void> {
  await page.evaluate(
    ([start, end]) => {
      const find = (needle: string) => {
        const walker = Document.prototype.createTreeWalker.call(document, document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          const at = node.data.indexOf(needle);
          if (at >= 0) return { node, at };
        }
        throw new Error(`text not on the page: ${needle}`);
      };
      const a = find(start!);
      const b = find(end!);
      const range = Document.prototype.createRange.call(document);
      range.setStart(a.node, a.at);
      range.setEnd(b.node, b.at + end!.length);
      // The prototype's, not the page's: a hostile page may replace window.getSelection.
      const selection = Document.prototype.getSelection.call(document)!;
      selection.removeAllRanges();
      selection.addRange(range);
      // In view, as a selection the user makes is (Gleaner's toolbar comes by it).
      Element.prototype.scrollIntoView.call(a.node.parentElement!, { block: 'center' });
    },
    [from, to],
  );
}

/**
 * The text covered by each drawn highlight on the page, in page order, and the colour it is drawn in, read the
 * way shared/docs/surface.md says a page's own script can: from `data-highlight-id` marks, or from the ranges of
 * the highlights registered in `CSS.highlights` under names starting with `gleaner` (which carry no id: `id`
 * is then empty).
 */
export async function drawnHighlights(page: Page | Frame): Promise<Array<{ id: string; text: string; color: string }>> {
  return page.evaluate(() => {
    const byId = new Map<string, { id: string; text: string; color: string }>();
    // The prototype's method: a hostile page may clobber document.querySelectorAll with a named element.
    for (const el of Document.prototype.querySelectorAll.call(
      document,
      '[data-highlight-id]',
    ) as NodeListOf<HTMLElement>) {
      const id = el.dataset.highlightId!;
      const entry = byId.get(id) ?? { id, text: '', color: el.dataset.gleanerColor ?? '' };
      entry.text += el.textContent;
      byId.set(id, entry);
    }
    const painted: Array<{ range: Range; color: string }> = [];
    (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights?.forEach((highlight, name) => {
      if (name.startsWith('gleaner')) for (const range of highlight) painted.push({ range, color: name.slice(8) });
    });
    painted.sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
    // Loops, not Array methods: a hostile page may clobber those (tests/e2e/hostile.e2e.ts).
    const found = [...byId.values()];
    for (const { range, color } of painted) found.push({ id: '', text: range.toString(), color });
    return found;
  });
}

/** Where the `index`th drawn highlight's first line is on screen (scrolled into view first), either form; in a
 * frame, in the page's coordinates. */
export async function highlightPoint(page: Page | Frame, index = 0): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((at) => {
    const ranges: Range[] = [];
    (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights?.forEach((highlight, name) => {
      if (name.startsWith('gleaner')) ranges.push(...highlight);
    });
    ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
    const marks = [...document.querySelectorAll('[data-highlight-id]')];
    const target = ranges[at] ?? marks[at];
    if (!target) throw new Error(`no drawn highlight ${at}`);
    const first = () => [...target.getClientRects()].find((rect) => rect.width && rect.height)!;
    window.scrollBy(0, first().top - innerHeight / 2);
    const box = first();
    return { x: box.left + Math.min(box.width / 2, 20), y: box.top + box.height / 2 };
  }, index);
  if (!('parentFrame' in page) || !page.parentFrame()) return point;
  const frame = (await (await page.frameElement()).boundingBox())!;
  return { x: point.x + frame.x, y: point.y + frame.y };
}

/** Clicks the `index`th drawn highlight (on the page, or in one of its frames) as a reader would, with the mouse. */
export async function clickHighlight(page: Page, index = 0, inFrame?: Frame): Promise<void> {
  const { x, y } = await highlightPoint(inFrame ?? page, index);
  await page.mouse.click(x, y);
}

/** What a screen reader is told of the page: its accessibility tree (closed shadow roots included). */
async function accessibilityTree(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: Array<{
        nodeId: string;
        ignored?: boolean;
        role?: { value?: string };
        name?: { value?: string };
        childIds?: string[];
        properties?: Array<{ name: string; value: { value?: unknown } }>;
      }>;
    };
    return nodes;
  } finally {
    await cdp.detach();
  }
}

/** The names of the items of the list named `list` (Gleaner's list of the page's highlights), as a screen
 * reader hears them, and the name of what has the focus. */
export async function highlightList(
  page: Page,
  list = 'Gleaner highlights on this page',
): Promise<{ items: string[]; focused: string | null }> {
  const nodes = await accessibilityTree(page);
  const byId = new Map(nodes.map((node) => [node.nodeId, node]));
  // The page itself is focused too (its root comes first): what has the focus is the last, deepest one.
  const focused = nodes
    .filter((node) => node.properties?.some((p) => p.name === 'focused' && p.value.value === true))
    .pop();
  const root = nodes.find((node) => node.role?.value === 'list' && node.name?.value === list);
  const items: string[] = [];
  const walk = (id: string) => {
    const node = byId.get(id);
    if (!node) return;
    if (node.role?.value === 'button' && !node.ignored) items.push(node.name?.value ?? '');
    else node.childIds?.forEach(walk);
  };
  root?.childIds?.forEach(walk);
  return { items, focused: focused?.name?.value ?? null };
}

/**
 * Opens this test's copy of the ITIJ story (`/itij/<slug>.html`) in a new tab, selects `text` and highlights it
 * from the popup, as a reader would: the page, its tab id, the popup and the page's address.
 */
export async function highlightOnItij(
  env: { browser: ExtensionBrowser; server: FixtureServer },
  slug: string,
  text: string,
) {
  const url = `${env.server.origin}/itij/${slug}.html`;
  env.server.route(`/itij/${slug}.html`, itijPage(slug));
  const { page, tabId } = await env.browser.openTab(url);
  await selectText(page, text);
  const popup = await env.browser.openPopup(tabId);
  await popup.getByRole('button', { name: 'Highlight selection' }).click();
  await expect.poll(() => drawnHighlights(page)).toHaveLength(1);
  return { page, tabId, popup, url };
}

/** A whole article record at `url`, as a backup holds it (the rest of its fields plain), with `changes`. */
export function articleRecord(url: string, changes: Record<string, unknown> = {}) {
  return {
    id: crypto.randomUUID(),
    url,
    originalUrl: url,
    urls: [url],
    title: url,
    byline: null,
    siteName: null,
    lang: 'en',
    dir: null,
    publishedTime: null,
    excerpt: null,
    wordCount: 3,
    readingMinutes: 1,
    canonicalUrl: null,
    tags: [],
    note: '',
    createdAt: Date.UTC(2024, 0, 1),
    updatedAt: Date.UTC(2024, 0, 1),
    ...changes,
  };
}

/** A format 1 backup of whole article records (no content or highlights), as a hand-made or hostile file holds
 * them: a library brought in the way a user would. */
export function articlesBackup(
  articles: readonly object[],
  { contents = [], highlights = [] }: { contents?: readonly object[]; highlights?: readonly object[] } = {},
): Buffer {
  return Buffer.from(
    JSON.stringify({
      format: 'gleaner-backup',
      version: 1,
      exportedAt: new Date().toISOString(),
      articles,
      contents,
      highlights,
      settings: { exportTemplate: '', exportFullText: false },
    }),
  );
}

/**
 * Gleaner's panel frame in a page (the toolbar, a highlight's editor, messages), once the page shows it. It is
 * a frame of the extension's origin inside a closed shadow root: the page cannot reach it, the harness can.
 */
export async function panelOf(page: Page): Promise<Frame> {
  const find = () => page.frames().find((frame) => /^chrome-extension:\/\/[^/]+\/panel\.html/.test(frame.url()));
  await expect.poll(() => Boolean(find()), { timeout: 10_000 }).toBe(true);
  return find()!;
}
