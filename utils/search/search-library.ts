/**
 * Runs a parsed query over the library: metadata, page notes, tags and highlights in memory, plus the article
 * text through the full-text index (`body`, see body-index.ts and run-search.ts), whose BM25 scores add to the
 * field weights.
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

/** Folded fields by article record (valid for the highlights array they were made with): a library's records
 * are folded once, not at every keystroke. A changed article or highlight comes as a new object. */
const foldedFields = new WeakMap<object, { highlights: readonly HighlightRecord[]; fields: Array<[text: string, weight: number]> }>();

/** The searchable fields of an article, folded, with how much a match in each counts. */
function fieldsOf(doc: SearchDoc): Array<[text: string, weight: number]> {
  const cached = foldedFields.get(doc.article);
  if (cached && cached.highlights === doc.highlights) return cached.fields;
  const fields = computeFields(doc);
  foldedFields.set(doc.article, { highlights: doc.highlights, fields });
  return fields;
}

function computeFields(doc: SearchDoc): Array<[text: string, weight: number]> {
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

/** Article-text scores of one term, by article id (from the full-text index). */
export type BodyScores = (term: Term) => ReadonlyMap<string, number> | undefined;

/** All fields in one string, so that the common case (the term is in none of them) costs one search. */
const joinedFields = new WeakMap<object, string>();

function termScore(fields: Array<[string, number]>, term: Term, body: number): number {
  let all = joinedFields.get(fields);
  if (all === undefined) joinedFields.set(fields, (all = fields.map(([text]) => text).join('\u0000')));
  if (!all.includes(term.text)) return body;
  return fields.reduce((score, [text, weight]) => (text.includes(term.text) ? score + weight : score), body);
}

/** Whether a query has any filter (most have none, and then no article needs checking). */
function hasFilters(query: ParsedQuery): boolean {
  return !!(query.tags.length || query.notTags.length || query.sites.length || query.notSites.length || query.colors.length ||
    query.has.highlights !== undefined || query.has.note !== undefined || query.after !== null || query.before !== null);
}

function passesFilters(doc: SearchDoc, query: ParsedQuery): boolean {
  const { article, highlights } = doc;
  const fields = fieldsOf(doc);
  const tags = fields[1]![0].split('\n');
  if (!query.tags.every((tag) => tags.includes(tag)) || query.notTags.some((tag) => tags.includes(tag))) return false;
  const site = fields[3]![0];
  if (!query.sites.every((s) => site.includes(s)) || query.notSites.some((s) => site.includes(s))) return false;
  if (query.colors.length && !query.colors.every((color) => highlights.some((h) => h.color === color))) return false;
  if (query.has.highlights !== undefined && query.has.highlights !== highlights.length > 0) return false;
  if (query.has.note !== undefined) {
    const hasNote = article.note.trim() !== '' || highlights.some((h) => h.note.trim() !== '');
    if (query.has.note !== hasNote) return false;
  }
  if (query.after !== null && article.createdAt < query.after) return false;
  if (query.before !== null && article.createdAt > query.before) return false;
  return true;
}

/**
 * Articles matching `query`, best first (or newest saved first with sort:saved or nothing to rank by); the
 * first `detailed` carry the highlights that matched.
 */
export function searchLibrary(docs: readonly SearchDoc[], query: ParsedQuery, body: BodyScores = () => undefined, detailed = 200): SearchHit[] {
  const hits: SearchHit[] = [];
  const terms = query.clauses.flat();
  const filtered = hasFilters(query);
  for (const doc of docs) {
    if (filtered && !passesFilters(doc, query)) continue;
    const fields = fieldsOf(doc);
    let score = 0;
    let matched = true;
    const id = doc.article.id;
    // Plain loops: this runs for every article at every keystroke.
    for (let c = 0; c < query.clauses.length && matched; c++) {
      let best = 0;
      for (const term of query.clauses[c]!) best = Math.max(best, termScore(fields, term, body(term)?.get(id) ?? 0));
      if (best === 0) matched = false;
      score += best;
    }
    if (!matched) continue;
    let excluded = false;
    for (const term of query.excluded) if (termScore(fields, term, body(term)?.get(id) ?? 0) > 0) excluded = true;
    if (excluded) continue;
    hits.push({ article: doc.article, highlights: doc.highlights, matchingHighlights: [], score });
  }
  const bySaved = (a: SearchHit, b: SearchHit) => b.article.createdAt - a.article.createdAt;
  hits.sort(query.sort === 'saved' || !terms.length ? bySaved : (a, b) => b.score - a.score || bySaved(a, b));
  // Which highlights matched is only worked out for the results that will be shown.
  for (const hit of hits.slice(0, detailed)) {
    hit.matchingHighlights = terms.length
      ? hit.highlights.filter((h) => terms.some((term) => fold(`${h.selectors.quote.exact}\n${h.note}`).includes(term.text)))
      : [];
  }
  return hits;
}
