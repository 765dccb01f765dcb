/**
 * Rebuilding the whole full-text index from the stored content (after a restore, a schema change, or when
 * it does not cover the library), with progress; and whether it covers the library.
 */
import { db, type SearchBlockRecord } from '../../db/schema';
import { readTotals, replaceIndex } from '../../db/search-index';
import { BLOCK, encodePositions } from './postings';
import { termPositions } from './tokens';

/** How many articles the index covers, against how many have content: a mismatch asks for a rebuild. */
export async function indexCoverage(): Promise<{ indexed: number; total: number }> {
  const [totals, total] = await Promise.all([readTotals(), db.contents.count()]);
  return { indexed: totals.count, total };
}

/**
 * Rebuilds the whole index from the stored content, reporting progress. Built in memory, then written in
 * one transaction; the library stays usable meanwhile.
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
  await replaceIndex({ blocks, docs, ids, totalLength });
  onProgress(total, total);
}
