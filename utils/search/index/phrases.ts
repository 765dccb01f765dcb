/** Exact phrases from the full-text index: the words' stored positions, walked together; no article is read. */
import { readIndex, termBlocks } from '../../db/search-index';
import { averageLength, blocksIdf, bm25, type TextScores } from './bm25';
import { PostingsCursor } from './postings';
import { tokens } from './tokens';

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

/**
 * Articles whose text holds the words of `phrase` next to each other and in order (punctuation between them
 * does not count), scored by the sum of the words' BM25: matched from the stored positions, no text is read.
 * The words' postings are walked together (they are in document order); only documents holding every word
 * have their positions read.
 */
export async function searchPhrase(phrase: string): Promise<TextScores> {
  const words = tokens(phrase);
  if (!words.length) return { ids: [], scores: new Float64Array(0) };
  const distinct = [...new Set(words)];
  const [totals, ids, lists] = await readIndex(() => Promise.all(distinct.map((word) => termBlocks(word))));
  const scores = new Float64Array(ids.length);
  if (lists.some((blocks) => !blocks.length)) return { ids, scores };
  const average = averageLength(totals);
  const idfs = lists.map((blocks) => blocksIdf(blocks, totals.count));
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
    if (found)
      scores[target] = cursors.reduce((sum, cursor, w) => sum + bm25(idfs[w]!, cursor.tf, cursor.length, average), 0);
    for (const cursor of cursors) cursor.next();
  }
  return { ids, scores };
}
