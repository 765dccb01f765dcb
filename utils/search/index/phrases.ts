/** Exact phrases from the full-text index: the words' stored positions, walked together; no article is read. */
import { readIndex } from '../../db/search-index';
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
  const [totals, ids, lists] = await readIndex((read) => Promise.all(distinct.map((word) => read.term(word))));
  const scores = new Float64Array(ids.length);
  if (lists.some((blocks) => !blocks.length)) return { ids, scores };
  const average = averageLength(totals);
  const idfs = lists.map((blocks) => blocksIdf(blocks, totals.count));
  const cursors = lists.map((blocks) => new PostingsCursor(blocks));
  const cursorOf = words.map((word) => cursors[distinct.indexOf(word)]!);
  // Plain loops, no callbacks: this runs for every article holding all the words (thousands for common ones).
  for (;;) {
    let target = 0;
    for (const cursor of cursors) target = Math.max(target, cursor.docNo);
    if (target === Infinity) break;
    let together = true;
    for (const cursor of cursors) {
      cursor.seek(target);
      together &&= cursor.docNo === target;
    }
    if (!together) continue;
    for (const cursor of cursors) cursor.read();
    // Anchored on the word this article holds least often ("and you": each "you", not each "and").
    let anchor = 0;
    for (let k = 1; k < cursorOf.length; k++) if (cursorOf[k]!.tf < cursorOf[anchor]!.tf) anchor = k;
    const { positions: anchors, tf: anchorCount } = cursorOf[anchor]!;
    let found = false;
    for (let s = 0; s < anchorCount && !found; s++) {
      const start = anchors[s]! - anchor;
      found = start >= 0;
      for (let k = 0; k < cursorOf.length && found; k++)
        found = k === anchor || holds(cursorOf[k]!.positions, cursorOf[k]!.tf, start + k);
    }
    if (found) {
      let sum = 0;
      for (let w = 0; w < cursors.length; w++) sum += bm25(idfs[w]!, cursors[w]!.tf, cursors[w]!.length, average);
      scores[target] = sum;
    }
    for (const cursor of cursors) cursor.next();
  }
  return { ids, scores };
}
