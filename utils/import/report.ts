/**
 * What every import format shares: what a parsed file holds (ParsedImport), and how each entry is held to the
 * limits every stored record keeps, with what had to change or be left out said in words, row by row.
 */
import Papa from 'papaparse';
import { isTime, LIMITS } from '../records/schemas';
import { formatNumber, message } from '../i18n';
import type { ImportItem } from '../db/imports';

export interface ParsedImport {
  /** Which tool the file came from, for the report. */
  source: 'Pocket' | 'Omnivore' | 'Instapaper' | 'bookmarks' | 'Hypothesis' | 'Readwise';
  items: ImportItem[];
  /** Rows or entries that were not articles, with why. */
  skipped: string[];
  /** What was changed to fit what Gleaner stores (a date that is no date, tags or notes past the limits). */
  changed: string[];
}

/** Characters of text kept either side of an imported quote (what a stored selector holds at most). */
const CONTEXT = 1_000;

/** Epoch ms from a time an export wrote as a number: seconds (most do), or milliseconds or microseconds (told
 * apart by size: seconds reach 1e11 only in the year 5138). NaN stays NaN, for withinLimits to say. */
export function epochMs(value: number): number {
  const size = Math.abs(value);
  return size >= 1e14 ? value / 1000 : size >= 1e11 ? value : value * 1000;
}

export const clip = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);
/** Where a report line is about, in the interface's language: a CSV row (the header is row 1), a file's entry. */
export const rowAt = (index: number) => message('importReport.row', [formatNumber(index + 2)]);
export const entryAt = (file: string, index: number) => message('importReport.entry', [file, formatNumber(index + 1)]);
export const line = (where: string, what: string) => message('importReport.line', [where, what]);

/**
 * `item` held to the limits every stored record keeps (records/schemas.ts), with what had to change said in
 * `report.changed`: a date that is no date becomes the import's time, tags past the most an article holds and
 * notes past the longest are cut. Null, with why in `report.skipped`, for an address too long to store.
 */
export function withinLimits(
  item: ImportItem,
  where: string,
  report: Pick<ParsedImport, 'skipped' | 'changed'>,
  now: number,
): ImportItem | null {
  if (item.url.length > LIMITS.url) {
    report.skipped.push(line(where, message('importReport.urlTooLong', [formatNumber(LIMITS.url)])));
    return null;
  }
  const said = (what: string) => report.changed.push(line(where, what));
  let { savedAt, tags } = item;
  if (!isTime(savedAt)) {
    said(message('importReport.badDate', [String(savedAt)]));
    savedAt = now;
  }
  if (tags.length > LIMITS.tags) {
    said(message('importReport.tooManyTags', [formatNumber(tags.length), formatNumber(LIMITS.tags)]));
    tags = tags.slice(0, LIMITS.tags);
  }
  const note = item.note === undefined ? undefined : clip(item.note, LIMITS.note);
  if (note !== item.note) said(message('importReport.pageNoteCut', [formatNumber(LIMITS.note)]));
  const highlights = item.highlights.map((highlight, h) => {
    const fitted = {
      ...highlight,
      exact: clip(highlight.exact, LIMITS.quote),
      note: clip(highlight.note, LIMITS.note),
      // The text around a quote only helps find it: cut to what a selector keeps, nearest the quote, unsaid.
      ...(highlight.prefix !== undefined && { prefix: highlight.prefix.slice(-CONTEXT) }),
      ...(highlight.suffix !== undefined && { suffix: highlight.suffix.slice(0, CONTEXT) }),
      ...(highlight.createdAt !== undefined && !isTime(highlight.createdAt) && { createdAt: undefined }),
    };
    const cut = (key: 'importReport.quoteCut' | 'importReport.noteCut', limit: number) =>
      said(message(key, [formatNumber(h + 1), formatNumber(limit)]));
    if (fitted.exact !== highlight.exact) cut('importReport.quoteCut', LIMITS.quote);
    if (fitted.note !== highlight.note) cut('importReport.noteCut', LIMITS.note);
    return fitted;
  });
  return { ...item, savedAt, tags, highlights, ...(note !== undefined && { note }) };
}

/** The rows of a CSV export by column, its header's names trimmed and in lower case (a byte order mark ignored,
 * empty lines skipped). */
export function csvRows(csv: string): Array<Record<string, string>> {
  return Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
    transformHeader: (name) => name.trim().toLowerCase(),
  }).data;
}
