/**
 * The index rebuilt in workers: each range of a rebuild (rebuild.ts) indexed in a dedicated worker
 * (entrypoints/index-worker.ts), side by side, off the page's thread. A worker opens the same database (the
 * extension's origin) and writes its range's parts itself; the page only splits the work, shows the progress
 * and ends the rebuild. Where there are no workers (tests), the ranges run in the page.
 */
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { indexRange, rebuildIndex, type RangeRunner } from './rebuild';
import { errorText } from '../../error-text';

/** Where the worker's script is in the built extension (entrypoints/index-worker.ts). */
const WORKER_SCRIPT = '/index-worker.js';
/** Most workers a rebuild runs, whatever the cores. */
const MAX_WORKERS = 4;
/** Fewest articles worth a worker of their own (one starts in tens of ms). */
const MIN_RANGE = 1_000;

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

/** What the page sends a worker: one range and how to size its work. */
export const RangeRequest = v.strictObject({
  range: v.strictObject({ build: v.string(), keys: v.array(v.string()), firstDoc: Count, firstBlock: Count }),
  options: v.strictObject({
    step: v.optional(v.pipe(Count, v.minValue(1))),
    heldBudget: v.optional(v.pipe(v.number(), v.minValue(1))),
    writeBudget: v.optional(v.pipe(Count, v.minValue(1))),
  }),
});

/** What a worker answers: progress, then the range's end (false: another rebuild took over) or its failure. */
export const RangeAnswer = v.variant('type', [
  v.strictObject({ type: v.literal('progress'), done: Count }),
  v.strictObject({ type: v.literal('done'), ended: v.boolean() }),
  v.strictObject({ type: v.literal('failed'), message: v.string() }),
]);
export type RangeAnswer = v.InferOutput<typeof RangeAnswer>;

/** A worker's side: indexes the range of each request (one at a time), answering as it goes. */
export function serveRanges(scope: { onmessage: unknown; postMessage(answer: RangeAnswer): void }): void {
  let busy = false;
  scope.onmessage = async ({ data }: MessageEvent) => {
    const request = v.safeParse(RangeRequest, data);
    if (!request.success || busy) {
      scope.postMessage({ type: 'failed', message: 'The search index worker was sent a request it cannot read.' });
      return;
    }
    busy = true;
    try {
      const { range, options } = request.output;
      const progress = (done: number) => scope.postMessage({ type: 'progress', done });
      const ended = await indexRange(range, progress, options, new AbortController().signal);
      scope.postMessage({ type: 'done', ended });
    } catch (error) {
      scope.postMessage({ type: 'failed', message: errorText(error) });
    } finally {
      busy = false;
    }
  };
}

/** A runner indexing each range in a worker of its own, started from `url`; stopped when `signal` aborts. */
export function inWorker(url: string): RangeRunner {
  return (range, onProgress, options, signal) =>
    new Promise<boolean>((resolve, reject) => {
      const worker = new Worker(url);
      const end = (settle: () => void) => {
        worker.terminate();
        signal.removeEventListener('abort', aborted);
        settle();
      };
      const aborted = () => end(() => resolve(false));
      signal.addEventListener('abort', aborted);
      worker.onmessage = ({ data }: MessageEvent) => {
        const answer = v.safeParse(RangeAnswer, data);
        if (!answer.success) {
          end(() => reject(new Error('The search index worker answered something unreadable.')));
          return;
        }
        const said = answer.output;
        if (said.type === 'progress') onProgress(said.done);
        else if (said.type === 'done') end(() => resolve(said.ended));
        else end(() => reject(new Error(said.message)));
      };
      worker.onerror = (event) =>
        end(() => reject(new Error(event.message || 'The search index worker could not start.')));
      const request: v.InferInput<typeof RangeRequest> = { range: { ...range, keys: [...range.keys] }, options };
      worker.postMessage(request);
    });
}

/**
 * Rebuilds the whole index (rebuild.ts), in as many workers as the machine has cores (up to MAX_WORKERS, one
 * per MIN_RANGE articles at least); in the page where there are no workers.
 */
export function rebuildLibraryIndex(onProgress?: (done: number, total: number) => void): Promise<boolean> {
  if (typeof Worker !== 'function') return rebuildIndex(onProgress);
  const cores = Math.max(1, Math.min(navigator.hardwareConcurrency || 1, MAX_WORKERS));
  return rebuildIndex(onProgress, {
    runner: inWorker(browser.runtime.getURL(WORKER_SCRIPT)),
    ranges: (total) => Math.max(1, Math.min(cores, Math.floor(total / MIN_RANGE))),
  });
}
