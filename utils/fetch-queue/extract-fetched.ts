/**
 * Reads the article out of a page fetched in the background, exactly as a save reads it from a tab
 * (extractArticle), from a document parsed inert: DOMParser runs no script, loads no image, style or frame.
 * Runs where there is a DOM: the offscreen document in Chrome, the background page in Firefox.
 */
import { extractArticle } from '../in-page/extract/extract-article';
import type { ExtractResult } from '../records/extraction';

/** The article of `html`, fetched from `url` (the address after redirects), parsed in `view`. */
export function extractFetched(
  html: string,
  url: string,
  contentType: string,
  view: Window & typeof globalThis = window,
): ExtractResult {
  const type = /xhtml/i.test(contentType) ? 'application/xhtml+xml' : 'text/html';
  const doc = new view.DOMParser().parseFromString(html, type);
  if (doc.querySelector('parsererror') && type !== 'text/html') return { ok: false, reason: 'no-article' };
  // Relative addresses (links, images) resolve against the page, as they do in its tab: a <base> it declares is
  // itself resolved against the page, else the page's address is the base.
  const declared = doc.querySelector('base[href]');
  const base = doc.createElement('base');
  try {
    base.href = new URL(declared?.getAttribute('href') ?? '', url).href;
  } catch {
    base.href = url;
  }
  declared?.remove();
  (doc.head ?? doc.documentElement).prepend(base);
  const result = extractArticle(doc, view);
  return result.ok ? { ok: true, article: { ...result.article, url } } : result;
}
