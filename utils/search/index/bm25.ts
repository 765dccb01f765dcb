/** BM25, the ranking of article text: the usual parameters. */
const K1 = 1.2;
const B = 0.75;

/** BM25 of one term in one document. */
export function bm25(idf: number, tf: number, length: number, average: number): number {
  return (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / average));
}

/** A term's inverse document frequency: it is in `df` of `count` articles. */
export const idfOf = (df: number, count: number) => Math.log(1 + (count - df + 0.5) / (df + 0.5));

/** The average length BM25 compares a document with. */
export const averageLength = (totals: { count: number; totalLength: number }) =>
  totals.count ? totals.totalLength / totals.count : 1;

/** The inverse document frequency of a term from its postings blocks (one entry per article holding it). */
export const blocksIdf = (blocks: ReadonlyArray<{ docs: ArrayLike<number> }>, count: number) =>
  idfOf(
    blocks.reduce((sum, block) => sum + block.docs.length, 0),
    count,
  );

/**
 * BM25 scores of article text for one term, by document number (0: the article does not match), with the
 * article id of each number. Dense typed arrays, not a map by id: a common word matches thousands of articles
 * at every keystroke, and maps that large are what makes the collector pause the page.
 */
export interface TextScores {
  ids: ReadonlyArray<string | null | undefined>;
  scores: Float64Array;
}

/** The matching articles of `text`, by id (for callers that want a map: tests, small results). */
export function scoresById({ ids, scores }: TextScores): Map<string, number> {
  const byId = new Map<string, number>();
  scores.forEach((score, docNo) => {
    const id = ids[docNo];
    if (score > 0 && id) byId.set(id, score);
  });
  return byId;
}
