/**
 * The in-memory half of a search reads an article's fields (title, tags, highlights, site, note, excerpt), not
 * its text: each article's fields folded, and which fields hold each word. Built once per library array (the
 * search page gets a new array when anything in the library changes), in slices when the page asks for it
 * ahead (`prepareFieldText`), so that a keystroke at 50,000 articles finds a word's fields by a lookup instead
 * of scanning 40 MB of text, and the page never freezes while it is built.
 */
import type { ArticleRecord, HighlightRecord } from '../records/types';
import { timeSlices } from '../time-slices';
import { fold, NOT_ASCII } from './fold';
import type { Term } from './query';

/**
 * What the library page keeps of a highlight: what it shows and searches (the quote, colour and note), not its
 * context and position, which only find it on the page. A page holds every highlight of the library (250,000
 * at 50,000 articles), and the rest of each record was half of them. Never written back: not a record.
 */
export type SearchHighlight = Pick<
  HighlightRecord,
  'id' | 'articleId' | 'color' | 'note' | 'createdAt' | 'updatedAt'
> & {
  selectors: { quote: Pick<HighlightRecord['selectors']['quote'], 'exact'> };
  /** Where it starts in its article's text, when known (the Highlights view grouped by article orders by it). */
  start?: number;
};

/** A stored highlight as the library page keeps it (SearchHighlight), made of the record's own values only. */
export function searchHighlight(record: HighlightRecord, articleId = record.articleId): SearchHighlight {
  const { id, color, note, createdAt, updatedAt } = record;
  return {
    id,
    articleId,
    color,
    note,
    createdAt,
    updatedAt,
    selectors: { quote: { exact: record.selectors.quote.exact } },
    ...(record.selectors.position && { start: record.selectors.position.start }),
  };
}

/** An article with its highlights, as searched. */
export interface SearchDoc {
  article: ArticleRecord;
  highlights: readonly SearchHighlight[];
}

/** What a match in each field counts, in the order of `rawFields`. */
export const WEIGHTS = [5, 3, 3, 2, 2, 1] as const;
export const FIELDS = WEIGHTS.length;

/** Stored URLs are normalized (utils/url.ts): the host is what lies between "//" and the path. */
export const hostOf = (url: string) => /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#:]*)/i.exec(url)?.[1] ?? '';

/** The searchable fields of an article, unfolded, in the order of WEIGHTS. */
function rawFields(doc: SearchDoc): string[] {
  const { article } = doc;
  return [
    article.title,
    article.tags.join('\n'),
    doc.highlights.map((h) => `${h.selectors.quote.exact}\n${h.note}`).join('\n'),
    `${article.siteName ?? ''}\n${hostOf(article.url)}\n${article.byline ?? ''}`,
    article.note,
    article.excerpt ?? '',
  ];
}

/** Letters, digits and marks: what words are made of, here as in the full-text index (index/tokens.ts). */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** Word (2) or not (1) for each UTF-16 code unit, found once (0: not yet). A lone surrogate is not a word
 * character, as `WORD_CHAR.test` of one code unit says. */
const codeKinds = new Uint8Array(0x10000);

export function isWordCode(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  let kind = codeKinds[code]!;
  if (!kind) codeKinds[code] = kind = WORD_CHAR.test(String.fromCharCode(code)) ? 2 : 1;
  return kind === 2;
}

/** Field k of article d (at index d of the library array) is segment `d * FIELDS + k`. */
export interface FieldText {
  /** Each segment's folded text. */
  segments: string[];
  /** Article id → index in the library array. */
  indexOf: Map<string, number>;
  /** Each word (a longest run of word characters, folded) → its number, whose segments are `postings` from
   * `offsets[n]` to `offsets[n + 1]`, ascending, once each. Numbers in typed arrays: hundreds of thousands of
   * small arrays would be for the garbage collector to trace at every full collection, pausing the page. */
  words: Map<string, number>;
  offsets: Int32Array;
  postings: Int32Array;
  /** The words by their first code unit, and by their first two: where a prefix looks for the words it begins. */
  byStart: Map<string, string[]>;
  /** Made from the FieldText of the library before (the same articles but a few), not built afresh. */
  derived: boolean;
}

/** Between fields while folding many at once; never part of a word, and removed from the fields themselves. */
const SEPARATOR = '\u0000';

/** Each article's folded fields, kept per doc object: a library array that differs from the last by a few
 * articles (a save elsewhere) folds only those, not 50,000 articles' fields again. */
const foldedDocs = new WeakMap<SearchDoc, string[]>();

/** Characters beyond ASCII that are no part of a word (curly quotes, dashes, spaces, emoji): a space to every
 * finder, and written as one in the folded fields. */
// eslint-disable-next-line no-control-regex -- the ASCII range, NUL included, is the point
const WIDE_SEPARATOR = /[^\p{L}\p{N}\p{M}\u0000-\u007f]/gu;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A doc's folded fields as kept: with WIDE_SEPARATOR's characters as spaces, and re-made as a string of one byte
 * a character when that leaves them plain ASCII. A string built from text with one curly quote anywhere is held
 * at two bytes a character, and so were nearly all fields (90 MB of them at 50,000 articles, the search page's
 * largest part); the browser's decoder makes one-byte strings of ASCII.
 */
function compactFields(fields: string[]): string[] {
  const joined = fields.join(SEPARATOR).replace(WIDE_SEPARATOR, ' ');
  const compact = NOT_ASCII.test(joined) ? joined : decoder.decode(encoder.encode(joined));
  const out = compact.split(SEPARATOR);
  // A field holding the separator (never, as fields are cleaned of it) would shift the others: kept as it is.
  return out.length === FIELDS ? out : fields;
}

/** Folds the fields of `docs` in one call (far cheaper than one per field) and keeps each doc's. */
function foldDocs(docs: readonly SearchDoc[]): void {
  const clean = (field: string) => (field.includes(SEPARATOR) ? field.replaceAll(SEPARATOR, ' ') : field);
  const raw = docs.map((doc) => rawFields(doc).map(clean));
  const segments = fold(raw.map((fields) => fields.join(SEPARATOR)).join(SEPARATOR)).split(SEPARATOR);
  docs.forEach((doc, d) =>
    foldedDocs.set(
      doc,
      compactFields(
        // Folding never makes or removes a separator; should it, that doc is folded alone.
        segments.length === docs.length * FIELDS
          ? segments.slice(d * FIELDS, (d + 1) * FIELDS)
          : raw[d]!.map((field) => fold(field)),
      ),
    ),
  );
}

/** Articles folded and indexed between two looks at the clock (folding many at once is what makes it cheap;
 * a huge string at once, 40 MB at 50,000 articles, is slow again). */
const CHUNK = 400;

/** Calls `onWord` with each word of a folded field: its longest runs of word characters. */
function forEachWord(text: string, onWord: (word: string) => void): void {
  let start = -1;
  for (let at = 0; at <= text.length; at++) {
    const word = at < text.length && isWordCode(text.charCodeAt(at));
    if (word && start < 0) start = at;
    else if (!word && start >= 0) {
      onWord(text.slice(start, at));
      start = -1;
    }
  }
}

/** Adds to `lists` the words of the docs at `indexes` of `docs` (ascending, after any already in `lists`), each
 * with the segments holding it, ascending; `onNewWord` is told of each word that was not in `lists`. */
function addWords(
  lists: Map<string, number[]>,
  docs: readonly SearchDoc[],
  indexes: Iterable<number>,
  onNewWord: (word: string) => void,
) {
  for (const d of indexes) {
    foldedDocs.get(docs[d]!)!.forEach((text, k) => {
      const segment = d * FIELDS + k;
      forEachWord(text, (word) => {
        let list = lists.get(word);
        if (!list) {
          lists.set(word, (list = []));
          onNewWord(word);
        }
        if (list[list.length - 1] !== segment) list.push(segment);
      });
    });
  }
  return lists;
}

/** The prefixes a word is looked up by: its first code unit, and its first two. */
const startsOf = (word: string) => (word.length > 1 ? [word[0]!, word.slice(0, 2)] : [word]);

/** Each segment's folded text and each article's index, for `docs` (all folded already). */
function placesOf(docs: readonly SearchDoc[]): Pick<FieldText, 'segments' | 'indexOf'> {
  const segments = new Array<string>(docs.length * FIELDS);
  const indexOf = new Map<string, number>();
  docs.forEach((doc, d) => {
    indexOf.set(doc.article.id, d);
    foldedDocs.get(doc)!.forEach((text, k) => (segments[d * FIELDS + k] = text));
  });
  return { segments, indexOf };
}

/** Folds the articles of `docs` not folded yet. */
function foldMissing(docs: readonly SearchDoc[]): void {
  const missing = docs.filter((doc) => !foldedDocs.has(doc));
  if (missing.length) foldDocs(missing);
}

/** The last FieldText built and its library array: the next array (most often the same articles but the few a
 * save or a highlight changed) is derived from it. */
let latest: { docs: readonly SearchDoc[]; fields: FieldText } | null = null;

function keep(docs: readonly SearchDoc[], fields: FieldText): FieldText {
  built.set(docs, fields);
  latest = { docs, fields };
  return fields;
}

/** Builds the FieldText of `docs`, yielding after each chunk of articles: derived from the last one built when
 * that was for nearly the same articles, else afresh. */
function* building(docs: readonly SearchDoc[]): Generator<void, FieldText, void> {
  if (latest) {
    const derived = yield* deriving(latest, docs);
    if (derived) return derived;
  }
  const byStart = new Map<string, string[]>();
  const lists = new Map<string, number[]>();
  for (let from = 0; from < docs.length; from += CHUNK) {
    foldMissing(docs.slice(from, from + CHUNK));
    const chunk = Array.from({ length: Math.min(CHUNK, docs.length - from) }, (_, i) => from + i);
    addWords(lists, docs, chunk, (word) => {
      for (const start of startsOf(word)) {
        const bucket = byStart.get(start);
        if (bucket) bucket.push(word);
        else byStart.set(start, [word]);
      }
    });
    yield;
  }
  const words = new Map<string, number>();
  const offsets = new Int32Array(lists.size + 1);
  let n = 0;
  for (const [word, list] of lists) {
    words.set(word, n);
    offsets[n + 1] = offsets[n]! + list.length;
    n++;
  }
  const postings = new Int32Array(offsets[n]!);
  n = 0;
  for (const list of lists.values()) postings.set(list, offsets[n++]);
  return { ...placesOf(docs), words, offsets, postings, byStart, derived: false };
}

/** Segments whose word lists are carried over between two looks at the clock, when deriving. */
const DERIVE_CHUNK = 400_000;

/**
 * The FieldText of `docs` made from that of `before` (`old`), when `docs` holds the same doc objects in the same
 * order but for some removed, replaced or added (what the library page's reload after a change gives): each
 * word's list is carried over with the kept articles' new indexes, and merged with the words of the new
 * articles alone. Hundreds of times cheaper than building afresh at 50,000 articles, where every save or
 * highlight made elsewhere would fold and split every article's fields again. Null when `docs` is not such a
 * change (another order; much changed).
 */
function* deriving(
  { docs: before, fields: old }: { docs: readonly SearchDoc[]; fields: FieldText },
  docs: readonly SearchDoc[],
): Generator<void, FieldText | null, void> {
  // The new index of each article kept (-1: removed or changed), and the indexes of the new ones.
  const moved = new Int32Array(before.length).fill(-1);
  const added: number[] = [];
  let last = -1;
  for (let d = 0; d < docs.length; d++) {
    const was = old.indexOf.get(docs[d]!.article.id);
    if (was === undefined || before[was] !== docs[d]) added.push(d);
    else if (was < last) return null;
    else moved[(last = was)] = d;
  }
  if (added.length * 4 > docs.length) return null;
  foldMissing(added.map((d) => docs[d]!));
  // Words new to the library are numbered after the others, and added to copies of the maps (`old` may still
  // be searched) and of the prefix buckets they go in.
  let words = old.words;
  let byStart = old.byStart;
  const copied = new Set<string>();
  const fresh = addWords(new Map(), docs, added, (word) => {
    if (old.words.has(word)) return;
    if (words === old.words) [words, byStart] = [new Map(old.words), new Map(old.byStart)];
    words.set(word, words.size);
    for (const start of startsOf(word)) {
      const bucket = byStart.get(start);
      if (!bucket) byStart.set(start, [word]);
      else if (copied.has(start)) bucket.push(word);
      else byStart.set(start, [...bucket, word]);
      copied.add(start);
    }
  });
  yield;
  let freshSize = 0;
  for (const list of fresh.values()) freshSize += list.length;
  const offsets = new Int32Array(words.size + 1);
  const postings = new Int32Array(old.offsets[old.words.size]! + freshSize);
  let at = 0;
  let carried = 0;
  for (const [word, n] of words) {
    const extra = fresh.get(word);
    let e = 0;
    if (n < old.words.size) {
      // The old list with the kept articles' new indexes (ascending still: their order is kept), the new
      // articles' segments merged in.
      const end = old.offsets[n + 1]!;
      for (let i = old.offsets[n]!; i < end; i++) {
        const segment = old.postings[i]!;
        const d = moved[(segment / FIELDS) | 0]!;
        if (d < 0) continue;
        const now = d * FIELDS + (segment % FIELDS);
        if (extra) while (e < extra.length && extra[e]! < now) postings[at++] = extra[e++]!;
        postings[at++] = now;
      }
      carried += end - old.offsets[n]!;
    }
    if (extra) while (e < extra.length) postings[at++] = extra[e++]!;
    offsets[n + 1] = at;
    if (carried > DERIVE_CHUNK) {
      carried = 0;
      yield;
    }
  }
  return { ...placesOf(docs), words, offsets, postings, byStart, derived: true };
}

/** The segments holding `word` (empty if none does). */
function segmentsHolding(fields: FieldText, word: string): Int32Array {
  const n = fields.words.get(word);
  return n === undefined ? EMPTY : fields.postings.subarray(fields.offsets[n], fields.offsets[n + 1]);
}

const EMPTY = new Int32Array(0);

/** Built, by library array. */
const built = new WeakMap<readonly SearchDoc[], FieldText>();
/** The one being built in slices: a newer library array stops it. */
let pending: { docs: readonly SearchDoc[]; done: Promise<FieldText> } | null = null;

/** Thrown to whoever waits for a FieldText of a library array that a newer one replaced. */
export class FieldTextReplaced extends Error {}

/** The FieldText of `docs`, built now if it is not already. */
export function fieldTextOf(docs: readonly SearchDoc[]): FieldText {
  const ready = built.get(docs);
  if (ready) return ready;
  const steps = building(docs);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return keep(docs, step.value);
}

/**
 * The FieldText of `docs`, built in slices (of `sliceMs`) between which the page paints and takes input. Asking for
 * a newer library array stops a build still running for an older one (which rejects with FieldTextReplaced).
 */
export function prepareFieldText(docs: readonly SearchDoc[], sliceMs = 30): Promise<FieldText> {
  const ready = built.get(docs);
  if (ready) return Promise.resolve(ready);
  if (pending?.docs === docs) return pending.done;
  const job = { docs } as { docs: readonly SearchDoc[]; done: Promise<FieldText> };
  pending = job;
  job.done = (async () => {
    const slices = timeSlices(sliceMs);
    const steps = building(docs);
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return keep(docs, step.value);
      if (slices.due) {
        await slices.pause();
        if (pending !== job) throw new FieldTextReplaced();
      }
    }
  })().finally(() => {
    if (pending === job) pending = null;
  });
  return job.done;
}

/** Each FieldText's index in the library array by document number of the full-text index, for the ids it was
 * made for (their array grows in place as articles are indexed; a new build is a new array). */
const docIndexCache = new WeakMap<FieldText, { ids: ReadonlyArray<unknown>; length: number; at: Int32Array }>();

/** The index in the library array of each document number's article (-1: not in it, or removed). */
export function docIndexes(fields: FieldText, ids: ReadonlyArray<string | null | undefined>): Int32Array {
  const kept = docIndexCache.get(fields);
  if (kept?.ids === ids && kept.length === ids.length) return kept.at;
  const at = new Int32Array(ids.length);
  for (let docNo = 0; docNo < ids.length; docNo++) {
    const id = ids[docNo];
    at[docNo] = id ? (fields.indexOf.get(id) ?? -1) : -1;
  }
  docIndexCache.set(fields, { ids, length: ids.length, at });
  return at;
}

/** The words of the index that begin with `prefix`. */
function wordsStarting(fields: FieldText, prefix: string): string[] {
  if (prefix.length === 1) return fields.byStart.get(prefix) ?? [];
  return (fields.byStart.get(prefix.slice(0, 2)) ?? []).filter((word) => word.startsWith(prefix));
}

/**
 * Where `term` can be: the segments that hold its words (the last one as a prefix when it is being typed).
 * `exact` when every one of them holds the term (one word); otherwise each must still be checked (a phrase
 * needs its words in order). Null when the words cannot be looked up (Chinese or Japanese, found anywhere in a
 * word; a character that is no word character to the index): then every segment must be checked.
 */
export function segmentsOf(
  fields: FieldText,
  term: Term,
  words: readonly string[],
): { segments: Iterable<number>; exact: boolean } | null {
  if (!words.length) return { segments: [], exact: true };
  // (A phrase of hundreds of words, pasted, is checked everywhere: `intersection` counts in bytes.)
  if (words.length > 200) return null;
  for (const word of words) for (let i = 0; i < word.length; i++) if (!isWordCode(word.charCodeAt(i))) return null;
  const lists = words.map((word, i) => {
    if (!(term.prefix && i === words.length - 1)) return segmentsHolding(fields, word);
    const starting = wordsStarting(fields, word);
    return starting.length === 1 ? segmentsHolding(fields, starting[0]!) : union(fields, starting);
  });
  if (lists.length === 1) return { segments: lists[0]!, exact: true };
  return { segments: intersection(fields, lists), exact: false };
}

/** The segments holding any of `words` (each word's list is ascending; the union need not be). */
function union(fields: FieldText, words: readonly string[]): number[] {
  const seen = new Uint8Array(fields.segments.length);
  const segments: number[] = [];
  for (const word of words)
    for (const segment of segmentsHolding(fields, word))
      if (!seen[segment]) {
        seen[segment] = 1;
        segments.push(segment);
      }
  return segments;
}

/** The segments in every one of `lists` (each holding a segment once). */
function intersection(fields: FieldText, lists: ReadonlyArray<ArrayLike<number>>): number[] {
  const ordered = [...lists].sort((a, b) => a.length - b.length);
  if (!ordered[0]!.length) return [];
  // How many of the lists so far hold each segment; 255 lists is more than any query has words.
  const held = new Uint8Array(fields.segments.length);
  ordered.forEach((list, i) => {
    for (let j = 0; j < list.length; j++) if (held[list[j]!] === i) held[list[j]!] = i + 1;
  });
  return Array.prototype.filter.call(ordered[0]!, (segment: number) => held[segment] === ordered.length) as number[];
}
