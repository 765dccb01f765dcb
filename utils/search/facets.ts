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

/** Each article's tags and site as numbers, per library array: counting numbers over 45,000 results is what
 * lets the chips follow every keystroke at 50,000 articles. */
interface FacetTable {
  tags: string[];
  sites: string[];
  /** Article d's tags are `tagOf[tagStart[d]]` to `tagOf[tagStart[d + 1]]`. */
  tagStart: Int32Array;
  tagOf: Int32Array;
  /** Article d's site (-1: none). */
  siteOf: Int32Array;
}

const tables = new WeakMap<readonly SearchDoc[], FacetTable>();

function tableOf(docs: readonly SearchDoc[]): FacetTable {
  let table = tables.get(docs);
  if (table) return table;
  const tagNumbers = new Map<string, number>();
  const siteNumbers = new Map<string, number>();
  const number = (numbers: Map<string, number>, value: string) => {
    let n = numbers.get(value);
    if (n === undefined) numbers.set(value, (n = numbers.size));
    return n;
  };
  const tagStart = new Int32Array(docs.length + 1);
  const tagOf: number[] = [];
  const siteOfDoc = new Int32Array(docs.length);
  docs.forEach((doc, d) => {
    for (const tag of doc.article.tags) if (tag) tagOf.push(number(tagNumbers, tag));
    tagStart[d + 1] = tagOf.length;
    const site = siteOf(doc);
    siteOfDoc[d] = site ? number(siteNumbers, site) : -1;
  });
  table = {
    tags: [...tagNumbers.keys()],
    sites: [...siteNumbers.keys()],
    tagStart,
    tagOf: Int32Array.from(tagOf),
    siteOf: siteOfDoc,
  };
  tables.set(docs, table);
  return table;
}

/** The `limit` values with the highest counts, ties in alphabetical order. Only the values that can be among
 * them are compared as text (a common word's results span thousands of sites, and localeCompare is slow). */
function top(names: readonly string[], counts: Int32Array, limit: number): Facet[] {
  const sorted = counts.filter((n) => n > 0).sort();
  const least = limit >= sorted.length ? 1 : sorted[sorted.length - limit]!;
  const candidates: Facet[] = [];
  counts.forEach((n, i) => {
    if (n >= least && n > 0) candidates.push({ value: names[i]!, count: n });
  });
  return candidates.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, limit);
}

/** The tags and sites of a result list, and how many different ones it has in all. */
export interface Facets {
  tags: Facet[];
  sites: Facet[];
  distinct: { tags: number; sites: number };
}

/** The most common tags and sites among the articles at `indexes` of `docs` (all of them by default); every
 * one of them with `limit` Infinity. */
export function facetsOf(
  docs: readonly SearchDoc[],
  indexes: ArrayLike<number> = Array.from(docs.keys()),
  limit = 12,
): Facets {
  const table = tableOf(docs);
  const tags = new Int32Array(table.tags.length);
  const sites = new Int32Array(table.sites.length);
  for (let i = 0; i < indexes.length; i++) {
    const d = indexes[i]!;
    for (let t = table.tagStart[d]!; t < table.tagStart[d + 1]!; t++) tags[table.tagOf[t]!]!++;
    const site = table.siteOf[d]!;
    if (site >= 0) sites[site]!++;
  }
  const distinct = (counts: Int32Array) => counts.reduce((n, count) => (count > 0 ? n + 1 : n), 0);
  return {
    tags: top(table.tags, tags, limit),
    sites: top(table.sites, sites, limit),
    distinct: { tags: distinct(tags), sites: distinct(sites) },
  };
}

/** The query word that filters by `operator:value` (quoted when the value has spaces). */
export const filterToken = (operator: 'tag' | 'site', value: string): string =>
  /\s/.test(value) ? `${operator}:"${value}"` : `${operator}:${value}`;

function filterPattern(operator: 'tag' | 'site', value: string): { token: string; pattern: RegExp } {
  const token = filterToken(operator, value);
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
