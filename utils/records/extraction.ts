/** What the extraction script (utils/in-page/extract/) hands back across the page/extension boundary. */
import type { ArticleMeta } from './types';

/** A page's article, ready to be stored. */
export interface ExtractedArticle extends ArticleMeta {
  /** The page URL as the document reports it (`document.URL`). */
  url: string;
  /** Article HTML, sanitized with DOMPurify. */
  html: string;
  /** Plain text of the article. */
  text: string;
}

/** Why a page gave no article; each has a sentence for the reader in `reasonMessage` (utils/save/). */
export const EXTRACT_FAILURES = [
  'browser-page',
  'store-page',
  'not-web',
  'pdf',
  'not-html',
  'no-article',
  'framed',
  'error',
] as const;
export type ExtractFailure = (typeof EXTRACT_FAILURES)[number];

/** Pages that can be kept as a bookmark (address and title) for want of an article: web pages Gleaner may read
 * that hold no article, or whose article is out of its reach, or that are not HTML. */
export const BOOKMARKABLE: readonly ExtractFailure[] = ['no-article', 'framed', 'not-html'];

/** The outcome of reading a page. Errors are values: they must cross `executeScript` and messaging. */
export type ExtractResult =
  { ok: true; article: ExtractedArticle } | { ok: false; reason: ExtractFailure; detail?: string };
