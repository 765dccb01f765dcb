/** Bytes joined. No imports: the end-to-end tests' zips (plain Node, outside WXT) use it too. */

/** `parts` one after another, in one new array (a fresh copy even of one part: a view of a larger buffer
 * stored in IndexedDB would store the whole buffer). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
