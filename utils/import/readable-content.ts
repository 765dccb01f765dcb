/**
 * Article content another tool kept (Omnivore's `content/<slug>.html`, its readable version of the page), made
 * what a save stores: sanitized HTML (the same rules as a page saved here), its text with blocks on lines of
 * their own, and the reading statistics. Parsed inert (DOMPurify, then DOMParser): nothing in it runs or loads.
 */
import type { ImportedContent } from '../db/imports';
import { blockText } from '../in-page/extract/block-text';
import { readingStats } from '../in-page/extract/reading-time';
import { MAX_ARTICLE_HTML } from '../records/schemas';
import { sanitizeArticleHtml } from '../sanitize';

/** The content to store, or why there is none: no text at all, or more than a stored article holds. */
export function readableContent(html: string): ImportedContent | 'empty' | 'tooLong' {
  const clean = sanitizeArticleHtml(html);
  const text = blockText(new DOMParser().parseFromString(clean, 'text/html').body).trim();
  if (!text) return 'empty';
  if (clean.length > MAX_ARTICLE_HTML || text.length > MAX_ARTICLE_HTML) return 'tooLong';
  return { html: clean, text, ...readingStats(text) };
}
