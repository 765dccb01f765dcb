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
