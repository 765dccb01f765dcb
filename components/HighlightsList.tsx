/**
 * The library's Highlights view: every highlight of the articles the query finds (only those it matches, when
 * it has words), newest first or grouped by article, each with its colour, text, note and article, which
 * opens the reader on it.
 */
import { useState } from 'preact/hooks';
import { Marked } from './Marked';
import type { Ranking } from '@/utils/search/search-library';
import type { SearchHighlight } from '@/utils/search/field-text';
import type { ArticleRecord } from '@/utils/records/types';
import { colorLabel, slotOf, type Palette } from '@/utils/settings/palette';
import { formatNumber, t } from '@/utils/i18n';

/** Highlights shown at first, and more on each request. */
const PAGE = 100;

/** The highlights the view lists (those the query matches, when it has words), newest first, or grouped by
 * article: in the results' order, each article's in page order, those whose place is not known yet (imported
 * by their quote alone) after, as made. The page counts them for its status too. */
export function highlightItems(ranking: Ranking, hasWords: boolean, grouped: boolean): HighlightItem[] {
  const all: HighlightItem[] = [];
  for (const hit of ranking.hits()) {
    const own = [...(hasWords ? hit.matchingHighlights : hit.highlights)];
    if (grouped) own.sort((a, b) => (a.start ?? Infinity) - (b.start ?? Infinity) || a.createdAt - b.createdAt);
    for (const highlight of own) all.push({ highlight, article: hit.article });
  }
  return grouped ? all : all.sort((a, b) => b.highlight.createdAt - a.highlight.createdAt);
}

export function HighlightsList({
  items,
  terms,
  palette,
  grouped = false,
}: {
  /** From highlightItems. */
  items: readonly HighlightItem[];
  terms: readonly string[];
  palette: Palette;
  grouped?: boolean;
}) {
  const [limit, setLimit] = useState(PAGE);
  // "in TITLE", in the words of the language, with the title a link where the placeholder is.
  const [before = '', after = ''] = t('library.inArticle', ['\u0000']).split('\u0000');
  const shown = items.slice(0, limit);
  /** One highlight; grouped, the first of its article's carries the article's title as a heading, and the
   * others only a link to themselves in the reader (the list stays one item per highlight). */
  const item = ({ highlight, article }: HighlightItem, index: number) => {
    const heads = grouped && shown[index - 1]?.article.id !== article.id;
    const href = `/reader.html?id=${encodeURIComponent(article.id)}&highlight=${encodeURIComponent(highlight.id)}`;
    return (
      <li
        key={highlight.id}
        class={heads ? 'group-start' : undefined}
        style={{ borderInlineStartColor: palette[slotOf(highlight.color)].value }}
      >
        {heads && (
          <h2 class="group-title" dir="auto">
            <a href={`/reader.html?id=${encodeURIComponent(article.id)}`}>{article.title}</a>
          </h2>
        )}
        <span class="visually-hidden">{colorLabel(palette, highlight.color)}: </span>
        <blockquote dir="auto">
          <Marked text={highlight.selectors.quote.exact} terms={terms} />
        </blockquote>
        {highlight.note && (
          <p class="note" dir="auto">
            <Marked text={highlight.note} terms={terms} />
          </p>
        )}
        <p class="muted">
          {grouped ? (
            <a href={href}>{t('library.openAtHighlight')}</a>
          ) : (
            <>
              {before}
              <a href={href}>
                <bdi>{article.title}</bdi>
              </a>
              {after}
            </>
          )}
        </p>
      </li>
    );
  };
  return (
    <>
      <ul class={`all-highlights${grouped ? ' grouped' : ''}`} aria-label={t('library.allHighlights')}>
        {shown.map(item)}
      </ul>
      {items.length > limit && (
        <button type="button" class="show-more" onClick={() => setLimit((value) => value + PAGE)}>
          {t('library.moreHighlights', [formatNumber(Math.min(PAGE, items.length - limit))])}
        </button>
      )}
    </>
  );
}

export interface HighlightItem {
  highlight: SearchHighlight;
  article: ArticleRecord;
}
