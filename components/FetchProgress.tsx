/**
 * The library's view of the background fetch queue: a progress bar "Fetching article text" with how many are
 * done of how many, how many failed and the time left; "Pause fetching" (which becomes "Resume fetching"),
 * "Stop fetching", and "Retry failed" once some failed. Shown while the queue has work or failures to show.
 */
import { useState } from 'preact/hooks';
import { cancelQueued, failedJobIds, retryFetches, setQueuePaused } from '@/utils/db/fetch-jobs';
import { errorText } from '@/utils/error-text';
import { countText, formatNumber, t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging/send';
import { useFetchProgress } from '@/hooks/use-fetch-queue';

/** Tells the background the queue changed (its runner looks again). */
export const wakeFetching = () => sendMessage('wakeFetching', {}).catch((error: unknown) => console.error(error));

export function FetchProgress() {
  const { progress, msLeft } = useFetchProgress();
  const [message, setMessage] = useState('');
  if (!progress || (!progress.queued && !progress.failedJobs && !message)) return null;
  const act = (work: () => Promise<string | void>) => {
    setMessage('');
    work().then(
      (said) => {
        setMessage(said ?? '');
        void wakeFetching();
      },
      (error: unknown) => setMessage(t('common.somethingWrong', [errorText(error)])),
    );
  };
  const finished = progress.done + progress.failed;
  const minutes = msLeft === null ? null : Math.ceil(msLeft / 60_000);
  const parts = [
    progress.queued ? t('fetch.progress', [formatNumber(progress.done), formatNumber(progress.total)]) : null,
    progress.failedJobs ? t('fetch.failedCount', [countText('count.articles', progress.failedJobs)]) : null,
    progress.queued && progress.paused ? t('fetch.paused') : null,
    progress.queued && !progress.paused && minutes !== null
      ? minutes <= 1
        ? t('fetch.underMinute')
        : t('fetch.minutesLeft', [formatNumber(minutes)])
      : null,
  ].filter(Boolean);
  return (
    <section class="fetching" aria-label={t('fetch.label')}>
      {progress.queued > 0 && (
        <progress
          aria-label={t('fetch.label')}
          max={progress.total || 1}
          value={Math.min(finished, progress.total)}
          aria-valuetext={parts.join(t('common.separator'))}
        />
      )}
      <p class="fetch-counts">{parts.join(t('common.separator'))}</p>
      <p class="fetch-actions">
        {progress.queued > 0 && (
          <>
            <button type="button" onClick={() => act(() => setQueuePaused(!progress.paused))}>
              {progress.paused ? t('fetch.resume') : t('fetch.pause')}
            </button>
            <button
              type="button"
              onClick={() => act(async () => t('fetch.cancelled', [countText('count.articles', await cancelQueued())]))}
            >
              {t('fetch.cancel')}
            </button>
          </>
        )}
        {progress.failedJobs > 0 && (
          <button
            type="button"
            onClick={() => act(async () => void (await retryFetches(await failedJobIds(), Date.now())))}
          >
            {t('fetch.retryFailed')}
          </button>
        )}
      </p>
      {message && (
        <p role="status" class="fetch-message">
          {message}
        </p>
      )}
    </section>
  );
}
