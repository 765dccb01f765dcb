/**
 * The background fetch queue as the library shows it: its progress (with the time left, from the pace of the
 * last minute) and the jobs of the cards on screen, read again when the queue changes in any context (Dexie
 * reports changes across the extension's pages, the offscreen document and the background), at most every
 * QUEUE_READ_MS.
 */
import { Dexie, type ObservabilitySet } from 'dexie';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { jobsOf, readQueueProgress, type QueueProgress } from '@/utils/db/fetch-jobs';
import { db, type FetchJobRecord } from '@/utils/db/schema';

/** Ms between reads of the queue while it changes. */
const QUEUE_READ_MS = 300;
/** The pace is measured over this long. */
const PACE_WINDOW_MS = 60_000;

const touchesQueue = (parts: ObservabilitySet) =>
  Object.keys(parts).some(
    (part) => part.startsWith(`idb://${db.name}/fetchJobs/`) || part.startsWith(`idb://${db.name}/fetchMeta/`),
  );

/** Calls `read` now and whenever the queue changes (throttled); returns a function that stops. */
function watchQueue(read: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onChange = (parts: ObservabilitySet) => {
    if (!touchesQueue(parts) || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      read();
    }, QUEUE_READ_MS);
  };
  Dexie.on('storagemutated', onChange);
  read();
  return () => {
    Dexie.on.storagemutated.unsubscribe(onChange);
    if (timer !== undefined) clearTimeout(timer);
  };
}

/** Resolves once the job of article `id` has ended: with the job if it failed for good, undefined once it is
 * off the queue (its text stored). Looks when the queue changes, and every few seconds besides. */
export function jobEnded(id: string): Promise<FetchJobRecord | undefined> {
  return new Promise((resolve, reject) => {
    let stop = () => {};
    const poll = setInterval(() => look(), 2_000);
    const look = () => {
      db.fetchJobs.get(id).then((job) => {
        if (job && job.state !== 'failed') return;
        clearInterval(poll);
        stop();
        resolve(job);
      }, reject);
    };
    stop = watchQueue(look);
  });
}

/** The queue's progress, and ms left at the pace of the last minute (null until there is a pace). */
export function useFetchProgress(): { progress: QueueProgress | null; msLeft: number | null } {
  const [progress, setProgress] = useState<QueueProgress | null>(null);
  const samples = useRef<Array<{ at: number; finished: number }>>([]);
  useEffect(
    () =>
      watchQueue(() => {
        readQueueProgress().then(setProgress, (error: unknown) => console.error(error));
      }),
    [],
  );
  const msLeft = useMemo(() => {
    if (!progress || progress.paused || !progress.queued) {
      samples.current = [];
      return null;
    }
    const now = Date.now();
    const finished = progress.done + progress.failed;
    const kept = samples.current.filter((sample) => now - sample.at <= PACE_WINDOW_MS && sample.finished <= finished);
    kept.push({ at: now, finished });
    samples.current = kept;
    const first = kept[0]!;
    const pace = (finished - first.finished) / (now - first.at); // per ms
    return pace > 0 && now - first.at >= 2_000 ? progress.queued / pace : null;
  }, [progress]);
  return { progress, msLeft };
}

/** Whether two reads of jobs say the same (the cards need not be drawn again). */
const sameJobs = (a: Map<string, FetchJobRecord>, b: Map<string, FetchJobRecord>) =>
  a.size === b.size &&
  [...a].every(([id, job]) => {
    const other = b.get(id);
    return (
      other && other.state === job.state && other.attempts === job.attempts && other.failure?.at === job.failure?.at
    );
  });

/** The queue's jobs of the articles `ids` (those on screen), by article id. */
export function useFetchJobs(ids: readonly string[]): Map<string, FetchJobRecord> {
  const [jobs, setJobs] = useState<Map<string, FetchJobRecord>>(new Map());
  const key = ids.join('\n');
  useEffect(() => {
    let current = true;
    const stop = watchQueue(() => {
      jobsOf(ids).then(
        (found) => current && setJobs((before) => (sameJobs(before, found) ? before : found)),
        (error: unknown) => console.error(error),
      );
    });
    return () => {
      current = false;
      stop();
    };
  }, [key]);
  return jobs;
}
