/**
 * One word of a query in the full-text index: the BM25 score of every article whose text holds it (or, for the
 * word being typed, any word it begins), read from that word's postings only.
 */
import { prefixBlocks, readIndex, termBlocks } from '../../db/search-index';
import { groupBy } from '../../group';
import { averageLength, blocksIdf, bm25 } from './bm25';
import { searchPhrase } from './phrases';
import { tokens } from './tokens';

/** Most distinct terms a prefix may expand to. */
const MAX_PREFIX_TERMS = 64;

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
    prefix ? prefixBlocks(word, MAX_PREFIX_TERMS * 4) : termBlocks(word),
  );
  const average = averageLength(totals);
  for (const termBlocksOfOne of [...groupBy(blocks, (block) => block.term).values()].slice(0, MAX_PREFIX_TERMS)) {
    const idf = blocksIdf(termBlocksOfOne, totals.count);
    for (const block of termBlocksOfOne) {
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
