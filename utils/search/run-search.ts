/**
 * One search as the search page runs it: the article-text part through the full-text index (phrases checked
 * against the stored text), the rest in memory (search-library.ts), and a snippet of text around the first
 * match for each shown result.
 */
import { db, type GleanerDatabase, type HighlightRecord } from '../db/schema';
import { searchTerm, tokens } from './body-index';
import { indexOfFolded } from './fold';
import type { ParsedQuery, Term } from './query';
import { searchLibrary, type SearchDoc, type SearchHit } from './search-library';

/** Phrase candidates whose text is read to check the phrase (beyond that, the words alone decide). */
const MAX_PHRASE_CHECKS = 100;
/** Characters of text shown around the first match. */
const SNIPPET = 220;

/** Every saved article with its highlights: what the in-memory half of a search runs over. */
export async function loadSearchDocs(database: GleanerDatabase = db): Promise<SearchDoc[]> {
  const [articles, highlights] = await Promise.all([database.articles.toArray(), database.highlights.toArray()]);
  const byArticle = new Map<string, HighlightRecord[]>();
  for (const h of highlights) {
    const list = byArticle.get(h.articleId);
    if (list) list.push(h);
    else byArticle.set(h.articleId, [h]);
  }
  return articles.map((article) => ({ article, highlights: byArticle.get(article.id) ?? [] }));
}

/** Article-text scores of a term: a word from the index; a phrase, all its words, then checked in the text. */
async function textScores(term: Term): Promise<Map<string, number>> {
  if (!term.phrase) return searchTerm(term.text, term.prefix);
  const words = tokens(term.text);
  if (!words.length) return new Map();
  const maps = await Promise.all(words.map((word) => searchTerm(word)));
  const scores = new Map<string, number>();
  for (const id of maps[0]!.keys()) {
    if (maps.every((map) => map.has(id))) scores.set(id, maps.reduce((sum, map) => sum + map.get(id)!, 0));
  }
  const candidates = [...scores.keys()].slice(0, MAX_PHRASE_CHECKS);
  const contents = await db.contents.bulkGet(candidates);
  candidates.forEach((id, i) => {
    if (indexOfFolded(contents[i]?.text ?? '', term.text) < 0) scores.delete(id);
  });
  return scores;
}

/** A window of `text` around the first occurrence of any term, with an ellipsis where it is cut. */
export function snippetOf(text: string, terms: readonly string[]): string | null {
  let at = -1;
  for (const term of terms) {
    const found = indexOfFolded(text, term);
    if (found >= 0 && (at < 0 || found < at)) at = found;
  }
  if (at < 0) return null;
  // fold keeps lengths for nearly all text; the window is approximate where it does not.
  const start = Math.max(0, text.lastIndexOf(' ', Math.max(0, at - SNIPPET / 3)) + 1);
  const end = Math.min(text.length, start + SNIPPET);
  return `${start > 0 ? '… ' : ''}${text.slice(start, end).trim()}${end < text.length ? ' …' : ''}`;
}

/** The results of `query`, and a text snippet for each of the first `withSnippets` of them. */
export async function runSearch(docs: readonly SearchDoc[], query: ParsedQuery, withSnippets = 30): Promise<{ hits: SearchHit[]; snippets: Map<string, string> }> {
  const terms = [...query.clauses.flat(), ...query.excluded];
  const scores = new Map<Term, Map<string, number>>();
  await Promise.all(terms.map(async (term) => scores.set(term, await textScores(term))));
  const hits = searchLibrary(docs, query, (term) => scores.get(term));
  const snippets = new Map<string, string>();
  const words = query.clauses.flat().map((term) => term.text);
  if (words.length) {
    const shown = hits.slice(0, withSnippets).map((hit) => hit.article.id);
    const contents = await db.contents.bulkGet(shown);
    shown.forEach((id, i) => {
      const snippet = contents[i] ? snippetOf(contents[i]!.text, words) : null;
      if (snippet) snippets.set(id, snippet);
    });
  }
  return { hits, snippets };
}
