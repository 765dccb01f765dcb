/**
 * Preact hook over Dexie's liveQuery: re-renders when the queried tables change, including writes made by the
 * background. (dexie-react-hooks imports React, which breaks Preact's hooks under test.)
 */
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/** The latest result of `query`, or `initial` until the first one arrives; re-subscribes when `deps` change. */
export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: setValue,
      error: (error: unknown) => console.error(error),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
