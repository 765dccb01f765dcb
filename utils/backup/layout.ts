/**
 * The line layout of a backup file (format 2): one JSON object whose first line holds the format, the counts
 * and the settings and opens `"entries":[`, then one article a line (each after the first led by its comma),
 * then `]}`. Written by "Back up" (backup.ts) and by the benchmarks that generate a library to restore.
 */

export const BACKUP_FORMAT = 'gleaner-backup';
export const BACKUP_VERSION = 2;

/** The line that closes the entries and the file. */
export const LAST_LINE = ']}';

/** The first line of a backup (with its line end). */
export function firstLine(header: {
  exportedAt: string;
  articles: number;
  highlights: number;
  settings: unknown;
}): string {
  const { exportedAt, articles, highlights, settings } = header;
  const object = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt, articles, highlights, settings };
  // The object with no entries ends with `"entries":[]}`: its first line stops after the bracket that opens them.
  return `${JSON.stringify({ ...object, entries: [] }).slice(0, -2)}\n`;
}

/** The line of the `index`-th entry (from 0), with its line end. */
export function entryLine(entry: unknown, index: number): string {
  return `${index ? ',' : ''}${JSON.stringify(entry)}\n`;
}
