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

/** The hash of the characters of `text` from `start` to `end` (what `scanRuns` gives each run). */
export function hashOf(text: string, start = 0, end = text.length): number {
  let hash = FNV_BASIS;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash;
}
const FNV_BASIS = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/**
 * The runs of word characters of a folded text, in one pass over its characters: `onRun` gets where each
 * begins and ends, the hash of its characters, and whether it holds Chinese or Japanese (then the segmenter
 * splits it into words).
 */
function scanRuns(folded: string, onRun: (start: number, end: number, hash: number, cjk: boolean) => void): void {
  let start = -1;
  let cjk = false;
  let hash = FNV_BASIS;
  for (let i = 0; i < folded.length; i++) {
    const code = folded.charCodeAt(i);
    let kind: Kind;
    if (code < 0x80) {
      kind = (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) ? Kind.Word : Kind.Separator;
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < folded.length) {
      // A character beyond the Basic Multilingual Plane, in two code units.
      kind = kindOf(folded.slice(i, i + 2));
      if (kind !== Kind.Separator) {
        if (start < 0) {
          start = i;
          hash = FNV_BASIS;
        }
        cjk ||= kind === Kind.Cjk;
        hash = Math.imul(Math.imul(hash ^ code, FNV_PRIME) ^ folded.charCodeAt(++i), FNV_PRIME);
        continue;
      }
    } else {
      kind = kinds[code] as Kind;
      if (kind === Kind.Unknown) kinds[code] = kind = kindOf(folded[i]!);
    }
    if (kind === Kind.Separator) {
      if (start >= 0) onRun(start, i, hash, cjk);
      start = -1;
      cjk = false;
    } else {
      if (start < 0) {
        start = i;
        hash = FNV_BASIS;
      }
      cjk ||= kind === Kind.Cjk;
      hash = Math.imul(hash ^ code, FNV_PRIME);
    }
  }
  if (start >= 0) onRun(start, folded.length, hash, cjk);
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
  scanRuns(folded, (start, end, _hash, cjk) => {
    if (end - start > MAX_TERM) return;
    const run = folded.slice(start, end);
    if (!cjk) onToken(run);
    else for (const { segment, isWordLike } of segmenter.segment(run)) if (isWordLike) onToken(segment);
  });
}

/**
 * Words by number, for indexing a whole library: a word of a text is looked up by its characters where they
 * are, so that no string is made for a word already numbered (a string and a map lookup per occurrence were
 * most of a rebuild's time). Open addressing on the runs' hashes.
 */
export class WordTable {
  /** The words, by number. */
  readonly words: string[] = [];
  private hashes = new Int32Array(1 << 12);
  /** Word number + 1 per slot; 0 is empty. */
  private slots = new Int32Array(1 << 13);

  /** The number of the word `text` holds from `start` to `end`, whose hash is `hash`. */
  numberAt(text: string, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const number = this.slots[slot]! - 1;
      if (number < 0) return this.add(text.slice(start, end), hash, slot);
      if (this.hashes[number] !== hash) continue;
      const word = this.words[number]!;
      if (word.length !== length) continue;
      let same = true;
      for (let i = 0; i < length && same; i++) same = word.charCodeAt(i) === text.charCodeAt(start + i);
      if (same) return number;
    }
  }

  /** The number of `word`. */
  numberOf(word: string): number {
    return this.numberAt(word, 0, word.length, hashOf(word));
  }

  private add(word: string, hash: number, slot: number): number {
    const number = this.words.length;
    this.words.push(word);
    if (number === this.hashes.length) {
      const grown = new Int32Array(number * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[number] = hash;
    this.slots[slot] = number + 1;
    // At most half full: slots twice over, every word placed again.
    if (this.words.length * 2 > this.slots.length) {
      const slots = new Int32Array(this.slots.length * 2);
      const mask = slots.length - 1;
      for (let n = 0; n < this.words.length; n++) {
        let at = this.hashes[n]! & mask;
        while (slots[at]) at = (at + 1) & mask;
        slots[at] = n + 1;
      }
      this.slots = slots;
    }
    return number;
  }
}

/** Calls `onWord` with the number `table` gives each folded word token of `text`, in order. */
export function forEachWordNumber(text: string, table: WordTable, onWord: (number: number) => void): void {
  const folded = fold(text);
  scanRuns(folded, (start, end, hash, cjk) => {
    if (end - start > MAX_TERM) return;
    if (!cjk) onWord(table.numberAt(folded, start, end, hash));
    else
      for (const { segment, isWordLike } of segmenter.segment(folded.slice(start, end)))
        if (isWordLike) onWord(table.numberOf(segment));
  });
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
