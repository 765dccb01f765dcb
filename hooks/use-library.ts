/**
 * The whole library (articles with their highlights) for the search page, read again when it changes: once the
 * changes have stopped for a moment (a burst of saves is one reload, not one each), and only while the page is
 * shown (a library page left open in a background tab does not read 50,000 articles at every save made from
 * the popup, which would hold up the popup's own reads). Paused while the page itself writes much (a restore).
 */
import { Dexie, type ObservabilitySet } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import { db } from '@/utils/db/schema';
import { loadSearchDocs } from '@/utils/search/run-search';
import type { SearchDoc } from '@/utils/search/search-library';

/** Ms without a change before the library is read again. */
export const QUIET_MS = 400;

/** Whether a change Dexie reports (in any context of this extension) touches what the library page shows. */
export function touchesLibrary(parts: ObservabilitySet, name: string = db.name): boolean {
  return Object.keys(parts).some(
    (part) => part.startsWith(`idb://${name}/articles/`) || part.startsWith(`idb://${name}/highlights/`),
  );
}

/**
 * Calls `reload` once changes have been quiet for `quietMs`, and, for changes made while the page was hidden,
 * when it is shown again.
 */
export function quietReloader(reload: () => void, quietMs = QUIET_MS, page: Document = document) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let missed = false;
  const fire = () => {
    timer = undefined;
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
      timer = setTimeout(fire, quietMs);
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      page.removeEventListener('visibilitychange', shown);
    },
  };
}

/** The library, or null until it is first read; not read while `paused` (read again when it ends). */
export function useLibrary(paused: boolean): SearchDoc[] | null {
  const [library, setLibrary] = useState<SearchDoc[] | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const reloader = quietReloader(() => setVersion((n) => n + 1));
    const onChange = (parts: ObservabilitySet) => {
      if (touchesLibrary(parts)) reloader.changed();
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
    loadSearchDocs().then(
      (docs) => current && setLibrary(docs),
      (error: unknown) => console.error(error),
    );
    return () => {
      current = false;
    };
  }, [paused, version]);
  return library;
}
