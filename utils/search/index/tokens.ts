/**
 * Words as the full-text index and the field matcher see them: folded (case and accents), split on everything
 * but letters, digits and marks, Chinese and Japanese runs split into words by the browser's segmenter.
 */
import { fold } from '../fold';

/** Terms longer than this are not words (hashes, URLs, base64). */
const MAX_TERM = 40;
/** Most occurrences of one term in one article that are counted (term frequencies are 16-bit). */
export const MAX_TF = 65535;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
/** Scripts written without spaces between words. */
export const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** What separates words: anything but letters, digits and marks. */
export const NON_WORD = /[^\p{L}\p{N}\p{M}]+/gu;

/** What a character is to the tokenizer. */
const enum Kind {
  Unknown = 0,
  Separator = 1,
  Word = 2,
  /** A letter of a script written without spaces (its runs go to the segmenter). */
  Cjk = 3,
}
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
/** The kind of each character of the Basic Multilingual Plane, found once (a regular expression per character
 * of every article would cost more than the rest of indexing). */
const kinds = new Uint8Array(0x10000);
function kindOf(char: string): Kind {
  return !WORD_CHAR.test(char) ? Kind.Separator : CJK.test(char) ? Kind.Cjk : Kind.Word;
}

/** Hands on the word tokens of one run of word characters. */
function pushRun(onToken: (token: string) => void, run: string, cjk: boolean): void {
  if (run.length > MAX_TERM) return;
  if (!cjk) onToken(run);
  else for (const { segment, isWordLike } of segmenter.segment(run)) if (isWordLike) onToken(segment);
}

/**
 * Folded word tokens of a text. Runs of letters, digits and marks split on everything else, found in one pass
 * over the characters; a run holding Chinese or Japanese is split into words by the browser's segmenter,
 * which is ~100 times slower and so kept to those runs.
 */
export function tokens(text: string): string[] {
  const out: string[] = [];
  forEachToken(text, (token) => out.push(token));
  return out;
}

/** Calls `onToken` with each of the folded word tokens of `text`, in order (tokens, without the array). */
export function forEachToken(text: string, onToken: (token: string) => void): void {
  const folded = fold(text);
  let start = -1;
  let cjk = false;
  for (let i = 0; i < folded.length; i++) {
    const code = folded.charCodeAt(i);
    let kind: Kind;
    if (code < 0x80) {
      kind = (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) ? Kind.Word : Kind.Separator;
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < folded.length) {
      // A character beyond the Basic Multilingual Plane, in two code units.
      kind = kindOf(folded.slice(i, i + 2));
      if (kind !== Kind.Separator) {
        if (start < 0) start = i;
        cjk ||= kind === Kind.Cjk;
        i++;
        continue;
      }
    } else {
      kind = kinds[code] as Kind;
      if (kind === Kind.Unknown) kinds[code] = kind = kindOf(folded[i]!);
    }
    if (kind === Kind.Separator) {
      if (start >= 0) pushRun(onToken, folded.slice(start, i), cjk);
      start = -1;
      cjk = false;
    } else {
      if (start < 0) start = i;
      cjk ||= kind === Kind.Cjk;
    }
  }
  if (start >= 0) pushRun(onToken, folded.slice(start), cjk);
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
