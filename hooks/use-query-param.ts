/** Preact hook: a page's state kept in one query parameter of its address, so that back and forward restore it. */
import { useEffect, useState } from 'preact/hooks';

/** The parameter `name` of the current address ('' when absent). */
const queryParam = (name: string): string => new URLSearchParams(location.search).get(name) ?? '';

/**
 * `[value, set]` of query parameter `name`. `set` replaces the address's parameter (typing adds no history
 * entries; `commitQueryParam` adds one); back and forward bring the value of that entry back.
 */
export function useQueryParam(name: string): [string, (value: string) => void] {
  const [value, setValue] = useState(() => queryParam(name));
  useEffect(() => {
    const onPop = () => setValue(queryParam(name));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [name]);
  const set = (next: string) => {
    setValue(next);
    const url = new URL(location.href);
    if (next) url.searchParams.set(name, next);
    else url.searchParams.delete(name);
    history.replaceState(null, '', url);
  };
  return [value, set];
}

/** Makes the current address a history entry of its own (a search the user settled on, by Enter). */
export function commitQueryParam(): void {
  history.pushState(null, '', location.href);
}
