/**
 * The full-text index of article text (issue 4; chosen by bench/search.mjs over whole-index-in-memory libraries,
 * which take seconds to load at 10,000 articles). Postings are stored per term in blocks of up to 1,024
 * articles, so a search reads only the blocks of its own terms plus one totals record. Ranking is BM25.
 * Index writes happen inside the transaction that writes the article's content (utils/db/articles.ts).
 */
import { db, type SearchBlockRecord, type SearchMetaRecord } from '../db/schema';
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
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Folded word tokens of a text. Runs of letters and digits split on everything else (fast); a run holding
 * Chinese or Japanese is split into words by the browser's segmenter, which is ~100 times slower and so kept to
 * those runs.
 */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const run of fold(text).split(/[^\p{L}\p{N}\p{M}]+/u)) {
    if (!run || run.length > MAX_TERM) continue;
    if (!CJK.test(run)) out.push(run);
    else for (const { segment, isWordLike } of segmenter.segment(run)) if (isWordLike) out.push(segment);
  }
  return out;
}

/** The tables an index write touches: include them in the transaction that calls it. */
export const INDEX_TABLES = () => [db.searchBlocks, db.searchDocs, db.searchMeta];

async function meta(): Promise<SearchMetaRecord> {
  return (await db.searchMeta.get('meta')) ?? { id: 'meta', ids: [], count: 0, totalLength: 0 };
}

function blocksOf(term: string) {
  return db.searchBlocks.where('[term+block]').between([term, 0], [term, Infinity]);
}

/** The distinct terms of a text with how often each occurs, and its length in words. */
function termCounts(text: string): { tf: Map<string, number>; length: number } {
  const words = tokens(text);
  const tf = new Map<string, number>();
  for (const word of words) tf.set(word, Math.min(65535, (tf.get(word) ?? 0) + 1));
  return { tf, length: words.length };
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
  const { tf, length } = termCounts(content?.text ?? '');
  for (const term of tf.keys()) {
    for (const block of await blocksOf(term).toArray()) {
      const at = block.docs.indexOf(doc.docNo);
      if (at < 0) continue;
      if (block.docs.length === 1) {
        await db.searchBlocks.delete([term, block.block]);
        continue;
      }
      const keep = (_: number, i: number) => i !== at;
      await db.searchBlocks.put({ ...block, docs: block.docs.filter(keep), tfs: block.tfs.filter(keep), lens: block.lens.filter(keep) });
    }
  }
  // Postings left behind (had the text gone missing) point at a null id and are never shown.
  totals.ids[doc.docNo] = null;
  await db.searchMeta.put({ ...totals, count: totals.count - 1, totalLength: totals.totalLength - length });
  await db.searchDocs.delete(articleId);
}

/**
 * (Re-)indexes an article's text. Call inside a transaction over INDEX_TABLES and contents, before the new text
 * is stored: the old text tells which postings to take out.
 */
export async function indexArticle(articleId: string, text: string): Promise<void> {
  await unindexArticle(articleId);
  const { tf, length } = termCounts(text);
  const totals = await meta();
  const docNo = totals.ids.length;
  for (const [term, count] of tf) {
    const last = await blocksOf(term).last();
    if (last && last.docs.length < BLOCK) {
      await db.searchBlocks.put({
        term,
        block: last.block,
        docs: Uint32Array.from([...last.docs, docNo]),
        tfs: Uint16Array.from([...last.tfs, count]),
        lens: Uint32Array.from([...last.lens, length]),
      });
    } else {
      await db.searchBlocks.put({ term, block: last ? last.block + 1 : 0, docs: Uint32Array.of(docNo), tfs: Uint16Array.of(count), lens: Uint32Array.of(length) });
    }
  }
  await db.searchDocs.put({ articleId, docNo });
  await db.searchMeta.put({ id: 'meta', ids: [...totals.ids, articleId], count: totals.count + 1, totalLength: totals.totalLength + length });
}

/**
 * BM25 score by article id for the articles whose text holds `term` (a folded word; with `prefix`, any word
 * starting with it). A phrase is looked up word by word by the caller.
 */
export async function searchTerm(term: string, prefix = false): Promise<Map<string, number>> {
  const words = tokens(term);
  const scores = new Map<string, number>();
  if (words.length !== 1) return scores;
  const word = words[0]!;
  const [totals, blocks] = await db.transaction('r', db.searchMeta, db.searchBlocks, () =>
    Promise.all([meta(), prefix ? db.searchBlocks.where('[term+block]').between([word, 0], [`${word}\uffff`, Infinity]).limit(MAX_PREFIX_TERMS * 4).toArray() : blocksOf(word).toArray()]),
  );
  const average = totals.count ? totals.totalLength / totals.count : 1;
  const byTerm = new Map<string, SearchBlockRecord[]>();
  for (const block of blocks) {
    const list = byTerm.get(block.term);
    if (list) list.push(block);
    else byTerm.set(block.term, [block]);
  }
  for (const termBlocks of [...byTerm.values()].slice(0, MAX_PREFIX_TERMS)) {
    const df = termBlocks.reduce((sum, block) => sum + block.docs.length, 0);
    const idf = Math.log(1 + (totals.count - df + 0.5) / (df + 0.5));
    for (const block of termBlocks) {
      for (let i = 0; i < block.docs.length; i++) {
        const id = totals.ids[block.docs[i]!];
        if (!id) continue;
        const tf = block.tfs[i]!;
        const score = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * block.lens[i]!) / average));
        scores.set(id, Math.max(scores.get(id) ?? 0, score));
      }
    }
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
  const postings = new Map<string, { docs: number[]; tfs: number[]; lens: number[] }>();
  const ids: string[] = [];
  const docs: Array<{ articleId: string; docNo: number }> = [];
  let totalLength = 0;
  await db.contents.each((content) => {
    const { tf, length } = termCounts(content.text);
    const docNo = ids.length;
    ids.push(content.articleId);
    docs.push({ articleId: content.articleId, docNo });
    totalLength += length;
    for (const [term, count] of tf) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = { docs: [], tfs: [], lens: [] }));
      list.docs.push(docNo);
      list.tfs.push(count);
      list.lens.push(length);
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
      });
    }
  }
  await db.transaction('rw', INDEX_TABLES(), async () => {
    await Promise.all(INDEX_TABLES().map((table) => table.clear()));
    await db.searchBlocks.bulkPut(blocks);
    await db.searchDocs.bulkPut(docs);
    await db.searchMeta.put({ id: 'meta', ids, count: ids.length, totalLength });
  });
  onProgress(total, total);
}
