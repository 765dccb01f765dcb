/**
 * One article of the library: its title opening it in the offline reader, "Original" for the source, site,
 * date saved, reading time, highlights and how far it was read; the snippet or excerpt, tags, note, matching
 * highlights; and toggles to archive it and make it a favourite. Its tags filter the library by them.
 */
import { Marked } from './Marked';
import { colorLabel, slotOf, type Palette } from '@/utils/settings/palette';
import type { SearchHit } from '@/utils/search/search-library';
import type { ArticleStates } from '@/utils/records/types';
import { countText, formatDate, t } from '@/utils/i18n';
import type { FetchJobRecord } from '@/utils/db/schema';
import { jobText } from '@/utils/fetch-queue/failure-text';

/** What a card shows and does. */
export interface ArticleCardProps {
  hit: SearchHit;
  /** The query's words, marked wherever they appear. */
  terms: readonly string[];
  /** The passage of the article text that matched, if any (else the excerpt is shown). */
  snippet: string | undefined;
  selected: boolean;
  onSelect: (on: boolean) => void;
  /** Puts the article into or out of the archive or the favourites. */
  onStates: (states: ArticleStates) => void;
  /** Filters the library by one of its tags. */
  onTag: (tag: string) => void;
  /** Whether the user allows lead images (loaded from the article's site). */
  showImage?: boolean;
  palette: Palette;
  /** Its page's job in the background fetch queue, if it has one: the card says how it stands. */
  fetchJob?: FetchJobRecord | undefined;
  /** Queues a failed fetch again. */
  onRetryFetch?: () => void;
}

export function ArticleCard({
  hit,
  terms,
  snippet,
  selected,
  onSelect,
  onStates,
  onTag,
  palette,
  showImage = false,
  fetchJob,
  onRetryFetch,
}: ArticleCardProps) {
  const { article } = hit;
  const saved = formatDate(article.createdAt);
  const archived = article.archivedAt !== undefined;
  const favourite = article.favouriteAt !== undefined;
  const reading =
    article.readAt !== undefined
      ? t('library.read')
      : article.progress
        ? t('library.progress', [String(Math.round(article.progress * 100))])
        : null;
  return (
    <article class="result" aria-labelledby={`title-${article.id}`}>
      <input
        type="checkbox"
        class="select"
        aria-label={t('search.select', [article.title])}
        checked={selected}
        onChange={(e) => onSelect(e.currentTarget.checked)}
      />
      {showImage && article.image && (
        // Decorative (the title says what it is); no referrer, loaded only as it comes into view.
        <img
          class="lead-image"
          src={article.image}
          alt=""
          loading="lazy"
          decoding="async"
          referrerpolicy="no-referrer"
        />
      )}
      <h2 id={`title-${article.id}`} dir="auto">
        <a href={`/reader.html?id=${encodeURIComponent(article.id)}`}>
          <Marked text={article.title} terms={terms} />
        </a>
      </h2>
      <p class="meta">
        {[
          article.siteName ?? new URL(article.url).hostname,
          article.byline,
          t('search.savedOn', [saved]),
          article.readingMinutes ? t('common.minutesRead', [String(article.readingMinutes)]) : null,
          hit.highlights.length ? countText('count.highlights', hit.highlights.length) : null,
          reading,
        ]
          .filter(Boolean)
          .join(t('common.separator'))}
      </p>
      <p class="card-actions">
        <a href={article.originalUrl} target="_blank" rel="noopener noreferrer">
          {t('library.original')}
        </a>
        <button
          type="button"
          class="toggle"
          data-state="archived"
          aria-pressed={archived}
          onClick={() => onStates({ archived: !archived })}
        >
          {t('library.archiveToggle')}
        </button>
        <button
          type="button"
          class="toggle"
          data-state="favourite"
          aria-pressed={favourite}
          onClick={() => onStates({ favourite: !favourite })}
        >
          {t('library.favouriteToggle')}
        </button>
      </p>
      {fetchJob && (
        <p class={`fetch-state ${fetchJob.state}`}>
          {jobText(fetchJob)}
          {fetchJob.state === 'failed' && onRetryFetch && (
            <>
              {' '}
              <button type="button" class="link" onClick={onRetryFetch}>
                {t('fetch.retry')}
              </button>
            </>
          )}
        </p>
      )}
      {snippet ? (
        <p class="snippet" dir="auto">
          <Marked text={snippet} terms={terms} />
        </p>
      ) : (
        article.excerpt && (
          <p class="excerpt" dir="auto">
            <Marked text={article.excerpt} terms={terms} />
          </p>
        )
      )}
      {article.tags.length > 0 && (
        <ul class="tags" aria-label={t('common.tags')}>
          {article.tags.map((tag) => (
            <li key={tag}>
              <button
                type="button"
                class="tag"
                dir="auto"
                title={t('library.filterByTag', [tag])}
                onClick={() => onTag(tag)}
              >
                <Marked text={tag} terms={terms} />
              </button>
            </li>
          ))}
        </ul>
      )}
      {article.note && (
        <p class="note" dir="auto">
          <span class="muted">{t('search.notePrefix')}</span>
          <Marked text={article.note} terms={terms} />
        </p>
      )}
      {hit.matchingHighlights.length > 0 && (
        <ul class="matching-highlights" aria-label={t('search.matchingHighlights')}>
          {hit.matchingHighlights.map((h) => (
            <li key={h.id} style={{ borderInlineStartColor: palette[slotOf(h.color)].value }}>
              <span class="visually-hidden">{colorLabel(palette, h.color)}: </span>
              <bdi>
                <Marked text={h.selectors.quote.exact} terms={terms} />
              </bdi>
              {h.note && (
                <span class="muted">
                  {' '}
                  —{' '}
                  <bdi>
                    <Marked text={h.note} terms={terms} />
                  </bdi>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
