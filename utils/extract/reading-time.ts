/** Word counts and reading time that hold for scripts written without spaces too. */

/** Han, Hiragana and Katakana are read a character at a time; each counts as one word. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
/** A run of letters or digits, with inner apostrophes, hyphens and combining marks (don't, e-mail, café). */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-]*/gu;

/** Average silent reading speeds (Brysbaert 2019: 238 words a minute in English; about 500 CJK characters). */
const WORDS_PER_MINUTE = 238;
const CJK_CHARS_PER_MINUTE = 500;

/** Counts words, and CJK characters as words. */
export function countWords(text: string): { words: number; cjkChars: number } {
  let cjkChars = 0;
  const rest = text.replace(CJK, () => {
    cjkChars += 1;
    return ' ';
  });
  let words = 0;
  for (const _ of rest.matchAll(WORD)) words += 1;
  return { words, cjkChars };
}

/** Word count (CJK characters included) and minutes to read, at least one. */
export function readingStats(text: string): { wordCount: number; readingMinutes: number } {
  const { words, cjkChars } = countWords(text);
  const minutes = words / WORDS_PER_MINUTE + cjkChars / CJK_CHARS_PER_MINUTE;
  return { wordCount: words + cjkChars, readingMinutes: Math.max(1, Math.round(minutes)) };
}
