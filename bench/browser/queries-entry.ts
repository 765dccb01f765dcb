/** The search benchmark's query list (bench/search/library.ts), for the Chromium benchmark. */
import { queries } from '../search/library';

export async function libraryQueries(words: string[], _count: number, seed: number): Promise<{ queries: string[] }> {
  return { queries: queries(words, seed + 1) };
}
