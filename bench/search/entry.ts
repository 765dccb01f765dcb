/**
 * The search benchmark of issue 4, run in Node on fake-indexeddb (bench/search.mjs bundles it): a generated
 * library of 10,000 articles (text drawn from the shared pages, fixed seed, about 1,500 words and 5 highlights
 * each) searched through the extension's own engine (body-index.ts + run-search.ts), against a plain scan of
 * the same data.
 */
import 'fake-indexeddb/auto';
import { seededRandom } from '../../tests/support/mutations';
import { saveArticle } from '../../utils/db/articles';
import { createDatabase, db, type ArticleRecord, type HighlightRecord } from '../../utils/db/schema';
import { extractedArticle } from '../../utils/db/test-data';
import { rebuildIndex, tokens } from '../../utils/search/body-index';
import { fold } from '../../utils/search/fold';
import { parseQuery } from '../../utils/search/query';
import { loadSearchDocs, runSearch } from '../../utils/search/run-search';
import type { SearchDoc } from '../../utils/search/search-library';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Articles made of runs of the source words, so that vocabulary and word frequencies are those of real pages. */
function generate(words: readonly string[], count: number, seed: number): Array<SearchDoc & { text: string }> {
  const random = seededRandom(seed);
  const pick = (length: number) => {
    const start = Math.floor(random() * (words.length - length));
    return words.slice(start, start + length).join(' ');
  };
  return Array.from({ length: count }, (_, i) => {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const text = Array.from({ length: 6 }, () => pick(250)).join(' ');
    const article: ArticleRecord = {
      id, url: `https://site${i % 200}.example/a/${i}`, originalUrl: `https://site${i % 200}.example/a/${i}`, urls: [`https://site${i % 200}.example/a/${i}`],
      title: pick(8), byline: null, siteName: `Site ${i % 200}`, lang: 'en', dir: null, publishedTime: null, excerpt: pick(30),
      wordCount: 1500, readingMinutes: 6, canonicalUrl: null, tags: [`tag${i % 50}`], note: '', createdAt: i, updatedAt: i,
    };
    const highlights: HighlightRecord[] = Array.from({ length: 5 }, (_, h) => {
      const exact = pick(20);
      return { id: `${id.slice(0, -2)}${String(h).padStart(2, '0')}`, articleId: id, color: 'yellow', note: '', createdAt: i, updatedAt: i,
        selectors: { quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start: 0, end: exact.length } } };
    });
    return { article, highlights, text };
  });
}

/** Queries of every kind: a common, a middling and a rare word, two words, a phrase, and a word being typed. */
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
  for (let i = 0; i < 8; i++) {
    const start = Math.floor(random() * (words.length - 3));
    list.push(`${at(0, 0.01)} `, `${at(0.05, 0.2)} `, `${at(0.5, 0.9)} `, `${at(0.01, 0.1)} ${at(0.05, 0.3)} `, `"${words.slice(start, start + 2).join(' ')}" `, at(0.02, 0.2).slice(0, 3));
  }
  return list;
}

/** A plain scan: every word of the query must occur in the folded text; ranked by occurrences. */
function scan(folded: ReadonlyArray<{ id: string; text: string }>, query: string): string[] {
  const words = fold(query).replace(/"/g, '').split(/\s+/).filter(Boolean);
  const hits: Array<{ id: string; score: number }> = [];
  for (const doc of folded) {
    if (words.every((w) => doc.text.includes(w))) hits.push({ id: doc.id, score: words.length });
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, 50).map((h) => h.id);
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
  await db.searchBlocks.each((b) => (bytes += b.term.length * 2 + b.docs.byteLength + b.tfs.byteLength + b.lens.byteLength));
  bytes += (await db.searchDocs.count()) * 48;
  bytes += ((await db.searchMeta.get('meta'))?.ids.length ?? 0) * 36 * 2;

  // One article saved into the full library: content and index in one transaction.
  t = performance.now();
  await saveArticle(extractedArticle({ url: 'https://one.example/more', text: library[0]!.text }));
  const addMs = performance.now() - t;

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
      await runSearch(docs, parseQuery(q));
      times.push(performance.now() - t);
    }
  }

  const folded = library.map((d) => ({ id: d.article.id, text: fold(`${d.article.title}\n${d.highlights.map((h) => h.selectors.quote.exact).join('\n')}\n${d.text}`) }));
  const scanTimes = list.map((q) => {
    const start = performance.now();
    scan(folded, q);
    return performance.now() - start;
  });
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
