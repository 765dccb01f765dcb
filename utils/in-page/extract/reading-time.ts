/** Word counts and reading time that hold for scripts written without spaces too. */

/** Average silent reading speeds (Brysbaert 2019: 238 words a minute in English; about 500 CJK characters). */
const WORDS_PER_MINUTE = 238;
const CJK_CHARS_PER_MINUTE = 500;

/** Hiragana, Katakana and the CJK ideograph blocks: read a character at a time, each counts as a word. */
function isCjk(code: number): boolean {
  return (
    (code >= 0x3005 && code <= 0x3007) || // 々 〆 〇
    (code >= 0x3040 && code <= 0x30ff) || // Hiragana, Katakana
    (code >= 0x3400 && code <= 0x4dbf) || // CJK Extension A
    (code >= 0x4e00 && code <= 0x9fff) || // CJK Unified Ideographs
    (code >= 0xf900 && code <= 0xfaff) || // CJK Compatibility Ideographs
    (code >= 0xd840 && code <= 0xd87f) // high surrogates of the supplementary ideograph planes
  );
}

/** White space and the punctuation that separates words rather than joining them. */
function isSeparator(code: number): boolean {
  return code <= 0x20 || code === 0xa0 || (code >= 0x2000 && code <= 0x200b) || (code >= 0x3000 && code <= 0x303f);
}

/** Letters and digits (any script): a run of other characters alone (— … !) is not a word. */
const WORDISH = /[\p{L}\p{N}]/u;

/**
 * Counts words, and CJK characters as words, in one pass over the text: this runs on every extraction, so it
 * avoids Unicode-property regular expressions over the whole text.
 */
export function countWords(text: string): { words: number; cjkChars: number } {
  let words = 0;
  let cjkChars = 0;
  let start = -1; // start of the current run of word characters
  const close = (end: number) => {
    if (start >= 0 && WORDISH.test(text.slice(start, end))) words += 1;
    start = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isCjk(code)) {
      close(i);
      cjkChars += 1;
      if (code >= 0xd840 && code <= 0xd87f) i += 1; // the low surrogate of the same character
    } else if (isSeparator(code)) {
      close(i);
    } else if (start < 0) {
      start = i;
    }
  }
  close(text.length);
  return { words, cjkChars };
}

/** Word count (CJK characters included) and minutes to read, at least one. */
export function readingStats(text: string): { wordCount: number; readingMinutes: number } {
  const { words, cjkChars } = countWords(text);
  const minutes = words / WORDS_PER_MINUTE + cjkChars / CJK_CHARS_PER_MINUTE;
  return { wordCount: words + cjkChars, readingMinutes: Math.max(1, Math.round(minutes)) };
}
