/**
 * The whole library (articles with their highlights) for the search page, read again when it changes: once the
 * changes have stopped for a moment (a burst of saves is one reload, not one each), and only while the page is
 * shown (a library page left open in a background tab does not read 50,000 articles at every save made from
 * the popup, which would hold up the popup's own reads). Only the articles that changed are read again, when
 * Dexie's report of the change names them; the whole library otherwise. Paused while the page itself writes
 * much (a restore).
 */
import { Dexie, type IntervalTree, type IntervalTreeNode, type ObservabilitySet } from 'dexie';
import { useEffect, useRef, useState } from 'preact/hooks';
import { db } from '@/utils/db/schema';
import { loadSearchDocs, readSearchDocs } from '@/utils/search/run-search';
import type { SearchDoc } from '@/utils/search/search-library';

/** Ms without a change before the library is read again. */
export const QUIET_MS = 400;

/** Whether a change Dexie reports (in any context of this extension) touches what the library page shows. */
export function touchesLibrary(parts: ObservabilitySet, name: string = db.name): boolean {
  return Object.keys(parts).some(
    (part) => part.startsWith(`idb://${name}/articles/`) || part.startsWith(`idb://${name}/highlights/`),
  );
}

/** The keys of a set of ranges Dexie reports, if each range is one key (null: a range, as a clear reports). */
function keysOf(tree: IntervalTree | undefined): string[] | null {
  const keys: string[] = [];
  const walk = (node: IntervalTreeNode | null | undefined): boolean => {
    if (!node || !('from' in node)) return true;
    if (typeof node.from !== 'string' || node.from !== node.to) return false;
    keys.push(node.from);
    return walk(node.l) && walk(node.r);
  };
  return tree && walk(tree as IntervalTreeNode) ? keys : null;
}

/**
 * The articles a change touches, by id: those written or removed, and those whose highlights were (Dexie
 * reports a highlight's article through its `articleId` index); null when the change does not say which (the
 * whole library is then read again).
 */
export function changedArticles(parts: ObservabilitySet, name: string = db.name): Set<string> | null {
  const ids = new Set<string>();
  for (const [part, tree] of Object.entries(parts)) {
    if (part === `idb://${name}/articles/` || part === `idb://${name}/highlights/articleId`) {
      const keys = keysOf(tree);
      if (!keys) return null;
      keys.forEach((key) => ids.add(key));
    }
  }
  // An empty set of ranges (a delete of no highlights) changes nothing.
  const highlightsChanged = Object.entries(parts).some(
    ([part, tree]) => part.startsWith(`idb://${name}/highlights/`) && 'from' in tree,
  );
  if (highlightsChanged && !(`idb://${name}/highlights/articleId` in parts)) return null;
  return ids;
}

/** `library` with the articles `ids` replaced by what is stored of them now (`fresh`; absent: removed). */
export function withChanges(library: readonly SearchDoc[], ids: ReadonlySet<string>, fresh: readonly SearchDoc[]) {
  const byId = new Map(fresh.map((doc) => [doc.article.id, doc]));
  const next = library.flatMap((doc) => {
    if (!ids.has(doc.article.id)) return [doc];
    const now = byId.get(doc.article.id);
    byId.delete(doc.article.id);
    return now ? [now] : [];
  });
  return [...next, ...byId.values()];
}

/** Ms changes may go on before the library is read all the same (the fetch queue writes an article every few
 * hundred ms for as long as it runs). */
export const MAX_QUIET_WAIT_MS = 3_000;

/**
 * Calls `reload` once changes have been quiet for `quietMs` (or have gone on for MAX_QUIET_WAIT_MS), and, for
 * changes made while the page was hidden, when it is shown again.
 */
export function quietReloader(reload: () => void, quietMs = QUIET_MS, page: Document = document) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** When the first change not yet read was reported. */
  let since: number | undefined;
  let missed = false;
  const fire = () => {
    timer = undefined;
    since = undefined;
    if (page.hidden) missed = true;
    else reload();
  };
  const shown = () => {
    if (!page.hidden && missed) {
      missed = false;
      reload();
    }
  };
  page.addEventListener('visibilitychange', shown);
  return {
    changed() {
      if (timer !== undefined) clearTimeout(timer);
      const now = Date.now();
      since ??= now;
      timer = setTimeout(fire, Math.max(0, Math.min(quietMs, since + MAX_QUIET_WAIT_MS - now)));
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      page.removeEventListener('visibilitychange', shown);
    },
  };
}

/** The library, or null until it is first read; not read while `paused` (read whole again when it ends). */
export function useLibrary(paused: boolean): SearchDoc[] | null {
  const [library, setLibrary] = useState<SearchDoc[] | null>(null);
  const [version, setVersion] = useState(0);
  /** The articles changed since the library was last read; null: read it whole. */
  const changed = useRef<Set<string> | null>(null);
  const pausedNow = useRef(paused);
  pausedNow.current = paused;
  useEffect(() => {
    const reloader = quietReloader(() => setVersion((n) => n + 1));
    const onChange = (parts: ObservabilitySet) => {
      if (!touchesLibrary(parts)) return;
      // While paused (a restore writing thousands of articles), what changed is read whole when it ends.
      if (pausedNow.current) {
        changed.current = null;
        return;
      }
      const ids = changedArticles(parts);
      if (!ids) changed.current = null;
      else if (changed.current) ids.forEach((id) => changed.current!.add(id));
      reloader.changed();
    };
    Dexie.on('storagemutated', onChange);
    return () => {
      Dexie.on.storagemutated.unsubscribe(onChange);
      reloader.stop();
    };
  }, []);
  useEffect(() => {
    if (paused) return;
    let current = true;
    const ids = changed.current;
    if (library && ids?.size === 0) return;
    changed.current = new Set();
    const read =
      library && ids ? readSearchDocs([...ids]).then((fresh) => withChanges(library, ids, fresh)) : loadSearchDocs();
    let done = false;
    read.then(
      (docs) => {
        done = true;
        if (current) setLibrary(docs);
      },
      (error: unknown) => console.error(error),
    );
    return () => {
      current = false;
      // A read given up for a later one: what it was to read is read by the next.
      if (!done) changed.current = ids && changed.current ? new Set([...ids, ...changed.current]) : null;
    };
  }, [paused, version]);
  return library;
}
