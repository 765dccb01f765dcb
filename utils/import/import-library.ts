/**
 * Imports from other read-later tools: a Pocket export (CSV: title, url, time_added, tags separated by `|`,
 * status, "archive" or "unread") and an Omnivore export (a zip of metadata JSON files and one highlights Markdown file per article).
 * Imported articles have no text yet: it is extracted the first time the page is opened with the popup
 * (utils/save/save-page.ts), and imported highlights are anchored by their quote on that visit.
 */
import { strFromU8 } from 'fflate';
import Papa from 'papaparse';
import * as v from 'valibot';
import { addImportedItems, type ImportCounts, type ImportItem } from '../db/imports';
import { isTime, LIMITS } from '../records/schemas';
import { normalizeTags } from '../records/tags';
import { gleanerError } from '../error-text';
import { formatMegabytes, formatNumber, message } from '../i18n';
import { normalizeUrl } from '../url';
import { IMPORT_LIMITS, unzipBounded } from './bounded-unzip';

export interface ParsedImport {
  /** Which tool the file came from, for the report. */
  source: 'Pocket' | 'Omnivore';
  items: ImportItem[];
  /** Rows or entries that were not articles, with why. */
  skipped: string[];
  /** What was changed to fit what Gleaner stores (a date that is no date, tags or notes past the limits). */
  changed: string[];
}

const clip = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);
/** Where a report line is about, in the interface's language: a CSV row (the header is row 1), a file's entry. */
const rowAt = (index: number) => message('importReport.row', [formatNumber(index + 2)]);
const entryAt = (file: string, index: number) => message('importReport.entry', [file, formatNumber(index + 1)]);
const line = (where: string, what: string) => message('importReport.line', [where, what]);

/**
 * `item` held to the limits every stored record keeps (records/schemas.ts), with what had to change said in
 * `report.changed`: a date that is no date becomes the import's time, tags past the most an article holds and
 * notes past the longest are cut. Null, with why in `report.skipped`, for an address too long to store.
 */
function withinLimits(
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
  const highlights = item.highlights.map((highlight, h) => {
    const fitted = { exact: clip(highlight.exact, LIMITS.quote), note: clip(highlight.note, LIMITS.note) };
    const cut = (key: 'importReport.quoteCut' | 'importReport.noteCut', limit: number) =>
      said(message(key, [formatNumber(h + 1), formatNumber(limit)]));
    if (fitted.exact !== highlight.exact) cut('importReport.quoteCut', LIMITS.quote);
    if (fitted.note !== highlight.note) cut('importReport.noteCut', LIMITS.note);
    return fitted;
  });
  return { ...item, savedAt, tags, highlights };
}

/** A Pocket export (`part_000000.csv`). */
export function parsePocketCsv(csv: string, now: number = Date.now()): ParsedImport {
  const { data } = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  });
  const items: ImportItem[] = [];
  const skipped: string[] = [];
  const changed: string[] = [];
  data.forEach((row, i) => {
    const url = row.url?.trim() ?? '';
    if (!normalizeUrl(url)) {
      skipped.push(line(rowAt(i), message('importReport.notWebAddress', [clip(url, 80)])));
      return;
    }
    const seconds = row.time_added?.trim() ? Number(row.time_added) : Number.NaN;
    const item = withinLimits(
      {
        url,
        title: clip(row.title?.trim() || url, 2_000),
        tags: normalizeTags((row.tags ?? '').split('|')),
        // No date at all is the import's time; a date that is not one is said so.
        savedAt: Number.isNaN(seconds) ? now : seconds * 1000,
        byline: null,
        excerpt: null,
        publishedTime: null,
        highlights: [],
        archived: row.status?.trim().toLowerCase() === 'archive',
      },
      rowAt(i),
      { skipped, changed },
      now,
    );
    if (item) items.push(item);
  });
  return { source: 'Pocket', items, skipped, changed };
}

const OmnivoreItemSchema = v.looseObject({
  slug: v.optional(v.string()),
  title: v.optional(v.nullable(v.string())),
  description: v.optional(v.nullable(v.string())),
  author: v.optional(v.nullable(v.string())),
  url: v.string(),
  labels: v.optional(v.nullable(v.array(v.union([v.string(), v.looseObject({ name: v.string() })])))),
  savedAt: v.optional(v.nullable(v.string())),
  publishedAt: v.optional(v.nullable(v.string())),
  /** "SUCCEEDED", "ARCHIVED", … (Omnivore's LibraryItemState). */
  state: v.optional(v.nullable(v.string())),
  /** How far it was read, 0 to 100. */
  readingProgress: v.optional(v.nullable(v.number())),
});

/** The highlights of an Omnivore highlights file: each a quote ("> …", ending in a link back to Omnivore), then
 * its note until the next quote. */
export function parseOmnivoreHighlights(markdown: string): Array<{ exact: string; note: string }> {
  const highlights: Array<{ exact: string; note: string }> = [];
  for (const block of markdown.replace(/\r\n/g, '\n').split(/\n\s*\n/)) {
    const lines = block.split('\n');
    if (lines[0]?.startsWith('>')) {
      const exact = lines
        .map((line) => line.replace(/^>\s?/, ''))
        .join('\n')
        .replace(/\s*\[⤴️?\]\([^)]*\)\s*$/u, '')
        .trim();
      if (exact) highlights.push({ exact, note: '' });
    } else if (highlights.length && block.trim()) {
      const last = highlights.at(-1)!;
      last.note = last.note ? `${last.note}\n\n${block.trim()}` : block.trim();
    }
  }
  return highlights;
}

const METADATA_FILE = /(^|\/)metadata_[^/]*\.json$/;
const HIGHLIGHTS_FILE = /(^|\/)highlights\/[^/]+\.md$/;

/** An Omnivore export zip; only its metadata and highlights files are inflated, within IMPORT_LIMITS. */
export async function parseOmnivoreZip(zip: Uint8Array, now: number = Date.now()): Promise<ParsedImport> {
  const files = await unzipBounded(zip, (name) => METADATA_FILE.test(name) || HIGHLIGHTS_FILE.test(name));
  const metadata = [...files.keys()].filter((name) => METADATA_FILE.test(name));
  if (!metadata.length) throw gleanerError('import.notOmnivore');
  const highlightFiles = new Map(
    [...files]
      .filter(([name]) => HIGHLIGHTS_FILE.test(name))
      .map(([name, data]) => [name.replace(/^.*highlights\//, '').replace(/\.md$/, ''), data]),
  );
  const items: ImportItem[] = [];
  const skipped: string[] = [];
  const changed: string[] = [];
  for (const name of metadata.sort()) {
    let entries: unknown;
    try {
      entries = JSON.parse(strFromU8(files.get(name)!));
    } catch {
      skipped.push(line(name, message('importReport.notJson')));
      continue;
    }
    if (!Array.isArray(entries)) {
      skipped.push(line(name, message('importReport.notList')));
      continue;
    }
    entries.forEach((entry, i) => {
      const parsed = v.safeParse(OmnivoreItemSchema, entry);
      if (!parsed.success || !normalizeUrl(parsed.output.url)) {
        skipped.push(line(entryAt(name, i), message('importReport.noAddress')));
        return;
      }
      const item = parsed.output;
      const saved = item.savedAt ? Date.parse(item.savedAt) : now;
      const notes = item.slug ? highlightFiles.get(item.slug) : undefined;
      const fitted = withinLimits(
        {
          url: item.url,
          title: clip(item.title?.trim() || item.url, 2_000),
          tags: normalizeTags((item.labels ?? []).map((label) => (typeof label === 'string' ? label : label.name))),
          savedAt: saved,
          byline: item.author ? clip(item.author, 2_000) : null,
          excerpt: item.description ? clip(item.description, 20_000) : null,
          publishedTime: item.publishedAt ? clip(item.publishedAt, 200) : null,
          highlights: notes ? parseOmnivoreHighlights(strFromU8(notes)) : [],
          archived: item.state?.toUpperCase() === 'ARCHIVED',
          ...(typeof item.readingProgress === 'number' &&
            Number.isFinite(item.readingProgress) && {
              progress: Math.max(0, Math.min(1, item.readingProgress / 100)),
            }),
        },
        entryAt(name, i),
        { skipped, changed },
        now,
      );
      if (fitted) items.push(fitted);
    });
  }
  return { source: 'Omnivore', items, skipped, changed };
}

/** Reads a file chosen for import: a Pocket CSV or an Omnivore zip. Throws a sentence for anything else. */
export async function parseImportFile(file: Blob & { name?: string }): Promise<ParsedImport> {
  if (file.size > IMPORT_LIMITS.fileBytes)
    throw gleanerError('import.fileTooLarge', [formatMegabytes(file.size), formatMegabytes(IMPORT_LIMITS.fileBytes)]);
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return parseOmnivoreZip(bytes); // "PK": a zip
  const text = strFromU8(bytes);
  const header = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, 1)[0]!
    .toLowerCase();
  if (/(^|,)url(,|$)/.test(header) && /(^|,)title(,|$)/.test(header)) return parsePocketCsv(text);
  throw gleanerError('import.unknown');
}

/** What an import did, for its report: what was added or merged, and the rows skipped with why. */
export interface ImportReport extends ImportCounts {
  skipped: string[];
  changed: string[];
}

/** Adds the items to the library in one transaction (utils/db/imports.ts). */
export async function importItems(parsed: ParsedImport, now: number = Date.now()): Promise<ImportReport> {
  return { ...(await addImportedItems(parsed.items, now)), skipped: parsed.skipped, changed: parsed.changed };
}
