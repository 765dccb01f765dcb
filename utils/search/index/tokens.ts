/**
 * Words as the full-text index and the field matcher see them: folded (case and accents), split on everything
 * but letters, digits and marks, Chinese and Japanese runs split into words by the browser's segmenter.
 */
import { fold } from '../fold';

/** Terms longer than this are not words (hashes, URLs, base64). */
const MAX_TERM = 40;
/** Most occurrences of one term in one article that are counted (term frequencies are 16-bit). */
const MAX_TF = 65535;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
/** Scripts written without spaces between words. */
export const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** What separates words: anything but letters, digits and marks. */
export const NON_WORD = /[^\p{L}\p{N}\p{M}]+/gu;

/**
 * Folded word tokens of a text. Runs of letters and digits split on everything else (fast); a run holding
 * Chinese or Japanese is split into words by the browser's segmenter, which is ~100 times slower and so kept to
 * those runs.
 */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const run of fold(text).split(NON_WORD)) {
    if (!run || run.length > MAX_TERM) continue;
    if (!CJK.test(run)) out.push(run);
    else for (const { segment, isWordLike } of segmenter.segment(run)) if (isWordLike) out.push(segment);
  }
  return out;
}

/** The distinct terms of a text with the word positions where each occurs, and its length in words. */
export function termPositions(text: string): { positions: Map<string, number[]>; length: number } {
  const words = tokens(text);
  const positions = new Map<string, number[]>();
  words.forEach((word, at) => {
    const list = positions.get(word);
    if (!list) positions.set(word, [at]);
    else if (list.length < MAX_TF) list.push(at);
  });
  return { positions, length: words.length };
}
