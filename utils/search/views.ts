/**
 * The library's views (shared/docs/surface.md): Inbox (not archived), Favourites, Archive and All, and
 * Highlights (every highlight of the articles the query finds). An article view is a filter of the query
 * language (is:…), so a query typed in a view searches within it.
 */
import type { ArticleRecord } from '../records/types';
import type { SearchDoc } from './search-library';

export const VIEWS = ['inbox', 'favourites', 'archive', 'all', 'highlights'] as const;
export type View = (typeof VIEWS)[number];
/** The view the library opens in when its address names none. */
export const DEFAULT_VIEW: View = 'inbox';

/** The view `?view=` names, or the default one. */
export const viewOf = (param: string): View =>
  (VIEWS as readonly string[]).includes(param) ? (param as View) : DEFAULT_VIEW;

/** The query words a view adds to what is typed. */
export const VIEW_WORDS: Record<View, string> = {
  inbox: '-is:archived',
  favourites: 'is:favourite',
  archive: 'is:archived',
  all: '',
  highlights: '',
};

/** Whether `article` is shown in `view`. */
export function inView(article: ArticleRecord, view: View): boolean {
  if (view === 'inbox') return article.archivedAt === undefined;
  if (view === 'archive') return article.archivedAt !== undefined;
  if (view === 'favourites') return article.favouriteAt !== undefined;
  return true;
}

/** How many articles each view holds (highlights, for the Highlights view). */
export function viewCounts(docs: readonly SearchDoc[]): Record<View, number> {
  const counts = { inbox: 0, favourites: 0, archive: 0, all: 0, highlights: 0 };
  for (const { article, highlights } of docs) {
    counts.all += 1;
    counts.highlights += highlights.length;
    if (article.archivedAt === undefined) counts.inbox += 1;
    else counts.archive += 1;
    if (article.favouriteAt !== undefined) counts.favourites += 1;
  }
  return counts;
}
