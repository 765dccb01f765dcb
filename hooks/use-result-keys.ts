/** Preact hook: the search page's keyboard: `/` to the search box, arrow keys through the results' links. */
import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/** Where the arrow keys go from result `current` (-1: none focused) of `count`: a result's index, or -1 for the box. */
export function nextResult(key: 'ArrowDown' | 'ArrowUp', current: number, count: number): number {
  if (key === 'ArrowDown') return Math.min(count - 1, current + 1);
  return current <= 0 ? -1 : current - 1;
}

/**
 * `/` (outside a text field) focuses `box`; ArrowDown and ArrowUp move the focus through the result titles'
 * links in `results` (Enter on one opens it), ArrowUp from the first going back to the box.
 */
export function useResultKeys(box: RefObject<HTMLInputElement>, results: RefObject<HTMLElement>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key === '/' && !/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) {
        event.preventDefault();
        box.current?.focus();
        return;
      }
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      const links = [...(results.current?.querySelectorAll<HTMLAnchorElement>('article h2 a') ?? [])];
      if (!links.length) return;
      event.preventDefault();
      const next = nextResult(event.key, links.indexOf(document.activeElement as HTMLAnchorElement), links.length);
      if (next < 0) box.current?.focus();
      else links[next]!.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [box, results]);
}
