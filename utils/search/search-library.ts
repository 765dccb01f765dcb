/**
 * Runs a parsed query over the library in memory: metadata, page notes, tags, and highlight text and notes.
 * This is the library page's interim engine; full-text search over article bodies, BM25 ranking and a
 * persistent index are issue 4, which replaces `scoreArticle` and keeps the query language (query.ts).
 */
import type { ArticleRecord, HighlightRecord } from '../db/schema';
import { fold } from './fold';
import type { ParsedQuery, Term } from './query';

/** An article with its highlights, as searched. */
export interface SearchDoc {
  article: ArticleRecord;
  highlights: readonly HighlightRecord[];
}

/** A matching article, the highlights that matched, and how well it matched. */
export interface SearchHit extends SearchDoc {
  matchingHighlights: HighlightRecord[];
  score: number;
}

/** The searchable fields of an article, folded, with how much a match in each counts. */
function fieldsOf(doc: SearchDoc): Array<[text: string, weight: number]> {
  const { article } = doc;
  let host = '';
  try {
    host = new URL(article.url).hostname;
  } catch {
    // a stored URL is always valid; nothing to add if not
  }
  return [
    [fold(article.title), 5],
    [fold(article.tags.join('\n')), 3],
    [fold(doc.highlights.map((h) => `${h.selectors.quote.exact}\n${h.note}`).join('\n')), 3],
    [fold(`${article.siteName ?? ''}\n${host}\n${article.byline ?? ''}`), 2],
    [fold(article.note), 2],
    [fold(article.excerpt ?? ''), 1],
  ];
}

function termScore(fields: ReadonlyArray<[string, number]>, term: Term): number {
  return fields.reduce((score, [text, weight]) => (text.includes(term.text) ? score + weight : score), 0);
}

function passesFilters(doc: SearchDoc, query: ParsedQuery): boolean {
  const { article, highlights } = doc;
  const tags = article.tags.map(fold);
  if (!query.tags.every((tag) => tags.includes(tag)) || query.notTags.some((tag) => tags.includes(tag))) return false;
  const site = fieldsOf({ article, highlights: [] })[3]![0];
  if (!query.sites.every((s) => site.includes(s)) || query.notSites.some((s) => site.includes(s))) return false;
  if (query.colors.length && !query.colors.every((color) => highlights.some((h) => h.color === color))) return false;
  if (query.has.highlights !== undefined && query.has.highlights !== highlights.length > 0) return false;
  const hasNote = article.note.trim() !== '' || highlights.some((h) => h.note.trim() !== '');
  if (query.has.note !== undefined && query.has.note !== hasNote) return false;
  if (query.after !== null && article.createdAt < query.after) return false;
  if (query.before !== null && article.createdAt > query.before) return false;
  return true;
}

/** Articles matching `query`, best first (or newest saved first with sort:saved or nothing to rank by). */
export function searchLibrary(docs: readonly SearchDoc[], query: ParsedQuery): SearchHit[] {
  const hits: SearchHit[] = [];
  const terms = query.clauses.flat();
  for (const doc of docs) {
    if (!passesFilters(doc, query)) continue;
    const fields = fieldsOf(doc);
    let score = 0;
    let matched = true;
    for (const clause of query.clauses) {
      const best = Math.max(...clause.map((term) => termScore(fields, term)));
      if (best === 0) {
        matched = false;
        break;
      }
      score += best;
    }
    if (!matched || query.excluded.some((term) => termScore(fields, term) > 0)) continue;
    const matchingHighlights = terms.length
      ? doc.highlights.filter((h) => terms.some((term) => fold(`${h.selectors.quote.exact}\n${h.note}`).includes(term.text)))
      : [];
    hits.push({ ...doc, matchingHighlights, score });
  }
  const bySaved = (a: SearchHit, b: SearchHit) => b.article.createdAt - a.article.createdAt;
  return hits.sort(query.sort === 'saved' || !terms.length ? bySaved : (a, b) => b.score - a.score || bySaved(a, b));
}
