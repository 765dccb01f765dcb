/**
 * The library page's first filter: every word of the query must appear (case- and accent-insensitively) in an
 * article's title, site, byline, tags or note. Full-text search over article bodies and highlights, ranking and
 * operators come with the search index (issue 4).
 */
import type { ArticleRecord } from '../db/schema';

/** Lower case without diacritics: "Café" and "cafe" match. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** The folded words of a query. */
export function queryWords(query: string): string[] {
  return fold(query).split(/\s+/).filter(Boolean);
}

/** Articles matching every word of `query`, newest saved first. */
export function filterArticles(articles: readonly ArticleRecord[], query: string): ArticleRecord[] {
  const words = queryWords(query);
  return articles
    .filter((article) => {
      if (!words.length) return true;
      const haystack = fold([article.title, article.siteName, article.byline, article.note, ...article.tags].filter(Boolean).join('\n'));
      return words.every((word) => haystack.includes(word));
    })
    .sort((a, b) => b.createdAt - a.createdAt);
}
