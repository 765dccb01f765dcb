/**
 * Runs a parsed query over the library: metadata, page notes, tags and highlights in memory, plus the article
 * text through the full-text index (`body`, see index/ and run-search.ts), whose BM25 scores add to the
 * field weights. Fields match the way the index does (see finderOf).
 */
import type { ArticleRecord } from '../records/types';
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
  type SearchHighlight,
} from './field-text';
import { fold } from './fold';
import type { ParsedQuery, Sort, Term } from './query';

export type { SearchDoc } from './field-text';

/** A matching article, the highlights that matched, and how well it matched. */
export interface SearchHit extends SearchDoc {
  matchingHighlights: readonly SearchHighlight[];
  score: number;
}

/** Article-text scores of one term (from the full-text index). */
export type BodyScores = (term: Term) => TextScores | undefined;

/** Whether the code unit at `at` is a word character (false outside the text). */
const isWordAt = (text: string, at: number) => at >= 0 && at < text.length && isWordCode(text.charCodeAt(at));

/**
 * Whether folded text holds a term: a word whole, the word being typed as a prefix, a phrase word after word with
 * anything but letters and digits between them, Chinese or Japanese (written without spaces) anywhere.
 */
type Finder = (text: string) => boolean;

function finderOf(term: Term, words = term.text.split(NON_WORD).filter(Boolean)): Finder | null {
  if (!words.length) return null;
  const cjk = CJK.test(term.text);
  const bounded = (text: string, at: number, end: number) =>
    cjk || (!isWordAt(text, at - 1) && (term.prefix || !isWordAt(text, end)));
  if (words.length === 1) {
    const word = words[0]!;
    return (text) => {
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1))
        if (bounded(text, at, at + word.length)) return true;
      return false;
    };
  }
  // One regular expression, tested without a match array: a phrase of common words is tested in thousands of
  // fields at 50,000 articles. It begins with the first word so that the engine scans for it natively; the
  // lookbehind just after it is the word boundary before it.
  const escaped = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const before = cjk ? '' : `(?<![\\p{L}\\p{N}\\p{M}]${escaped[0]})`;
  const after = cjk || term.prefix ? '' : '(?![\\p{L}\\p{N}\\p{M}])';
  const rest = escaped.slice(1).map((word) => `[^\\p{L}\\p{N}\\p{M}\\u0000]+${word}`);
  const phrase = new RegExp(`${escaped[0]}${before}${rest.join('')}${after}`, 'u');
  return (text) => phrase.test(text);
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
        if (find(fields.segments[segment]!)) add(segment);
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
    Object.keys(query.is).length > 0 ||
    query.after !== null ||
    query.before !== null
  );
}

/** Folded tags and site (name and host) by article record, for the filters. */
const filterFields = new WeakMap<ArticleRecord, { tags: string[]; site: string }>();

function passesFilters(doc: SearchDoc, query: ParsedQuery): boolean {
  const { article, highlights } = doc;
  // The states first: a view's filter (the inbox: -is:archived) is checked at every article, most searches.
  const { archived, favourite, read } = query.is;
  if (archived !== undefined && archived !== (article.archivedAt !== undefined)) return false;
  if (favourite !== undefined && favourite !== (article.favouriteAt !== undefined)) return false;
  if (read !== undefined && read !== (article.readAt !== undefined)) return false;
  if (query.after !== null && article.createdAt < query.after) return false;
  if (query.before !== null && article.createdAt > query.before) return false;
  if (query.tags.length || query.notTags.length || query.sites.length || query.notSites.length) {
    let folded = filterFields.get(article);
    if (!folded)
      filterFields.set(
        article,
        (folded = { tags: article.tags.map(fold), site: fold(`${article.siteName ?? ''}\n${hostOf(article.url)}`) }),
      );
    const { tags, site } = folded;
    if (!query.tags.every((tag) => tags.includes(tag)) || query.notTags.some((tag) => tags.includes(tag))) return false;
    if (!query.sites.every((s) => site.includes(s)) || query.notSites.some((s) => site.includes(s))) return false;
  }
  if (query.colors.length && !query.colors.every((color) => highlights.some((h) => h.color === color))) return false;
  if (query.has.highlights !== undefined && query.has.highlights !== highlights.length > 0) return false;
  if (query.has.note !== undefined) {
    const hasNote = article.note.trim() !== '' || highlights.some((h) => h.note.trim() !== '');
    if (query.has.note !== hasNote) return false;
  }
  return true;
}

/** The folded text of each highlight (quote and note), for telling which highlights matched. */
const highlightTexts = new WeakMap<SearchHighlight, string>();

function highlightText(h: SearchHighlight): string {
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

/** The keys of the orders other than by score and by date, by doc index (built once per library array): the
 * position of each article's title and site among all of them (a collator, once, not at each comparison),
 * when each was last opened, and how long each takes to read. */
const orderKeys = new WeakMap<
  readonly SearchDoc[],
  { title: Int32Array; site: Int32Array; opened: Float64Array; length: Float64Array }
>();

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Each doc's place when all are put in order by `key`. */
function ranksBy(docs: readonly SearchDoc[], key: (doc: SearchDoc) => string): Int32Array {
  const keys = docs.map(key);
  const order = Int32Array.from(docs.keys()).sort((a, b) => collator.compare(keys[a]!, keys[b]!));
  const ranks = new Int32Array(docs.length);
  // Keys the collator holds equal share a place (their order is then the tie-break's).
  order.forEach((doc, i) => {
    const before = order[i - 1];
    ranks[doc] = i > 0 && collator.compare(keys[before!]!, keys[doc]!) === 0 ? ranks[before!]! : i;
  });
  return ranks;
}

function orderKeysOf(docs: readonly SearchDoc[]) {
  let keys = orderKeys.get(docs);
  if (!keys) {
    keys = {
      title: ranksBy(docs, (doc) => doc.article.title),
      site: ranksBy(docs, (doc) => doc.article.siteName ?? hostOf(doc.article.url)),
      opened: Float64Array.from(docs, (doc) => doc.article.openedAt ?? -Infinity),
      length: Float64Array.from(docs, (doc) => doc.article.readingMinutes),
    };
    orderKeys.set(docs, keys);
  }
  return keys;
}

/** The comparator of doc indexes for `sort` (ties: newest saved first). */
function comparator(
  docs: readonly SearchDoc[],
  sort: Sort,
  ranked: boolean,
  bySaved: (a: number, b: number) => number,
  byScore: (a: number, b: number) => number,
): (a: number, b: number) => number {
  if (sort === 'relevance') return ranked ? byScore : bySaved;
  if (sort === 'newest') return bySaved;
  if (sort === 'oldest') return (a, b) => bySaved(b, a);
  const keys = orderKeysOf(docs);
  if (sort === 'opened') {
    const { opened } = keys;
    return (a, b) => (opened[b]! > opened[a]! ? 1 : opened[b]! < opened[a]! ? -1 : bySaved(a, b));
  }
  const ascending = sort === 'title' ? keys.title : sort === 'site' ? keys.site : keys.length;
  return (a, b) => (ascending[a]! < ascending[b]! ? -1 : ascending[a]! > ascending[b]! ? 1 : bySaved(a, b));
}

/** Results ranked when the search runs: more than a page shows, fewer than a common word matches. */
const TOP = 200;

/**
 * The results of a search: the matching articles by their index in the library array, best first. Only the
 * first TOP are put in order when the search runs, and a result becomes a SearchHit only when it is shown: at
 * 50,000 articles a common word matches 45,000, and sorting them all and making an object of each, at every
 * keystroke, was most of a search's time and what made the collector pause the page.
 */
export class Ranking {
  private ordered: Int32Array;
  /** Whether `ordered` holds every match, not only the first TOP. */
  private complete: boolean;

  constructor(
    readonly docs: readonly SearchDoc[],
    /** The matching articles' indexes in `docs`, in no order. */
    readonly matches: Int32Array,
    /** Negative when the article at index `a` ranks before the one at `b`. */
    private readonly compare: (a: number, b: number) => number,
    private readonly scores: Float64Array,
    /** Finders of the query's words, for the highlights that matched (see hits). */
    private readonly finders: readonly Finder[],
  ) {
    this.complete = matches.length <= TOP;
    this.ordered = this.complete ? matches.slice().sort(compare) : topOf(matches, TOP, compare);
  }

  get length(): number {
    return this.matches.length;
  }

  /** The indexes in `docs` of the results up to `to`, in rank order (all are sorted the first time more than
   * the first TOP are asked for). */
  private orderedTo(to: number): Int32Array {
    if (to > this.ordered.length && !this.complete) {
      this.ordered = this.matches.slice().sort(this.compare);
      this.complete = true;
    }
    return this.ordered;
  }

  /** The results from `from` to `to` (in rank order), with the highlights that matched. */
  hits(from = 0, to = this.length): SearchHit[] {
    return Array.from(this.orderedTo(to).subarray(from, to), (d) => {
      const { article, highlights } = this.docs[d]!;
      const matchingHighlights = this.finders.length
        ? highlights.filter((h) => this.finders.some((find) => find(highlightText(h))))
        : NONE;
      return { article, highlights, matchingHighlights, score: this.scores[d]! };
    });
  }

  /** The ids of every result, in rank order (for a selection or an export). */
  ids(): string[] {
    return Array.from(this.orderedTo(this.length), (d) => this.docs[d]!.article.id);
  }
}

/** The matching highlights of a query without words: one empty list, not one per result. */
const NONE: readonly SearchHighlight[] = [];

/** The `k` first of `items` by `compare`, in order: a heap of the k best seen so far, its worst on top. */
function topOf(items: Int32Array, k: number, compare: (a: number, b: number) => number): Int32Array {
  const heap = new Int32Array(k);
  let size = 0;
  // The heap puts on top the item that ranks last: a "parent" ranks after its children.
  const sift = (at: number) => {
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let worst = at;
      if (left < size && compare(heap[left]!, heap[worst]!) > 0) worst = left;
      if (right < size && compare(heap[right]!, heap[worst]!) > 0) worst = right;
      if (worst === at) return;
      [heap[at], heap[worst]] = [heap[worst]!, heap[at]!];
      at = worst;
    }
  };
  for (const item of items) {
    if (size < k) {
      let at = size++;
      heap[at] = item;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (compare(heap[at]!, heap[parent]!) <= 0) break;
        [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
        at = parent;
      }
    } else if (compare(item, heap[0]!) < 0) {
      heap[0] = item;
      sift(0);
    }
  }
  return heap.subarray(0, size).sort(compare);
}

/**
 * Articles matching `query`, in its order: best first (newest saved first with nothing to rank by), or by sort:….
 */
export function rankLibrary(
  docs: readonly SearchDoc[],
  query: ParsedQuery,
  body: BodyScores = () => undefined,
): Ranking {
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
  const matches = new Int32Array(n);
  let count = 0;
  for (let d = 0; d < n; d++)
    if (!Number.isNaN(scores[d]) && !(filtered && !passesFilters(docs[d]!, query))) matches[count++] = d;
  // The comparators answer -1, 0 or 1: a difference of scores or of times is a double, and each one returned
  // is a number allocated on the heap (megabytes a keystroke at thousands of results, for the collector).
  const saved = savedTimesOf(docs);
  const bySaved = (a: number, b: number) => (saved[b]! > saved[a]! ? 1 : saved[b]! < saved[a]! ? -1 : a - b);
  const byScore = (a: number, b: number) =>
    scores[b]! > scores[a]! ? 1 : scores[b]! < scores[a]! ? -1 : bySaved(a, b);
  const finders = terms.map((term) => finderOf(term)).filter((find) => find !== null);
  return new Ranking(
    docs,
    matches.slice(0, count),
    comparator(docs, query.sort, terms.length > 0, bySaved, byScore),
    scores,
    finders,
  );
}
