/** Builders of stored records for tests and benchmarks. */
import type { ExtractedArticle } from '../records/extraction';
import type { HighlightRecord } from '../records/types';

/** An extracted article with plausible values; `overrides` replace any of them. */
export function extractedArticle(overrides: Partial<ExtractedArticle> = {}): ExtractedArticle {
  return {
    url: 'https://news.example/story',
    title: 'A story',
    byline: 'A. Writer',
    siteName: 'Example News',
    lang: 'en',
    dir: 'ltr',
    publishedTime: '2020-05-27',
    excerpt: 'What the story is about.',
    wordCount: 1200,
    readingMinutes: 5,
    canonicalUrl: null,
    html: '<p>Body text.</p>',
    text: 'Body text.',
    ...overrides,
  };
}

/** W3C selectors for `exact` at character `start` of a page, with no context. */
export function quoteSelectors(exact: string, start = 0): HighlightRecord['selectors'] {
  return {
    quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start, end: start + exact.length },
  };
}

/** A highlight record with plausible values; `overrides` replace any of them. */
export function highlightRecord(overrides: Partial<HighlightRecord> = {}): HighlightRecord {
  return {
    id: crypto.randomUUID(),
    articleId: crypto.randomUUID(),
    selectors: quoteSelectors('health crisis'),
    color: 'yellow',
    note: '',
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}
