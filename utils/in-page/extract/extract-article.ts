/**
 * Reads the article out of a document: Mozilla Readability on a clone (Readability mutates what it parses),
 * then our additions: canonical URL, word count and reading time, and DOMPurify over the content.
 * Pure: it takes the Document, so it runs the same in the page (extraction script) and in tests.
 */
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { composedDocument } from '../../anchoring/composed';
import { sanitizeArticleHtml } from '../../sanitize';
import { LIMITS } from '../../records/limits';
import { blockText } from './block-text';
import { readingStats } from './reading-time';
import type { ExtractResult } from '../../records/extraction';

/** Below this many characters of text a page has no article, whatever Readability returned. */
const MIN_ARTICLE_CHARS = 200;
/** Up to this many characters, Readability's own "is this an article?" heuristic gets a say. */
const SHORT_ARTICLE_CHARS = 1000;

/** The page's lead image: `og:image`, else `twitter:image`, resolved against the document, if it is an http(s)
 * address a record holds. */
export function findLeadImage(doc: Document): string | null {
  const content =
    doc
      .querySelector('meta[property="og:image" i][content], meta[property="og:image:url" i][content]')
      ?.getAttribute('content') ?? doc.querySelector('meta[name="twitter:image" i][content]')?.getAttribute('content');
  if (!content) return null;
  try {
    const url = new URL(content.trim(), doc.baseURI);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.href.length <= LIMITS.url ? url.href : null;
  } catch {
    return null;
  }
}

/** `<link rel=canonical>`, else `og:url`, resolved against the document, if it is an http(s) URL. */
export function findCanonicalUrl(doc: Document): string | null {
  const href =
    doc.querySelector('link[rel~="canonical" i][href]')?.getAttribute('href') ??
    doc.querySelector('meta[property="og:url" i][content]')?.getAttribute('content');
  if (!href) return null;
  try {
    const url = new URL(href.trim(), doc.baseURI);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/**
 * Why a page that shows text yields no article, when the reason is where its text lives: in a frame of another
 * site (another document, which can be opened and saved on its own). Open shadow roots and frames of the page's
 * own site are read where they are shown (utils/anchoring/composed.ts).
 */
function hiddenText(doc: Document): ExtractResult & { ok: false } {
  const frame = doc.querySelector<HTMLIFrameElement | HTMLFrameElement>('iframe[src], frame[src]');
  if (frame && (doc.body?.innerText ?? '').trim().length < MIN_ARTICLE_CHARS) {
    return { ok: false, reason: 'framed', detail: frame.src };
  }
  return { ok: false, reason: 'no-article' };
}

/** Up to this many elements a page is always read as shown (composed.ts); beyond, only if its plain tree fails. */
const COMPOSED_ALWAYS_ELEMENTS = 50_000;

/**
 * Readability's article of `source` (the page as shown: web components' open shadow content and same-origin
 * frames in their places, or its plain tree), with its folded text; null when there is none. Readability hands
 * back its content element (no serializing), which DOMPurify then serializes once; its pass that strips class
 * attributes is skipped, as DOMPurify drops them in the walk it makes anyway.
 */
function readArticle(source: Document) {
  const parsed = new Readability(source.cloneNode(true) as Document, {
    serializer: (node: Node) => node,
    keepClasses: true,
  }).parse();
  // Its blocks on lines of their own (markup need not have white space between them), indentation folded.
  const content = parsed?.content;
  const text = content ? blockText(content) : '';
  if (
    !parsed?.content ||
    text.length < MIN_ARTICLE_CHARS ||
    (text.length < SHORT_ARTICLE_CHARS && !isProbablyReaderable(source))
  ) {
    return null;
  }
  return { parsed: { ...parsed, content: parsed.content }, text };
}

/**
 * Extracts the article of `doc`. Never throws: failures come back as `{ ok: false, reason }`. `view` is the
 * window whose DOM sanitizes the content: the document's own, or, for a document parsed inert (a page fetched
 * in the background, utils/fetch-queue/extract-fetched.ts), the window that parsed it.
 */
export function extractArticle(
  doc: Document,
  view: (Window & typeof globalThis) | null = doc.defaultView,
): ExtractResult {
  const contentType = doc.contentType || 'text/html';
  if (contentType === 'application/pdf') return { ok: false, reason: 'pdf' };
  if (contentType !== 'text/html' && contentType !== 'application/xhtml+xml') {
    return { ok: false, reason: 'not-html', detail: contentType };
  }
  if (!view) return { ok: false, reason: 'error', detail: 'no window' };
  try {
    // A large page is read as its plain tree first, and as shown only when that holds no article: looking for
    // shadow roots and frames walks every element, which costs ~0.5 s at 900,000 (and ~2 ms at 5,000).
    const plainFirst = doc.getElementsByTagName('*').length > COMPOSED_ALWAYS_ELEMENTS;
    let read = readArticle(plainFirst ? doc : composedDocument(doc));
    if (!read && plainFirst) {
      const shown = composedDocument(doc);
      if (shown !== doc) read = readArticle(shown);
    }
    if (!read) return hiddenText(doc);
    const { parsed, text } = read;
    const dir = parsed.dir === 'rtl' || parsed.dir === 'ltr' ? parsed.dir : null;
    return {
      ok: true,
      article: {
        url: doc.URL,
        title: blankToNull(parsed.title) ?? blankToNull(doc.title) ?? doc.URL,
        byline: blankToNull(parsed.byline),
        siteName: blankToNull(parsed.siteName),
        lang: blankToNull(parsed.lang),
        dir,
        publishedTime: blankToNull(parsed.publishedTime),
        excerpt: blankToNull(parsed.excerpt),
        canonicalUrl: findCanonicalUrl(doc),
        image: findLeadImage(doc),
        ...readingStats(text),
        html: sanitizeArticleHtml(parsed.content, view),
        text,
      },
    };
  } catch (error) {
    return { ok: false, reason: 'error', detail: error instanceof Error ? error.message : String(error) };
  }
}
