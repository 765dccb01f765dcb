/** Preact hook over one setting: its stored value, kept current when another page or tab changes it. */
import { useEffect, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';

/**
 * `[value, set]` of `item`. Until the stored value is read, `value` is `initial` (the item's fallback unless
 * given: the reader passes null, so that nothing depending on the setting, like remote images, happens
 * before it is known). `set` shows the new value at once and stores it; changes made anywhere else follow.
 */
export function useSetting<T, I = T>(
  item: WxtStorageItem<T, Record<string, unknown>>,
  initial?: I,
): [T | I, (value: T) => void] {
  const [value, setValue] = useState<T | I>(initial === undefined ? item.fallback : initial);
  useEffect(() => {
    void item.getValue().then(setValue);
    return item.watch((next) => setValue(next));
  }, [item]);
  const set = (next: T) => {
    setValue(next);
    void item.setValue(next);
  };
  return [value, set];
}
