/** Text with the query's terms wrapped in `<mark>`. */
import { markRanges } from '@/utils/search/marks';

/** Props of Marked. */
export interface MarkedProps {
  /** The text to show. */
  text: string;
  /** Folded terms to mark. */
  terms: readonly string[];
}

/** Renders `text` with every occurrence of a term marked (case- and accent-insensitively). */
export function Marked({ text, terms }: MarkedProps) {
  const parts = [];
  let at = 0;
  for (const [start, end] of markRanges(text, terms)) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
