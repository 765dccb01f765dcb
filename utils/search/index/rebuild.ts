/**
 * Rebuilding the whole full-text index from the stored content (after a restore, a schema change, or when
 * it does not cover the library), with progress; and whether it covers the library.
 *
 * A rebuild reads the content a few hundred articles at a time and writes the index as it goes, so that its
 * memory stays bounded whatever the library's size: a word's postings are held until they fill a block
 * (BLOCK articles), and when what is held passes a budget, the words holding most are written as they are
 * (a block may hold fewer articles; the cursor reads blocks in order either way). The page is never frozen:
 * the work is done in slices between which the page paints and takes input. Searches meanwhile find what
 * is indexed already; articles saved or removed meanwhile are indexed when it ends (utils/db/search-index.ts).
 */
import { db, type SearchBlockRecord, type SearchDocRecord } from '../../db/schema';
import {
  beginRebuild,
  endRebuild,
  readTotals,
  rebuildRunning,
  writeRebuildPart,
  type RebuildPart,
  type RebuildTotals,
} from '../../db/search-index';
import { BLOCK, encodePositions } from './postings';
import { termPositions } from './tokens';

/** How many articles the index covers, against how many have content (a mismatch asks for a rebuild), and
 * whether a rebuild is running in another page. */
export async function indexCoverage(): Promise<{ indexed: number; total: number; rebuilding: boolean }> {
  const [totals, total] = await Promise.all([readTotals(), db.contents.count()]);
  return { indexed: totals.count, total, rebuilding: rebuildRunning(totals) };
}

/** Articles read per step. */
const STEP = 250;
/** Numbers held in postings not yet written (document numbers, frequencies, lengths, position bytes) before
 * the largest are written: ~100 MB of memory. */
const HELD_BUDGET = 16_000_000;
/** Numbers of postings written per transaction (one write's structured clone stays short). */
const WRITE_BUDGET = 2_000_000;
/** Ms of work between pauses that let the page paint and take input. */
const SLICE_MS = 30;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A word's postings not yet written: the next block of it. */
interface Held {
  block: number;
  docs: number[];
  tfs: number[];
  lens: number[];
  pos: number[];
}

const sizeOf = (held: Held) => held.docs.length * 3 + held.pos.length;

function blockOf(term: string, held: Held): SearchBlockRecord {
  return {
    term,
    block: held.block,
    docs: Uint32Array.from(held.docs),
    tfs: Uint16Array.from(held.tfs),
    lens: Uint32Array.from(held.lens),
    pos: Uint8Array.from(held.pos),
  };
}

/**
 * Rebuilds the whole index from the stored content, reporting progress. Returns false if another rebuild began
 * meanwhile (in another page) and this one stopped to leave it the index.
 */
export async function rebuildIndex(
  onProgress: (done: number, total: number) => void = () => {},
  { step = STEP, heldBudget = HELD_BUDGET, writeBudget = WRITE_BUDGET } = {},
): Promise<boolean> {
  const keys = await db.contents.toCollection().primaryKeys();
  const total = keys.length;
  const build = await beginRebuild();
  const held = new Map<string, Held>();
  let heldSize = 0;
  /** Blocks ready to be written, and the size of their postings. */
  const ready: SearchBlockRecord[] = [];
  let readySize = 0;
  let docs: SearchDocRecord[] = [];
  let ids: string[] = [];
  const totals: RebuildTotals = { next: 0, count: 0, totalLength: 0 };

  const release = (term: string, list: Held) => {
    ready.push(blockOf(term, list));
    readySize += sizeOf(list);
    heldSize -= sizeOf(list);
    held.set(term, { block: list.block + 1, docs: [], tfs: [], lens: [], pos: [] });
  };
  /** Writes what is ready, in transactions of a bounded size; the last of them also carries the documents
   * read so far, and ends the rebuild if `last`. */
  const write = async (last: boolean): Promise<boolean> => {
    do {
      let size = 0;
      let n = 0;
      for (; n < ready.length && (n === 0 || size < writeBudget); n++)
        size += ready[n]!.docs.length * 3 + ready[n]!.pos.length;
      const blocks = ready.splice(0, n);
      readySize -= size;
      const final = !ready.length;
      const part: RebuildPart = final
        ? { blocks, docs, ids, from: totals.next - ids.length }
        : { blocks, docs: [], ids: [], from: totals.next };
      if (!(await (final && last ? endRebuild(build, part, totals) : writeRebuildPart(build, part, totals))))
        return false;
      if (!final) await nextTask();
    } while (ready.length);
    docs = [];
    ids = [];
    return true;
  };

  let slice = performance.now();
  for (let start = 0; start < total; start += step) {
    const contents = await db.contents.bulkGet(keys.slice(start, start + step));
    for (const content of contents) {
      if (!content) continue; // removed since the rebuild began
      const { positions, length } = termPositions(content.text);
      const docNo = totals.next++;
      totals.count++;
      totals.totalLength += length;
      docs.push({ articleId: content.articleId, docNo });
      ids.push(content.articleId);
      for (const [term, at] of positions) {
        let list = held.get(term);
        if (!list) held.set(term, (list = { block: 0, docs: [], tfs: [], lens: [], pos: [] }));
        const before = list.pos.length;
        list.docs.push(docNo);
        list.tfs.push(at.length);
        list.lens.push(length);
        encodePositions(at, list.pos);
        heldSize += 3 + list.pos.length - before;
        if (list.docs.length === BLOCK) release(term, list);
      }
      if (performance.now() - slice > SLICE_MS) {
        await nextTask();
        slice = performance.now();
      }
    }
    if (heldSize > heldBudget) {
      // The words holding most are written as they are, until half the budget is held.
      const largest = [...held].sort(([, a], [, b]) => sizeOf(b) - sizeOf(a));
      for (const [term, list] of largest) {
        if (heldSize <= heldBudget / 2) break;
        release(term, list);
      }
    }
    if (readySize > writeBudget || start + step >= total) {
      if (!(await write(false))) return false;
    }
    onProgress(Math.min(start + step, total), total);
  }
  for (const [term, list] of held) if (list.docs.length) release(term, list);
  const ended = await write(true);
  onProgress(total, total);
  return ended;
}
