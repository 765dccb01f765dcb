/** Counts of tags and sites over a result list, for the filter chips of the search page. */
import type { SearchDoc } from './search-library';

/** A value and how many results have it. */
export interface Facet {
  value: string;
  count: number;
}

/** Sites by article record: facets are counted over every result at each keystroke, and parsing a URL is not free. */
const sites = new WeakMap<SearchDoc['article'], string>();

/** The site an article is filed under: its site name, else its host without `www.`. */
export function siteOf(doc: SearchDoc): string {
  const { article } = doc;
  if (article.siteName) return article.siteName;
  let site = sites.get(article);
  if (site === undefined) {
    try {
      site = new URL(article.url).hostname.replace(/^www\./, '');
    } catch {
      site = '';
    }
    sites.set(article, site);
  }
  return site;
}

function count(counts: Map<string, number>, limit: number): Facet[] {
  return [...counts]
    .map(([value, n]) => ({ value, count: n }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .slice(0, limit);
}

/** The most common tags and sites among `docs`. */
export function facetsOf(docs: readonly SearchDoc[], limit = 12): { tags: Facet[]; sites: Facet[] } {
  const tags = new Map<string, number>();
  const sites = new Map<string, number>();
  const add = (counts: Map<string, number>, value: string) => {
    if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  };
  for (const doc of docs) {
    for (const tag of doc.article.tags) add(tags, tag);
    add(sites, siteOf(doc));
  }
  return { tags: count(tags, limit), sites: count(sites, limit) };
}

function filterPattern(operator: 'tag' | 'site', value: string): { token: string; pattern: RegExp } {
  const token = /\s/.test(value) ? `${operator}:"${value}"` : `${operator}:${value}`;
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { token, pattern: new RegExp(`(^|\\s)${escaped}(?=\\s|$)`, 'i') };
}

/** Whether `query` filters by `operator:value` (the chip shows pressed). */
export function hasFilter(query: string, operator: 'tag' | 'site', value: string): boolean {
  return filterPattern(operator, value).pattern.test(query);
}

/** `query` with `operator:value` added, or taken out if it is there already (a chip toggles its filter). */
export function toggleFilter(query: string, operator: 'tag' | 'site', value: string): string {
  const { token, pattern } = filterPattern(operator, value);
  return pattern.test(query)
    ? query.replace(pattern, ' ').replace(/\s+/g, ' ').trim()
    : `${query.trim()} ${token}`.trim();
}
