/**
 * What Gleaner stores, as types every context shares: the background and Gleaner's pages (which keep them in
 * IndexedDB, utils/db/) and the scripts in web pages (which receive them in messages and never open the
 * database). Their runtime checks and size limits are in schemas.ts beside this file.
 */

/** The metadata Readability and our extraction step find on a page. */
export interface ArticleMeta {
  /** Article title as Readability finds it (falls back to the document title). */
  title: string;
  /** Author line, if the page has one. */
  byline: string | null;
  /** Publication name (`og:site_name` and the like). */
  siteName: string | null;
  /** BCP 47 language tag from `<html lang>`, if declared. */
  lang: string | null;
  /** Text direction, `ltr` or `rtl`, if declared. */
  dir: 'ltr' | 'rtl' | null;
  /** Publication time as the page states it (ISO 8601 where the page gives that). */
  publishedTime: string | null;
  /** One-paragraph summary: the page's description, or the article's first paragraph. */
  excerpt: string | null;
  /** Words in the article text; CJK characters count one each. */
  wordCount: number;
  /** Minutes to read at an average pace, at least 1. */
  readingMinutes: number;
  /** `<link rel=canonical>` (or `og:url`) resolved to an absolute URL, if the page declares one. */
  canonicalUrl: string | null;
  /** The page's lead image (`og:image`, else `twitter:image`), an absolute http(s) address; only an address:
   * nothing is fetched at save time, and the library shows it only with remote images allowed. Absent in
   * articles saved before it was kept. */
  image?: string | null;
}

/** One saved page. */
export interface ArticleRecord extends ArticleMeta {
  /** Random UUID; stable across URL changes, exports and backups. */
  id: string;
  /** Normalized URL of the page as saved (see utils/url.ts): unique in the library. */
  url: string;
  /** The URL exactly as the tab had it when saved: what "open source" navigates to. */
  originalUrl: string;
  /** Every normalized URL this article is known by (page URL and canonical URL): looked up on revisit. */
  urls: string[];
  /** Tags, trimmed, unique case-insensitively, in the order added. */
  tags: string[];
  /** The page-level note (plain text). */
  note: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds of the last change to the article, its tags, its note or its reading state. */
  updatedAt: number;
  /** Reading state (schema v6; absent in earlier records and backups, which is the default): when it was
   * archived (out of the inbox), made a favourite, marked read (finished in the reader, or by hand) and last
   * opened in the reader, and how far it was read there (0 to 1 of its height). */
  archivedAt?: number;
  favouriteAt?: number;
  readAt?: number;
  openedAt?: number;
  progress?: number;
}

/** The reading states an article can be put in or taken out of. */
export interface ArticleStates {
  archived?: boolean;
  favourite?: boolean;
  read?: boolean;
}

/** The readable body of a saved article, stored apart from its metadata. */
export interface ContentRecord {
  /** The owning article's id. */
  articleId: string;
  /** Article HTML, sanitized with DOMPurify before storage (and sanitized again before any rendering). */
  html: string;
  /** Plain text of the article, for search and anchoring. */
  text: string;
}

/** W3C Web Annotation TextQuoteSelector: the highlighted text and its surroundings. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

/** W3C Web Annotation TextPositionSelector: character offsets into the page's text model. */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** Where a stretch of the text model is: a position selector's offsets. */
export type TextPlace = Pick<TextPositionSelector, 'start' | 'end'>;

/** One highlight on a saved article. */
export interface HighlightRecord {
  /** Random UUID; drawn elements carry it as `data-highlight-id`. */
  id: string;
  /** The article the highlight belongs to. */
  articleId: string;
  /** Where the highlight is: its quote with the text around it, and where it was in the page's text (optional:
   * what an import brings is often the quote alone), so it can be found again after the page changed. */
  selectors: { quote: TextQuoteSelector; position?: TextPositionSelector };
  /** Colour name (see the settings' palette). */
  color: string;
  /** The reader's note on this highlight (plain text). */
  note: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds. */
  updatedAt: number;
}

/** How often a tag is used, for suggestions. */
export interface TagCount {
  tag: string;
  count: number;
}

/** An article as it was removed, with its content and highlights: what putting it back (undo) needs. */
export interface RemovedArticle {
  article: ArticleRecord;
  content: ContentRecord | null;
  highlights: HighlightRecord[];
}
