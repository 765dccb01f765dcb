/** Preact hook: changes gathered while the user types and written together after a pause. */
import { useRef } from 'preact/hooks';

/**
 * `schedule(changes, delay)` adds `changes` to those waiting and (re)starts the pause; when it ends, `write`
 * gets everything that waited, in one call. A quick second change never drops the first one's pending write.
 */
export function usePendingWrites<T extends object>(
  write: (changes: Partial<T>) => void,
): (changes: Partial<T>, delay?: number) => void {
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const pending = useRef<Partial<T>>({});
  return (changes, delay = 0) => {
    pending.current = { ...pending.current, ...changes };
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const waiting = pending.current;
      pending.current = {};
      write(waiting);
    }, delay);
  };
}
