/**
 * Zips made for the tests, including ones no honest tool writes: entries of already-deflated data under
 * whatever size the test claims, as a zip bomb does (fflate's Zip takes a pre-compressed entry as it is).
 */
import { deflateSync, Zip, type ZipInputFile } from 'fflate';
import { concatBytes } from '../../utils/bytes';

/** An entry of a made zip: `deflated` is stored as it is, said to inflate to `claimedSize` bytes. */
export interface MadeEntry {
  name: string;
  deflated: Uint8Array<ArrayBuffer>;
  claimedSize: number;
}

/** A zip of `entries`, each stored as given (compression 8: deflate). */
export function madeZip(entries: readonly MadeEntry[]): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    parts.push(chunk);
  });
  for (const entry of entries) {
    const file: ZipInputFile = { filename: entry.name, size: entry.claimedSize, crc: 0, compression: 8 };
    zip.add(file);
    file.ondata!(null, entry.deflated, true);
  }
  zip.end();
  return concatBytes(parts) as Uint8Array<ArrayBuffer>;
}

/**
 * A zip bomb: `count` entries named by `name(i)`, each `megabytes` MB of zeros deflated to about a thousandth.
 * `claim` is the size each entry's headers give: the true size (an honest bomb) or less (one that lies).
 */
export function zipBomb(
  count: number,
  megabytes: number,
  name: (i: number) => string,
  claim?: number,
): Uint8Array<ArrayBuffer> {
  const size = megabytes * 1024 * 1024;
  const deflated = deflateSync(new Uint8Array(size), { level: 9 });
  return madeZip(Array.from({ length: count }, (_, i) => ({ name: name(i), deflated, claimedSize: claim ?? size })));
}
