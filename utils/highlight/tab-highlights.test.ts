/**
 * The rule that a page's script may only change highlights of its own tab's page: two saved pages in two
 * tabs, each tab's script trying its own highlights and the other tab's. Extension pages may change any.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { saveArticle } from '../db/articles';
import { addHighlight, getHighlight, listHighlights } from '../db/highlights';
import { db } from '../db/schema';
import { extractedArticle, quoteSelectors } from '../db/test-data';
import type { HighlightRecord } from '../records/types';
import { bringBackHighlight, changeHighlight, createFromPage, removeHighlight } from './tab-highlights';

const PAGE_A = 'https://news.example/a';
const PAGE_B = 'https://other.example/b';

/** Gleaner's script in tab `tabId`, showing `url`. */
const scriptIn = (tabId: number, url: string): Browser.runtime.MessageSender => ({
  id: browser.runtime.id,
  url,
  tab: { id: tabId, url } as Browser.tabs.Tab,
});
/** One of Gleaner's own pages (the popup). */
const popup = (): Browser.runtime.MessageSender => ({
  id: browser.runtime.id,
  url: browser.runtime.getURL('/popup.html'),
});

let onA: HighlightRecord;
let onB: HighlightRecord;

beforeEach(async () => {
  await db.delete();
  await db.open();
  const a = await saveArticle(extractedArticle({ url: PAGE_A, title: 'A' }));
  const b = await saveArticle(extractedArticle({ url: PAGE_B, title: 'B' }));
  onA = await addHighlight(a.id, quoteSelectors('Body'), 'yellow');
  onB = await addHighlight(b.id, quoteSelectors('text'), 'green');
});

describe("a page's script", () => {
  const tabA = scriptIn(1, `${PAGE_A}#section`);

  it('changes, deletes and undeletes the highlights of its own page', async () => {
    expect((await changeHighlight(tabA, onA.id, { color: 'blue', note: 'mine' })).color).toBe('blue');
    await removeHighlight(tabA, onA.id);
    expect(await getHighlight(onA.id)).toBeNull();
    await bringBackHighlight(tabA, { ...onA, note: 'back' });
    expect((await getHighlight(onA.id))?.note).toBe('back');
  });

  it("may not change, delete or put back another tab's highlights, and nothing changes", async () => {
    await expect(changeHighlight(tabA, onB.id, { note: 'stolen' })).rejects.toThrow(/another page/);
    await expect(removeHighlight(tabA, onB.id)).rejects.toThrow(/another page/);
    await expect(bringBackHighlight(tabA, { ...onB, note: 'planted' })).rejects.toThrow(/another page/);
    expect(await getHighlight(onB.id)).toEqual(onB);
  });

  it('creates highlights only on its own page, and only if that page is saved', async () => {
    const made = await createFromPage(tabA, quoteSelectors('Body text'), 'pink');
    expect(made.articleId).toBe(onA.articleId);
    await expect(createFromPage(scriptIn(3, 'https://unsaved.example/'), quoteSelectors('x'), 'pink')).rejects.toThrow(
      /not in your Gleaner library/,
    );
    expect(await listHighlights(onB.articleId)).toEqual([onB]);
  });

  it('is judged by its tab, not by a page URL it claims', async () => {
    const lying = { ...scriptIn(2, PAGE_B), url: PAGE_A };
    await expect(changeHighlight(lying, onA.id, { note: 'stolen' })).rejects.toThrow(/another page/);
  });
});

describe("Gleaner's pages", () => {
  it("change any page's highlights", async () => {
    expect((await changeHighlight(popup(), onB.id, { note: 'from the popup' })).note).toBe('from the popup');
    await removeHighlight(popup(), onA.id);
    expect(await getHighlight(onA.id)).toBeNull();
  });
});
