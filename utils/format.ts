/** Small wording helpers shared by Gleaner's pages, its page script and its background. */

/** The sentence an error carries (errors from other contexts arrive as plain values). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
