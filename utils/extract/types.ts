/** What the extraction script hands back across the page/extension boundary. */
import type { ArticleMeta } from '../db/schema';
import { t } from '../i18n';

/** A page's article, ready to be stored. */
export interface ExtractedArticle extends ArticleMeta {
  /** The page URL as the document reports it (`document.URL`). */
  url: string;
  /** Article HTML, sanitized with DOMPurify. */
  html: string;
  /** Plain text of the article. */
  text: string;
}

/** Why a page gave no article; each has a sentence for the reader in `reasonMessage`. */
export type ExtractFailure =
  'browser-page' | 'store-page' | 'not-web' | 'pdf' | 'not-html' | 'no-article' | 'framed' | 'shadow-dom' | 'error';

/** The outcome of reading a page. Errors are values: they must cross `executeScript` and messaging. */
export type ExtractResult =
  { ok: true; article: ExtractedArticle } | { ok: false; reason: ExtractFailure; detail?: string };

/**
 * The sentence the popup shows for each failure, in the user's language. The extraction script returns only
 * the reason and a detail (a content type, a frame's address, an error's own message), so that it carries no
 * messages into the page.
 */
export function reasonMessage(reason: ExtractFailure, detail?: string): string {
  switch (reason) {
    case 'browser-page':
      return t('reason.browserPage');
    case 'store-page':
      return t('reason.storePage');
    case 'not-web':
      return t('reason.notWeb');
    case 'pdf':
      return t('reason.pdf');
    case 'not-html':
      return t('reason.notHtml', [detail ?? '?']);
    case 'no-article':
      return t('reason.noArticle');
    case 'framed':
      return t('reason.framed', [detail ?? '?']);
    case 'shadow-dom':
      return t('reason.shadowDom');
    case 'error':
      return t('reason.error', [detail || '?']);
  }
}
