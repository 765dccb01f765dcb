/** Where query terms occur in a text, found on folded text and mapped back to the original characters. */
import { fold } from './fold';

/** [start, end) ranges of `text` to mark, sorted and merged. */
export function markRanges(text: string, terms: readonly string[]): Array<[number, number]> {
  if (!terms.length || !text) return [];
  // Plain ASCII folds to its lower case, index for index (most titles, excerpts and notes: a search draws 25
  // cards of them at each keystroke).
  if (!NOT_ASCII.test(text)) return merge(terms.flatMap((term) => occurrences(text.toLowerCase(), term)));
  // Otherwise fold character by character so that every folded index maps back to an original one.
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length;) {
    const code = text.codePointAt(i)!;
    const char = String.fromCodePoint(code);
    const piece = code < 128 ? char.toLowerCase() : fold(char);
    for (let k = 0; k < piece.length; k++) origin.push(i);
    folded += piece;
    i += char.length;
  }
  origin.push(text.length);
  const ranges: Array<[number, number]> = [];
  for (const term of terms) {
    if (!term) continue;
    for (let at = folded.indexOf(term); at !== -1; at = folded.indexOf(term, at + term.length)) {
      const end = at + term.length;
      // The original end: just past the character the last folded one came from.
      const last = origin[end - 1]!;
      const lastLength = String.fromCodePoint(text.codePointAt(last)!).length;
      ranges.push([origin[at]!, last + lastLength]);
    }
  }
  return merge(ranges);
}

// eslint-disable-next-line no-control-regex -- the ASCII range, NUL included, is the point
const NOT_ASCII = /[^\u0000-\u007f]/;

/** Where `term` occurs in `folded`, which maps index for index to the text. */
function occurrences(folded: string, term: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  if (term)
    for (let at = folded.indexOf(term); at !== -1; at = folded.indexOf(term, at + term.length))
      ranges.push([at, at + term.length]);
  return ranges;
}

/** `ranges` sorted, overlapping ones merged. */
function merge(ranges: Array<[number, number]>): Array<[number, number]> {
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const prev = merged[merged.length - 1];
    if (prev && range[0] <= prev[1]) prev[1] = Math.max(prev[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}
