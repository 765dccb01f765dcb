/**
 * Asks the browser to keep Gleaner's storage when the disk runs low (`navigator.storage.persist()`; the
 * `unlimitedStorage` permission already exempts it from quota in Chrome). Only pages can ask: the service
 * worker has no `persist()`. Refusal changes nothing, so the answer is not waited for.
 */
export function requestPersistentStorage(): void {
  void navigator.storage?.persist?.().catch(() => false);
}
