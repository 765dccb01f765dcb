/**
 * The database holds every record to the rules of utils/records/schemas.ts: a middleware checks each article,
 * content and highlight written (add or put, one or many, by any path: the popup, the page, an import, a
 * restore, a migration) and refuses the write, in words, if one breaks them. So nothing is stored that its
 * own backup would refuse to restore, and no write path can forget the limits. Paths that take input check
 * first and say what does not fit; this is the floor under them.
 */
import type { DBCore, Middleware } from 'dexie';
import type * as v from 'valibot';
import { gleanerError } from '../error-text';
import { ArticleRecordSchema, ContentRecordSchema, HighlightSchema, problemOf } from '../records/schemas';
import { isTime, LIMITS } from '../records/limits';
import { normalizeTags } from '../records/tags';
import type { ArticleRecord, HighlightRecord } from '../records/types';

const RULES: Record<string, v.GenericSchema> = {
  articles: ArticleRecordSchema,
  contents: ContentRecordSchema,
  highlights: HighlightSchema,
};

/** What is wrong with `value` as a record of table `name`, in words ("note: at most 200,000 characters"); null
 * if nothing. */
export const recordProblem = (name: string, value: unknown): string | null =>
  RULES[name] ? problemOf(RULES[name], value) : null;

/** The middleware (see the top of this file). */
export const recordRulesMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'record-rules',
  create: (down) => ({
    ...down,
    table: (name) => {
      const table = down.table(name);
      if (!RULES[name]) return table;
      return {
        ...table,
        mutate: async (req) => {
          if (req.type === 'add' || req.type === 'put') {
            for (const value of req.values) {
              const problem = recordProblem(name, value);
              if (problem) throw gleanerError('error.notStorable', [problem]);
            }
          }
          return table.mutate(req);
        },
      };
    },
  }),
};

/** Two times of a record (`createdAt`, `updatedAt`) made times (the rule came after some were stored): a
 * time that is not one takes the other, or `now`. */
function fixedTimes(created: number, updated: number, now: number) {
  const fallback = isTime(created) ? created : isTime(updated) ? updated : now;
  return { createdAt: isTime(created) ? created : fallback, updatedAt: isTime(updated) ? updated : fallback };
}

/**
 * A record stored before the rules held, brought within them where it can be without losing what it means
 * (the schema upgrade to v5 does this once): dates that are not dates, tags cleaned and past the most an
 * article holds, notes past the longest, addresses past the most. Null when it needs nothing, or cannot be
 * brought within them (an address too long to store is its key: it is left as it is).
 */
export function repairedArticle(record: ArticleRecord, now: number): ArticleRecord | null {
  return repaired('articles', record, {
    ...fixedTimes(record.createdAt, record.updatedAt, now),
    note: record.note.slice(0, LIMITS.note),
    tags: normalizeTags(record.tags).slice(0, LIMITS.tags),
    urls: record.urls.slice(0, LIMITS.urls),
  });
}

/** The same for a highlight: its dates and its note. */
export function repairedHighlight(record: HighlightRecord, now: number): HighlightRecord | null {
  return repaired('highlights', record, {
    ...fixedTimes(record.createdAt, record.updatedAt, now),
    note: record.note.slice(0, LIMITS.note),
  });
}

/** `record` with `fixes`, if it breaks the rules of `name` and then keeps them. */
function repaired<T extends object>(name: string, record: T, fixes: Partial<T>): T | null {
  if (!recordProblem(name, record)) return null;
  const fixed = { ...record, ...fixes };
  return recordProblem(name, fixed) ? null : fixed;
}
