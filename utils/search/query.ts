/**
 * The search query language: words (all must match), "exact phrases", -exclusions, OR between terms, and
 * operators tag:, site:, color:, has:highlights, has:note, is:archived|favourite|read|unread|inbox, after:/before:
 * (saved date), sort:saved|relevance.
 * Parsing never throws: what cannot be understood is searched as plain words, or ignored with a problem that
 * says why in words.
 */
import { t } from '../i18n';
import { fold } from './fold';

/** One thing to look for. */
export interface Term {
  /** Folded text (lower case, no accents). */
  text: string;
  /** A quoted phrase, matched as a whole. */
  phrase: boolean;
  /** The last word of the query while it is being typed: matches words that start with it. */
  prefix: boolean;
}

/** A parsed query. */
export interface ParsedQuery {
  /** Every clause must match; a clause matches when any of its terms does (terms joined by OR). */
  clauses: Term[][];
  /** No excluded term may match. */
  excluded: Term[];
  /** Tags every result must carry, and tags none may carry (folded). */
  tags: string[];
  notTags: string[];
  /** Site names or host names results must come from, and must not (folded). */
  sites: string[];
  notSites: string[];
  /** Highlight colours results must have a highlight in. */
  colors: string[];
  /** has:highlights / has:note (true), -has:… (false). */
  has: { highlights?: boolean; note?: boolean };
  /** is:archived, is:favourite, is:read (true), -is:… and is:unread, is:inbox (false). */
  is: { archived?: boolean; favourite?: boolean; read?: boolean };
  /** Saved on or after / before this time (epoch ms), from after:YYYY[-MM[-DD]] and before:…. */
  after: number | null;
  before: number | null;
  /** Result order (sort:…): relevance (newest when there is nothing to rank by), newest or oldest saved, most
   * recently opened, title, site, or shortest read first. */
  sort: Sort;
  /** What was not understood, in words (the rest of the query still runs). */
  problems: string[];
}

/** The orders results can be put in (sort:saved is newest, as before the others existed). */
export const SORTS = ['relevance', 'newest', 'oldest', 'opened', 'title', 'site', 'length'] as const;
export type Sort = (typeof SORTS)[number];

/** A raw token of the query. */
interface Token {
  negated: boolean;
  key: string | null;
  value: string;
  quoted: boolean;
  /** The token ends the query with no space after it (it is still being typed). */
  last: boolean;
}

const OPERATORS = new Set(['tag', 'site', 'color', 'colour', 'has', 'is', 'after', 'before', 'sort']);

/** What each is: word asks of an article's reading state. */
const STATES: Record<string, [keyof ParsedQuery['is'], boolean]> = {
  archived: ['archived', true],
  archive: ['archived', true],
  inbox: ['archived', false],
  favourite: ['favourite', true],
  favorite: ['favourite', true],
  fav: ['favourite', true],
  read: ['read', true],
  unread: ['read', false],
};

function tokenize(query: string, problems: string[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    while (i < query.length && /\s/.test(query[i]!)) i++;
    if (i >= query.length) break;
    let negated = false;
    if (query[i] === '-' && i + 1 < query.length && !/\s/.test(query[i + 1]!)) {
      negated = true;
      i++;
    }
    let key: string | null = null;
    const keyMatch = /^([a-z]+):/i.exec(query.slice(i));
    if (keyMatch && OPERATORS.has(keyMatch[1]!.toLowerCase())) {
      key = keyMatch[1]!.toLowerCase();
      i += keyMatch[0].length;
    }
    let value: string;
    let quoted = false;
    if (query[i] === '"') {
      const close = query.indexOf('"', i + 1);
      if (close === -1) {
        problems.push(t('query.unclosedQuote'));
        // Search the rest as plain words.
        for (const word of query
          .slice(i + 1)
          .split(/\s+/)
          .filter(Boolean)) {
          tokens.push({ negated: false, key: null, value: word, quoted: false, last: false });
        }
        const lastToken = tokens[tokens.length - 1];
        if (lastToken && !/\s$/.test(query)) lastToken.last = true;
        return tokens;
      }
      value = query.slice(i + 1, close);
      quoted = true;
      i = close + 1;
    } else {
      const start = i;
      while (i < query.length && !/\s/.test(query[i]!)) i++;
      value = query.slice(start, i);
    }
    tokens.push({ negated, key, value, quoted, last: i >= query.length && !quoted });
  }
  return tokens;
}

/** Epoch ms of YYYY, YYYY-MM or YYYY-MM-DD (UTC), the start or the end of that period; null if not a date. */
export function parseDate(value: string, end: boolean): number | null {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : null;
  const day = m[3] ? Number(m[3]) : null;
  if (month !== null && (month < 1 || month > 12)) return null;
  const start = Date.UTC(year, (month ?? 1) - 1, day ?? 1);
  if (day !== null && new Date(start).getUTCDate() !== day) return null; // 2024-02-31
  if (!end) return start;
  const next =
    day !== null
      ? Date.UTC(year, month! - 1, day + 1)
      : month !== null
        ? Date.UTC(year, month, 1)
        : Date.UTC(year + 1, 0, 1);
  return next - 1;
}

/** Parses a query. Never throws. */
export function parseQuery(query: string): ParsedQuery {
  const parsed: ParsedQuery = {
    clauses: [],
    excluded: [],
    tags: [],
    notTags: [],
    sites: [],
    notSites: [],
    colors: [],
    has: {},
    is: {},
    after: null,
    before: null,
    sort: 'relevance',
    problems: [],
  };
  const tokens = tokenize(query.slice(0, 2000), parsed.problems);
  let joinNext = false;
  for (const token of tokens) {
    const { key, negated } = token;
    const value = fold(token.value).trim();
    if (!key && !token.quoted && token.value === 'OR') {
      joinNext = parsed.clauses.length > 0;
      continue;
    }
    if (key) {
      joinNext = false;
      if (!value) {
        parsed.problems.push(
          `${key}: needs a value, as in ${key === 'has' ? 'has:note' : key === 'sort' ? 'sort:saved' : `${key}:something`}.`,
        );
        continue;
      }
      switch (key) {
        case 'tag':
          (negated ? parsed.notTags : parsed.tags).push(value);
          break;
        case 'site':
          (negated ? parsed.notSites : parsed.sites).push(value);
          break;
        case 'color':
        case 'colour':
          parsed.colors.push(value);
          break;
        case 'has':
          if (value === 'highlights' || value === 'highlight') parsed.has.highlights = !negated;
          else if (value === 'note' || value === 'notes') parsed.has.note = !negated;
          else parsed.problems.push(t('query.unknownHas', [`has:${value}`]));
          break;
        case 'is': {
          const state = STATES[value];
          if (state) parsed.is[state[0]] = negated ? !state[1] : state[1];
          else parsed.problems.push(t('query.unknownIs', [`is:${value}`]));
          break;
        }
        case 'after':
        case 'before': {
          const time = parseDate(value, key === 'before');
          if (time === null) parsed.problems.push(t('query.badDate', [`${key}:${token.value}`]));
          else parsed[key] = time;
          break;
        }
        case 'sort':
          if (value === 'saved') parsed.sort = 'newest';
          else if ((SORTS as readonly string[]).includes(value)) parsed.sort = value as Sort;
          else parsed.problems.push(t('query.unknownSort', [`sort:${value}`]));
          break;
      }
      continue;
    }
    if (!value) continue;
    const term: Term = { text: value, phrase: token.quoted, prefix: token.last && !token.quoted };
    if (negated) {
      parsed.excluded.push(term);
      joinNext = false;
    } else if (joinNext) {
      parsed.clauses[parsed.clauses.length - 1]!.push(term);
      joinNext = false;
    } else {
      parsed.clauses.push([term]);
    }
  }
  if (joinNext) parsed.problems.push(t('query.loneOr'));
  return parsed;
}
