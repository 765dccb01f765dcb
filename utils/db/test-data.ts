/** Builders of stored records for tests and benchmarks. */
import type { ExtractedArticle } from '../records/extraction';

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
