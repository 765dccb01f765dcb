/**
 * The generated library and queries of the search benchmark (issue 4), shared by the engine's run (entry.ts)
 * and the peer's (minisearch-entry.ts) so that both see the same data.
 */
import type { ArticleRecord, HighlightRecord } from '../../utils/records/types';
import { tokens } from '../../utils/search/index/tokens';
import { seededRandom } from '../../tests/support/mutations';

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Articles made of runs of the source words, so that vocabulary and word frequencies are those of real pages. */
/** A generated article with its stored highlights (whole records, as written) and text. */
export interface GeneratedDoc {
  article: ArticleRecord;
  highlights: HighlightRecord[];
  text: string;
}

export function generate(words: readonly string[], count: number, seed: number): GeneratedDoc[] {
  const random = seededRandom(seed);
  const pick = (length: number) => {
    const start = Math.floor(random() * (words.length - length));
    return words.slice(start, start + length).join(' ');
  };
  return Array.from({ length: count }, (_, i) => {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const text = Array.from({ length: 6 }, () => pick(250)).join(' ');
    const article: ArticleRecord = {
      id,
      url: `https://site${i % 200}.example/a/${i}`,
      originalUrl: `https://site${i % 200}.example/a/${i}`,
      urls: [`https://site${i % 200}.example/a/${i}`],
      title: pick(8),
      byline: null,
      siteName: `Site ${i % 200}`,
      lang: 'en',
      dir: null,
      publishedTime: null,
      excerpt: pick(30),
      wordCount: 1500,
      readingMinutes: 6,
      canonicalUrl: null,
      tags: [`tag${i % 50}`],
      note: '',
      createdAt: i,
      updatedAt: i,
    };
    const highlights: HighlightRecord[] = Array.from({ length: 5 }, (_, h) => {
      const exact = pick(20);
      return {
        id: `${id.slice(0, -2)}${String(h).padStart(2, '0')}`,
        articleId: id,
        color: 'yellow',
        note: '',
        createdAt: i,
        updatedAt: i,
        selectors: {
          quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
          position: { type: 'TextPositionSelector', start: 0, end: exact.length },
        },
      };
    });
    return { article, highlights, text };
  });
}

/** Queries of every kind: a common, a middling and a rare word, two words, a phrase, and a word being typed. */
export function queries(words: readonly string[], seed: number): string[] {
  const counts = new Map<string, number>();
  for (const w of words) {
    const t = tokens(w)[0];
    if (t && t.length > 2) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const byFrequency = [...counts].sort((a, b) => b[1] - a[1]).map(([t]) => t);
  const random = seededRandom(seed);
  const at = (from: number, to: number) =>
    byFrequency[Math.floor(from * byFrequency.length + random() * (to - from) * byFrequency.length)]!;
  const list: string[] = [];
  for (let i = 0; i < 8; i++) {
    const start = Math.floor(random() * (words.length - 3));
    list.push(
      `${at(0, 0.01)} `,
      `${at(0.05, 0.2)} `,
      `${at(0.5, 0.9)} `,
      `${at(0.01, 0.1)} ${at(0.05, 0.3)} `,
      `"${words.slice(start, start + 2).join(' ')}" `,
      at(0.02, 0.2).slice(0, 3),
    );
  }
  return list;
}
