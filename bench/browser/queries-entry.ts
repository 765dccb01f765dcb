/**
 * The query list of the Chromium benchmark: the search benchmark's (bench/search/library.ts: common, middling
 * and rare words, two words, phrases, words being typed), and filters by tag and by site, alone and with a
 * word, and a word no article holds.
 */
import { queries } from '../search/library';

export async function libraryQueries(words: string[], _count: number, seed: number): Promise<{ queries: string[] }> {
  const list = queries(words, seed + 1);
  const common = list[0]!.trim();
  const middling = list[1]!.trim();
  return {
    queries: [
      ...list,
      'tag:tag7 ',
      `tag:tag7 ${common} `,
      'site:site17.example ',
      `site:site17.example ${middling} `,
      'zqxjvkw ',
    ],
  };
}
