/**
 * Index candidate for issue 4, measured by bench/search.mjs before anything is built into the extension: a
 * persistent inverted index in IndexedDB whose postings are stored per term in blocks, so that a search reads
 * only the blocks of its own terms (plus one record of document lengths) instead of loading a whole index.
 * Ranking is BM25 over the article text, with title and highlight matches boosted.
 */
import { Dexie, type Table } from 'dexie';
import { fold } from '../../utils/search/fold';

/** Documents per postings block: appends touch one small record; a common term spans a few blocks. */
const BLOCK = 1024;
const K1 = 1.2;
const B = 0.75;

interface PostingsBlock {
  term: string;
  block: number;
  /** Document numbers, ascending. */
  docs: Uint32Array;
  /** Weighted term frequency per document (body 1, highlight 3, title 5). */
  tfs: Uint16Array;
}

interface Stats {
  id: 'stats';
  /** Token count per document number. */
  lengths: Uint32Array;
  /** Article id per document number. */
  ids: string[];
}

/** The fields of an article that are indexed, with the weight a term gets in each. */
export interface IndexedText {
  id: string;
  title: string;
  text: string;
  highlights: string;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
/** Scripts written without spaces between words. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Folded word tokens of a text. Runs of letters and digits split on everything else (fast); a run holding
 * Chinese or Japanese is split into words by the browser's segmenter, which is ~100 times slower and so kept
 * to those runs.
 */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const run of fold(text).split(/[^\p{L}\p{N}\p{M}]+/u)) {
    if (!run || run.length > 40) continue;
    if (!CJK.test(run)) {
      out.push(run);
      continue;
    }
    for (const { segment, isWordLike } of segmenter.segment(run)) if (isWordLike) out.push(segment);
  }
  return out;
}

/** A term-frequency map of one article (weights per field). */
function frequencies(doc: IndexedText): { tf: Map<string, number>; length: number } {
  const tf = new Map<string, number>();
  let length = 0;
  for (const [text, weight] of [[doc.text, 1], [doc.highlights, 3], [doc.title, 5]] as const) {
    for (const token of tokens(text)) {
      tf.set(token, Math.min(65535, (tf.get(token) ?? 0) + weight));
      length += 1;
    }
  }
  return { tf, length };
}

/** The candidate index, in its own database. */
export class PostingsIndex {
  private readonly db: Dexie & { postings: Table<PostingsBlock, [string, number]>; stats: Table<Stats, string> };

  constructor(name: string) {
    this.db = new Dexie(name) as PostingsIndex['db'];
    this.db.version(1).stores({ postings: '[term+block]', stats: 'id' });
  }

  /** Builds the index of many articles at once (re-indexing), in memory first, then in one write per block. */
  async build(docs: readonly IndexedText[]): Promise<void> {
    const postings = new Map<string, { docs: number[]; tfs: number[] }>();
    const lengths = new Uint32Array(docs.length);
    docs.forEach((doc, docNo) => {
      const { tf, length } = frequencies(doc);
      lengths[docNo] = length;
      for (const [term, count] of tf) {
        let list = postings.get(term);
        if (!list) postings.set(term, (list = { docs: [], tfs: [] }));
        list.docs.push(docNo);
        list.tfs.push(count);
      }
    });
    const blocks: PostingsBlock[] = [];
    for (const [term, list] of postings) {
      for (let i = 0, block = 0; i < list.docs.length; i += BLOCK, block++) {
        blocks.push({ term, block, docs: Uint32Array.from(list.docs.slice(i, i + BLOCK)), tfs: Uint16Array.from(list.tfs.slice(i, i + BLOCK)) });
      }
    }
    await this.db.transaction('rw', this.db.postings, this.db.stats, async () => {
      await this.db.postings.clear();
      await this.db.postings.bulkPut(blocks);
      await this.db.stats.put({ id: 'stats', lengths, ids: docs.map((d) => d.id) });
    });
  }

  /** Adds one article (a save): appends to the last block of each of its terms, in one transaction. */
  async add(doc: IndexedText): Promise<void> {
    const { tf, length } = frequencies(doc);
    await this.db.transaction('rw', this.db.postings, this.db.stats, async () => {
      const stats = (await this.db.stats.get('stats')) ?? { id: 'stats' as const, lengths: new Uint32Array(0), ids: [] };
      const docNo = stats.ids.length;
      const lengths = new Uint32Array(docNo + 1);
      lengths.set(stats.lengths);
      lengths[docNo] = length;
      await this.db.stats.put({ id: 'stats', lengths, ids: [...stats.ids, doc.id] });
      for (const [term, count] of tf) {
        const last = await this.db.postings.where('[term+block]').between([term, 0], [term, Infinity]).last();
        if (last && last.docs.length < BLOCK) {
          const docs = new Uint32Array(last.docs.length + 1);
          docs.set(last.docs);
          docs[last.docs.length] = docNo;
          const tfs = new Uint16Array(last.tfs.length + 1);
          tfs.set(last.tfs);
          tfs[last.tfs.length] = count;
          await this.db.postings.put({ term, block: last.block, docs, tfs });
        } else {
          await this.db.postings.put({ term, block: last ? last.block + 1 : 0, docs: Uint32Array.of(docNo), tfs: Uint16Array.of(count) });
        }
      }
    });
  }

  /** The best `limit` article ids for all words of `query` (the last one as a prefix), by BM25. */
  async search(query: string, limit = 50): Promise<Array<{ id: string; score: number }>> {
    const words = tokens(query);
    if (!words.length) return [];
    const stats = await this.db.stats.get('stats');
    if (!stats) return [];
    const n = stats.ids.length;
    let average = 0;
    for (const length of stats.lengths) average += length;
    average /= Math.max(1, n);
    let scores: Map<number, number> | null = null;
    for (const [index, word] of words.entries()) {
      const prefix = index === words.length - 1;
      const blocks = prefix
        ? await this.db.postings.where('[term+block]').between([word, 0], [`${word}\uffff`, Infinity]).limit(64).toArray()
        : await this.db.postings.where('[term+block]').between([word, 0], [word, Infinity]).toArray();
      const termScores = new Map<number, number>();
      // Each distinct term of a prefix is weighed by its own document frequency.
      const byTerm = new Map<string, PostingsBlock[]>();
      for (const block of blocks) byTerm.set(block.term, [...(byTerm.get(block.term) ?? []), block]);
      for (const termBlocks of byTerm.values()) {
        const df = termBlocks.reduce((sum, block) => sum + block.docs.length, 0);
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        for (const block of termBlocks) {
          for (let i = 0; i < block.docs.length; i++) {
            const docNo = block.docs[i]!;
            const tf = block.tfs[i]!;
            const norm = tf + K1 * (1 - B + (B * stats.lengths[docNo]!) / average);
            termScores.set(docNo, Math.max(termScores.get(docNo) ?? 0, (idf * tf * (K1 + 1)) / norm));
          }
        }
      }
      // Every word must match: keep only documents that matched all words so far.
      if (scores === null) scores = termScores;
      else {
        const next = new Map<number, number>();
        for (const [docNo, score] of scores) {
          const add = termScores.get(docNo);
          if (add !== undefined) next.set(docNo, score + add);
        }
        scores = next;
      }
      if (!scores.size) return [];
    }
    return [...(scores ?? new Map<number, number>())]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([docNo, score]) => ({ id: stats.ids[docNo]!, score }));
  }

  /** Bytes the index holds (postings and stats), as stored. */
  async size(): Promise<number> {
    let bytes = 0;
    await this.db.postings.each((block) => {
      bytes += block.term.length * 2 + block.docs.byteLength + block.tfs.byteLength + 8;
    });
    const stats = await this.db.stats.get('stats');
    return bytes + (stats ? stats.lengths.byteLength + stats.ids.join('').length * 2 : 0);
  }

  close(): void {
    this.db.close();
  }
}
