/**
 * One search as the search page runs it: the article-text part through the full-text index (utils/search/index/),
 * the rest in memory (search-library.ts), and a snippet of text around the first match for each shown result.
 */
import { articleCount } from '../db/articles';
import { db, type GleanerDatabase } from '../db/schema';
import { groupBy } from '../group';
import type { TextScores } from './index/bm25';
import { searchPhrase } from './index/phrases';
import { matchTerm } from './index/term-search';
import { FieldTextReplaced, prepareFieldText, searchHighlight, type SearchHighlight } from './field-text';
import type { ArticleRecord, HighlightRecord } from '../records/types';
import { firstIndexOfFolded } from './fold';
import type { ParsedQuery, Term } from './query';
import { inView, type View } from './views';
import { rankLibrary, type Ranking, type SearchDoc } from './search-library';

/** Results shown at first; more are shown on request. */
export const PAGE_SIZE = 25;
/** Characters of text shown around the first match. */
const SNIPPET = 220;

/** Articles with their highlights as the page keeps them (searchHighlight; the article's id string shared). */
function docsOf(articles: readonly ArticleRecord[], highlights: readonly HighlightRecord[]): SearchDoc[] {
  const byArticle = groupBy(highlights, (h) => h.articleId);
  return articles.map((article) => ({
    article,
    highlights: byArticle.get(article.id)?.map((h) => searchHighlight(h, article.id)) ?? NO_HIGHLIGHTS,
  }));
}
const NO_HIGHLIGHTS: readonly SearchHighlight[] = [];

/** Every saved article with its highlights: what the in-memory half of a search runs over. */
export async function loadSearchDocs(database: GleanerDatabase = db): Promise<SearchDoc[]> {
  const [articles, highlights] = await Promise.all([database.articles.toArray(), database.highlights.toArray()]);
  return docsOf(articles, highlights);
}

/** The articles `ids` as stored now, with their highlights (an id no longer stored is left out). */
export async function readSearchDocs(ids: readonly string[]): Promise<SearchDoc[]> {
  return db.transaction('r', db.articles, db.highlights, async () => {
    const [articles, highlights] = await Promise.all([
      db.articles.bulkGet([...ids]),
      db.highlights
        .where('articleId')
        .anyOf([...ids])
        .toArray(),
    ]);
    return docsOf(
      articles.filter((article) => article !== undefined),
      highlights,
    );
  });
}

/**
 * The library's size and its newest `limit` articles with their highlights, read from indexes: what the search
 * page shows for an empty query while the whole library (loadSearchDocs) is still loading.
 */
export async function newestDocs(limit: number, view: View = 'all'): Promise<{ total: number; docs: SearchDoc[] }> {
  return db.transaction('r', db.articles, db.highlights, db.counts, async () => {
    const newest = db.articles.orderBy('createdAt').reverse();
    const [total, articles] = await Promise.all([
      // The kept count, and the view's from its index (counting an index reads its entries: the few archived
      // or favourite ones, not the whole library).
      view === 'all'
        ? articleCount()
        : view === 'favourites'
          ? db.articles.where('favouriteAt').above(0).count()
          : Promise.all([articleCount(), db.articles.where('archivedAt').above(0).count()]).then(([all, archived]) =>
              view === 'archive' ? archived : all - archived,
            ),
      (view === 'all' ? newest : newest.filter((article) => inView(article, view))).limit(limit).toArray(),
    ]);
    const highlights = await db.highlights
      .where('articleId')
      .anyOf(articles.map((article) => article.id))
      .toArray();
    return { total, docs: docsOf(articles, highlights) };
  });
}

/** Thrown by runSearch when its signal says a later search replaced it. */
export class SearchAbandoned extends Error {}

/**
 * A window of `text` around the first occurrence of any term: from the start of a word (or of the match's
 * paragraph, when that is near) to the end of one, its line breaks between blocks kept, with an ellipsis
 * where a paragraph is cut. Text without spaces (Chinese, Japanese) is cut where the window ends.
 */
export function snippetOf(text: string, terms: readonly string[]): string | null {
  const at = firstIndexOfFolded(text, terms);
  // A phrase written with punctuation between its words ("were, not") is shown from its first word.
  if (at < 0 && terms.some((term) => term.includes(' ')))
    return snippetOf(
      text,
      terms.map((term) => term.split(' ')[0]!),
    );
  if (at < 0) return null;
  // fold keeps lengths for nearly all text; the window is approximate where it does not.
  let start = Math.max(0, at - Math.round(SNIPPET / 3));
  const paragraph = text.lastIndexOf('\n', at - 1) + 1;
  if (paragraph > start) start = paragraph;
  else if (start > 0 && !/\s/.test(text[start - 1]!)) {
    const space = text.slice(start, at).search(/\s/);
    if (space >= 0) start += space + 1;
  }
  let end = Math.min(text.length, start + SNIPPET);
  if (end < text.length && !/\s/.test(text[end]!)) {
    const space = text.slice(at, end).search(/\s\S*$/);
    if (space > 0) end = at + space;
  }
  const cutBefore = start > 0 && text[start - 1] !== '\n';
  const cutAfter = end < text.length && text[end] !== '\n';
  return `${cutBefore ? '… ' : ''}${text.slice(start, end).trim()}${cutAfter ? ' …' : ''}`;
}

/** Snippets (article id → text around the first match of any of `words`) for `ids`. */
export async function snippetsFor(ids: readonly string[], words: readonly string[]): Promise<Map<string, string>> {
  const snippets = new Map<string, string>();
  if (!words.length) return snippets;
  const contents = await db.contents.bulkGet([...ids]);
  ids.forEach((id, i) => {
    const snippet = contents[i] ? snippetOf(contents[i].text, words) : null;
    if (snippet) snippets.set(id, snippet);
  });
  return snippets;
}

/** The words of a query that snippets and marks show. */
export const shownWords = (query: ParsedQuery) => query.clauses.flat().map((term) => term.text);

/**
 * The results of `query`. Article text is searched through the full-text index: a word (the last one as a
 * prefix) or an exact phrase. `exact` is false when a short prefix begins more words than are read: the count
 * is then a lower bound. Snippets are read apart (`snippetsFor`), once the results are shown. Throws
 * SearchAbandoned once `signal` is aborted.
 */
export async function runSearch(
  docs: readonly SearchDoc[],
  query: ParsedQuery,
  signal?: AbortSignal,
): Promise<{ ranking: Ranking; exact: boolean }> {
  const terms = [...query.clauses.flat(), ...query.excluded];
  const scores = new Map<Term, TextScores>();
  let exact = true;
  // The fields' word lists are built (in slices) for any query, so that they are ready for the next keystroke.
  const fields = prepareFieldText(docs);
  fields.catch(() => {}); // a newer library replaced it: its searches are abandoned below
  await Promise.all([
    terms.length ? fields : null,
    ...terms.map(async (term) => {
      const matches = term.phrase
        ? { scores: await searchPhrase(term.text), complete: true }
        : await matchTerm(term.text, term.prefix);
      scores.set(term, matches.scores);
      exact &&= matches.complete;
    }),
  ]).catch((error: unknown) => {
    throw error instanceof FieldTextReplaced ? new SearchAbandoned() : error;
  });
  // A search replaced by a later one (the next keystroke) stops before its work in memory.
  if (signal?.aborted) throw new SearchAbandoned();
  const ranking = rankLibrary(docs, query, (term) => scores.get(term));
  if (signal?.aborted) throw new SearchAbandoned();
  return { ranking, exact };
}
