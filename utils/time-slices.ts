/**
 * Long work in a page done in slices, between which the page paints and takes input (a task longer than
 * ~50 ms freezes it): a backup read line by line, an index rebuilt, a Markdown export.
 */

/**
 * Resolves on the next task (not a microtask): the page gets to paint and take input in between. A message to
 * itself rather than a timer: nested timers wait at least 4 ms each, which hundreds of slices turn into seconds
 * of idling (a tenth of an index rebuild).
 */
export function nextTask(): Promise<void> {
  return new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Slices of `ms` of work: check `due` between units of work, and `pause()` when it is. */
export function timeSlices(ms: number) {
  let start = performance.now();
  return {
    /** Whether the current slice has used its time. */
    get due() {
      return performance.now() - start > ms;
    },
    /** Lets the page paint and take input, then starts a new slice. */
    async pause() {
      await nextTask();
      start = performance.now();
    },
  };
}
