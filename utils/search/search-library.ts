/**
 * Runs a parsed query over the library: metadata, page notes, tags and highlights in memory, plus the article
 * text through the full-text index (`body`, see index/ and run-search.ts), whose BM25 scores add to the
 * field weights. Fields match the way the index does (see finderOf).
 */
import type { ArticleRecord, HighlightRecord } from '../records/types';
import type { TextScores } from './index/bm25';
import { CJK, NON_WORD } from './index/tokens';
import {
  docIndexes,
  fieldTextOf,
  FIELDS,
  hostOf,
  isWordCode,
  segmentsOf,
  WEIGHTS,
  type FieldText,
  type SearchDoc,
} from './field-text';
import { fold } from './fold';
import type { ParsedQuery, Term } from './query';

export type { SearchDoc } from './field-text';

/** A matching article, the highlights that matched, and how well it matched. */
export interface SearchHit extends SearchDoc {
  matchingHighlights: HighlightRecord[];
  score: number;
}

/** Article-text scores of one term (from the full-text index). */
export type BodyScores = (term: Term) => TextScores | undefined;

/** Whether the code unit at `at` is a word character (false outside the text). */
const isWordAt = (text: string, at: number) => at >= 0 && at < text.length && isWordCode(text.charCodeAt(at));

/**
 * Finds a term in folded text: a word whole, the word being typed as a prefix, a phrase word after word with
 * anything but letters and digits between them, Chinese or Japanese (written without spaces) anywhere.
 */
type Finder = (text: string, from: number) => number;

function finderOf(term: Term, words = term.text.split(NON_WORD).filter(Boolean)): Finder | null {
  if (!words.length) return null;
  const cjk = CJK.test(term.text);
  const bounded = (text: string, at: number, end: number) =>
    cjk || (!isWordAt(text, at - 1) && (term.prefix || !isWordAt(text, end)));
  if (words.length === 1) {
    const word = words[0]!;
    return (text, from) => {
      for (let at = text.indexOf(word, from); at >= 0; at = text.indexOf(word, at + 1))
        if (bounded(text, at, at + word.length)) return at;
      return -1;
    };
  }
  const escaped = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const phrase = new RegExp(escaped.join('[^\\p{L}\\p{N}\\p{M}\\u0000]+'), 'uy');
  return (text, from) => {
    // Where the first word occurs is found natively; the regular expression only checks there.
    for (let at = text.indexOf(words[0]!, from); at >= 0; at = text.indexOf(words[0]!, at + 1)) {
      phrase.lastIndex = at;
      const match = phrase.exec(text);
      if (match && bounded(text, at, at + match[0].length)) return at;
    }
    return -1;
  };
}

/** Adds to `scores` (by doc index) one term's: its fields' weights (each field counted once) plus its text score. */
function addTermScores(fields: FieldText, term: Term, body: TextScores | undefined, scores: Float64Array): void {
  const words = term.text.split(NON_WORD).filter(Boolean);
  const find = finderOf(term, words);
  if (find) {
    const add = (segment: number) => {
      const d = (segment / FIELDS) | 0;
      scores[d] = scores[d]! + WEIGHTS[segment % FIELDS]!;
    };
    // The fields that hold the term's words, from the word lists; checked one by one where that is not enough.
    const found = CJK.test(term.text) ? null : segmentsOf(fields, term, words);
    if (found?.exact) for (const segment of found.segments) add(segment);
    else
      for (const segment of found ? found.segments : fields.segments.keys())
        if (find(fields.segments[segment]!, 0) >= 0) add(segment);
  }
  if (body) {
    const at = docIndexes(fields, body.ids);
    const text = body.scores;
    for (let docNo = 0; docNo < text.length; docNo++) {
      const d = text[docNo]! > 0 ? at[docNo]! : -1;
      if (d >= 0) scores[d] = scores[d]! + text[docNo]!;
    }
  }
}

/** Whether a query has any filter (most have none, and then no article needs checking). */
function hasFilters(query: ParsedQuery): boolean {
  return !!(
    query.tags.length ||
    query.notTags.length ||
    query.sites.length ||
    query.notSites.length ||
    query.colors.length ||
    query.has.highlights !== undefined ||
    query.has.note !== undefined ||
    query.after !== null ||
    query.before !== null
  );
}

/** Folded tags and site (name and host) by article record, for the filters. */
const filterFields = new WeakMap<ArticleRecord, { tags: string[]; site: string }>();

function passesFilters(doc: SearchDoc, query: ParsedQuery): boolean {
  const { article, highlights } = doc;
  let folded = filterFields.get(article);
  if (!folded)
    filterFields.set(
      article,
      (folded = { tags: article.tags.map(fold), site: fold(`${article.siteName ?? ''}\n${hostOf(article.url)}`) }),
    );
  const { tags, site } = folded;
  if (!query.tags.every((tag) => tags.includes(tag)) || query.notTags.some((tag) => tags.includes(tag))) return false;
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

/** The folded text of each highlight (quote and note), for telling which highlights matched. */
const highlightTexts = new WeakMap<HighlightRecord, string>();

function highlightText(h: HighlightRecord): string {
  let text = highlightTexts.get(h);
  if (text === undefined) highlightTexts.set(h, (text = fold(`${h.selectors.quote.exact}\n${h.note}`)));
  return text;
}

/** When each article was saved, by doc index (built once per library array). */
const savedTimes = new WeakMap<readonly SearchDoc[], Float64Array>();

function savedTimesOf(docs: readonly SearchDoc[]): Float64Array {
  let times = savedTimes.get(docs);
  if (!times) savedTimes.set(docs, (times = Float64Array.from(docs, (doc) => doc.article.createdAt)));
  return times;
}

/**
 * Articles matching `query`, best first (or newest saved first with sort:saved or nothing to rank by); the
 * first `detailed` carry the highlights that matched.
 */
export function searchLibrary(
  docs: readonly SearchDoc[],
  query: ParsedQuery,
  body: BodyScores = () => undefined,
  detailed = 200,
): SearchHit[] {
  const terms = query.clauses.flat();
  const filtered = hasFilters(query);
  const n = docs.length;
  // Score by doc index: each clause adds its best term's; NaN marks an article that fails a clause or is excluded.
  const scores = new Float64Array(n);
  if (query.clauses.length || query.excluded.length) {
    const fields = fieldTextOf(docs);
    for (const clause of query.clauses) {
      let best: Float64Array | null = null;
      for (const term of clause) {
        const termScores = new Float64Array(n);
        addTermScores(fields, term, body(term), termScores);
        if (!best) best = termScores;
        else for (let d = 0; d < n; d++) if (termScores[d]! > best[d]!) best[d] = termScores[d]!;
      }
      for (let d = 0; d < n; d++) scores[d] = best![d]! > 0 ? scores[d]! + best![d]! : NaN;
    }
    for (const term of query.excluded) {
      const termScores = new Float64Array(n);
      addTermScores(fields, term, body(term), termScores);
      for (let d = 0; d < n; d++) if (termScores[d]! > 0) scores[d] = NaN;
    }
  }
  const order: number[] = [];
  for (let d = 0; d < n; d++)
    if (!Number.isNaN(scores[d]) && !(filtered && !passesFilters(docs[d]!, query))) order.push(d);
  // Sorted by numbers in typed arrays: much cheaper than comparing hit objects at thousands of results.
  const saved = savedTimesOf(docs);
  const bySaved = (a: number, b: number) => saved[b]! - saved[a]!;
  order.sort(query.sort === 'saved' || !terms.length ? bySaved : (a, b) => scores[b]! - scores[a]! || bySaved(a, b));
  const hits = order.map((d): SearchHit => ({
    article: docs[d]!.article,
    highlights: docs[d]!.highlights,
    matchingHighlights: [],
    score: scores[d]!,
  }));
  // Which highlights matched is only worked out for the results that will be shown.
  const finders = terms.map((term) => finderOf(term)).filter((find) => find !== null);
  for (const hit of hits.slice(0, detailed)) {
    hit.matchingHighlights = finders.length
      ? hit.highlights.filter((h) => finders.some((find) => find(highlightText(h), 0) >= 0))
      : [];
  }
  return hits;
}
