/**
 * Preact hook: the library's keyboard. `/` goes to the search box; j/k or the arrow keys move through the
 * results (cards, or highlights in the Highlights view), ArrowUp from the first going back to the box; Enter or
 * `o` opens the one focused in the reader; on a card, `e` archives it (or moves it back to the inbox), `f` makes
 * it a favourite (or not), `x` selects it; `?` opens the "Keyboard shortcuts" dialog. Letters act only outside
 * text fields; the arrows also from the search box. A card that leaves the view (archived from the inbox) hands
 * the focus to the one that takes its place.
 */
import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/** Where the arrow keys go from result `current` (-1: none focused) of `count`: a result's index, or -1 for the box. */
export function nextResult(key: 'ArrowDown' | 'ArrowUp', current: number, count: number): number {
  if (key === 'ArrowDown') return Math.min(count - 1, current + 1);
  return current <= 0 ? -1 : current - 1;
}

/** A key's command, from what was pressed and where (`typing`: in a text field, `inBox`: in the search box). */
export type LibraryCommand = 'search' | 'next' | 'previous' | 'open' | 'archive' | 'favourite' | 'select' | 'help';

export function commandOf(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>,
  typing: boolean,
  inBox: boolean,
): LibraryCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === 'ArrowDown' && (inBox || !typing)) return 'next';
  if (event.key === 'ArrowUp' && (inBox || !typing)) return 'previous';
  if (typing) return null;
  const letters: Record<string, LibraryCommand> = {
    '/': 'search',
    j: 'next',
    k: 'previous',
    o: 'open',
    e: 'archive',
    f: 'favourite',
    x: 'select',
    '?': 'help',
  };
  return letters[event.key] ?? null;
}

/** The results the keys move through, each with the link that opens it. */
const ITEMS = 'article.result, .all-highlights > li';
const linkOf = (item: Element) => item.querySelector<HTMLAnchorElement>('h2 a, p a[href^="/reader.html"]');

export function useResultKeys(
  box: RefObject<HTMLInputElement>,
  results: RefObject<HTMLElement>,
  onHelp: () => void,
): void {
  useEffect(() => {
    /** The place of the result that had the focus when its card left, for the one after it to take it. */
    let orphaned = -1;
    const items = () => [...(results.current?.querySelectorAll(ITEMS) ?? [])];
    const focusItem = (list: Element[], index: number) => {
      const item = list[Math.max(0, Math.min(list.length - 1, index))];
      if (item) linkOf(item)?.focus();
    };
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable;
      // A checkbox or a button is not a text field: letters act there too.
      const textField = typing && !(target instanceof HTMLInputElement && /^(checkbox|radio)$/.test(target.type));
      const command = commandOf(event, textField, target === box.current);
      if (!command || target.closest('dialog')) return;
      if (command === 'search') {
        event.preventDefault();
        box.current?.focus();
        return;
      }
      if (command === 'help') {
        event.preventDefault();
        onHelp();
        return;
      }
      const list = items();
      const current = list.findIndex((item) => item.contains(document.activeElement));
      if (command === 'next' || command === 'previous') {
        if (!list.length) return;
        event.preventDefault();
        const next = nextResult(command === 'next' ? 'ArrowDown' : 'ArrowUp', current, list.length);
        if (next < 0) box.current?.focus();
        else focusItem(list, next);
        return;
      }
      const item = list[current];
      if (!item) return;
      const control: Record<string, () => HTMLElement | null | undefined> = {
        open: () => linkOf(item),
        archive: () => item.querySelector<HTMLElement>('.card-actions .toggle[data-state="archived"]'),
        favourite: () => item.querySelector<HTMLElement>('.card-actions .toggle[data-state="favourite"]'),
        select: () => item.querySelector<HTMLElement>('input.select'),
      };
      const element = control[command]?.();
      if (!element) return;
      event.preventDefault();
      element.click();
      if (command === 'open') return;
      // The focus stays on the card (a click on its button would move it there); if the card then leaves the
      // view (archived from the inbox), the one taking its place gets it.
      if (item.isConnected) linkOf(item)?.focus();
      if (command === 'archive' || command === 'favourite') {
        orphaned = current;
        // Watched only while a card may leave: a search redraws the results at every keystroke.
        observer.observe(document.body, { childList: true, subtree: true });
      }
    };
    // Focus the user moves elsewhere is theirs.
    const onFocus = () => {
      orphaned = -1;
      observer.disconnect();
    };
    // The focused card left the results: the focus goes to the one now in its place.
    const observer = new MutationObserver(() => {
      if (orphaned < 0) return;
      const active = document.activeElement;
      if (active && active !== document.body && active.isConnected) return;
      const place = orphaned;
      orphaned = -1;
      observer.disconnect();
      focusItem(items(), place);
    });
    window.addEventListener('keydown', onKey);
    window.addEventListener('focusin', onFocus);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('focusin', onFocus);
      observer.disconnect();
    };
  }, [box, results, onHelp]);
}
