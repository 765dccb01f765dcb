/** The toolbar popup: the article on the current tab, Save / Remove, tags and a note. */
import { useEffect, useState } from 'preact/hooks';
import { HighlightList } from '@/components/HighlightList';
import { NoteField } from '@/components/NoteField';
import { TagEditor } from '@/components/TagEditor';
import type {
  TagCount,
  ArticleMeta,
  ArticleRecord,
  ArticleStates,
  HighlightRecord,
  RemovedArticle,
} from '@/utils/records/types';
import type { HighlightView, PageState } from '@/utils/messaging/protocol';
import { BOOKMARKABLE } from '@/utils/records/extraction';
import { sendMessage } from '@/utils/messaging/send';
import { errorText } from '@/utils/error-text';
import { t } from '@/utils/i18n';
import { Footer } from '@/components/Footer';
import { MarkdownActions } from '@/components/MarkdownActions';
import { Byline } from '@/components/Byline';

/** Props of Popup. */
export interface PopupProps {
  /** The tab to act on; null when there is none (no window). */
  tabId: number | null;
}

type View = { kind: 'loading' } | { kind: 'ready'; page: PageState } | { kind: 'failed'; message: string };

/** The whole popup. */
export function Popup({ tabId }: PopupProps) {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [known, setKnown] = useState<TagCount[]>([]);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const [highlights, setHighlights] = useState<HighlightView[]>([]);
  /** The highlight just deleted, while its Undo is offered (until the next action). */
  const [deleted, setDeleted] = useState<HighlightRecord | null>(null);
  /** The article just removed from the library, while its Undo is offered (until the next action). */
  const [removed, setRemoved] = useState<RemovedArticle | null>(null);

  const loadHighlights = async () => {
    if (tabId !== null) setHighlights(await sendMessage('listHighlights', { tabId }).catch(() => []));
  };

  const load = async () => {
    if (tabId === null) {
      setView({ kind: 'failed', message: t('popup.noTab') });
      return;
    }
    try {
      // Tag suggestions come on their own: a large library's tag list must not hold up the heading. Without
      // them the tags box still works; it only suggests nothing.
      sendMessage('listTags', {}).then(setKnown, () => setKnown([]));
      // One round trip for the first paint: the highlights list is empty for a page that is not saved.
      const [page, list] = await Promise.all([
        sendMessage('getPage', { tabId }),
        sendMessage('listHighlights', { tabId }).catch(() => []),
      ]);
      setView({ kind: 'ready', page });
      setHighlights(page.article ? list : []);
    } catch (error) {
      setView({ kind: 'failed', message: errorText(error) });
    }
  };

  useEffect(() => {
    void load();
  }, [tabId]);

  /**
   * Runs an action that changes the library, shows its outcome in words, and reloads what it changed: the
   * whole page state (which reads the page again) only when the article itself was saved or removed.
   */
  const act = async (action: () => Promise<unknown>, done: string, reload: 'page' | 'highlights' = 'highlights') => {
    setBusy(true);
    setDeleted(null); // Undo is offered for the last action only
    setRemoved(null);
    try {
      await action();
      setNotice(done);
      await (reload === 'page' ? load() : loadHighlights());
    } catch (error) {
      setNotice(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const setArticle = (article: ArticleRecord) =>
    setView((current) => (current.kind === 'ready' ? { kind: 'ready', page: { ...current.page, article } } : current));

  if (view.kind === 'loading') {
    return (
      <main class="popup">
        <p role="status" class="loading">
          {t('popup.reading')}
        </p>
      </main>
    );
  }
  if (view.kind === 'failed') {
    return (
      <main class="popup">
        <p role="alert" class="problem">
          {view.message}
        </p>
        <Footer article={null} />
      </main>
    );
  }

  const { extraction, article } = view.page;
  const meta: ArticleMeta | null = extraction.ok ? extraction.meta : article;
  const readable = extraction.ok || article !== null;

  const deleteHighlight = (id: string) =>
    act(async () => {
      setDeleted(await sendMessage('deleteHighlight', { id, tabId: tabId ?? undefined }));
    }, t('common.highlightDeleted'));
  const undoRemove = (what: RemovedArticle) =>
    act(
      async () => {
        await sendMessage('restoreArticle', { removed: what, tabId: tabId ?? undefined });
      },
      t('popup.restored'),
      'page',
    );
  const changeStates = async (states: ArticleStates) => {
    if (!article) return;
    try {
      setArticle(await sendMessage('setArticleStates', { id: article.id, ...states }));
    } catch (error) {
      setNotice(errorText(error));
    }
  };
  const undoDelete = (record: HighlightRecord) =>
    act(async () => {
      await sendMessage('undeleteHighlight', { highlight: record, tabId: tabId ?? undefined });
    }, t('common.highlightRestored'));
  return (
    <main class="popup">
      {!extraction.ok && (
        <p role="alert" class="problem">
          {extraction.message}
        </p>
      )}
      {meta && (
        <section class="article" aria-label={t('popup.article')}>
          <h1 dir="auto">{meta.title}</h1>
          <Byline meta={meta} />
          {meta.excerpt && (
            <p class="excerpt" dir="auto">
              {meta.excerpt}
            </p>
          )}
        </section>
      )}
      <div class="actions">
        {article ? (
          <button
            type="button"
            class="secondary"
            disabled={busy}
            onClick={() =>
              act(
                async () =>
                  setRemoved(await sendMessage('removeArticle', { id: article.id, tabId: tabId ?? undefined })),
                t('popup.removed'),
                'page',
              )
            }
          >
            {t('popup.remove')}
          </button>
        ) : tabId === null ? null : extraction.ok ? (
          <button
            type="button"
            class="primary"
            disabled={busy}
            onClick={() => act(() => sendMessage('savePage', { tabId }), t('popup.savedToLibrary'), 'page')}
          >
            {t('popup.save')}
          </button>
        ) : (
          BOOKMARKABLE.includes(extraction.reason) && (
            <button
              type="button"
              class="primary"
              disabled={busy}
              onClick={() => act(() => sendMessage('saveBookmark', { tabId }), t('popup.bookmarked'), 'page')}
            >
              {t('popup.saveBookmark')}
            </button>
          )
        )}
        {readable && tabId !== null && (
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              act(
                () => sendMessage('highlightSelection', { tabId }),
                t('common.highlighted'),
                article ? 'highlights' : 'page',
              )
            }
          >
            {t('highlightSelection')}
          </button>
        )}
      </div>
      <p class="notice" role="status" aria-live="polite">
        {notice}
        {deleted && (
          <button type="button" class="link" onClick={() => undoDelete(deleted)}>
            {t('common.undo')}
          </button>
        )}
        {removed && (
          <button type="button" class="link" onClick={() => void undoRemove(removed)}>
            {t('common.undo')}
          </button>
        )}
      </p>
      {article && (
        <div class="states">
          <button
            type="button"
            aria-pressed={article.archivedAt !== undefined}
            disabled={busy}
            onClick={() => void changeStates({ archived: article.archivedAt === undefined })}
          >
            {t('library.archiveToggle')}
          </button>
          <button
            type="button"
            aria-pressed={article.favouriteAt !== undefined}
            disabled={busy}
            onClick={() => void changeStates({ favourite: article.favouriteAt === undefined })}
          >
            {t('library.favouriteToggle')}
          </button>
        </div>
      )}
      {article && (
        <div class="details">
          <TagEditor
            tags={article.tags}
            known={known}
            onChange={(tags) => {
              setArticle({ ...article, tags });
              sendMessage('updateArticle', { id: article.id, tags }).then(setArticle, (error: unknown) =>
                setNotice(errorText(error)),
              );
            }}
          />
          <NoteField
            key={article.id}
            label={t('common.note')}
            value={article.note}
            onSave={(note) => sendMessage('updateArticle', { id: article.id, note })}
          />
          <MarkdownActions articleId={article.id} onDone={setNotice} />
          <HighlightList
            highlights={highlights}
            onJump={(id) =>
              tabId !== null &&
              void sendMessage('scrollToHighlight', { tabId, id }).catch((error: unknown) =>
                setNotice(errorText(error)),
              )
            }
            onColor={(id, color) =>
              act(
                () => sendMessage('updateHighlight', { id, color, tabId: tabId ?? undefined }),
                t('popup.colourChanged'),
              )
            }
            onNote={async (id, note) => {
              await sendMessage('updateHighlight', { id, note });
              setHighlights((list) => list.map((h) => (h.id === id ? { ...h, note } : h)));
            }}
            onDelete={deleteHighlight}
          />
        </div>
      )}
      <Footer article={article} />
    </main>
  );
}
