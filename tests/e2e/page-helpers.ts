/** Helpers that act in a web page the way a reader would: select text, read what is highlighted. */
import type { Page } from 'playwright-core';

/** Selects from the start of `from` to the end of `to` (both found in single text nodes; `to` defaults to `from`). */
export async function selectText(page: Page, from: string, to: string = from): Promise<void> {
  await page.evaluate(
    ([start, end]) => {
      const find = (needle: string) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          const at = node.data.indexOf(needle);
          if (at >= 0) return { node, at };
        }
        throw new Error(`text not on the page: ${needle}`);
      };
      const a = find(start!);
      const b = find(end!);
      const range = document.createRange();
      range.setStart(a.node, a.at);
      range.setEnd(b.node, b.at + end!.length);
      const selection = getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    },
    [from, to],
  );
}

/** The text covered by each drawn highlight on the page, by highlight id, and the colour it is drawn in. */
export async function drawnHighlights(page: Page): Promise<Array<{ id: string; text: string; color: string }>> {
  return page.evaluate(() => {
    const byId = new Map<string, { id: string; text: string; color: string }>();
    for (const el of document.querySelectorAll<HTMLElement>('[data-highlight-id]')) {
      const id = el.dataset.highlightId!;
      const entry = byId.get(id) ?? { id, text: '', color: el.dataset.gleanerColor ?? '' };
      entry.text += el.textContent;
      byId.set(id, entry);
    }
    return [...byId.values()];
  });
}
