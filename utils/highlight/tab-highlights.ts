/**
 * What the background does with highlights: inject the highlighter into saved pages (and only those), highlight
 * a tab's selection, and keep the page in step with the library when the popup changes something.
 */
import { browser, type Browser } from 'wxt/browser';
import type { Selectors } from '../anchoring/selectors';
import { findArticleForPage } from '../db/articles';
import * as repo from '../db/highlights';
import type { ArticleRecord, HighlightRecord } from '../records/types';
import { reasonMessage } from '../save/extraction';
import { gleanerError } from '../error-text';
import { DEFAULT_COLOR } from '../settings/palette';
import type { HighlightView } from '../messaging/protocol';
import { isExtensionPage } from '../messaging/receive';
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
  return sendToTab(tabId, 'drawHighlights', { highlights: await repo.listHighlights(article.id), replace: true });
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
  await sendToTab(tabId, 'drawHighlights', { highlights: [record], replace: false });
  return record;
}

/** The highlights of a tab's page in page order, each with whether the page shows it. */
export async function listTabHighlights(tabId: number): Promise<HighlightView[]> {
  const tab = await browser.tabs.get(tabId);
  const article = tab.url ? await findArticleForPage(tab.url) : null;
  if (!article) return [];
  const records = await repo.listHighlights(article.id);
  let statuses: Record<string, string> | null = await tellTab(tabId, (id) => sendToTab(id, 'highlightStatus', {}));
  // Not drawn yet (the extension restarted, or the page was just saved): draw them now.
  if (!statuses || records.some((record) => !(record.id in statuses!)))
    statuses = await showHighlightsInTab(tabId, tab.url).catch(() => null);
  return records.map((record) => ({
    ...record,
    status: (statuses?.[record.id] as HighlightView['status'] | undefined) ?? 'pending',
  }));
}

/** The article of the page a content script runs in; refuses senders whose page is not saved. */
async function senderArticle(sender: Browser.runtime.MessageSender): Promise<ArticleRecord> {
  const url = sender.tab?.url ?? sender.url;
  const article = url ? await findArticleForPage(url) : null;
  if (!article) throw gleanerError('error.notInLibrary');
  return article;
}

/** From the page's toolbar: a highlight on the sender's own page. */
export async function createFromPage(
  sender: Browser.runtime.MessageSender,
  selectors: Selectors,
  color: string,
): Promise<HighlightRecord> {
  const article = await senderArticle(sender);
  return repo.addHighlight(article.id, selectors, color);
}

/** A content script may only change its own page's highlights. */
async function checkOwner(sender: Browser.runtime.MessageSender, articleId: string): Promise<void> {
  if (isExtensionPage(sender)) return;
  const article = await senderArticle(sender);
  if (article.id !== articleId) throw gleanerError('error.otherPage');
}

/** Changes a highlight and repaints it in the tab the popup named. */
export async function changeHighlight(
  sender: Browser.runtime.MessageSender,
  id: string,
  changes: repo.HighlightChanges,
  tabId?: number,
): Promise<HighlightRecord> {
  const existing = await repo.getHighlight(id);
  if (!existing) throw gleanerError('error.highlightGone');
  await checkOwner(sender, existing.articleId);
  const record = await repo.updateHighlight(id, changes);
  if (isExtensionPage(sender) && changes.color)
    await tellTab(tabId, (tab) => sendToTab(tab, 'recolorHighlight', { id, color: record.color }));
  return record;
}

/** Deletes a highlight and erases it from the tab the popup named. */
export async function removeHighlight(
  sender: Browser.runtime.MessageSender,
  id: string,
  tabId?: number,
): Promise<HighlightRecord> {
  const existing = await repo.getHighlight(id);
  if (!existing) throw gleanerError('error.highlightAlreadyGone');
  await checkOwner(sender, existing.articleId);
  const record = await repo.deleteHighlight(id);
  if (isExtensionPage(sender)) await tellTab(tabId, (tab) => sendToTab(tab, 'eraseHighlight', { id }));
  return record;
}

/** Puts a deleted highlight back (undo) and draws it again in the tab the popup named. */
export async function bringBackHighlight(
  sender: Browser.runtime.MessageSender,
  record: HighlightRecord,
  tabId?: number,
): Promise<HighlightRecord> {
  await checkOwner(sender, record.articleId);
  const restored = await repo.undeleteHighlight(record);
  if (isExtensionPage(sender))
    await tellTab(tabId, (tab) => sendToTab(tab, 'drawHighlights', { highlights: [restored], replace: false }));
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
