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
import { forEachWordNumber, MAX_TF, WordTable } from './tokens';
import { timeSlices } from '../../time-slices';

/**
 * Whether the index must be rebuilt, read from its totals alone (what the search page checks on opening):
 * there is content but no index (a new schema version dropped it), a restore wrote content it did not index
 * yet, or a rebuild was broken off. And whether a rebuild is running in another page (then it is left to it).
 */
export async function indexState(): Promise<{ needsRebuild: boolean; rebuilding: boolean }> {
  const totals = await db.searchMeta.get('meta');
  if (totals?.rebuild) return { needsRebuild: !rebuildRunning(totals), rebuilding: rebuildRunning(totals) };
  if (totals) return { needsRebuild: totals.stale === true, rebuilding: false };
  return { needsRebuild: (await db.contents.limit(1).primaryKeys()).length > 0, rebuilding: false };
}

/** How many articles the index covers, against how many have content, and whether a rebuild is running in
 * another page. Counting the content reads all of it (seconds at 50,000 articles): for tests and checks. */
export async function indexCoverage(): Promise<{ indexed: number; total: number; rebuilding: boolean }> {
  const [totals, total] = await Promise.all([readTotals(), db.contents.count()]);
  return { indexed: totals.count, total, rebuilding: rebuildRunning(totals) };
}

/** Articles read per step. */
const STEP = 250;
/** Numbers held in postings not yet written (document numbers, frequencies, lengths, position bytes) before
 * the largest are written: ~100 MB of memory, shared among the ranges indexed side by side. */
const HELD_BUDGET = 16_000_000;
/** Numbers of postings written per transaction (one write's structured clone stays short). */
const WRITE_BUDGET = 2_000_000;
/** Ms of work between pauses that let the page paint and take input. */
const SLICE_MS = 30;
/** Block numbers per range: a range's blocks of a word come after those of the ranges before it, as its
 * documents do (a word's cursor reads its blocks in key order). */
const RANGE_BLOCKS = 1 << 20;

/** What a part that carries no documents adds to the totals. */
const NOTHING_ADDED: RebuildTotals = { next: 0, count: 0, totalLength: 0 };

/** How a rebuild's work is sized (tests make it tiny, to cross every boundary). */
export interface RebuildOptions {
  /** Articles read per step. */
  step?: number;
  /** Numbers held before the largest postings are written. */
  heldBudget?: number;
  /** Numbers of postings written per transaction. */
  writeBudget?: number;
}

/** One share of a rebuild: the content of `keys`, numbered from `firstDoc`, its blocks from `firstBlock`. */
export interface RebuildRange {
  build: string;
  keys: readonly string[];
  firstDoc: number;
  firstBlock: number;
}

/**
 * Indexes a range, somewhere (this thread, or a worker: rebuild-worker.ts): progress in articles of the range
 * done; false if another rebuild took over, or `signal` was aborted.
 */
export type RangeRunner = (
  range: RebuildRange,
  onProgress: (done: number) => void,
  options: RebuildOptions,
  signal: AbortSignal,
) => Promise<boolean>;

/** A word's postings not yet written: the next block of it. */
interface Held {
  block: number;
  docs: number[];
  tfs: number[];
  lens: number[];
  pos: number[];
}

/** `array` in one at least twice as long, holding more than `index`; new places `fill`ed. */
function grown(array: Int32Array, index: number, fill = 0): Int32Array<ArrayBuffer> {
  const out = new Int32Array(Math.max(array.length * 2, index + 1)).fill(fill, array.length);
  out.set(array);
  return out;
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
 * Indexes the content of one range of a rebuild in this thread, writing it as it goes (RangeRunner). Its
 * memory is bounded by `heldBudget`, whatever the range's size.
 */
export const indexRange: RangeRunner = async (
  { build, keys, firstDoc, firstBlock },
  onProgress,
  { step = STEP, heldBudget = HELD_BUDGET, writeBudget = WRITE_BUDGET },
  signal,
) => {
  const total = keys.length;
  // Words by number (a word is looked up once per occurrence; all else is indexed by its number).
  const table = new WordTable();
  const words = table.words;
  const held: Array<Held | undefined> = [];
  // Per word number: the last document it was seen in, and its place among that document's distinct words.
  let seenIn = new Int32Array(1 << 16).fill(-1);
  let seenAt = new Int32Array(1 << 16);
  // The document being indexed: per occurrence, its word's place (-1 past MAX_TF of the word); per distinct
  // word, its number and occurrences; then the positions of each word, one after the other.
  let places = new Int32Array(1 << 12);
  let docWords = new Int32Array(1 << 10);
  let counts = new Int32Array(1 << 10);
  let starts = new Int32Array(1 << 10);
  let positions = new Int32Array(1 << 12);
  let heldSize = 0;
  /** Blocks ready to be written, and the size of their postings. */
  const ready: SearchBlockRecord[] = [];
  let readySize = 0;
  let docs: SearchDocRecord[] = [];
  let ids: string[] = [];
  const totals: RebuildTotals = { next: firstDoc, count: 0, totalLength: 0 };
  /** What the parts written so far have added to the totals. */
  const written = { count: 0, totalLength: 0 };

  const release = (word: number, list: Held) => {
    ready.push(blockOf(words[word]!, list));
    readySize += sizeOf(list);
    heldSize -= sizeOf(list);
    held[word] = { block: list.block + 1, docs: [], tfs: [], lens: [], pos: [] };
  };
  /** Writes what is ready, in transactions of a bounded size; the last of them also carries the documents
   * read so far, and adds them to the totals. */
  const write = async (): Promise<boolean> => {
    // What is ready now, taken from the lists the indexing goes on filling while it is written.
    const blocks = ready.splice(0);
    readySize = 0;
    const part = { docs, ids, from: totals.next - ids.length };
    const added = {
      next: totals.next,
      count: totals.count - written.count,
      totalLength: totals.totalLength - written.totalLength,
    };
    written.count = totals.count;
    written.totalLength = totals.totalLength;
    docs = [];
    ids = [];
    let n = 0;
    do {
      let size = 0;
      const from = n;
      for (; n < blocks.length && (n === from || size < writeBudget); n++)
        size += blocks[n]!.docs.length * 3 + blocks[n]!.pos.length;
      const final = n >= blocks.length;
      const chunk: RebuildPart = final
        ? { blocks: blocks.slice(from, n), ...part }
        : { blocks: blocks.slice(from, n), docs: [], ids: [], from: part.from };
      if (!(await writeRebuildPart(build, chunk, final ? added : NOTHING_ADDED))) return false;
    } while (n < blocks.length);
    return true;
  };
  /** The write in progress: one at a time, while the indexing goes on. */
  let writing = Promise.resolve(true);

  const slices = timeSlices(SLICE_MS);
  // The next step's content is read while this one is indexed.
  let reading = db.contents.bulkGet(keys.slice(0, step));
  for (let start = 0; start < total; start += step) {
    const contents = await reading;
    if (signal.aborted) return false;
    if (start + step < total) reading = db.contents.bulkGet(keys.slice(start + step, start + 2 * step));
    for (const content of contents) {
      if (!content) continue; // removed since the rebuild began
      const docNo = totals.next++;
      let length = 0;
      let distinct = 0;
      forEachWordNumber(content.text, table, (word) => {
        if (word >= seenIn.length) [seenIn, seenAt] = [grown(seenIn, word, -1), grown(seenAt, word)];
        if (length === places.length) places = grown(places, length);
        if (seenIn[word] !== docNo) {
          if (distinct === docWords.length) [docWords, counts] = [grown(docWords, distinct), grown(counts, distinct)];
          seenIn[word] = docNo;
          seenAt[word] = distinct;
          docWords[distinct] = word;
          counts[distinct++] = 0;
        }
        const place = seenAt[word]!;
        if (counts[place]! < MAX_TF) {
          counts[place] = counts[place]! + 1;
          places[length++] = place;
        } else places[length++] = -1;
      });
      // Each word's positions, in order, from where each occurrence was counted.
      if (starts.length < distinct) starts = grown(starts, distinct);
      if (positions.length < length) positions = grown(positions, length);
      for (let i = 0, at = 0; i < distinct; i++) {
        starts[i] = at;
        at += counts[i]!;
      }
      for (let at = 0; at < length; at++) {
        const place = places[at]!;
        if (place >= 0) positions[starts[place]!++] = at;
      }
      totals.count++;
      totals.totalLength += length;
      docs.push({ articleId: content.articleId, docNo });
      ids.push(content.articleId);
      for (let i = 0; i < distinct; i++) {
        const word = docWords[i]!;
        let list = held[word];
        if (!list) held[word] = list = { block: firstBlock, docs: [], tfs: [], lens: [], pos: [] };
        const before = list.pos.length;
        const tf = counts[i]!;
        list.docs.push(docNo);
        list.tfs.push(tf);
        list.lens.push(length);
        // starts[i] was moved past the word's positions as they were placed.
        encodePositions(positions, list.pos, starts[i]! - tf, starts[i]);
        heldSize += 3 + list.pos.length - before;
        if (list.docs.length === BLOCK) release(word, list);
      }
      if (slices.due) {
        await slices.pause();
        if (signal.aborted) return false;
      }
    }
    if (heldSize > heldBudget) {
      // The words holding most are written as they are, until half the budget is held.
      const largest = held
        .map((list, word) => [word, list] as const)
        .filter((entry): entry is readonly [number, Held] => entry[1] !== undefined && entry[1].docs.length > 0)
        .sort(([, a], [, b]) => sizeOf(b) - sizeOf(a));
      for (const [word, list] of largest) {
        if (heldSize <= heldBudget / 2) break;
        release(word, list);
      }
    }
    if (readySize > writeBudget || start + step >= total) {
      if (!(await writing)) return false;
      writing = write();
    }
    onProgress(Math.min(start + step, total));
  }
  held.forEach((list, word) => {
    if (list?.docs.length) release(word, list);
  });
  return (await writing) && (await write());
};

/**
 * Rebuilds the whole index from the stored content, reporting progress: in `ranges` shares indexed side by
 * side by `runner` (workers: rebuild-worker.ts), each with its share of the memory budget. Returns false if
 * another rebuild began meanwhile (in another page) and this one stopped to leave it the index; if a range
 * fails, the others are stopped and the error is thrown (the index is then rebuilt again when next opened).
 */
export async function rebuildIndex(
  onProgress: (done: number, total: number) => void = () => {},
  {
    runner = indexRange,
    ranges = 1,
    ...options
  }: RebuildOptions & { runner?: RangeRunner; ranges?: number | ((total: number) => number) } = {},
): Promise<boolean> {
  const keys = await db.contents.toCollection().primaryKeys();
  const total = keys.length;
  const build = await beginRebuild();
  const shares = Math.max(1, Math.min(typeof ranges === 'function' ? ranges(total) : ranges, total));
  const size = Math.ceil(total / shares);
  const done = new Array<number>(shares).fill(0);
  const stop = new AbortController();
  const heldBudget = (options.heldBudget ?? HELD_BUDGET) / shares;
  const results = await Promise.all(
    Array.from({ length: shares }, (_, r) => {
      const range = {
        build,
        keys: keys.slice(r * size, (r + 1) * size),
        firstDoc: r * size,
        firstBlock: r * RANGE_BLOCKS,
      };
      const progress = (count: number) => {
        done[r] = count;
        onProgress(
          done.reduce((sum, n) => sum + n, 0),
          total,
        );
      };
      // A range that fails, or finds another rebuild took over, stops the others.
      return runner(range, progress, { ...options, heldBudget }, stop.signal).then(
        (ended) => {
          if (!ended) stop.abort();
          return ended;
        },
        (error: unknown) => {
          stop.abort();
          throw error;
        },
      );
    }),
  );
  if (results.includes(false)) return false;
  const ended = await endRebuild(build, total);
  onProgress(total, total);
  return ended;
}
