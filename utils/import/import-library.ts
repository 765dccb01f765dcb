/**
 * Imports from other read-later tools: Pocket's export (a zip of CSV parts, or one CSV: title, url, time_added,
 * tags separated by `|`, status, "archive" or "unread") and Omnivore's (a zip of metadata JSON files and one
 * highlights Markdown file per article) here; Instapaper's CSV, bookmarks files, Hypothesis's JSON and
 * Readwise's CSV in their own files; which a file is, from its content (parseImportFile).
 * Imported articles have no text yet: it is extracted the first time the page is opened with the popup
 * (utils/save/save-page.ts), and imported highlights are anchored by their quote on that visit.
 */
import { strFromU8 } from 'fflate';
import Papa from 'papaparse';
import * as v from 'valibot';
import { addImportedItems, combineItems, previewImport, type ImportCounts, type ImportItem } from '../db/imports';
import { normalizeTags } from '../records/tags';
import { gleanerError } from '../error-text';
import { formatMegabytes, formatNumber, message } from '../i18n';
import { normalizeUrl } from '../url';
import { IMPORT_LIMITS, unzipBounded } from './bounded-unzip';
import { isBookmarksHtml, parseBookmarksHtml } from './bookmarks';
import { parseHypothesisJson } from './hypothesis';
import { isInstapaperHeader, parseInstapaperCsv } from './instapaper';
import { isReadwiseHeader, parseReadwiseCsv, resolveTitles } from './readwise';
import { rebuildLibraryIndex } from '../search/index/rebuild-worker';
import { readableContent } from './readable-content';
import { clip, csvRows, entryAt, line, rowAt as csvRow, withinLimits, type ParsedImport } from './report';

export type { ParsedImport } from './report';

/** A Pocket export's CSV (`part_000000.csv`; `file` names it in the report when a zip holds several). */
export function parsePocketCsv(csv: string, now: number = Date.now(), file?: string): ParsedImport {
  const rowAt = (index: number) =>
    file ? message('importReport.fileRow', [file, formatNumber(index + 2)]) : csvRow(index);
  const data = csvRows(csv);
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

const CONTENT_FILE = /(^|\/)content\/[^/]+\.html$/;

/**
 * The articles' content an Omnivore zip holds (`content/<slug>.html`) by slug, read within IMPORT_LIMITS of its
 * own: an export whose content is more than that is imported without it (said in `changed`), its text then
 * fetched or saved later as for any other import.
 */
async function omnivoreContents(zip: Uint8Array, changed: string[]): Promise<Map<string, Uint8Array>> {
  try {
    const files = await unzipBounded(zip, (name) => CONTENT_FILE.test(name));
    return new Map([...files].map(([name, data]) => [name.replace(/^.*content\//, '').replace(/\.html$/, ''), data]));
  } catch {
    changed.push(message('importReport.contentLeftOut', [formatMegabytes(IMPORT_LIMITS.unpackedBytes)]));
    return new Map();
  }
}

/** An Omnivore export zip; only its metadata, highlights and content files are inflated, within IMPORT_LIMITS. */
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
  const contents = await omnivoreContents(zip, changed);
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
      const html = item.slug ? contents.get(item.slug) : undefined;
      const content = html ? readableContent(strFromU8(html)) : undefined;
      if (content === 'tooLong') changed.push(line(entryAt(name, i), message('importReport.textTooLong')));
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
          ...(typeof content === 'object' && { content }),
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

const POCKET_PART = /(^|\/)part_\d+\.csv$/;

/** Pocket's export as it is downloaded: a zip of `part_000000.csv`, `part_000001.csv`, … (10,000 rows each). */
export async function parsePocketZip(zip: Uint8Array, now: number = Date.now()): Promise<ParsedImport> {
  const files = await unzipBounded(zip, (name) => POCKET_PART.test(name));
  const parsed: ParsedImport = { source: 'Pocket', items: [], skipped: [], changed: [] };
  for (const name of [...files.keys()].sort()) {
    const part = parsePocketCsv(strFromU8(files.get(name)!), now, name.replace(/^.*\//, ''));
    parsed.items.push(...part.items);
    parsed.skipped.push(...part.skipped);
    parsed.changed.push(...part.changed);
  }
  return parsed;
}

/** The names of a zip's entries, read from its directory alone (nothing inflated). */
async function zipNames(zip: Uint8Array): Promise<string[]> {
  const names: string[] = [];
  await unzipBounded(zip, (name) => {
    names.push(name);
    return false;
  });
  return names;
}

/**
 * Reads a file chosen for import, whatever it is: Pocket's zip or CSV, Omnivore's zip, Instapaper's CSV, a
 * bookmarks file, Hypothesis's JSON or Readwise's CSV, told apart by their content. Entries for the same page
 * are combined (combineItems). Throws a sentence for anything else.
 */
export async function parseImportFile(file: Blob & { name?: string }, now: number = Date.now()): Promise<ParsedImport> {
  if (file.size > IMPORT_LIMITS.fileBytes)
    throw gleanerError('import.fileTooLarge', [formatMegabytes(file.size), formatMegabytes(IMPORT_LIMITS.fileBytes)]);
  const parsed = await parseContent(new Uint8Array(await file.arrayBuffer()), now);
  return { ...parsed, items: combineItems(parsed.items) };
}

async function parseContent(bytes: Uint8Array, now: number): Promise<ParsedImport> {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    // "PK": a zip, Pocket's when it holds its parts.
    return (await zipNames(bytes)).some((name) => POCKET_PART.test(name))
      ? parsePocketZip(bytes, now)
      : parseOmnivoreZip(bytes, now);
  }
  const text = strFromU8(bytes).replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw gleanerError('import.unknown');
    }
    return parseHypothesisJson(json, now);
  }
  if (start.startsWith('<') && isBookmarksHtml(text)) return parseBookmarksHtml(text, now);
  const header = (Papa.parse<string[]>(text.split(/\r?\n/, 1)[0]!).data[0] ?? []).map((name) =>
    name.trim().toLowerCase(),
  );
  if (isReadwiseHeader(header)) return parseReadwiseCsv(text, now);
  if (isInstapaperHeader(header)) return parseInstapaperCsv(text, now);
  if (header.includes('url') && header.includes('title')) return parsePocketCsv(text, now);
  throw gleanerError('import.unknown');
}

/** What an import would do, in numbers, before anything is written (the preview the user confirms). */
export interface ImportPreview {
  /** The file, its entries for pages named only by title given their article's address. */
  parsed: ParsedImport;
  added: number;
  existing: number;
  highlights: number;
}

/** Reads what an import of `parsed` would add, writing nothing. */
export async function previewImportFile(parsed: ParsedImport): Promise<ImportPreview> {
  const resolved = await resolveTitles(parsed);
  resolved.items = combineItems(resolved.items);
  const { added, existing } = await previewImport(resolved.items);
  const highlights = resolved.items.reduce((sum, item) => sum + item.highlights.length, 0);
  return { parsed: resolved, added, existing, highlights };
}

/** What an import did, for its report: what was added or merged, and the rows skipped with why. */
export interface ImportReport extends ImportCounts {
  skipped: string[];
  changed: string[];
}

/**
 * Adds the items to the library in one transaction (utils/db/imports.ts), queuing the pages of those without
 * text to be fetched in the background; when the file brought articles' text, the search index is then rebuilt
 * (with progress), as after a restore.
 */
export async function importItems(
  parsed: ParsedImport,
  now: number = Date.now(),
  onIndexing: (done: number, total: number) => void = () => {},
): Promise<ImportReport> {
  const resolved = await resolveTitles(parsed);
  const items = combineItems(resolved.items);
  const counts = await addImportedItems(items, now, { fetch: true });
  if (counts.contents) await rebuildLibraryIndex(onIndexing);
  return { ...counts, skipped: resolved.skipped, changed: resolved.changed };
}
