/**
 * Highlights in page order: by where each started when last found on the page; those whose place is not known
 * (imported with their quote alone, not yet found) after them, each group by when it was made.
 */
import type { HighlightRecord } from './types';

export function byPageOrder(a: Pick<HighlightRecord, 'selectors' | 'createdAt'>, b: typeof a): number {
  const [from, to] = [a.selectors.position?.start ?? Infinity, b.selectors.position?.start ?? Infinity];
  return from === to ? a.createdAt - b.createdAt : from < to ? -1 : 1;
}
