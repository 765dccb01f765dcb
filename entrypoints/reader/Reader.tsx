/**
 * The offline reader (`reader.html?id=`): the saved article, sanitized again as it is rendered, in a chosen
 * theme and text size, with reading progress, its highlights drawn by the same anchoring as on the web page,
 * and new highlights made from a selection.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { getArticle, getContent } from '@/utils/db/articles';
import { addHighlight, listHighlights } from '@/utils/db/highlights';
import type { ArticleRecord, ContentRecord, HighlightRecord } from '@/utils/db/schema';
import { errorText, formatDate } from '@/utils/format';
import { DEFAULT_COLOR } from '@/utils/highlight/colors';
import { PageHighlights } from '@/utils/highlight/page-controller';
import { renderArticle } from '@/utils/reader/render-article';
import { READER_THEMES, readerFontSize, readerRemoteImages, readerTheme, type ReaderTheme } from '@/utils/settings';

type Loaded = { article: ArticleRecord; content: ContentRecord | null; highlights: HighlightRecord[] };
type View = { kind: 'loading' } | { kind: 'missing' } | { kind: 'failed'; message: string } | ({ kind: 'ready' } & Loaded);

const THEME_NAMES: Record<ReaderTheme, string> = { auto: 'System', light: 'Light', dark: 'Dark', sepia: 'Sepia' };

export function Reader({ id }: { id: string }) {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [theme, setTheme] = useState<ReaderTheme>('auto');
  const [fontSize, setFontSize] = useState(19);
  const [remoteImages, setRemoteImages] = useState<boolean | null>(null);
  const [progress, setProgress] = useState(0);
  const [message, setMessage] = useState('');
  const content = useRef<HTMLDivElement>(null);
  const highlighter = useRef<PageHighlights | null>(null);

  useEffect(() => {
    void Promise.all([readerTheme.getValue(), readerFontSize.getValue(), readerRemoteImages.getValue()]).then(([t, f, r]) => {
      setTheme(t);
      setFontSize(f);
      setRemoteImages(r);
    });
    Promise.all([getArticle(id), getContent(id), listHighlights(id)]).then(
      ([article, text, highlights]) => setView(article ? { kind: 'ready', article, content: text, highlights } : { kind: 'missing' }),
      (error: unknown) => setView({ kind: 'failed', message: errorText(error) }),
    );
  }, [id]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  // Render the article (again when remote images are switched), then draw its highlights on it.
  const ready = view.kind === 'ready' ? view : null;
  useLayoutEffect(() => {
    if (!ready?.content || !content.current || remoteImages === null) return;
    renderArticle(content.current, ready.content.html, { remoteImages });
    highlighter.current = new PageHighlights(document, content.current);
    highlighter.current.draw(ready.highlights, true);
  }, [ready?.content, ready?.highlights, remoteImages]);

  useEffect(() => {
    const onScroll = () => {
      const max = document.documentElement.scrollHeight - window.innerHeight;
      setProgress(max > 0 ? Math.min(1, window.scrollY / max) : 1);
    };
    onScroll();
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, [view.kind]);

  if (view.kind === 'loading') return <p role="status" class="reader">Loading…</p>;
  if (view.kind === 'missing') return <main class="reader"><h1>Not in your library</h1><p role="alert">This article is not in your Gleaner library (it may have been removed).</p></main>;
  if (view.kind === 'failed') return <main class="reader"><h1>Cannot open this article</h1><p role="alert">{view.message}</p></main>;
  const { article } = view;

  const highlightSelection = async () => {
    const selectors = highlighter.current?.describeSelection();
    if (!selectors) {
      setMessage('Select some text of the article first.');
      return;
    }
    try {
      const record = await addHighlight(article.id, selectors, DEFAULT_COLOR);
      highlighter.current!.draw([record], false);
      document.getSelection()?.removeAllRanges();
      setMessage('Highlighted.');
    } catch (error) {
      setMessage(errorText(error));
    }
  };
  const size = (next: number) => {
    const clamped = Math.max(12, Math.min(32, next));
    setFontSize(clamped);
    void readerFontSize.setValue(clamped);
  };
  const meta = [article.siteName, article.byline, article.publishedTime && formatDate(article.publishedTime), `${article.readingMinutes} min read`].filter(Boolean);

  return (
    <>
      <header class="reader-bar">
        <button type="button" onClick={() => void highlightSelection()}>Highlight selection</button>
        <label>
          Theme{' '}
          <select value={theme} onChange={(e) => {
            const next = e.currentTarget.value as ReaderTheme;
            setTheme(next);
            void readerTheme.setValue(next);
          }}>
            {READER_THEMES.map((t) => <option key={t} value={t}>{THEME_NAMES[t]}</option>)}
          </select>
        </label>
        <button type="button" onClick={() => size(fontSize - 1)} aria-label="Smaller text">A−</button>
        <button type="button" onClick={() => size(fontSize + 1)} aria-label="Larger text">A+</button>
        <label>
          <input type="checkbox" checked={remoteImages ?? true} onChange={(e) => {
            setRemoteImages(e.currentTarget.checked);
            void readerRemoteImages.setValue(e.currentTarget.checked);
          }} /> Show remote images
        </label>
        <span class="spacer" />
        <a href={article.originalUrl} target="_blank" rel="noopener noreferrer">Open the original</a>
        <progress class="reading-progress" max={1} value={progress} aria-label="Reading progress" />
      </header>
      <main class="reader" style={{ fontSize: `${fontSize}px` }}>
        <p class="reader-message" aria-live="polite">{message}</p>
        <article>
          <h1>{article.title}</h1>
          <p class="meta">{meta.join(' · ')}</p>
          {view.content ? (
            <div class="content" ref={content} lang={article.lang ?? undefined} dir={article.dir ?? undefined} />
          ) : (
            <p role="status">The text of this article is not saved yet: open the original page and the Gleaner popup to save it.</p>
          )}
        </article>
      </main>
    </>
  );
}
