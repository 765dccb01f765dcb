/**
 * The postings codec of the full-text index: a term's articles in blocks of up to 1,024 (parallel typed
 * arrays: document numbers, term frequencies, lengths), with each occurrence's word position as a 7-bit
 * variable-length delta, and a cursor that walks one term's postings in document order.
 */
import type { SearchBlockRecord } from '../../db/schema';

/** Articles per postings block: an append touches one small record; a common term spans a few blocks. */
export const BLOCK = 1024;

/** Appends ascending positions (those of `positions` from `from` to `to`) to `out` as variable-length deltas
 * (7 bits a byte). */
export function encodePositions(positions: ArrayLike<number>, out: number[], from = 0, to = positions.length): void {
  let previous = 0;
  for (let i = from; i < to; i++) {
    const position = positions[i]!;
    let delta = position - previous;
    previous = position;
    while (delta >= 0x80) {
      out.push((delta & 0x7f) | 0x80);
      delta >>>= 7;
    }
    out.push(delta);
  }
}

/** Reads `count` positions encoded at `bytes[from]` into `out`; returns where the next document's begin. */
export function decodePositions(bytes: Uint8Array, from: number, count: number, out: Int32Array): number {
  let at = from;
  let previous = 0;
  for (let n = 0; n < count; n++) {
    let delta = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[at++]!;
      delta |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    previous += delta;
    out[n] = previous;
  }
  return at;
}

/** Where the `count` positions encoded at `bytes[from]` end (each ends with a byte below 0x80). */
function skipPositions(bytes: Uint8Array, from: number, count: number): number {
  let at = from;
  for (let left = count; left > 0; at++) if (bytes[at]! < 0x80) left--;
  return at;
}

/** Where the positions of a block's `index`-th document begin and end in `block.pos`. */
export function positionRange(block: SearchBlockRecord, index: number): [number, number] {
  let at = 0;
  for (let i = 0; i < index; i++) at = skipPositions(block.pos, at, block.tfs[i]!);
  return [at, skipPositions(block.pos, at, block.tfs[index]!)];
}

/** A walk through one term's postings, document by document in ascending document number. */
export class PostingsCursor {
  private block = 0;
  private index = 0;
  /** Where the current document's positions begin in its block's `pos`. */
  private at = 0;
  /** The current document's positions, once read (`read`). */
  positions = new Int32Array(64);

  constructor(private readonly blocks: readonly SearchBlockRecord[]) {}

  /** The current document number; Infinity past the end. */
  get docNo(): number {
    return this.block < this.blocks.length ? this.blocks[this.block]!.docs[this.index]! : Infinity;
  }

  get tf(): number {
    return this.blocks[this.block]!.tfs[this.index]!;
  }

  get length(): number {
    return this.blocks[this.block]!.lens[this.index]!;
  }

  /** On to the next document (its positions skipped unread). */
  next(): void {
    const block = this.blocks[this.block]!;
    this.at = skipPositions(block.pos, this.at, block.tfs[this.index]!);
    if (++this.index === block.docs.length) {
      this.block++;
      this.index = 0;
      this.at = 0;
    }
  }

  /** On to the first document numbered `target` or more: whole blocks that end before it are passed unread. */
  seek(target: number): void {
    while (this.block < this.blocks.length) {
      const docs = this.blocks[this.block]!.docs;
      if (docs[docs.length - 1]! >= target) break;
      this.block++;
      this.index = 0;
      this.at = 0;
    }
    while (this.docNo < target) this.next();
  }

  /** Reads the current document's positions into `positions` (its first `tf` entries). */
  read(): void {
    const tf = this.tf;
    if (this.positions.length < tf) this.positions = new Int32Array(Math.max(tf, this.positions.length * 2));
    decodePositions(this.blocks[this.block]!.pos, this.at, tf, this.positions);
  }
}
