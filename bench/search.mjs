// Search at 10,000 articles (issue 4). Two index designs on the same generated library and queries: the
// extension's postings index (utils/search/index/, stored by utils/db/search-index.ts) on fake-indexeddb in Node, and MiniSearch (whole
// index in memory, persisted as JSON), each in its own process; and a plain in-memory scan of the same data.
// Figures: search_p50_ms_10k, search_p95_ms_10k, search_first_ms_10k, index_ms_per_article,
// index_bytes_per_article, search_vs_scan_ratio, and peer_minisearch_* for the other candidate.
import { inNodeProcess } from './lib.mjs';

export async function benchSearch(count = 10_000) {
  const ours = await inNodeProcess('search/entry.ts', 'runSearchBench', count);
  const peer = await inNodeProcess('search/minisearch-entry.ts', 'runMiniSearchBench', count);
  return {
    figures: {
      ...ours,
      ...peer,
      search_vs_minisearch_p50_ratio:
        Math.round((ours.search_p50_ms_10k / peer.peer_minisearch_p50_ms_10k) * 1000) / 1000,
    },
  };
}
