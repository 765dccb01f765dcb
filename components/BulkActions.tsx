/** Actions on the selected search results: add or remove a tag, archive, favourite, delete (with confirmation,
 * then undo). */
import { useRef, useState } from 'preact/hooks';
import {
  addTagToArticles,
  removeArticles,
  removeTagFromArticles,
  restoreArticles,
  setArticleStates,
  type RemovedArticle,
} from '@/utils/db/articles';
import { errorText } from '@/utils/error-text';
import { countText, t } from '@/utils/i18n';
import type { ArticleStates } from '@/utils/records/types';

/** Props of BulkActions. */
export interface BulkActionsProps {
  /** Ids of the selected articles. */
  selected: readonly string[];
  /** Called after the selection's articles were deleted (or a deletion undone). */
  onDone: () => void;
}

/** A toolbar for the selection, and the last deletion's Undo. */
export function BulkActions({ selected, onDone }: BulkActionsProps) {
  const [tag, setTag] = useState('');
  const [message, setMessage] = useState('');
  const [removed, setRemoved] = useState<RemovedArticle[] | null>(null);
  const confirm = useRef<HTMLDialogElement>(null);

  const run = async (work: () => Promise<string>) => {
    try {
      setMessage(await work());
    } catch (error) {
      setMessage(errorText(error));
    }
  };
  const states = (change: ArticleStates) =>
    run(async () =>
      t('library.bulkStatesDone', [countText('count.articles', await setArticleStates(selected, change))]),
    );

  return (
    <section class="bulk" aria-label={t('bulk.label')}>
      {selected.length > 0 && (
        <div class="bulk-bar">
          <span>{t('bulk.selected', [countText('count.articles', selected.length)])}</span>
          <label class="visually-hidden" for="bulk-tag">
            {t('bulk.tagFor')}
          </label>
          <input
            id="bulk-tag"
            type="text"
            placeholder={t('bulk.tagPlaceholder')}
            value={tag}
            onInput={(e) => setTag(e.currentTarget.value)}
          />
          <button
            type="button"
            disabled={!tag.trim()}
            onClick={() =>
              run(async () => t('bulk.tagAdded', [countText('count.articles', await addTagToArticles(selected, tag))]))
            }
          >
            {t('bulk.addTag')}
          </button>
          <button
            type="button"
            disabled={!tag.trim()}
            onClick={() =>
              run(async () =>
                t('bulk.tagRemoved', [countText('count.articles', await removeTagFromArticles(selected, tag))]),
              )
            }
          >
            {t('bulk.removeTag')}
          </button>
          <button type="button" onClick={() => void states({ archived: true })}>
            {t('library.bulkArchive')}
          </button>
          <button type="button" onClick={() => void states({ archived: false })}>
            {t('library.bulkUnarchive')}
          </button>
          <button type="button" onClick={() => void states({ favourite: true })}>
            {t('library.bulkFavourite')}
          </button>
          <button type="button" class="danger" onClick={() => confirm.current?.showModal()}>
            {t('bulk.deleteSelected')}
          </button>
        </div>
      )}
      <p class="bulk-message" aria-live="polite">
        {message}
        {removed && (
          <button
            type="button"
            class="link"
            onClick={() =>
              run(async () => {
                await restoreArticles(removed);
                setRemoved(null);
                onDone();
                return t('bulk.back', [countText('count.articles', removed.length)]);
              })
            }
          >
            {t('common.undo')}
          </button>
        )}
      </p>
      <dialog ref={confirm} aria-labelledby="confirm-title">
        <h2 id="confirm-title">{t('bulk.confirm', [countText('count.articles', selected.length)])}</h2>
        <p>{t('bulk.confirmText')}</p>
        <form method="dialog" class="row">
          <button type="submit" value="cancel" autofocus>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            class="danger"
            onClick={() => {
              confirm.current?.close();
              void run(async () => {
                const gone = await removeArticles(selected);
                setRemoved(gone);
                onDone();
                return t('bulk.deleted', [countText('count.articles', gone.length)]);
              });
            }}
          >
            {t('common.delete')}
          </button>
        </form>
      </dialog>
    </section>
  );
}
