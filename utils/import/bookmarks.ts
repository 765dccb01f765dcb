/**
 * A browser bookmarks file (the Netscape bookmark HTML every browser exports, and Raindrop, Linkwarden,
 * Karakeep, Pinboard): each link an article, the folders it is in its tags (a browser's own top folders, such
 * as the bookmarks bar, are not), with its own tags (`TAGS`), the date it was added (`ADD_DATE`, seconds) and
 * its description (the `<DD>` after it) as the page's note. Parsed as inert HTML: nothing in it runs or loads.
 */
import type { ImportItem } from '../db/imports';
import { normalizeTags } from '../records/tags';
import { message } from '../i18n';
import { normalizeUrl } from '../url';
import { clip, entryAt, epochMs, line, withinLimits, type ParsedImport } from './report';

/** Whether a text looks like a bookmarks file (its doctype, or a list of links in definition lists). */
export const isBookmarksHtml = (text: string): boolean =>
  /<!DOCTYPE NETSCAPE-Bookmark-file-1>/i.test(text.slice(0, 1_000)) ||
  (/<dl[\s>]/i.test(text) && /<dt[\s>]/i.test(text) && /<a\s[^>]*href=/i.test(text));

/** The browsers' own top folders, by the attribute they mark them with. */
const ROOT_FOLDER_ATTRIBUTES = ['personal_toolbar_folder', 'unfiled_bookmarks_folder'];
/** … and by the names they give them where they mark them with none (Chrome's, Firefox's, Edge's, Safari's). */
const ROOT_FOLDER_NAMES = new Set([
  'bookmarks',
  'bookmarks bar',
  'bookmarks toolbar',
  'bookmarks menu',
  'other bookmarks',
  'mobile bookmarks',
  'favorites bar',
  'favourites bar',
  'other favorites',
  'menu',
  'toolbar',
  'unsorted bookmarks',
]);

/** The folders an element is in, outermost first: each `<DL>` it is in follows its folder's `<H3>`. */
function foldersOf(anchor: Element): string[] {
  const folders: string[] = [];
  for (let node = anchor.parentElement; node; node = node.parentElement) {
    if (node.tagName !== 'DL') continue;
    let heading = node.previousElementSibling;
    while (heading && heading.tagName === 'P') heading = heading.previousElementSibling;
    if (heading?.tagName !== 'H3') continue;
    const name = heading.textContent?.trim() ?? '';
    const root =
      ROOT_FOLDER_ATTRIBUTES.some((attribute) => heading.hasAttribute(attribute)) ||
      ROOT_FOLDER_NAMES.has(name.toLowerCase());
    if (name && !root) folders.unshift(name);
  }
  return folders;
}

/** The description written after a bookmark: the `<DD>` that follows its `<DT>`. */
function descriptionOf(anchor: Element): string {
  const term = anchor.closest('dt');
  let next = term?.nextElementSibling;
  // Parsers put the DD either beside the DT or, unclosed, inside it after the link.
  if (next?.tagName !== 'DD') next = anchor.nextElementSibling;
  return next?.tagName === 'DD' ? (next.textContent?.trim() ?? '') : '';
}

/** A bookmarks file (see the top of this file). */
export function parseBookmarksHtml(html: string, now: number = Date.now(), file = 'bookmarks.html'): ParsedImport {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const items: ImportItem[] = [];
  const report: Pick<ParsedImport, 'skipped' | 'changed'> = { skipped: [], changed: [] };
  [...doc.querySelectorAll('a[href]')].forEach((anchor, i) => {
    const where = entryAt(file, i);
    const href = anchor.getAttribute('href')?.trim() ?? '';
    if (!normalizeUrl(href)) {
      // place: queries, javascript: bookmarklets, file: links: not pages to keep.
      report.skipped.push(line(where, message('importReport.notWebAddress', [clip(href, 80)])));
      return;
    }
    const added = Number(anchor.getAttribute('add_date') || Number.NaN);
    const title = anchor.textContent?.trim() ?? '';
    const note = descriptionOf(anchor);
    const item = withinLimits(
      {
        url: href,
        title: clip(title || href, 2_000),
        tags: normalizeTags([...foldersOf(anchor), ...(anchor.getAttribute('tags') ?? '').split(',')]),
        // No date is the import's time; one that is not a date is said so (withinLimits).
        savedAt: anchor.hasAttribute('add_date') ? epochMs(added) : now,
        byline: null,
        excerpt: null,
        publishedTime: null,
        highlights: [],
        ...(note && { note }),
      },
      where,
      report,
      now,
    );
    if (item) items.push(item);
  });
  return { source: 'bookmarks', items, ...report };
}
