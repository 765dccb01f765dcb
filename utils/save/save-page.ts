/**
 * What the background does for a tab: read its article (injecting the extraction script on demand) and save it.
 * Runs in the background, which owns the tabs and writes to the database.
 */
import { browser } from 'wxt/browser';
import { findArticleForPage, hasContent, saveArticle } from '../db/articles';
import type { ArticleRecord } from '../records/types';
import { parseExtractResult, reasonMessage } from './extraction';
import type { ExtractResult } from '../records/extraction';
import type { PageState } from '../messaging/protocol';
import { errorText, gleanerError } from '../error-text';
import { addImportedItems } from '../db/imports';
import { normalizeUrl, unreadableReason } from '../url';
import { t } from '../i18n';

/** Path of the extraction script in the built extension (entrypoints/extract.ts). */
const EXTRACT_SCRIPT = '/extract.js';

/** Reads the article of a tab. Never throws for pages that cannot be read: it says why instead. */
export async function extractTab(tabId: number): Promise<ExtractResult> {
  const tab = await browser.tabs.get(tabId).catch(() => null);
  return tab ? extractFrom(tabId, tab.url) : { ok: false, reason: 'error', detail: t('reason.tabClosed') };
}

/** Reads the article of tab `tabId`, whose URL is `url` (undefined for pages the extension may not see). */
async function extractFrom(tabId: number, url: string | undefined): Promise<ExtractResult> {
  const unreadable = unreadableReason(url);
  if (unreadable) return { ok: false, reason: unreadable };
  try {
    const [injection] = await browser.scripting.executeScript({ target: { tabId }, files: [EXTRACT_SCRIPT] });
    const result = parseExtractResult(injection?.result);
    // The page is keyed by the URL the browser shows for the tab, never by what the page's process reports.
    return result.ok ? { ok: true, article: { ...result.article, url: url! } } : result;
  } catch (error) {
    // Chrome refuses injection into pages it protects (the web store, other extensions, error pages).
    const message = errorText(error);
    if (/cannot (access|be scripted)|extensions gallery|missing host permission/i.test(message)) {
      return { ok: false, reason: 'browser-page' };
    }
    return { ok: false, reason: 'error', detail: message };
  }
}

/** What the popup shows for a tab: its article's metadata (never the content) and its library entry. */
export async function getPageState(tabId: number): Promise<PageState> {
  const tab = await browser.tabs.get(tabId).catch(() => null);
  if (!tab)
    return {
      extraction: { ok: false, reason: 'error', message: reasonMessage('error', t('reason.tabClosed')) },
      article: null,
    };
  const result = await extractFrom(tabId, tab.url);
  if (!result.ok) {
    // The page cannot be read now (offline, changed), but it may be in the library all the same.
    const article = tab.url ? await findArticleForPage(tab.url) : null;
    return {
      extraction: { ok: false, reason: result.reason, message: reasonMessage(result.reason, result.detail) },
      article,
    };
  }
  const { html: _html, text: _text, ...meta } = result.article;
  let article = await findArticleForPage(meta.url, meta.canonicalUrl);
  // An imported article (Pocket, Omnivore) has no text yet: it is extracted now that the page is open.
  if (article && !(await hasContent(article.id))) article = await saveArticle(result.article);
  return { extraction: { ok: true, meta }, article };
}

/**
 * Keeps the page of a tab as a bookmark: its address and the tab's title, searchable like any article, with
 * no text (it is read, and the bookmark becomes an article, if the page later shows one when the popup opens
 * on it). A page already saved is left as it is. Only a web page: a browser or store page is refused in words.
 */
export async function saveBookmark(tabId: number): Promise<ArticleRecord> {
  const tab = await browser.tabs.get(tabId).catch(() => null);
  if (!tab?.url) throw new Error(reasonMessage('error', t('reason.tabClosed')));
  const unreadable = unreadableReason(tab.url);
  const url = normalizeUrl(tab.url);
  if (unreadable || !url) throw new Error(reasonMessage(unreadable ?? 'not-web'));
  const title = (tab.title?.trim() || tab.url).slice(0, 2_000); // as long as a title is stored (schemas.ts)
  const now = Date.now();
  await addImportedItems(
    [{ url: tab.url, title, tags: [], savedAt: now, byline: null, excerpt: null, publishedTime: null, highlights: [] }],
    now,
  );
  const article = await findArticleForPage(tab.url);
  if (!article) throw gleanerError('error.articleGone');
  return article;
}

/** Extracts a tab's article afresh and saves it; the failure's sentence is thrown if there is none. */
export async function savePage(tabId: number): Promise<ArticleRecord> {
  const result = await extractTab(tabId);
  if (!result.ok) throw new Error(reasonMessage(result.reason, result.detail));
  return saveArticle(result.article);
}
