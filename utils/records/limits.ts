/** The limits of what a stored record holds and the rule for stored times: one set for every write path
 * (the schemas that enforce them are in schemas.ts; this file carries no validation library, so that what only
 * shows or checks a length can use it). */

/** How much of each kind a record holds at most. */
export const LIMITS = {
  /** Characters of a web address. */
  url: 8_000,
  /** Addresses one article is known by. */
  urls: 100,
  /** Tags of one article (each at most MAX_TAG_LENGTH characters, tags.ts). */
  tags: 1_000,
  /** Characters of a page's or a highlight's note. */
  note: 200_000,
  /** Characters of a highlight's quote. */
  quote: 100_000,
} as const;

/** Times (ms since 1970, as Date.now() gives) are those a Date can hold: 100,000,000 days either side. */
export const MAX_TIME = 8.64e15;

/** Whether `value` is a time Gleaner stores (and can show: a Date of it is valid). */
export const isTime = (value: number): boolean => Number.isFinite(value) && Math.abs(value) <= MAX_TIME;

/** Bytes of a file Gleaner reads whole, a backup to restore or an export to import (the page holds it in memory). */
export const MAX_FILE_BYTES = 500 * 1024 * 1024;
