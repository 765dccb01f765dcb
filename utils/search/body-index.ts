/**
 * The full-text index of article text (issue 4; chosen by bench/search.mjs over whole-index-in-memory libraries,
 * which take seconds to load at 10,000 articles). Postings are stored per term in blocks of up to 1,024
 * articles, with each occurrence's word position, so a search reads only the blocks of its own terms plus one
 * small totals record, and a phrase is matched exactly without reading any article. Ranking is BM25.
 * Index writes happen inside the transaction that writes the article's content (utils/db/articles.ts).
 */
import { db, type SearchBlockRecord, type SearchMetaRecord } from '../db/schema';
import { groupBy } from '../group';
import { fold } from './fold';

/** Articles per postings block: an append touches one small record; a common term spans a few blocks. */
const BLOCK = 1024;
/** BM25 parameters (the usual ones). */
const K1 = 1.2;
const B = 0.75;
/** Terms longer than this are not words (hashes, URLs, base64). */
const MAX_TERM = 40;
/** Most distinct terms a prefix may expand to. */
const MAX_PREFIX_TERMS = 64;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
/** Scripts written without spaces between words. */
export const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** What separates words: anything but letters, digits and marks. */
export const NON_WORD = /[^\p{L}\p{N}\p{M}]+/gu;

/**
 * Folded word tokens of a text. Runs of letters and digits split on everything else (fast); a run holding
 * Chinese or Japanese is split into words by the browser's segmenter, which is ~100 times slower and so kept to
 * those runs.
 */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const run of fold(text).split(NON_WORD)) {
    if (!run || run.length > MAX_TERM) continue;
    if (!CJK.test(run)) out.push(run);
    else for (const { segment, isWordLike } of segmenter.segment(run)) if (isWordLike) out.push(segment);
  }
  return out;
}

/** The tables an index write touches: include them in the transaction that calls it. */
export const INDEX_TABLES = () => [db.searchBlocks, db.searchDocs, db.searchIds, db.searchMeta];

async function meta(): Promise<SearchMetaRecord> {
  // A new build id for an index not yet written, so that no cached document numbers outlive it.
  return (
    (await db.searchMeta.get('meta')) ?? { id: 'meta', build: crypto.randomUUID(), next: 0, count: 0, totalLength: 0 }
  );
}

/** Document numbers per record of `searchIds`: an index write touches one small record. */
const IDS_PER_RECORD = 4096;

/** Article id by document number, as far as this context has read it (document numbers are never reused
 * within one build; a removed article's number keeps its id here, but no postings point at it any more). */
let knownIds: { build: string; ids: Array<string | null> } = { build: '', ids: [] };

/** The article ids of document numbers, reading only the records of numbers added since the last search
 * (inside a transaction over INDEX_TABLES). */
async function idsOf(totals: SearchMetaRecord): Promise<ReadonlyArray<string | null>> {
  if (knownIds.build !== totals.build) knownIds = { build: totals.build, ids: [] };
  const known = knownIds;
  if (known.ids.length < totals.next) {
    const first = Math.floor(known.ids.length / IDS_PER_RECORD);
    const last = Math.floor((totals.next - 1) / IDS_PER_RECORD);
    const records = await db.searchIds.bulkGet(Array.from({ length: last - first + 1 }, (_, i) => first + i));
    records.forEach((record, i) => record?.ids.forEach((id, j) => (known.ids[(first + i) * IDS_PER_RECORD + j] = id)));
    known.ids.length = Math.max(known.ids.length, totals.next);
  }
  return known.ids;
}

/** Records the article id of a document number (null: removed). */
async function setId(docNo: number, articleId: string | null): Promise<void> {
  const block = Math.floor(docNo / IDS_PER_RECORD);
  const record = (await db.searchIds.get(block)) ?? { block, ids: [] };
  record.ids[docNo % IDS_PER_RECORD] = articleId;
  await db.searchIds.put(record);
}

function blocksOf(term: string) {
  return db.searchBlocks.where('[term+block]').between([term, 0], [term, Infinity]);
}

/** Most occurrences of one term in one article that are counted (term frequencies are 16-bit). */
const MAX_TF = 65535;

/** The distinct terms of a text with the word positions where each occurs, and its length in words. */
function termPositions(text: string): { positions: Map<string, number[]>; length: number } {
  const words = tokens(text);
  const positions = new Map<string, number[]>();
  words.forEach((word, at) => {
    const list = positions.get(word);
    if (!list) positions.set(word, [at]);
    else if (list.length < MAX_TF) list.push(at);
  });
  return { positions, length: words.length };
}

/** Appends ascending positions to `out` as variable-length deltas (7 bits a byte). */
function encodePositions(positions: readonly number[], out: number[]): void {
  let previous = 0;
  for (const position of positions) {
    let delta = position - previous;
    previous = position;
    while (delta >= 0x80) {
      out.push((delta & 0x7f) | 0x80);
      delta >>>= 7;
    }
    out.push(delta);
  }
}

/** Reads `count` positions encoded at `bytes[from]` into `out`; returns where the next document's begin. */
function decodePositions(bytes: Uint8Array, from: number, count: number, out: Int32Array): number {
  let at = from;
  let previous = 0;
  for (let n = 0; n < count; n++) {
    let delta = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[at++]!;
      delta |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    previous += delta;
    out[n] = previous;
  }
  return at;
}

/** Where the `count` positions encoded at `bytes[from]` end (each ends with a byte below 0x80). */
function skipPositions(bytes: Uint8Array, from: number, count: number): number {
  let at = from;
  for (let left = count; left > 0; at++) if (bytes[at]! < 0x80) left--;
  return at;
}

/** Where the positions of a block's `index`-th document begin and end in `block.pos`. */
function positionRange(block: SearchBlockRecord, index: number): [number, number] {
  let at = 0;
  for (let i = 0; i < index; i++) at = skipPositions(block.pos, at, block.tfs[i]!);
  return [at, skipPositions(block.pos, at, block.tfs[index]!)];
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * Takes an article out of the index (no-op if it is not in). Its terms are those of its stored text, so call
 * this (inside a transaction over INDEX_TABLES and contents) before that text is replaced or deleted.
 */
export async function unindexArticle(articleId: string): Promise<void> {
  const doc = await db.searchDocs.get(articleId);
  if (!doc) return;
  const totals = await meta();
  const content = await db.contents.get(articleId);
  const { positions, length } = termPositions(content?.text ?? '');
  // All reads issued at once, then one bulk write each way: a thousand awaited round trips cost far more.
  const blocks = (await Promise.all([...positions.keys()].map((term) => blocksOf(term).toArray()))).flat();
  const emptied: Array<[string, number]> = [];
  const changed: SearchBlockRecord[] = [];
  for (const block of blocks) {
    const at = block.docs.indexOf(doc.docNo);
    if (at < 0) continue;
    if (block.docs.length === 1) {
      emptied.push([block.term, block.block]);
      continue;
    }
    const keep = (_: number, i: number) => i !== at;
    const [start, end] = positionRange(block, at);
    const pos = concatBytes(block.pos.subarray(0, start), block.pos.subarray(end));
    changed.push({
      ...block,
      docs: block.docs.filter(keep),
      tfs: block.tfs.filter(keep),
      lens: block.lens.filter(keep),
      pos,
    });
  }
  await Promise.all([db.searchBlocks.bulkDelete(emptied), db.searchBlocks.bulkPut(changed)]);
  // Postings left behind (had the text gone missing) point at an article no longer in the library: never shown.
  await db.searchMeta.put({ ...totals, count: totals.count - 1, totalLength: totals.totalLength - length });
  await setId(doc.docNo, null);
  await db.searchDocs.delete(articleId);
}

/**
 * (Re-)indexes an article's text. Call inside a transaction over INDEX_TABLES and contents, before the new text
 * is stored: the old text tells which postings to take out.
 */
export async function indexArticle(articleId: string, text: string): Promise<void> {
  await unindexArticle(articleId);
  const { positions, length } = termPositions(text);
  const totals = await meta();
  const docNo = totals.next;
  const terms = [...positions];
  const lasts = await Promise.all(terms.map(([term]) => blocksOf(term).last()));
  const blocks = terms.map(([term, at], i): SearchBlockRecord => {
    const encoded: number[] = [];
    encodePositions(at, encoded);
    const last = lasts[i];
    if (!last || last.docs.length >= BLOCK) {
      return {
        term,
        block: last ? last.block + 1 : 0,
        docs: Uint32Array.of(docNo),
        tfs: Uint16Array.of(at.length),
        lens: Uint32Array.of(length),
        pos: Uint8Array.from(encoded),
      };
    }
    return {
      term,
      block: last.block,
      docs: Uint32Array.from([...last.docs, docNo]),
      tfs: Uint16Array.from([...last.tfs, at.length]),
      lens: Uint32Array.from([...last.lens, length]),
      pos: concatBytes(last.pos, Uint8Array.from(encoded)),
    };
  });
  await db.searchBlocks.bulkPut(blocks);
  await db.searchDocs.put({ articleId, docNo });
  await setId(docNo, articleId);
  await db.searchMeta.put({
    ...totals,
    next: docNo + 1,
    count: totals.count + 1,
    totalLength: totals.totalLength + length,
  });
}

/** BM25 of one term in one document. */
function bm25(idf: number, tf: number, length: number, average: number): number {
  return (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / average));
}

const idfOf = (df: number, count: number) => Math.log(1 + (count - df + 0.5) / (df + 0.5));

/** Reads the totals, the document ids and some blocks in one read transaction. */
function readIndex<T>(
  blocks: () => Promise<T>,
): Promise<[SearchMetaRecord, ReadonlyArray<string | null | undefined>, Awaited<T>]> {
  return db.transaction('r', INDEX_TABLES(), async () => {
    const totals = await meta();
    const [ids, read] = await Promise.all([idsOf(totals), blocks()]);
    return [totals, ids, read] as [SearchMetaRecord, ReadonlyArray<string | null | undefined>, Awaited<T>];
  });
}

/**
 * BM25 score by article id for the articles whose text holds `term` (a folded word; with `prefix`, any word
 * starting with it). Several words are a phrase (see searchPhrase).
 */
export async function searchTerm(term: string, prefix = false): Promise<Map<string, number>> {
  const words = tokens(term);
  const scores = new Map<string, number>();
  if (words.length > 1) return searchPhrase(term);
  if (words.length !== 1) return scores;
  const word = words[0]!;
  const [totals, ids, blocks] = await readIndex(() =>
    prefix
      ? db.searchBlocks
          .where('[term+block]')
          .between([word, 0], [`${word}\uffff`, Infinity])
          .limit(MAX_PREFIX_TERMS * 4)
          .toArray()
      : blocksOf(word).toArray(),
  );
  const average = totals.count ? totals.totalLength / totals.count : 1;
  for (const termBlocks of [...groupBy(blocks, (block) => block.term).values()].slice(0, MAX_PREFIX_TERMS)) {
    const idf = idfOf(
      termBlocks.reduce((sum, block) => sum + block.docs.length, 0),
      totals.count,
    );
    for (const block of termBlocks) {
      for (let i = 0; i < block.docs.length; i++) {
        const id = ids[block.docs[i]!];
        if (!id) continue;
        const score = bm25(idf, block.tfs[i]!, block.lens[i]!, average);
        if (score > (scores.get(id) ?? 0)) scores.set(id, score);
      }
    }
  }
  return scores;
}

/** Whether `list[0..length)`, ascending, holds `value`. */
function holds(list: Int32Array, length: number, value: number): boolean {
  let low = 0;
  let high = length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (list[mid] === value) return true;
    if (list[mid]! < value) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

/** A walk through one term's postings, document by document in ascending document number. */
class PostingsCursor {
  private block = 0;
  private index = 0;
  /** Where the current document's positions begin in its block's `pos`. */
  private at = 0;
  /** The current document's positions, once read (`read`). */
  positions = new Int32Array(64);

  constructor(private readonly blocks: readonly SearchBlockRecord[]) {}

  /** The current document number; Infinity past the end. */
  get docNo(): number {
    return this.block < this.blocks.length ? this.blocks[this.block]!.docs[this.index]! : Infinity;
  }

  get tf(): number {
    return this.blocks[this.block]!.tfs[this.index]!;
  }

  get length(): number {
    return this.blocks[this.block]!.lens[this.index]!;
  }

  /** On to the next document (its positions skipped unread). */
  next(): void {
    const block = this.blocks[this.block]!;
    this.at = skipPositions(block.pos, this.at, block.tfs[this.index]!);
    if (++this.index === block.docs.length) {
      this.block++;
      this.index = 0;
      this.at = 0;
    }
  }

  /** Reads the current document's positions into `positions` (its first `tf` entries). */
  read(): void {
    const tf = this.tf;
    if (this.positions.length < tf) this.positions = new Int32Array(Math.max(tf, this.positions.length * 2));
    decodePositions(this.blocks[this.block]!.pos, this.at, tf, this.positions);
  }
}

/**
 * Articles whose text holds the words of `phrase` next to each other and in order (punctuation between them
 * does not count), scored by the sum of the words' BM25: matched from the stored positions, no text is read.
 * The words' postings are walked together (they are in document order); only documents holding every word
 * have their positions read.
 */
export async function searchPhrase(phrase: string): Promise<Map<string, number>> {
  const words = tokens(phrase);
  const scores = new Map<string, number>();
  if (!words.length) return scores;
  const distinct = [...new Set(words)];
  const [totals, ids, lists] = await readIndex(() => Promise.all(distinct.map((word) => blocksOf(word).toArray())));
  if (lists.some((blocks) => !blocks.length)) return scores;
  const average = totals.count ? totals.totalLength / totals.count : 1;
  const idfs = lists.map((blocks) =>
    idfOf(
      blocks.reduce((sum, block) => sum + block.docs.length, 0),
      totals.count,
    ),
  );
  const cursors = lists.map((blocks) => new PostingsCursor(blocks));
  const cursorOf = words.map((word) => cursors[distinct.indexOf(word)]!);
  for (;;) {
    let target = 0;
    for (const cursor of cursors) target = Math.max(target, cursor.docNo);
    if (target === Infinity) break;
    for (const cursor of cursors) while (cursor.docNo < target) cursor.next();
    if (cursors.some((cursor) => cursor.docNo !== target)) continue;
    for (const cursor of cursors) cursor.read();
    const first = cursorOf[0]!;
    let found = false;
    for (let s = 0; s < first.tf && !found; s++) {
      const start = first.positions[s]!;
      found = cursorOf.every((cursor, k) => k === 0 || holds(cursor.positions, cursor.tf, start + k));
    }
    const id = ids[target];
    if (found && id)
      scores.set(
        id,
        cursors.reduce((sum, cursor, w) => sum + bm25(idfs[w]!, cursor.tf, cursor.length, average), 0),
      );
    for (const cursor of cursors) cursor.next();
  }
  return scores;
}

/** How many articles the index covers, against how many have content: a mismatch asks for a rebuild. */
export async function indexCoverage(): Promise<{ indexed: number; total: number }> {
  const [totals, total] = await Promise.all([meta(), db.contents.count()]);
  return { indexed: totals.count, total };
}

/**
 * Rebuilds the whole index from the stored content, reporting progress. Built in memory, then written in
 * batches; the library stays usable meanwhile.
 */
export async function rebuildIndex(onProgress: (done: number, total: number) => void = () => {}): Promise<void> {
  const total = await db.contents.count();
  const postings = new Map<string, { docs: number[]; tfs: number[]; lens: number[]; pos: number[][] }>();
  const ids: string[] = [];
  const docs: Array<{ articleId: string; docNo: number }> = [];
  let totalLength = 0;
  await db.contents.each((content) => {
    const { positions, length } = termPositions(content.text);
    const docNo = ids.length;
    ids.push(content.articleId);
    docs.push({ articleId: content.articleId, docNo });
    totalLength += length;
    for (const [term, at] of positions) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = { docs: [], tfs: [], lens: [], pos: [[]] }));
      if (list.docs.length % BLOCK === 0 && list.docs.length) list.pos.push([]);
      list.docs.push(docNo);
      list.tfs.push(at.length);
      list.lens.push(length);
      encodePositions(at, list.pos.at(-1)!);
    }
    if (docNo % 100 === 0) onProgress(docNo, total);
  });
  const blocks: SearchBlockRecord[] = [];
  for (const [term, list] of postings) {
    for (let i = 0, block = 0; i < list.docs.length; i += BLOCK, block++) {
      blocks.push({
        term,
        block,
        docs: Uint32Array.from(list.docs.slice(i, i + BLOCK)),
        tfs: Uint16Array.from(list.tfs.slice(i, i + BLOCK)),
        lens: Uint32Array.from(list.lens.slice(i, i + BLOCK)),
        pos: Uint8Array.from(list.pos[block]!),
      });
    }
  }
  await db.transaction('rw', INDEX_TABLES(), async () => {
    await Promise.all(INDEX_TABLES().map((table) => table.clear()));
    await db.searchBlocks.bulkPut(blocks);
    await db.searchDocs.bulkPut(docs);
    const records = Array.from({ length: Math.ceil(ids.length / IDS_PER_RECORD) }, (_, block) => ({
      block,
      ids: ids.slice(block * IDS_PER_RECORD, (block + 1) * IDS_PER_RECORD),
    }));
    await db.searchIds.bulkPut(records);
    await db.searchMeta.put({
      id: 'meta',
      build: crypto.randomUUID(),
      next: ids.length,
      count: ids.length,
      totalLength,
    });
  });
  onProgress(total, total);
}
