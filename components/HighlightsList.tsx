/**
 * The library's Highlights view: every highlight of the articles the query finds (only those it matches, when
 * it has words), newest first, each with its colour, text, note and article, which opens the reader on it.
 */
import { useMemo, useState } from 'preact/hooks';
import { Marked } from './Marked';
import type { Ranking } from '@/utils/search/search-library';
import type { SearchHighlight } from '@/utils/search/field-text';
import type { ArticleRecord } from '@/utils/records/types';
import { colorLabel, slotOf, type Palette } from '@/utils/settings/palette';
import { formatNumber, t } from '@/utils/i18n';

/** Highlights shown at first, and more on each request. */
const PAGE = 100;

export function HighlightsList({
  ranking,
  terms,
  palette,
}: {
  ranking: Ranking;
  terms: readonly string[];
  palette: Palette;
}) {
  const [limit, setLimit] = useState(PAGE);
  // "in TITLE", in the words of the language, with the title a link where the placeholder is.
  const [before = '', after = ''] = t('library.inArticle', ['\u0000']).split('\u0000');
  const items = useMemo(() => {
    const all: Array<{ highlight: SearchHighlight; article: ArticleRecord }> = [];
    for (const hit of ranking.hits())
      for (const highlight of terms.length ? hit.matchingHighlights : hit.highlights)
        all.push({ highlight, article: hit.article });
    return all.sort((a, b) => b.highlight.createdAt - a.highlight.createdAt);
  }, [ranking, terms]);
  return (
    <>
      <ul class="all-highlights" aria-label={t('library.allHighlights')}>
        {items.slice(0, limit).map(({ highlight, article }) => (
          <li key={highlight.id} style={{ borderInlineStartColor: palette[slotOf(highlight.color)].value }}>
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
              {before}
              <a
                href={`/reader.html?id=${encodeURIComponent(article.id)}&highlight=${encodeURIComponent(highlight.id)}`}
              >
                <bdi>{article.title}</bdi>
              </a>
              {after}
            </p>
          </li>
        ))}
      </ul>
      {items.length > limit && (
        <button type="button" class="show-more" onClick={() => setLimit((value) => value + PAGE)}>
          {t('library.moreHighlights', [formatNumber(Math.min(PAGE, items.length - limit))])}
        </button>
      )}
    </>
  );
}
