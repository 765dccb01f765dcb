/**
 * Reading a zip chosen for import without trusting it. Its directory is read first, inflating nothing: too
 * many entries, or entries said to inflate past the limit, are refused at once. Then the entries the import
 * reads (only those) are inflated as a stream and counted as they come out, so a zip bomb whose headers
 * understate its size is refused after at most IMPORT_LIMITS.unpackedBytes of output, not after filling the
 * browser's memory. Work is done in time slices, so the page keeps painting while a large export is read.
 */
import { Unzip, UnzipInflate, unzipSync, type UnzipFile } from 'fflate';
import { gleanerError } from '../error-text';
import { formatMegabytes } from '../i18n';
import { MAX_FILE_BYTES } from '../records/limits';
import { timeSlices } from '../time-slices';
import { concatBytes } from '../bytes';

/** How much an import may read: the file, what its zip inflates to (entries read), its entries. */
export const IMPORT_LIMITS = {
  /** Bytes of the file chosen. */
  fileBytes: MAX_FILE_BYTES,
  /** Bytes all the entries read from a zip inflate to, together. */
  unpackedBytes: 256 * 1024 * 1024,
  /** Entries of a zip (read or not). */
  entries: 200_000,
} as const;

/** Compressed bytes handed to the inflater at once: deflate inflates at most ~1,032 times, so ~16 MB out. */
const CHUNK_BYTES = 16 * 1024;

/**
 * The entries of `zip` whose names `wanted` accepts, inflated. Throws a sentence when the zip cannot be read,
 * holds more entries than the limits allow, or inflates past them (the rest is never inflated).
 */
export async function unzipBounded(
  zip: Uint8Array,
  wanted: (name: string) => boolean,
  { unpackedBytes: maxBytes, entries: maxEntries }: { unpackedBytes: number; entries: number } = IMPORT_LIMITS,
): Promise<Map<string, Uint8Array>> {
  // The zip's directory, with the sizes it claims (fflate reads it without inflating when nothing is kept).
  const tooMany = gleanerError('import.tooManyEntries', [maxEntries.toLocaleString('en')]);
  let entries = 0;
  let claimed = 0;
  try {
    unzipSync(zip, {
      filter: (file) => {
        if (++entries > maxEntries) throw tooMany; // before reading the rest of a directory that lies
        if (wanted(file.name)) claimed += file.originalSize;
        return false;
      },
    });
  } catch (error) {
    throw error === tooMany ? tooMany : gleanerError('import.badZip');
  }
  const tooLarge = () => gleanerError('import.tooLarge', [formatMegabytes(maxBytes)]);
  if (claimed > maxBytes) throw tooLarge();

  const files = new Map<string, Uint8Array>();
  const open: Array<{ name: string; chunks: Uint8Array[] }> = [];
  let total = 0;
  // Why the zip was refused, once it is (set from fflate's callbacks).
  const refusals: Error[] = [];
  const refuse = (error: Error, file?: UnzipFile) => {
    refusals.push(error);
    file?.terminate();
  };

  const unzip = new Unzip((file) => {
    if (refusals.length || !wanted(file.name)) return;
    const entry = { name: file.name, chunks: [] as Uint8Array[] };
    open.push(entry);
    file.ondata = (error, data, final) => {
      if (refusals.length) return;
      if (error) return refuse(gleanerError('import.badZip'), file);
      total += data.length;
      if (total > maxBytes) return refuse(tooLarge(), file);
      entry.chunks.push(data);
      if (final) files.set(entry.name, concatBytes(entry.chunks));
    };
    file.start();
  });
  unzip.register(UnzipInflate);

  const slices = timeSlices(40);
  try {
    for (let at = 0; at < zip.length && !refusals.length; at += CHUNK_BYTES) {
      const end = Math.min(at + CHUNK_BYTES, zip.length);
      unzip.push(zip.subarray(at, end), end === zip.length);
      if (slices.due) await slices.pause();
    }
  } catch {
    refuse(gleanerError('import.badZip'));
  }
  if (refusals.length) throw refusals[0]!;
  // An entry begun and never ended: the file was cut short.
  if (open.some((entry) => !files.has(entry.name))) throw gleanerError('import.badZip');
  return files;
}
