/**
 * The other candidate of issue 4's index choice: MiniSearch, a whole-index-in-memory library persisted as JSON
 * (as an extension would keep it in IndexedDB), on the same generated library and queries as entry.ts, with the
 * same tokenizer and field boosts. Phrases are searched as all their words (MiniSearch has no phrase search).
 * Run in a process of its own (bench/search.mjs) so that its heap does not slow the other candidate.
 */
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { tokens } from '../../utils/search/index/tokens';
import { generate, percentile, queries, round } from './library';

interface Doc {
  id: string;
  title: string;
  highlights: string;
  text: string;
}

export function runMiniSearchBench(words: string[], count: number, seed: number): Record<string, number> {
  const library = generate(words, count, seed);
  const list = queries(words, seed + 1);
  const options: Options<Doc> = {
    fields: ['title', 'highlights', 'text'],
    tokenize: (text) => tokens(text),
    processTerm: (term) => term,
  };
  const searchOptions = (query: string): SearchOptions => {
    const last = query.endsWith(' ') ? -1 : tokens(query).length - 1;
    return { combineWith: 'AND', boost: { title: 5, highlights: 3 }, prefix: (_term, i) => i === last };
  };

  let t = performance.now();
  const index = new MiniSearch<Doc>(options);
  index.addAll(
    library.map((d) => ({
      id: d.article.id,
      title: d.article.title,
      highlights: d.highlights.map((h) => h.selectors.quote.exact).join('\n'),
      text: d.text,
    })),
  );
  const buildMs = performance.now() - t;
  const json = JSON.stringify(index);
  const bytes = Buffer.byteLength(json);

  (globalThis as { gc?: () => void }).gc?.(); // as in entry.ts

  // Opening the search page: the stored index loaded (not counting its read from IndexedDB), then a query.
  t = performance.now();
  const loaded = MiniSearch.loadJSON<Doc>(json, options);
  loaded.search(list[0]!, searchOptions(list[0]!));
  const firstMs = performance.now() - t;

  const times: number[] = [];
  for (let round = 0; round < 2; round++) {
    for (const q of list) {
      t = performance.now();
      loaded.search(q.replace(/"/g, ''), searchOptions(q));
      times.push(performance.now() - t);
    }
  }
  return {
    peer_minisearch_p50_ms_10k: round(percentile(times, 50)),
    peer_minisearch_p95_ms_10k: round(percentile(times, 95)),
    peer_minisearch_first_ms_10k: round(firstMs),
    peer_minisearch_index_ms_per_article: round(buildMs / count, 3),
    peer_minisearch_bytes_per_article: Math.round(bytes / count),
  };
}
