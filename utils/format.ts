/** Small wording helpers shared by Gleaner's pages, its page script and its background. */

/** What storage failures mean to a reader, by the error's name (IndexedDB's, or Dexie's wrapping them). */
const STORAGE_ERRORS: Record<string, string> = {
  QuotaExceededError: 'There is no room left to store this: the disk, or the browser\'s storage for Gleaner, is full. Nothing was changed; free some space and try again.',
  VersionError: 'Your library was last opened by a newer version of Gleaner. Update Gleaner to use it; nothing was changed.',
  DatabaseClosedError: 'Gleaner\'s library could not be opened: another Gleaner tab may be updating it. Close the other Gleaner tabs and try again; nothing was changed.',
  OpenFailedError: 'Gleaner\'s library could not be opened. Restart the browser and try again; nothing was changed.',
};

/** The sentence an error carries (errors from other contexts arrive as plain values); storage failures in words. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = (error as { inner?: unknown }).inner;
  const name = inner instanceof Error && STORAGE_ERRORS[inner.name] ? inner.name : error.name;
  return STORAGE_ERRORS[name] ?? error.message;
}

/** "1 article", "3 articles". */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "27 May 2020" for a time (epoch ms) or a date string the page gave; the text itself when it is not a date. */
export function formatDate(value: string | number): string {
  const time = typeof value === 'number' ? value : Date.parse(value);
  return Number.isNaN(time) ? String(value) : new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(time);
}
