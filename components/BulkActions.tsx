/** Actions on the selected search results: add or remove a tag, delete (with confirmation, then undo). */
import { useRef, useState } from 'preact/hooks';
import { addTagToArticles, removeArticles, removeTagFromArticles, restoreArticles, type RemovedArticle } from '@/utils/db/articles';
import { errorText, plural } from '@/utils/format';

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

  return (
    <section class="bulk" aria-label="Selected articles">
      {selected.length > 0 && (
        <div class="bulk-bar">
          <span>{plural(selected.length, 'article', 'articles')} selected</span>
          <label class="visually-hidden" for="bulk-tag">Tag for selected</label>
          <input id="bulk-tag" type="text" placeholder="tag" value={tag} onInput={(e) => setTag(e.currentTarget.value)} />
          <button type="button" disabled={!tag.trim()} onClick={() => run(async () => `Tag added to ${plural(await addTagToArticles(selected, tag), 'article', 'articles')}.`)}>
            Add tag
          </button>
          <button type="button" disabled={!tag.trim()} onClick={() => run(async () => `Tag removed from ${plural(await removeTagFromArticles(selected, tag), 'article', 'articles')}.`)}>
            Remove tag
          </button>
          <button type="button" class="danger" onClick={() => confirm.current?.showModal()}>Delete selected</button>
        </div>
      )}
      <p class="bulk-message" aria-live="polite">
        {message}
        {removed && (
          <button type="button" class="link" onClick={() => run(async () => {
            await restoreArticles(removed);
            setRemoved(null);
            onDone();
            return `${plural(removed.length, 'article', 'articles')} back in your library.`;
          })}>Undo</button>
        )}
      </p>
      <dialog ref={confirm} aria-labelledby="confirm-title">
        <h2 id="confirm-title">Delete {plural(selected.length, 'article', 'articles')}?</h2>
        <p>Their saved text, notes and highlights go with them. You can undo this right after.</p>
        <form method="dialog" class="row">
          <button type="submit" value="cancel" autofocus>Cancel</button>
          <button type="button" class="danger" onClick={() => {
            confirm.current?.close();
            void run(async () => {
              const gone = await removeArticles(selected);
              setRemoved(gone);
              onDone();
              return `Deleted ${plural(gone.length, 'article', 'articles')}.`;
            });
          }}>Delete</button>
        </form>
      </dialog>
    </section>
  );
}
