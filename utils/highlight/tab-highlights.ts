/**
 * What the background does with highlights: inject the highlighter into saved pages (and only those), highlight
 * a tab's selection, and keep the page in step with the library when the popup changes something.
 */
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { findArticleForPage } from '../db/articles';
import * as repo from '../db/highlights';
import type { HighlightRecord } from '../records/types';
import { reasonMessage } from '../save/extraction';
import { gleanerError } from '../error-text';
import { DEFAULT_COLOR } from '../settings/palette';
import type { HighlightView } from '../messaging/protocol';
import { HighlightPlacesSchema, toDrawn, type DrawnHighlight } from '../messaging/page-protocol';
import { sendToTab } from '../messaging/send';
import { revisitExceptions, revisitRestore } from '../settings/storage';
import { showsOnRevisit } from '../settings/revisit';
import { unreadableReason } from '../url';
import { savePage } from '../save/save-page';

/** Path of the highlighter script in the built extension (entrypoints/highlighter.ts). */
const HIGHLIGHTER_SCRIPT = '/highlighter.js' as const;

/** Injects the highlighter into a tab (a second injection finds the first and does nothing). */
export async function injectHighlighter(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId }, files: [HIGHLIGHTER_SCRIPT] });
}

/** Sends to a tab's highlighter, ignoring tabs that have none (closed, navigated, never injected). */
async function tellTab<T>(tabId: number | undefined, send: (tabId: number) => Promise<T>): Promise<T | null> {
  if (tabId === undefined) return null;
  return send(tabId).catch(() => null);
}

/**
 * Brings a tab's page in step with the library: a saved page gets the highlighter and its highlights drawn;
 * a page that is not saved gets nothing, and loses highlights an earlier page of a single-page app had drawn.
 * On a `revisit` (the tab loaded the page by itself, not at the user's request) the revisit settings decide
 * for saved pages; they are read only for those, as every page load of the browser comes through here.
 */
export async function showHighlightsInTab(
  tabId: number,
  url: string | undefined,
  { revisit = false } = {},
): Promise<Record<string, string> | null> {
  if (!url || unreadableReason(url)) return null;
  const article = await findArticleForPage(url);
  if (!article || (revisit && !(await showsNow(url)))) {
    await tellTab(tabId, (id) => sendToTab(id, 'drawHighlights', { highlights: [], replace: true }));
    return null;
  }
  await injectHighlighter(tabId);
  const statuses = await sendToTab(tabId, 'drawHighlights', {
    highlights: toDraw(await repo.listHighlights(article.id)),
    replace: true,
  });
  await keepPlaces(tabId, article.id);
  return statuses;
}

/** Keeps where the tab's page found its highlights away from their stored positions (repo.keepPlaces). */
async function keepPlaces(tabId: number, articleId: string): Promise<number> {
  const answer = await tellTab(tabId, (id) => sendToTab(id, 'highlightPlaces', {}));
  const places = v.safeParse(HighlightPlacesSchema, answer);
  return places.success ? repo.keepPlaces(articleId, places.output) : 0;
}

/** Whether the revisit settings bring highlights back on `url` (the popup still draws them when opened). */
async function showsNow(url: string): Promise<boolean> {
  const [show, exceptions] = await Promise.all([revisitRestore.getValue(), revisitExceptions.getValue()]);
  return showsOnRevisit(url, show, exceptions);
}

/** Highlights what is selected in a tab, saving the page first if it is not in the library. */
export async function highlightSelection(tabId: number, color: string = DEFAULT_COLOR): Promise<HighlightRecord> {
  const tab = await browser.tabs.get(tabId);
  const unreadable = unreadableReason(tab.url);
  if (unreadable) throw new Error(reasonMessage(unreadable));
  await injectHighlighter(tabId);
  const selectors = await sendToTab(tabId, 'describeSelection', {});
  if (!selectors) throw gleanerError('error.selectFirst');
  const article = (await findArticleForPage(tab.url!)) ?? (await savePage(tabId));
  const record = await repo.addHighlight(article.id, selectors, color);
  await sendToTab(tabId, 'drawHighlights', { highlights: toDraw([record]), replace: false });
  return record;
}

/** The highlights of a tab's page in page order, each with whether the page shows it. */
export async function listTabHighlights(tabId: number): Promise<HighlightView[]> {
  const tab = await browser.tabs.get(tabId);
  const article = tab.url ? await findArticleForPage(tab.url) : null;
  if (!article) return [];
  let records = await repo.listHighlights(article.id);
  let statuses: Record<string, string> | null = await tellTab(tabId, (id) => sendToTab(id, 'highlightStatus', {}));
  // Not drawn yet (the extension restarted, or the page was just saved): draw them now.
  if (!statuses || records.some((record) => !(record.id in statuses!)))
    statuses = await showHighlightsInTab(tabId, tab.url).catch(() => null);
  // Some may have been found since they were drawn (late content): where, kept for the next visit.
  else if (await keepPlaces(tabId, article.id)) records = await repo.listHighlights(article.id);
  return records.map((record) => ({
    ...record,
    status: (statuses?.[record.id] as HighlightView['status'] | undefined) ?? 'pending',
  }));
}

/** What a page's script is given to draw (page-protocol.ts: never a note). */
const toDraw = (records: readonly HighlightRecord[]): DrawnHighlight[] => records.map(toDrawn);

/** One highlight, for the panel frame's editor. */
export async function getHighlight(id: string): Promise<HighlightRecord> {
  const record = await repo.getHighlight(id);
  if (!record) throw gleanerError('error.highlightGone');
  return record;
}

/** Changes a highlight and repaints it in tab `tabId` (the popup's tab, or the panel frame's). */
export async function changeHighlight(
  id: string,
  changes: repo.HighlightChanges,
  tabId?: number,
): Promise<HighlightRecord> {
  const record = await repo.updateHighlight(id, changes); // says so when the highlight is gone
  if (changes.color || changes.note !== undefined)
    await tellTab(tabId, (tab) =>
      sendToTab(tab, 'recolorHighlight', { id, color: record.color, noted: toDrawn(record).noted }),
    );
  return record;
}

/** Deletes a highlight and erases it from tab `tabId`. */
export async function removeHighlight(id: string, tabId?: number): Promise<HighlightRecord> {
  const record = await repo.deleteHighlight(id); // says so when it is already gone
  await tellTab(tabId, (tab) => sendToTab(tab, 'eraseHighlight', { id }));
  return record;
}

/** Puts a deleted highlight back (undo) and draws it again in tab `tabId`. */
export async function bringBackHighlight(record: HighlightRecord, tabId?: number): Promise<HighlightRecord> {
  const restored = await repo.undeleteHighlight(record);
  await tellTab(tabId, (tab) => sendToTab(tab, 'drawHighlights', { highlights: toDraw([restored]), replace: false }));
  return restored;
}

/** Tells the reader in the page why an action from a menu or shortcut did nothing. */
export async function tellReader(tabId: number, text: string): Promise<void> {
  await tellTab(tabId, (tab) => sendToTab(tab, 'showMessage', { text }));
}

/** Erases every highlight from a tab (its page was removed from the library). */
export async function eraseTab(tabId: number | undefined): Promise<void> {
  await tellTab(tabId, (tab) => sendToTab(tab, 'drawHighlights', { highlights: [], replace: true }));
}
