/** Links to the other Gleaner pages; they open in a tab and close the popup. */
import { browser } from 'wxt/browser';
import type { ArticleRecord } from '@/utils/records/types';
import { formatDate, t } from '@/utils/i18n';

export function Footer({ article }: { article: ArticleRecord | null }) {
  const open = (path: string) => (event: Event) => {
    event.preventDefault();
    void browser.tabs.create({ url: browser.runtime.getURL(path as '/search.html') }).then(() => window.close());
  };
  return (
    <nav class="footer" aria-label={t('popup.links')}>
      <a href="/search.html" onClick={open('/search.html')}>
        {t('popup.openSearch')}
      </a>
      {article && (
        <a href={`/reader.html?id=${article.id}`} onClick={open(`/reader.html?id=${article.id}`)}>
          {t('popup.openReader')}
        </a>
      )}
      <a
        href="/options.html"
        onClick={(event) => {
          event.preventDefault();
          void browser.runtime.openOptionsPage().then(() => window.close());
        }}
      >
        {t('popup.openSettings')}
      </a>
      {article && <span class="muted">{t('common.savedOn', [formatDate(article.createdAt)])}</span>}
    </nav>
  );
}
