/**
 * The search benchmark of issue 4, run in Node on fake-indexeddb (bench/search.mjs bundles it): a generated
 * library of 10,000 articles (text drawn from the shared pages, fixed seed, about 1,500 words and 5 highlights
 * each) searched through the extension's own engine (utils/search/index/ + run-search.ts), against a plain scan of
 * the same data.
 */
import 'fake-indexeddb/auto';
import { saveArticle } from '../../utils/db/articles';
import { createDatabase, db } from '../../utils/db/schema';
import { extractedArticle } from '../../utils/db/test-data';
import { rebuildIndex } from '../../utils/search/index/rebuild';
import { fold } from '../../utils/search/fold';
import { parseQuery } from '../../utils/search/query';
import { loadSearchDocs, PAGE_SIZE, runSearch, shownWords, snippetsFor } from '../../utils/search/run-search';
import { generate, percentile, queries, round } from './library';

/** A plain scan: every word of the query must occur in the folded text; ranked by occurrences. */
function scan(folded: ReadonlyArray<{ id: string; text: string }>, query: string): string[] {
  const words = fold(query).replace(/"/g, '').split(/\s+/).filter(Boolean);
  const hits: Array<{ id: string; score: number }> = [];
  for (const doc of folded) {
    if (words.every((w) => doc.text.includes(w))) hits.push({ id: doc.id, score: words.length });
  }
  return hits
    .sort((a, b) => b.score - a.score)
    .slice(0, 50)
    .map((h) => h.id);
}

export async function runSearchBench(words: string[], count: number, seed: number): Promise<Record<string, number>> {
  const library = generate(words, count, seed);
  const list = queries(words, seed + 1);
  await db.transaction('rw', db.articles, db.contents, db.highlights, async () => {
    await db.articles.bulkPut(library.map((d) => d.article));
    await db.contents.bulkPut(library.map((d) => ({ articleId: d.article.id, html: '', text: d.text })));
    await db.highlights.bulkPut(library.flatMap((d) => d.highlights));
  });

  // Building the whole index (what "Rebuild search index" does), and its stored size.
  let t = performance.now();
  await rebuildIndex();
  const buildMs = performance.now() - t;
  let bytes = 0;
  await db.searchBlocks.each(
    (b) => (bytes += b.term.length * 2 + b.docs.byteLength + b.tfs.byteLength + b.lens.byteLength + b.pos.byteLength),
  );
  bytes += (await db.searchDocs.count()) * 48;

  // One article saved into the full library: content and index in one transaction.
  t = performance.now();
  await saveArticle(extractedArticle({ url: 'https://one.example/more', text: library[0]!.text }));
  const addMs = performance.now() - t;

  const folded = library.map((d) => ({
    id: d.article.id,
    text: fold(`${d.article.title}\n${d.highlights.map((h) => h.selectors.quote.exact).join('\n')}\n${d.text}`),
  }));
  const scanTimes = list.map((q) => {
    const start = performance.now();
    scan(folded, q);
    return performance.now() - start;
  });

  // The search page's process holds neither the generated library nor the build's garbage (only fake-indexeddb
  // here keeps the stored data in the JS heap, as a browser does not): both are let go and collected, so that
  // no pause of theirs lands in the timings (bench/search.mjs runs Node with --expose-gc).
  library.length = 0;
  folded.length = 0;
  (globalThis as { gc?: () => void }).gc?.();

  // Opening the search page: a fresh connection, the library's metadata, then the first query.
  db.close();
  const fresh = createDatabase();
  t = performance.now();
  const docs = await loadSearchDocs(fresh);
  await db.open();
  await runSearch(docs, parseQuery(list[0]!));
  const firstMs = performance.now() - t;
  fresh.close();

  const times: number[] = [];
  for (let round = 0; round < 2; round++) {
    for (const q of list) {
      t = performance.now();
      const query = parseQuery(q);
      const { ranking } = await runSearch(docs, query);
      // As the page shows them once typing pauses: the snippets of the first page.
      await snippetsFor(
        ranking.hits(0, PAGE_SIZE).map((hit) => hit.article.id),
        shownWords(query),
      );
      times.push(performance.now() - t);
    }
  }

  const p50 = percentile(times, 50);
  return {
    search_articles: count,
    search_p50_ms_10k: round(p50),
    search_p95_ms_10k: round(percentile(times, 95)),
    search_first_ms_10k: round(firstMs),
    index_ms_per_article: round(buildMs / count, 3),
    index_add_ms: round(addMs),
    index_bytes_per_article: Math.round(bytes / count),
    scan_p50_ms_10k: round(percentile(scanTimes, 50)),
    search_vs_scan_ratio: round(p50 / percentile(scanTimes, 50), 3),
  };
}
