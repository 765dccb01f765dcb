/**
 * Every tag or every site of the current results, beyond the few chips shown: a button "All tags (N)" opening
 * a dialog with a filter box and the whole list, most common first; choosing one filters the results by it.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { Facet } from '@/utils/search/facets';
import { fold } from '@/utils/search/fold';
import { formatNumber, t } from '@/utils/i18n';

/** At most this many are drawn at once; typing narrows the rest. */
const SHOWN = 300;

export interface AllFacetsProps {
  kind: 'tags' | 'sites';
  /** How many different ones the results have. */
  total: number;
  /** All of them (computed when the dialog opens). */
  list: () => Facet[];
  /** One of them as a chip that toggles its filter. */
  chip: (facet: Facet, chosen: () => void) => ComponentChildren;
}

export function AllFacets({ kind, total, list, chip }: AllFacetsProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  /** Every one of them, counted once when the dialog opens (not again as the filter is typed). */
  const [all, setAll] = useState<Facet[] | null>(null);
  const open = all !== null;
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const wanted = fold(filter.trim());
    return wanted ? (all ?? []).filter((facet) => fold(facet.value).includes(wanted)) : (all ?? []);
  }, [all, filter]);
  const close = () => dialog.current?.close();
  const id = `all-${kind}`;
  return (
    <>
      <button
        type="button"
        class="link all-facets"
        aria-haspopup="dialog"
        onClick={() => {
          setFilter('');
          setAll(list());
          dialog.current?.showModal();
        }}
      >
        {t(kind === 'tags' ? 'library.allTags' : 'library.allSites', [formatNumber(total)])}
      </button>
      <dialog ref={dialog} class="facet-dialog" aria-labelledby={`${id}-title`} onClose={() => setAll(null)}>
        <h2 id={`${id}-title`}>{t(kind === 'tags' ? 'common.tags' : 'search.sites')}</h2>
        <label for={`${id}-filter`}>{t(kind === 'tags' ? 'library.filterTags' : 'library.filterSites')}</label>{' '}
        <input
          id={`${id}-filter`}
          type="search"
          value={filter}
          onInput={(event) => setFilter(event.currentTarget.value)}
          autofocus
        />
        <p class="muted" aria-live="polite">
          {shown.length > SHOWN
            ? t('library.facetsShown', [formatNumber(SHOWN), formatNumber(shown.length)])
            : t('library.facetsMatching', [formatNumber(shown.length)])}
        </p>
        {open && (
          <ul class="facet-list">
            {shown.slice(0, SHOWN).map((facet) => (
              <li key={facet.value}>{chip(facet, close)}</li>
            ))}
          </ul>
        )}
        <form method="dialog" class="row">
          <button type="submit">{t('common.close')}</button>
        </form>
      </dialog>
    </>
  );
}
