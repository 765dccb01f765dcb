/**
 * The full-text index's storage (schema v3: `searchBlocks`, `searchDocs`, `searchIds`, `searchMeta`): its reads,
 * and its writes, which happen inside the transaction that writes the article's content (articles.ts) or, for a
 * rebuild, in one transaction of their own. How the postings are encoded is utils/search/index/postings.ts;
 * how they are searched, the rest of utils/search/index/.
 */
import { concatBytes } from '../bytes';
import { BlockCache } from './block-cache';
import { BLOCK, encodePositions, positionRange } from '../search/index/postings';
import { termPositions } from '../search/index/tokens';
import { groupBy } from '../group';
import { db, type SearchBlockRecord, type SearchDocRecord, type SearchMetaRecord } from './schema';

/** The tables an index write touches: include them in the transaction that calls it. */
export const INDEX_TABLES = () => [db.searchBlocks, db.searchDocs, db.searchIds, db.searchMeta];

/** The index's totals (a fresh, empty set for an index not yet written). */
export async function readTotals(): Promise<SearchMetaRecord> {
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

/** Every postings block of `term`, in block order. */
export function termBlocks(term: string): Promise<SearchBlockRecord[]> {
  return blocksOf(term).toArray();
}

/**
 * The postings blocks of the words that start with `prefix`, each word's together, read within a budget: all
 * of them when at most `maxTerms` words of at most `maxBlocks` blocks in all do (`complete`). Otherwise the
 * words with the most blocks (the most articles) that fit, and `complete` is false: articles that hold only
 * the others are missing, so a count from them is a lower bound. Only keys are read to choose, and no more of
 * them than tell whether the budget holds (a one-letter prefix spans tens of thousands at 50,000 articles).
 */
export async function prefixBlocks(
  prefix: string,
  maxTerms: number,
  maxBlocks: number,
): Promise<{ blocks: SearchBlockRecord[]; complete: boolean }> {
  const keys = await db.searchBlocks
    .where('[term+block]')
    .between([prefix, 0], [`${prefix}\uffff`, Infinity])
    .limit(maxBlocks * 4)
    .primaryKeys();
  let words = [...groupBy(keys, ([term]) => term).values()];
  const complete = words.length <= maxTerms && keys.length <= maxBlocks;
  if (!complete) {
    // A stable sort: among words of as many blocks, the alphabetical order stays. The first always fits.
    const chosen: typeof words = [];
    let blocks = 0;
    for (const word of words.sort((a, b) => b.length - a.length)) {
      if (chosen.length === maxTerms) break;
      if (chosen.length && blocks + word.length > maxBlocks) continue;
      chosen.push(word);
      blocks += word.length;
    }
    words = chosen;
  }
  const blocks = await db.searchBlocks.bulkGet(words.flat());
  return { blocks: blocks.filter((block) => block !== undefined), complete };
}

/** What a search reads of the index's postings (through this page's BlockCache). */
export interface IndexReader {
  /** Every postings block of a word (termBlocks). */
  term(word: string): Promise<SearchBlockRecord[]>;
  /** The blocks of the words a prefix begins, within a budget (prefixBlocks). */
  prefix(
    prefix: string,
    maxTerms: number,
    maxBlocks: number,
  ): Promise<{ blocks: SearchBlockRecord[]; complete: boolean }>;
}

const blockCache = new BlockCache();
const bytesOf = (blocks: readonly SearchBlockRecord[]) =>
  blocks.reduce((sum, b) => sum + b.docs.byteLength + b.tfs.byteLength + b.lens.byteLength + b.pos.byteLength, 0);

/**
 * Reads the totals, the document ids and some blocks in one read transaction: the totals and the blocks side by
 * side (the blocks from the cache when the index has not changed since they were read), then the ids of any
 * document numbers new since the last search.
 */
export function readIndex<T>(
  blocks: (read: IndexReader) => Promise<T>,
): Promise<[SearchMetaRecord, ReadonlyArray<string | null | undefined>, Awaited<T>]> {
  return db.transaction('r', INDEX_TABLES(), async () => {
    const [totals, read] = await blockCache.run(readTotals, (cached) =>
      blocks({
        term: (word) => cached(`t\n${word}`, () => termBlocks(word), bytesOf),
        prefix: (prefix, maxTerms, maxBlocks) =>
          cached(
            `p\n${prefix}\n${maxTerms}\n${maxBlocks}`,
            () => prefixBlocks(prefix, maxTerms, maxBlocks),
            (found) => bytesOf(found.blocks),
          ),
      }),
    );
    const ids = await idsOf(totals);
    return [totals, ids, read] as [SearchMetaRecord, ReadonlyArray<string | null | undefined>, Awaited<T>];
  });
}

/**
 * Takes an article out of the index (no-op if it is not in). Its terms are those of its stored text, so call
 * this (inside a transaction over INDEX_TABLES and contents) before that text is replaced or deleted.
 */
export async function unindexArticle(articleId: string): Promise<void> {
  if (!(await notedForRebuild(articleId))) await removeFromIndex(articleId);
}

/** unindexArticle's work, once it is known that no rebuild is running. */
async function removeFromIndex(articleId: string): Promise<void> {
  const doc = await db.searchDocs.get(articleId);
  if (!doc) return;
  const totals = await readTotals();
  const content = await db.contents.get(articleId);
  const { positions, length } = termPositions(content?.text ?? '');
  // All reads issued at once, then one bulk write each way: a thousand awaited round trips cost far more.
  const blocks = (await Promise.all([...positions.keys()].map(termBlocks))).flat();
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
    const pos = concatBytes([block.pos.subarray(0, start), block.pos.subarray(end)]);
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
  if (await notedForRebuild(articleId)) return;
  await removeFromIndex(articleId);
  const { positions, length } = termPositions(text);
  const totals = await readTotals();
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
      pos: concatBytes([last.pos, Uint8Array.from(encoded)]),
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

/**
 * While the whole index is rebuilt, an article saved or removed is noted rather than indexed (the rebuild's
 * document numbers are not yet all written), and indexed when the rebuild ends. True if it was noted.
 */
async function notedForRebuild(articleId: string): Promise<boolean> {
  const totals = await db.searchMeta.get('meta');
  if (!totals?.rebuild) return false;
  const { pending } = totals.rebuild;
  if (!pending.includes(articleId))
    await db.searchMeta.put({ ...totals, rebuild: { ...totals.rebuild, pending: [...pending, articleId] } });
  return true;
}

/** Marks the index as due for a rebuild (before content is written without being indexed: a restore). */
export async function markIndexStale(): Promise<void> {
  await db.transaction('rw', db.searchMeta, async () => {
    await db.searchMeta.put({ ...(await readTotals()), stale: true });
  });
}

/** A rebuild that has not written for this long (ms) was broken off (its page closed): another may begin. */
const REBUILD_STALE_MS = 30_000;

/** Whether another page is rebuilding the index right now. */
export function rebuildRunning(totals: SearchMetaRecord, now = Date.now()): boolean {
  return totals.rebuild !== undefined && now - totals.rebuild.at < REBUILD_STALE_MS;
}

/** Part of an index being rebuilt: postings blocks, document numbers, and the id records they fill. */
export interface RebuildPart {
  blocks: SearchBlockRecord[];
  docs: SearchDocRecord[];
  /** Article id by document number, from document number `from` on. */
  ids: ReadonlyArray<string | null>;
  from: number;
}

/** Totals of articles indexed by a rebuild (as in SearchMetaRecord): the next document number after them,
 * how many, and their lengths' sum. */
export type RebuildTotals = Pick<SearchMetaRecord, 'next' | 'count' | 'totalLength'>;

/** Empties the index and marks it as being rebuilt; returns the new build's id, which each part then gives. */
export async function beginRebuild(): Promise<string> {
  const build = crypto.randomUUID();
  await db.transaction('rw', INDEX_TABLES(), async () => {
    await Promise.all(INDEX_TABLES().map((table) => table.clear()));
    await db.searchMeta.put({
      id: 'meta',
      build,
      next: 0,
      count: 0,
      totalLength: 0,
      rebuild: { at: Date.now(), pending: [] },
    });
  });
  return build;
}

/** Writes the id records that `ids` (from document number `from`) fall in, keeping what they hold already. */
async function writeIds(ids: ReadonlyArray<string | null>, from: number): Promise<void> {
  if (!ids.length) return;
  const first = Math.floor(from / IDS_PER_RECORD);
  const last = Math.floor((from + ids.length - 1) / IDS_PER_RECORD);
  const numbers = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const records = (await db.searchIds.bulkGet(numbers)).map((record, i) => record ?? { block: numbers[i]!, ids: [] });
  ids.forEach(
    (id, i) => (records[Math.floor((from + i) / IDS_PER_RECORD) - first]!.ids[(from + i) % IDS_PER_RECORD] = id),
  );
  await db.searchIds.bulkPut(records);
}

/** Writes a part's blocks, documents and ids (inside a transaction over INDEX_TABLES). */
async function putPart(part: RebuildPart): Promise<void> {
  await Promise.all([
    db.searchBlocks.bulkPut(part.blocks),
    db.searchDocs.bulkPut(part.docs),
    writeIds(part.ids, part.from),
  ]);
}

/** A part's totals added to the stored ones: parts of several ranges are written side by side. */
function withPart(stored: SearchMetaRecord, added: RebuildTotals): SearchMetaRecord {
  return {
    ...stored,
    next: Math.max(stored.next, added.next),
    count: stored.count + added.count,
    totalLength: stored.totalLength + added.totalLength,
  };
}

/**
 * Writes one part of a rebuild in its own transaction, adding `added` (the articles it indexes) to the totals.
 * False, writing nothing, if the index is no longer this build's (another rebuild began since): this one then
 * stops.
 */
export async function writeRebuildPart(build: string, part: RebuildPart, added: RebuildTotals): Promise<boolean> {
  return db.transaction('rw', INDEX_TABLES(), async () => {
    const stored = await db.searchMeta.get('meta');
    if (stored?.build !== build || !stored.rebuild) return false;
    await putPart(part);
    // The totals so far: a search meanwhile finds what is indexed already.
    await db.searchMeta.put({ ...withPart(stored, added), rebuild: { ...stored.rebuild, at: Date.now() } });
    return true;
  });
}

/**
 * Ends a rebuild whose parts are all written: the next document number is `next`, and the articles saved or
 * removed while it ran are indexed, in one transaction: from then on the index covers the library. False if
 * another rebuild began since.
 */
export async function endRebuild(build: string, next: number): Promise<boolean> {
  return db.transaction('rw', [...INDEX_TABLES(), db.contents], async () => {
    const stored = await db.searchMeta.get('meta');
    if (stored?.build !== build || !stored.rebuild) return false;
    const { count, totalLength } = stored;
    await db.searchMeta.put({ id: 'meta', build, next: Math.max(stored.next, next), count, totalLength });
    for (const articleId of stored.rebuild.pending) {
      const content = await db.contents.get(articleId);
      if (content) await indexArticle(articleId, content.text);
      else await unindexArticle(articleId);
    }
    return true;
  });
}
