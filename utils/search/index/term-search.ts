/**
 * One word of a query in the full-text index: the BM25 score of every article whose text holds it (or, for the
 * word being typed, any word it begins), read from that word's postings only.
 */
import { readIndex } from '../../db/search-index';
import { groupBy } from '../../group';
import { averageLength, blocksIdf, bm25, scoresById, type TextScores } from './bm25';
import { searchPhrase } from './phrases';
import { tokens } from './tokens';

/** Most distinct words, and postings blocks, a prefix is expanded to; beyond them a count is a lower bound. */
const MAX_PREFIX_TERMS = 64;
const MAX_PREFIX_BLOCKS = 256;

/** What the index holds for one word of a query. */
export interface TermMatches {
  /** BM25 score by document number. */
  scores: TextScores;
  /** False when a prefix begins more words than are read (MAX_PREFIX_*): some articles may be missing. */
  complete: boolean;
}

/**
 * BM25 score by article id for the articles whose text holds `term` (a folded word; with `prefix`, any word
 * starting with it), and whether that is every such article. Several words are a phrase (see searchPhrase).
 */
export async function matchTerm(term: string, prefix = false): Promise<TermMatches> {
  const words = tokens(term);
  if (words.length > 1) return { scores: await searchPhrase(term), complete: true };
  if (words.length !== 1) return { scores: { ids: [], scores: new Float64Array(0) }, complete: true };
  const word = words[0]!;
  const [totals, ids, { blocks, complete }] = await readIndex((read) =>
    prefix
      ? read.prefix(word, MAX_PREFIX_TERMS, MAX_PREFIX_BLOCKS)
      : read.term(word).then((blocks) => ({ blocks, complete: true })),
  );
  const average = averageLength(totals);
  const scores = new Float64Array(ids.length);
  for (const termBlocksOfOne of groupBy(blocks, (block) => block.term).values()) {
    const idf = blocksIdf(termBlocksOfOne, totals.count);
    for (const block of termBlocksOfOne) {
      for (let i = 0; i < block.docs.length; i++) {
        const docNo = block.docs[i]!;
        const score = bm25(idf, block.tfs[i]!, block.lens[i]!, average);
        // (Of the words a prefix begins, an article counts by its best.)
        if (score > scores[docNo]!) scores[docNo] = score;
      }
    }
  }
  return { scores: { ids, scores }, complete };
}

/** The scores of `matchTerm` by article id, for callers that need no more. */
export async function searchTerm(term: string, prefix = false): Promise<Map<string, number>> {
  return scoresById((await matchTerm(term, prefix)).scores);
}
