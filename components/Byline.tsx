/** Site, byline and reading time on one line. */
import type { ArticleMeta } from '@/utils/records/types';
import { formatDate, formatNumber, t } from '@/utils/i18n';

export function Byline({ meta }: { meta: ArticleMeta }) {
  const parts = [meta.siteName, meta.byline, t('common.minutesRead', [formatNumber(meta.readingMinutes)])].filter(
    Boolean,
  );
  return (
    <>
      <p class="meta">{parts.join(t('common.separator'))}</p>
      {meta.publishedTime && <p class="meta">{t('common.published', [formatDate(meta.publishedTime)])}</p>}
    </>
  );
}
