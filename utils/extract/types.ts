/** What the extraction script hands back across the page/extension boundary. */
import type { ArticleMeta } from '../db/schema';

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
  | 'browser-page'
  | 'store-page'
  | 'not-web'
  | 'pdf'
  | 'not-html'
  | 'no-article'
  | 'error';

/** The outcome of reading a page. Errors are values: they must cross `executeScript` and messaging. */
export type ExtractResult =
  | { ok: true; article: ExtractedArticle }
  | { ok: false; reason: ExtractFailure; detail?: string };

/** The sentence the popup shows for each failure. */
export function reasonMessage(reason: ExtractFailure, detail?: string): string {
  switch (reason) {
    case 'browser-page':
      return "Gleaner can't read browser pages. Open an article on the web and try again.";
    case 'store-page':
      return "Extension stores don't let extensions read their pages, so this page can't be saved.";
    case 'not-web':
      return 'Only web pages can be saved.';
    case 'pdf':
      return "This is a PDF. Gleaner saves web articles; it can't read PDFs yet.";
    case 'not-html':
      return `This is not a web page${detail ? ` (it is ${detail})` : ''}, so there is no article to save.`;
    case 'no-article':
      return detail
        ? `Gleaner found no article on this page: ${detail}.`
        : 'Gleaner found no article on this page. Open a story, a blog post or a documentation page and try again.';
    case 'error':
      return `Gleaner couldn't read this page${detail ? `: ${detail}` : '.'}`;
  }
}
