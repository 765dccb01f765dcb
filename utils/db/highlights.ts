/** Repository of highlights. Every write is one Dexie transaction that also touches the article's `updatedAt`. */
import type { Selectors } from '../anchoring/selectors';
import { gleanerError } from '../error-text';
import { db } from './schema';
import type { HighlightRecord, TextPlace } from '../records/types';
import { byPageOrder } from '../records/page-order';

/** The highlights of an article in page order (by where they started when made). */
export async function listHighlights(articleId: string): Promise<HighlightRecord[]> {
  const highlights = await db.highlights.where('articleId').equals(articleId).toArray();
  return highlights.sort(byPageOrder);
}

/** Reads one highlight. */
export async function getHighlight(id: string): Promise<HighlightRecord | null> {
  return (await db.highlights.get(id)) ?? null;
}

async function touchArticle(articleId: string, now: number): Promise<void> {
  const changed = await db.articles.update(articleId, { updatedAt: now });
  if (!changed) throw gleanerError('error.pageGone');
}

/** Adds a highlight to a saved article. */
export async function addHighlight(
  articleId: string,
  selectors: Selectors,
  color: string,
  note = '',
  now: number = Date.now(),
): Promise<HighlightRecord> {
  const record: HighlightRecord = {
    id: crypto.randomUUID(),
    articleId,
    selectors,
    color,
    note,
    createdAt: now,
    updatedAt: now,
  };
  await db.transaction('rw', db.articles, db.highlights, async () => {
    await touchArticle(articleId, now);
    await db.highlights.add(record);
  });
  return record;
}

/** What `updateHighlight` may change. */
export interface HighlightChanges {
  color?: string;
  note?: string;
}

/** Changes a highlight's colour and/or note. */
export async function updateHighlight(
  id: string,
  changes: HighlightChanges,
  now: number = Date.now(),
): Promise<HighlightRecord> {
  return db.transaction('rw', db.articles, db.highlights, async () => {
    const existing = await db.highlights.get(id);
    if (!existing) throw gleanerError('error.highlightGone');
    const record: HighlightRecord = {
      ...existing,
      ...(changes.color !== undefined && { color: changes.color }),
      ...(changes.note !== undefined && { note: changes.note }),
      updatedAt: now,
    };
    await db.highlights.put(record);
    await touchArticle(record.articleId, now);
    return record;
  });
}

/**
 * Keeps where the page last found highlights of `articleId` (a position selector per highlight id), so that the
 * next visit finds them by position and they list in page order: the page changed since they were made, or they
 * were imported with their quote alone. Not a change of the highlight (its updatedAt stays); ids of another
 * article's highlights are ignored. Returns how many positions changed.
 */
export async function keepPlaces(articleId: string, places: Readonly<Record<string, TextPlace>>): Promise<number> {
  const ids = Object.keys(places);
  if (!ids.length) return 0;
  return db.transaction('rw', db.highlights, async () => {
    const moved = (await db.highlights.bulkGet(ids)).flatMap((record): HighlightRecord[] => {
      const place = record && record.articleId === articleId ? places[record.id] : undefined;
      const old = record?.selectors.position;
      if (!record || !place || (old?.start === place.start && old.end === place.end)) return [];
      const position = { type: 'TextPositionSelector' as const, start: place.start, end: place.end };
      return [{ ...record, selectors: { ...record.selectors, position } }];
    });
    await db.highlights.bulkPut(moved);
    return moved.length;
  });
}

/** Deletes a highlight and returns it, so that it can be restored (undo). */
export async function deleteHighlight(id: string, now: number = Date.now()): Promise<HighlightRecord> {
  return db.transaction('rw', db.articles, db.highlights, async () => {
    const existing = await db.highlights.get(id);
    if (!existing) throw gleanerError('error.highlightAlreadyGone');
    await db.highlights.delete(id);
    await db.articles.update(existing.articleId, { updatedAt: now });
    return existing;
  });
}

/** Puts a deleted highlight back as it was; its article must still be in the library. */
export async function undeleteHighlight(record: HighlightRecord, now: number = Date.now()): Promise<HighlightRecord> {
  await db.transaction('rw', db.articles, db.highlights, async () => {
    const existing = await db.highlights.get(record.id);
    // An id taken by another article's highlight is not this one coming back.
    if (existing && existing.articleId !== record.articleId) throw gleanerError('error.otherPage');
    await touchArticle(record.articleId, now);
    await db.highlights.put(record);
  });
  return record;
}
