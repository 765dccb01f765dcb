/**
 * The offline reader (`reader.html?id=`): the saved article, sanitized again as it is rendered, in a chosen
 * theme and text size, with reading progress, its highlights drawn by the same anchoring as on the web page,
 * and new highlights made from a selection. It opens where the reader left off (how far down is kept as they
 * scroll, and the article counts as read once it is read to its end), and puts the article into the archive or
 * the favourites.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { getArticle, getContent, listTags, recordReading, setArticleStates, updateArticle } from '@/utils/db/articles';
import { queueFetches } from '@/utils/db/fetch-jobs';
import { failureText, jobText } from '@/utils/fetch-queue/failure-text';
import { jobEnded, useFetchJobs } from '@/hooks/use-fetch-queue';
import { wakeFetching } from '@/components/FetchProgress';
import { addHighlight, listHighlights } from '@/utils/db/highlights';
import type { ArticleRecord, ArticleStates, ContentRecord, HighlightRecord, TagCount } from '@/utils/records/types';
import { TagEditor } from '@/components/TagEditor';
import { NoteField } from '@/components/NoteField';
import { ReaderEditor } from './highlight-editor';
import { filterToken } from '@/utils/search/facets';
import { toDrawn } from '@/utils/messaging/page-protocol';
import { errorText } from '@/utils/error-text';
import { formatDate, formatNumber, message as messageFor, t, type MessageKey } from '@/utils/i18n';
import { useSetting } from '@/hooks/use-setting';
import { colorLabel, DEFAULT_COLOR, slotOf } from '@/utils/settings/palette';
import { PageHighlights } from '@/utils/in-page/highlight/page-highlights';
import { remoteImagesBlocked, renderArticle } from '@/utils/reader/render-article';
import { READER_THEMES, type ReaderTheme } from '@/utils/settings/reader-themes';
import { highlightPalette, readerFontSize, readerRemoteImages, readerTheme } from '@/utils/settings/storage';

type Loaded = { article: ArticleRecord; content: ContentRecord | null; highlights: HighlightRecord[] };
type View =
  { kind: 'loading' } | { kind: 'missing' } | { kind: 'failed'; message: string } | ({ kind: 'ready' } & Loaded);

const THEME_NAMES: Record<ReaderTheme, MessageKey> = {
  auto: 'reader.themeAuto',
  light: 'reader.themeLight',
  dark: 'reader.themeDark',
  sepia: 'reader.themeSepia',
};

export function Reader({ id }: { id: string }) {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [theme, setTheme] = useSetting(readerTheme);
  const [fontSize, setFontSize] = useSetting(readerFontSize);
  // Null until read: the article is not rendered (and no image requested) before the user's choice is known.
  const [remoteImages, setRemoteImages] = useSetting(readerRemoteImages, null);
  const [progress, setProgress] = useState(0);
  const [message, setMessage] = useState('');
  const content = useRef<HTMLDivElement>(null);
  const highlighter = useRef<PageHighlights | null>(null);
  const [palette] = useSetting(highlightPalette);
  /** Whether the place the reader left off has been scrolled back to (once, on opening). */
  const resumed = useRef(false);
  /** The article's highlights as they are now (the list below the article; drawn ones are the highlighter's). */
  const [list, setList] = useState<HighlightRecord[]>([]);
  const [known, setKnown] = useState<TagCount[]>([]);
  const editor = useRef<ReaderEditor | null>(null);

  /** Counts the reads of the article: read again when its text came from the web (an import, a refresh). */
  const [loads, setLoads] = useState(0);
  useEffect(() => {
    Promise.all([getArticle(id), getContent(id), listHighlights(id)]).then(
      ([article, text, highlights]) => {
        setView(article ? { kind: 'ready', article, content: text, highlights } : { kind: 'missing' });
        setList(highlights);
      },
      (error: unknown) => setView({ kind: 'failed', message: errorText(error) }),
    );
  }, [id, loads]);

  // Its page in the background fetch queue (an imported article's text on its way): once the job ends the
  // article is read again.
  const job = useFetchJobs([id]).get(id);
  const [refreshing, setRefreshing] = useState(false);
  const hadJob = useRef(false);
  useEffect(() => {
    if (job) hadJob.current = true;
    else if (hadJob.current && !refreshing) {
      hadJob.current = false;
      setLoads((n) => n + 1);
    }
  }, [job]);
  // "Refresh from the web": the page fetched again through the same queue; its highlights are drawn on the new
  // text (found again as on a changed page), or the failure said.
  const refresh = (article: ArticleRecord) => {
    setRefreshing(true);
    setMessage(t('reader.refreshing'));
    queueFetches([{ id: article.id, url: article.originalUrl }], 'refresh', Date.now())
      .then(async () => {
        void wakeFetching();
        const failed = await jobEnded(article.id);
        if (failed) setMessage(t('reader.refreshFailed', [failed.failure ? failureText(failed.failure) : '?']));
        else {
          setLoads((n) => n + 1);
          setMessage(t('reader.refreshed'));
        }
      })
      .catch((error: unknown) => setMessage(errorText(error)))
      .finally(() => setRefreshing(false));
  };

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  // The same editor as on the web page, opened by a highlight (a click on it, or its Edit button below).
  useEffect(() => {
    editor.current = new ReaderEditor(document, () => highlighter.current, {
      changed: (record) =>
        setList((current) => {
          if (current.some((h) => h.id === record.id)) return current.map((h) => (h.id === record.id ? record : h));
          // One put back: in page order, as the article shows it.
          const order = (highlighter.current?.painted() ?? []).map((painted) => painted.id);
          const place = (h: HighlightRecord) => (order.includes(h.id) ? order.indexOf(h.id) : order.length);
          return [...current, record].sort((a, b) => place(a) - place(b));
        }),
      removed: (gone) => setList((current) => current.filter((h) => h.id !== gone)),
    });
    listTags().then(setKnown, () => setKnown([]));
  }, []);
  useEffect(() => {
    if (palette) editor.current?.setPalette(palette);
  }, [palette]);

  // Render the article (again when remote images are switched), then draw its highlights on it.
  const ready = view.kind === 'ready' ? view : null;
  useLayoutEffect(() => {
    if (!ready?.content || !content.current || remoteImages === null) return;
    // Remote images switched back on: the policy that blocked them holds until the page is loaded again.
    if (remoteImages && remoteImagesBlocked(document)) return location.reload();
    renderArticle(content.current, ready.content.html, { remoteImages });
    highlighter.current?.eraseAll(); // painted on the article just replaced
    highlighter.current = new PageHighlights(document, content.current);
    if (palette) highlighter.current.setPalette(palette);
    highlighter.current.draw(ready.highlights.map(toDrawn), true);
    // Opened on one highlight (the library's Highlights view): shown there, not where the reader left off.
    const shown = new URLSearchParams(location.search).get('highlight');
    if (shown && highlighter.current.reveal(shown)) resumed.current = true;
  }, [ready?.content, ready?.highlights, remoteImages]);

  useLayoutEffect(() => {
    if (palette) highlighter.current?.setPalette(palette);
  }, [palette, ready?.content, remoteImages]);

  // Back where the reader left off, once the article is laid out.
  useLayoutEffect(() => {
    if (!ready?.content || !content.current || remoteImages === null || resumed.current) return;
    resumed.current = true;
    const max = document.documentElement.scrollHeight - window.innerHeight;
    const at = ready.article.progress ?? 0;
    if (at > 0 && max > 0) window.scrollTo(0, at * max);
  }, [ready?.content, remoteImages]);

  // How far down it is read, kept as the reader scrolls (a second after they stop, and when the page is left).
  useEffect(() => {
    if (view.kind !== 'ready') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const current = () => {
      const max = document.documentElement.scrollHeight - window.innerHeight;
      return max > 0 ? Math.min(1, window.scrollY / max) : 1;
    };
    const keep = () => {
      clearTimeout(timer);
      void recordReading(id, current()).catch((error: unknown) => console.error(error));
    };
    const onScroll = () => {
      setProgress(current());
      clearTimeout(timer);
      timer = setTimeout(keep, 1_000);
    };
    setProgress(current());
    // Opened now (where it is scrolled back to, once laid out).
    timer = setTimeout(keep, 1_000);
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('pagehide', keep);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('pagehide', keep);
    };
  }, [view.kind]);

  if (view.kind === 'loading')
    return (
      <p role="status" class="reader">
        {t('common.loading')}
      </p>
    );
  if (view.kind === 'missing')
    return (
      <main class="reader">
        <h1>{t('reader.missingTitle')}</h1>
        <p role="alert">{t('reader.missing')}</p>
      </main>
    );
  if (view.kind === 'failed')
    return (
      <main class="reader">
        <h1>{t('reader.failedTitle')}</h1>
        <p role="alert">{view.message}</p>
      </main>
    );
  const { article } = view;

  const highlightSelection = async () => {
    const selectors = highlighter.current?.describeSelection();
    if (!selectors) {
      setMessage(t('reader.selectFirst'));
      return;
    }
    try {
      const record = await addHighlight(article.id, selectors, DEFAULT_COLOR);
      highlighter.current!.draw([record], false);
      setList((current) => [...current, record]);
      document.getSelection()?.removeAllRanges();
      setMessage(t('common.highlighted'));
    } catch (error) {
      setMessage(errorText(error));
    }
  };
  /** A click on a drawn highlight opens its editor (not the end of a selection being made). */
  const onContentClick = (event: MouseEvent) => {
    if (!document.getSelection()?.isCollapsed) return;
    const hit = highlighter.current?.painter.at(event.clientX, event.clientY);
    if (hit) void editor.current?.open(hit);
  };
  const editHighlight = (id: string) => {
    if (!highlighter.current?.reveal(id)) {
      setMessage(t('reader.highlightNotShown'));
      return;
    }
    void editor.current?.open(id);
  };
  const setArticle = (fresh: ArticleRecord) =>
    setView((current) => (current.kind === 'ready' ? { ...current, article: fresh } : current));
  const archived = article.archivedAt !== undefined;
  const favourite = article.favouriteAt !== undefined;
  /** Puts the article into or out of the archive or the favourites, shown at once. */
  const changeStates = async (states: ArticleStates) => {
    try {
      await setArticleStates([article.id], states);
      const fresh = await getArticle(article.id);
      if (fresh) setView((current) => (current.kind === 'ready' ? { ...current, article: fresh } : current));
    } catch (error) {
      setMessage(errorText(error));
    }
  };
  const size = (next: number) => {
    setFontSize(Math.max(12, Math.min(32, next)));
  };
  const meta = [
    article.siteName,
    article.byline,
    article.publishedTime && formatDate(article.publishedTime),
    t('common.minutesRead', [formatNumber(article.readingMinutes)]),
  ].filter(Boolean);

  return (
    <>
      <header class="reader-bar" role="toolbar" aria-label={t('reader.tools')}>
        <a href="/search.html">{t('library.nav')}</a>
        <button type="button" aria-pressed={archived} onClick={() => void changeStates({ archived: !archived })}>
          {t('library.archiveToggle')}
        </button>
        <button type="button" aria-pressed={favourite} onClick={() => void changeStates({ favourite: !favourite })}>
          {t('library.favouriteToggle')}
        </button>
        <button type="button" onClick={() => void highlightSelection()}>
          {t('highlightSelection')}
        </button>
        <button type="button" disabled={refreshing} onClick={() => refresh(article)}>
          {t('reader.refresh')}
        </button>
        <label>
          {t('reader.theme')}{' '}
          <select value={theme} onChange={(e) => setTheme(e.currentTarget.value as ReaderTheme)}>
            {READER_THEMES.map((name) => (
              <option key={name} value={name}>
                {messageFor(THEME_NAMES[name])}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => size(fontSize - 1)} aria-label={t('reader.smaller')}>
          A−
        </button>
        <button type="button" onClick={() => size(fontSize + 1)} aria-label={t('reader.larger')}>
          A+
        </button>
        <label>
          <input
            type="checkbox"
            checked={remoteImages ?? true}
            onChange={(e) => setRemoteImages(e.currentTarget.checked)}
          />{' '}
          {t('reader.remoteImages')}
        </label>
        <span class="spacer" />
        <a href={article.originalUrl} target="_blank" rel="noopener noreferrer">
          {t('reader.original')}
        </a>
        <progress class="reading-progress" max={1} value={progress} aria-label={t('reader.progress')} />
      </header>
      <main class="reader" style={{ fontSize: `${fontSize}px` }}>
        <p class="reader-message" aria-live="polite">
          {message}
        </p>
        {/* The article in its own language and direction, whatever Gleaner's language is. */}
        <article lang={article.lang ?? undefined} dir={article.dir ?? 'auto'}>
          <h1>{article.title}</h1>
          <p class="meta">{meta.join(t('common.separator'))}</p>
          {article.tags.length > 0 && (
            <ul class="reader-tags" aria-label={t('common.tags')}>
              {article.tags.map((tag) => (
                <li key={tag}>
                  <a href={`/search.html?view=all&q=${encodeURIComponent(filterToken('tag', tag))}`}>
                    <bdi>{tag}</bdi>
                  </a>
                </li>
              ))}
            </ul>
          )}
          {article.note && (
            <p class="reader-note" dir="auto">
              <span class="visually-hidden">{t('common.note')}: </span>
              {article.note}
            </p>
          )}
          {view.content ? (
            // A click opens a highlight's editor; the keyboard reaches each one from the list below.
            <div class="content" ref={content} onClick={onContentClick} />
          ) : (
            <p role="status">{job ? jobText(job) : t('reader.notSavedYet')}</p>
          )}
        </article>
        <section class="reader-notes" aria-labelledby="notes-title">
          <h2 id="notes-title">{t('reader.yourNotes')}</h2>
          <TagEditor
            tags={article.tags}
            known={known}
            onChange={(tags) => {
              setArticle({ ...article, tags });
              updateArticle(article.id, { tags }).then(setArticle, (error: unknown) => setMessage(errorText(error)));
            }}
          />
          <NoteField
            key={article.id}
            label={t('common.note')}
            value={article.note}
            onSave={(note) => updateArticle(article.id, { note }).then(setArticle)}
          />
          <h3 id="reader-highlights">{t('common.highlights')}</h3>
          {list.length === 0 ? (
            <p class="muted">{t('reader.noHighlights')}</p>
          ) : (
            <ul class="reader-highlights" aria-labelledby="reader-highlights">
              {list.map((h) => (
                <li key={h.id} style={{ borderInlineStartColor: palette?.[slotOf(h.color)].value }}>
                  {palette && <span class="visually-hidden">{colorLabel(palette, h.color)}: </span>}
                  <blockquote dir="auto">{h.selectors.quote.exact}</blockquote>
                  {h.note && (
                    <p class="highlight-note" dir="auto">
                      <span class="visually-hidden">{t('common.highlightNote')}: </span>
                      {h.note}
                    </p>
                  )}
                  <button type="button" data-edit={h.id} onClick={() => editHighlight(h.id)}>
                    {t('reader.editHighlight')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </>
  );
}
