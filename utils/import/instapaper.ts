/**
 * An Instapaper export (CSV: URL, Title, Selection, Folder, Timestamp, and in newer exports Tags, a JSON list).
 * The folder "Archive" archives the article, "Starred" makes it a favourite, "Unread" is the inbox, and any
 * other folder (the user's own) becomes a tag. The selection (a passage chosen when saving) is its excerpt.
 */
import type { ImportItem } from '../db/imports';
import { normalizeTags } from '../records/tags';
import { message } from '../i18n';
import { normalizeUrl } from '../url';
import { clip, csvRows, epochMs, line, rowAt, withinLimits, type ParsedImport } from './report';

/** Whether a CSV header is Instapaper's. */
export const isInstapaperHeader = (header: readonly string[]): boolean =>
  ['url', 'title', 'folder', 'timestamp'].every((name) => header.includes(name));

/** The tags column: a JSON list of names (or, written by hand, names separated by commas). */
function tagsOf(cell: string): string[] {
  const text = cell.trim();
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed)) return parsed.filter((tag): tag is string => typeof tag === 'string');
  } catch {
    // not JSON: a list in words
  }
  return text.split(',');
}

export function parseInstapaperCsv(csv: string, now: number = Date.now()): ParsedImport {
  const data = csvRows(csv);
  const items: ImportItem[] = [];
  const report: Pick<ParsedImport, 'skipped' | 'changed'> = { skipped: [], changed: [] };
  data.forEach((row, i) => {
    const url = row.url?.trim() ?? '';
    if (!normalizeUrl(url)) {
      report.skipped.push(line(rowAt(i), message('importReport.notWebAddress', [clip(url, 80)])));
      return;
    }
    const folder = row.folder?.trim() ?? '';
    const known = folder.toLowerCase();
    const seconds = row.timestamp?.trim() ? Number(row.timestamp) : Number.NaN;
    const selection = row.selection?.trim() ?? '';
    const item = withinLimits(
      {
        url,
        title: clip(row.title?.trim() || url, 2_000),
        tags: normalizeTags([
          ...(folder && !['unread', 'archive', 'starred'].includes(known) ? [folder] : []),
          ...tagsOf(row.tags ?? ''),
        ]),
        savedAt: Number.isNaN(seconds) ? now : epochMs(seconds),
        byline: null,
        excerpt: selection ? clip(selection, 20_000) : null,
        publishedTime: null,
        highlights: [],
        archived: known === 'archive',
        favourite: known === 'starred',
      },
      rowAt(i),
      report,
      now,
    );
    if (item) items.push(item);
  });
  return { source: 'Instapaper', items, ...report };
}
