/**
 * Preact hook over Dexie's liveQuery: re-renders when the queried tables change, including writes made by the
 * background. (dexie-react-hooks imports React, which breaks Preact's hooks under test.)
 */
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/**
 * The latest result of `query`, or `initial` until the first one arrives; re-subscribes when `deps` change.
 * While `paused` (a long write of the page's own, such as a restore, that would have it re-run at every step),
 * the last result stays and nothing is re-run; it runs again when resumed.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[], initial: T, paused = false): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    if (paused) return;
    const subscription = liveQuery(query).subscribe({
      next: setValue,
      error: (error: unknown) => console.error(error),
    });
    return () => subscription.unsubscribe();
  }, [...deps, paused]);
  return value;
}
