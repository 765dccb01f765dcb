/** What the library says of a page the queue could not fetch, in the user's language. */
import type { FetchJobRecord } from '../db/schema';
import { t } from '../i18n';

/** The reason of a failed fetch in words ("the page is gone (HTTP 404)"). */
export function failureText(failure: NonNullable<FetchJobRecord['failure']>): string {
  const detail = failure.detail ?? '?';
  switch (failure.reason) {
    case 'gone':
      return t('fetch.reasonGone', [detail]);
    case 'not-article':
      // A type is said (a PDF, an image); a page of HTML without an article needs no detail.
      return failure.detail ? t('fetch.reasonNotHtml', [detail]) : t('fetch.reasonNotArticle');
    case 'refused':
      return t('fetch.reasonRefused', [detail]);
    case 'timeout':
      return t('fetch.reasonTimeout', [detail]);
    case 'too-large':
      return t('fetch.reasonTooLarge');
    case 'unreachable':
      return t('fetch.reasonUnreachable');
    case 'server':
      return t('fetch.reasonServer', [detail]);
    case 'busy':
      return t('fetch.reasonBusy', [detail]);
  }
}

/** What an article's card says of its job: waiting, failed for good (why), or failed and to be tried again. */
export function jobText(job: FetchJobRecord): string {
  if (job.state === 'failed' && job.failure) return t('fetch.failed', [failureText(job.failure)]);
  if (job.failure) return t('fetch.retrying', [failureText(job.failure)]);
  return t('fetch.waiting');
}
