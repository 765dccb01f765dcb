/**
 * The search benchmark of issue 4, run in Node on fake-indexeddb (bench/search.mjs bundles it): a generated
 * library of 10,000 articles (text drawn from the shared pages, fixed seed, about 1,500 words and 5 highlights
 * each), indexed by the postings candidate, and the same queries run against a plain scan of the same data.
 */
import 'fake-indexeddb/auto';
import { seededRandom } from '../../tests/support/mutations';
import { fold } from '../../utils/search/fold';
import { PostingsIndex, tokens, type IndexedText } from './postings-index';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Articles made of runs of the source words, so that vocabulary and word frequencies are those of real pages. */
function generate(words: readonly string[], count: number, seed: number): IndexedText[] {
  const random = seededRandom(seed);
  const pick = (length: number) => {
    const start = Math.floor(random() * (words.length - length));
    return words.slice(start, start + length).join(' ');
  };
  return Array.from({ length: count }, (_, i) => ({
    id: `article-${i}`,
    title: pick(8),
    text: Array.from({ length: 6 }, () => pick(250)).join(' '),
    highlights: Array.from({ length: 5 }, () => pick(20)).join('\n'),
  }));
}

/** Queries of every kind: a common, a middling and a rare word, two words, and a word being typed. */
function queries(words: readonly string[], seed: number): string[] {
  const counts = new Map<string, number>();
  for (const w of words) {
    const t = tokens(w)[0];
    if (t && t.length > 2) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const byFrequency = [...counts].sort((a, b) => b[1] - a[1]).map(([t]) => t);
  const random = seededRandom(seed);
  const at = (from: number, to: number) => byFrequency[Math.floor(from * byFrequency.length + random() * (to - from) * byFrequency.length)]!;
  const list: string[] = [];
  for (let i = 0; i < 10; i++) {
    list.push(at(0, 0.01), at(0.05, 0.2), at(0.5, 0.9), `${at(0.01, 0.1)} ${at(0.05, 0.3)}`, at(0.02, 0.2).slice(0, 3));
  }
  return list;
}

/** A plain scan: every word of the query must occur in the folded text; ranked by occurrences. */
function scan(folded: ReadonlyArray<{ id: string; text: string }>, query: string): string[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const hits: Array<{ id: string; score: number }> = [];
  for (const doc of folded) {
    let score = 0;
    let all = true;
    for (const w of words) {
      const at = doc.text.indexOf(w);
      if (at < 0) {
        all = false;
        break;
      }
      score += 1;
    }
    if (all) hits.push({ id: doc.id, score });
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, 50).map((h) => h.id);
}

export async function runSearchBench(words: string[], count: number, seed: number): Promise<Record<string, number>> {
  const docs = generate(words, count, seed);
  const list = queries(words, seed + 1);

  let t = performance.now();
  const index = new PostingsIndex('bench-search');
  await index.build(docs);
  const buildMs = performance.now() - t;
  const bytes = await index.size();
  t = performance.now();
  await index.add({ id: 'one-more', title: 'One more article', text: docs[0]!.text, highlights: '' });
  const addMs = performance.now() - t;
  index.close();

  // Opening the search page: a fresh connection, then the first query.
  const fresh = new PostingsIndex('bench-search');
  t = performance.now();
  await fresh.search(list[0]!);
  const firstMs = performance.now() - t;
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const q of list) {
      t = performance.now();
      await fresh.search(q);
      times.push(performance.now() - t);
    }
  }
  fresh.close();

  const folded = docs.map((d) => ({ id: d.id, text: fold(`${d.title}\n${d.highlights}\n${d.text}`) }));
  const scanTimes: number[] = [];
  for (const q of list) {
    t = performance.now();
    scan(folded, q);
    scanTimes.push(performance.now() - t);
  }
  const p50 = percentile(times, 50);
  return {
    search_articles: count,
    search_p50_ms_10k: Math.round(p50 * 100) / 100,
    search_p95_ms_10k: Math.round(percentile(times, 95) * 100) / 100,
    search_first_ms_10k: Math.round(firstMs * 100) / 100,
    index_ms_per_article: Math.round((buildMs / count) * 1000) / 1000,
    index_add_ms: Math.round(addMs * 100) / 100,
    index_bytes_per_article: Math.round(bytes / count),
    scan_p50_ms_10k: Math.round(percentile(scanTimes, 50) * 100) / 100,
    search_vs_scan_ratio: Math.round((p50 / percentile(scanTimes, 50)) * 1000) / 1000,
  };
}
