/**
 * A Readwise export of highlights (CSV: Highlight, Book Title, Book Author, Amazon Book ID, Note, Color, Tags,
 * Location Type, Location, Highlighted at, Document tags). Rows are grouped by their document: each highlight
 * with its note and colour, the document's tags on the article. Readwise names a document by its title; a row
 * that also gives its address (a URL column) is that page, and one that does not is matched, by title, to an
 * article already in the library when the import runs (resolveTitles); the rest are left out, said why.
 */
import type { ImportedHighlight, ImportItem } from '../db/imports';
import { db } from '../db/schema';
import { normalizeTags } from '../records/tags';
import { COLOR_NAMES } from '../settings/palette';
import { message } from '../i18n';
import { normalizeUrl } from '../url';
import { clip, csvRows, line, rowAt, withinLimits, type ParsedImport } from './report';

/** Whether a CSV header is Readwise's highlights export. */
export const isReadwiseHeader = (header: readonly string[]): boolean =>
  ['highlight', 'book title'].every((name) => header.includes(name));

/** Readwise's colours that are also Gleaner's (the rest become the default). */
const colorOf = (name: string) => {
  const color = name.trim().toLowerCase();
  return (COLOR_NAMES as readonly string[]).includes(color) ? color : undefined;
};

export function parseReadwiseCsv(csv: string, now: number = Date.now()): ParsedImport {
  const data = csvRows(csv);
  const items: ImportItem[] = [];
  const report: Pick<ParsedImport, 'skipped' | 'changed'> = { skipped: [], changed: [] };
  data.forEach((row, i) => {
    const exact = row.highlight?.trim() ?? '';
    const title = row['book title']?.trim() ?? '';
    const url = (row.url ?? row['source url'] ?? '').trim();
    if (!exact) {
      report.skipped.push(line(rowAt(i), message('importReport.noQuote')));
      return;
    }
    if (!normalizeUrl(url) && !title) {
      report.skipped.push(line(rowAt(i), message('importReport.noAddress')));
      return;
    }
    const at = row['highlighted at']?.trim() ? Date.parse(row['highlighted at']) : now;
    const color = colorOf(row.color ?? '');
    const highlight: ImportedHighlight = {
      exact,
      note: row.note?.trim() ?? '',
      ...(Number.isFinite(at) && { createdAt: at }),
      ...(color && { color }),
    };
    const item = withinLimits(
      {
        // Without an address, the title stands for it until resolveTitles finds the article.
        url: normalizeUrl(url) ? url : '',
        title: clip(title || url, 2_000),
        tags: normalizeTags([...(row['document tags'] ?? '').split(','), ...(row.tags ?? '').split(',')]),
        savedAt: Number.isFinite(at) ? at : now,
        byline: row['book author']?.trim() ? clip(row['book author'].trim(), 2_000) : null,
        excerpt: null,
        publishedTime: null,
        highlights: [highlight],
      },
      rowAt(i),
      report,
      now,
    );
    if (item) items.push(item);
  });
  return { source: 'Readwise', items, ...report };
}

/**
 * Gives the items named only by their title (url '') the address of the article of that title in the library;
 * those without one are left out, said why (in `skipped`). Reads every article's title once (an import, not a
 * search: seconds at 50,000 articles at most).
 */
export async function resolveTitles(parsed: ParsedImport): Promise<ParsedImport> {
  const untitled = parsed.items.filter((item) => !item.url);
  if (!untitled.length) return parsed;
  const wanted = new Set(untitled.map((item) => item.title));
  const byTitle = new Map<string, string>();
  await db.articles.each((article) => {
    if (wanted.has(article.title) && !byTitle.has(article.title)) byTitle.set(article.title, article.url);
  });
  const skipped = [...parsed.skipped];
  const missing = new Set<string>();
  const items = parsed.items.flatMap((item) => {
    if (item.url) return [item];
    const url = byTitle.get(item.title);
    if (url) return [{ ...item, url }];
    missing.add(item.title);
    return [];
  });
  for (const title of missing) skipped.push(line(title, message('importReport.noArticleTitled')));
  return { ...parsed, items, skipped };
}
