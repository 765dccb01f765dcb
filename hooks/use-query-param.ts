/** Preact hook: a page's state kept in one query parameter of its address, so that back and forward restore it. */
import { useEffect, useState } from 'preact/hooks';

/** The parameter `name` of the current address ('' when absent). */
const queryParam = (name: string): string => new URLSearchParams(location.search).get(name) ?? '';

/** How long typing must pause before the address follows (writing it costs most of a millisecond a keystroke). */
const ADDRESS_PAUSE_MS = 150;

/** Values set but not yet written into the address, by parameter. */
const unwritten = new Map<string, string>();
let writeTimer: ReturnType<typeof setTimeout> | undefined;

/** Writes what was set into the current address (replacing its history entry, adding none). */
export function flushQueryParams(): void {
  clearTimeout(writeTimer);
  writeTimer = undefined;
  if (!unwritten.size) return;
  const url = new URL(location.href);
  for (const [name, value] of unwritten) {
    if (value) url.searchParams.set(name, value);
    else url.searchParams.delete(name);
  }
  unwritten.clear();
  history.replaceState(null, '', url);
}

/**
 * `[value, set]` of query parameter `name`. `set` replaces the address's parameter (typing adds no history
 * entries; `commitQueryParam` adds one): at once, or with `typed` (a search box) once typing pauses. Back and
 * forward bring the value of that entry back.
 */
export function useQueryParam(name: string, { typed = false } = {}): [string, (value: string) => void] {
  const [value, setValue] = useState(() => queryParam(name));
  useEffect(() => {
    const onPop = () => {
      // The entry left behind keeps nothing unwritten: it was the current one when it was set.
      unwritten.delete(name);
      setValue(queryParam(name));
    };
    window.addEventListener('popstate', onPop);
    // Written before the page is left: by a link (a click, before it is followed), or closed or reloaded.
    window.addEventListener('click', flushQueryParams, true);
    window.addEventListener('pagehide', flushQueryParams);
    return () => {
      window.removeEventListener('popstate', onPop);
      window.removeEventListener('click', flushQueryParams, true);
      window.removeEventListener('pagehide', flushQueryParams);
    };
  }, [name]);
  const set = (next: string) => {
    setValue(next);
    unwritten.set(name, next);
    clearTimeout(writeTimer);
    if (typed) writeTimer = setTimeout(flushQueryParams, ADDRESS_PAUSE_MS);
    else flushQueryParams();
  };
  return [value, set];
}

/** Makes the current address a history entry of its own (a search the user settled on, by Enter). */
export function commitQueryParam(): void {
  flushQueryParams();
  history.pushState(null, '', location.href);
}
