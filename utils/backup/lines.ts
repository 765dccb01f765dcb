/**
 * A file read as a stream of lines, never as one string: how a backup of any size is read in bounded memory.
 * The browser hands the file over in chunks; only the current chunk and the line being read are held.
 */
import { timeSlices } from '../time-slices';

/** A line longer than this (characters) is refused: no line of a backup is, and it would have to be held whole. */
export class LineTooLong extends Error {
  constructor(readonly line: number) {
    super(`line ${line} is too long`);
  }
}

/** Ms of work after which the reader lets the page paint and handle input (a long task freezes the page). */
const SLICE_MS = 40;

/**
 * The lines of `file` (UTF-8), without their line ends (`\n` or `\r\n`), each with its 1-based number; a line
 * longer than `maxLine` characters throws LineTooLong before it is held whole. Yields to the page between
 * slices of work, so a consumer that does little per line never freezes it.
 */
export async function* fileLines(
  file: Blob,
  maxLine: number,
): AsyncGenerator<{ line: string; number: number }, void, undefined> {
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  // The start of the line being read, as the chunks it came in (joining them at each chunk would copy a long
  // line over and over), and its length.
  let pieces: string[] = [];
  let held = 0;
  let number = 0;
  const slices = timeSlices(SLICE_MS);
  const take = (last: string) => {
    const line = pieces.length ? pieces.join('') + last : last;
    pieces = [];
    held = 0;
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let start = 0;
      for (let end = value.indexOf('\n'); end >= 0; end = value.indexOf('\n', start)) {
        number++;
        if (held + end - start > maxLine) throw new LineTooLong(number);
        yield { line: take(value.slice(start, end)), number };
        start = end + 1;
        if (slices.due) await slices.pause();
      }
      if (start < value.length) {
        held += value.length - start;
        if (held > maxLine) throw new LineTooLong(number + 1);
        pieces.push(value.slice(start));
      }
    }
    if (held) yield { line: take(''), number: number + 1 };
  } finally {
    await reader.cancel().catch(() => {});
  }
}
