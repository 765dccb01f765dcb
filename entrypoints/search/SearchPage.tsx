/** The library page: search everything saved; the query lives in `?q=` (back and forward restore it). */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { BulkActions } from '@/components/BulkActions';
import { AllFacets } from '@/components/AllFacets';
import { ArticleCard } from '@/components/ArticleCard';
import { highlightItems, HighlightsList } from '@/components/HighlightsList';
import { KeyboardHelp } from '@/components/KeyboardHelp';
import { useLibrary } from '@/hooks/use-library';
import { commitQueryParam, useQueryParam } from '@/hooks/use-query-param';
import { useResultKeys } from '@/hooks/use-result-keys';
import { useSetting } from '@/hooks/use-setting';
import { highlightPalette, libraryImages } from '@/utils/settings/storage';
import { indexState } from '@/utils/search/index/rebuild';
import { rebuildLibraryIndex } from '@/utils/search/index/rebuild-worker';
import { facetsOf, hasFilter, toggleFilter, type Facets } from '@/utils/search/facets';
import { parseQuery, SORTS, type ParsedQuery, type Sort } from '@/utils/search/query';
import { LibraryTools } from '@/components/LibraryTools';
import { FetchProgress, wakeFetching } from '@/components/FetchProgress';
import { useFetchJobs } from '@/hooks/use-fetch-queue';
import { retryFetches } from '@/utils/db/fetch-jobs';
import { newestDocs, PAGE_SIZE, runSearch, SearchAbandoned, shownWords, snippetsFor } from '@/utils/search/run-search';
import type { Ranking, SearchDoc } from '@/utils/search/search-library';
import { countText, formatNumber, t } from '@/utils/i18n';
import { VIEW_WORDS, VIEWS, viewCounts, viewOf, type View } from '@/utils/search/views';
import { setArticleStates } from '@/utils/db/articles';
import type { ArticleStates } from '@/utils/records/types';
import { errorText } from '@/utils/error-text';

const NO_FACETS: Facets = { tags: [], sites: [], distinct: { tags: 0, sites: 0 } };

/** How long typing must pause before the results' snippets are read (ms). */
const SNIPPET_PAUSE_MS = 80;

/** The whole page. */
export function SearchPage() {
  const [query, update] = useQueryParam('q', { typed: true });
  const [viewParam, setViewParam] = useQueryParam('view');
  const view = viewOf(viewParam);
  const [sortParam, setSortParam] = useQueryParam('sort');
  const [groupParam, setGroupParam] = useQueryParam('group');
  const grouped = groupParam === 'article';
  const sort: Sort = (SORTS as readonly string[]).includes(sortParam) ? (sortParam as Sort) : 'relevance';
  const box = useRef<HTMLInputElement>(null);
  const results = useRef<HTMLDivElement>(null);
  const [palette] = useSetting(highlightPalette);
  const [images] = useSetting(libraryImages);
  /** While the library tools restore or import, the library is not read again at each of their steps. */
  const [writing, setWriting] = useState(false);
  // Until the whole library is loaded, an empty query shows its count and newest articles, read from indexes;
  // the whole library is read only once they are shown (IndexedDB would answer the larger read first).
  const [opening, setOpening] = useState<{ total: number; docs: SearchDoc[] } | null>(null);
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    newestDocs(PAGE_SIZE, view)
      .then(setOpening, (error: unknown) => console.error(error))
      .finally(() => setOpened(true));
  }, []);
  const library = useLibrary(writing || !opened);

  const keysHelp = useRef<HTMLDialogElement>(null);
  const showKeys = useCallback(() => keysHelp.current?.showModal(), []);
  // Made once: the same element is not drawn again at each keystroke.
  const keysDialog = useMemo(() => <KeyboardHelp dialogRef={keysHelp} />, []);
  useResultKeys(box, results, showKeys);

  // The view is words of the query language put before what is typed: the query searches within the view.
  // The order chosen is put first too: a sort: typed in the query has the last word.
  const parsed = useMemo(
    () => parseQuery(`${VIEW_WORDS[view]} ${sort === 'relevance' ? '' : `sort:${sort}`} ${query}`),
    [query, view, sort],
  );
  const counts = useMemo(() => (library ? viewCounts(library) : null), [library]);
  const showView = (next: View) => {
    commitQueryParam();
    setViewParam(next === 'inbox' ? '' : next);
  };
  /** Puts articles into or out of the archive or the favourites (the library shows it once it has read them). */
  const setStates = (ids: readonly string[], states: ArticleStates) =>
    setArticleStates(ids, states).catch((error: unknown) => console.error(error));
  const [found, setFound] = useState<{
    ranking: Ranking;
    snippets: Map<string, string>;
    /** False when the count is a lower bound (a short prefix; see runSearch). */
    exact: boolean;
    parsed: ParsedQuery;
    library: readonly SearchDoc[];
  } | null>(null);
  /** How many results are on screen: a page at first, more on request (a common word matches thousands). */
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [indexing, setIndexing] = useState<{ done: number; total: number } | null>(null);
  const [indexFailure, setIndexFailure] = useState<string | null>(null);
  /** Bumped when the index was rebuilt, so that the results are searched again. */
  const [indexVersion, setIndexVersion] = useState(0);

  // Runs the search whenever the query or the library changes; a later run abandons an earlier one, so typing
  // never waits for the search of the keystroke before. Started as soon as the page has rendered the keystroke
  // (a layout effect): an effect would wait for the next frame, a third of a search's time.
  useLayoutEffect(() => {
    if (!library) return;
    const run = new AbortController();
    let later: ReturnType<typeof setTimeout> | undefined;
    runSearch(library, parsed, run.signal)
      .then(({ ranking, exact }) => {
        if (run.signal.aborted) return;
        // The results are shown as soon as they are known; the text around each match (25 articles' text to
        // read, longer than the search) once typing has paused, not for every prefix typed past.
        setFound({ ranking, exact, snippets: new Map(), parsed, library });
        setLimit(PAGE_SIZE);
        const words = shownWords(parsed);
        if (!words.length) return;
        later = setTimeout(() => {
          void snippetsFor(
            ranking.hits(0, PAGE_SIZE).map((hit) => hit.article.id),
            words,
          ).then((snippets) => {
            if (!run.signal.aborted)
              setFound((current) => (current?.ranking === ranking ? { ...current, snippets } : current));
          });
        }, SNIPPET_PAUSE_MS);
      })
      .catch((error: unknown) => {
        if (!(error instanceof SearchAbandoned)) console.error(error);
      });
    return () => {
      run.abort();
      clearTimeout(later);
    };
  }, [library, parsed, indexVersion]);

  const reindex = async () => {
    setIndexing({ done: 0, total: 0 });
    setIndexFailure(null);
    try {
      await rebuildLibraryIndex((done, total) => setIndexing({ done, total }));
    } catch (error) {
      setIndexFailure(t('search.indexFailed', [errorText(error)]));
    }
    setIndexing(null);
    setIndexVersion((version) => version + 1);
  };

  // An index that does not cover the library (a new version, a restore broken off) is rebuilt: checked once the
  // library is shown.
  const libraryShown = library !== null;
  useEffect(() => {
    if (!libraryShown) return;
    void indexState().then(({ needsRebuild }) => {
      // Another page rebuilding it (a restore in progress) is left to finish.
      if (needsRebuild) void reindex();
    });
  }, [libraryShown]);

  const ranking = found?.ranking;
  const count = ranking?.length ?? 0;
  // The Highlights view's list, whose length its status says.
  const highlights = useMemo(
    () =>
      view === 'highlights' && found ? highlightItems(found.ranking, shownWords(found.parsed).length > 0, grouped) : [],
    [found, view, grouped],
  );
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // Only what is on screen stays selected. (Nothing is made per result at each keystroke unless something is
  // selected: thousands of ids kept until the next search are what makes the collector pause the page.)
  const selection = useMemo(() => {
    if (!selected.size || !ranking) return [];
    const shown = new Set(ranking.ids());
    return [...selected].filter((id) => shown.has(id));
  }, [selected, ranking]);
  // Another query, view or order is other results: what was selected, and what was said about the last bulk
  // action, are left behind with the results they were about (BulkActions is keyed the same way).
  const resultsKey = `${view}\n${sort}\n${query}`;
  // (The same empty set kept: a new one would draw every card again at each keystroke.)
  useEffect(() => setSelected((current) => (current.size ? new Set() : current)), [resultsKey]);
  const select = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const facets = useMemo(() => (found ? facetsOf(found.library, found.ranking.matches) : NO_FACETS), [found?.ranking]);
  // Every tag and site of the results, counted when their dialog opens.
  const allOf = useCallback(
    (kind: 'tags' | 'sites') => (found ? facetsOf(found.library, found.ranking.matches, Infinity)[kind] : []),
    [found?.ranking],
  );
  // The query as typed now, for the cards' tag buttons: the cards are not drawn again at each keystroke.
  const typed = useRef(query);
  typed.current = query;
  const filterBy = (operator: 'tag' | 'site', value: string) => {
    commitQueryParam(); // back returns to the results before the filter
    update(toggleFilter(typed.current, operator, value));
  };
  const chip = (operator: 'tag' | 'site', value: string, count: number, chosen?: () => void) => {
    const on = hasFilter(query, operator, value);
    return (
      <button
        type="button"
        key={`${operator}:${value}`}
        class="chip"
        aria-pressed={on}
        onClick={() => {
          filterBy(operator, value);
          chosen?.();
        }}
      >
        {/* Isolated: a name's own direction (or an override stored before tags were cleaned) stays inside it. */}
        <bdi>{value}</bdi> <span class="chip-count">{formatNumber(count)}</span>
      </button>
    );
  };
  /** The chips of tags or sites, with the way to all of them when there are more than shown. */
  const facetGroup = (kind: 'tags' | 'sites') => {
    const operator = kind === 'tags' ? 'tag' : 'site';
    if (!facets[kind].length) return null;
    return (
      <div role="group" aria-label={t(kind === 'tags' ? 'search.byTag' : 'search.bySite')}>
        <span class="muted">{t(kind === 'tags' ? 'common.tags' : 'search.sites')}</span>{' '}
        {facets[kind].map((f) => chip(operator, f.value, f.count))}
        {facets.distinct[kind] > facets[kind].length && (
          <AllFacets
            kind={kind}
            total={facets.distinct[kind]}
            list={() => allOf(kind)}
            chip={(f, chosen) => chip(operator, f.value, f.count, chosen)}
          />
        )}
      </div>
    );
  };
  const showMore = async () => {
    if (!found) return;
    const next = found.ranking.hits(limit, limit + PAGE_SIZE).map((hit) => hit.article.id);
    const more = await snippetsFor(next, shownWords(found.parsed));
    setFound((current) => current && { ...current, snippets: new Map([...current.snippets, ...more]) });
    setLimit((value) => value + PAGE_SIZE);
  };
  // The fetch queue's jobs of the cards on screen (an imported article's text being fetched, or why it was not).
  const shownIds = useMemo(
    () =>
      found
        ? found.ranking.hits(0, limit).map((hit) => hit.article.id)
        : (opening?.docs.map((doc) => doc.article.id) ?? []),
    [found, limit, opening],
  );
  const jobs = useFetchJobs(shownIds);
  const retryFetch = (id: string) => void retryFetches([id], Date.now()).then(wakeFetching);
  // The cards are drawn again only when the results, the selection or the colours change, not at each keystroke
  // while the next results are searched (they mark the words of the query they were found for).
  const cards = useMemo(() => {
    if (!found) return null;
    const terms = shownWords(found.parsed);
    return found.ranking
      .hits(0, limit)
      .map((hit) => (
        <ArticleCard
          key={hit.article.id}
          hit={hit}
          terms={terms}
          snippet={found.snippets.get(hit.article.id)}
          selected={selected.has(hit.article.id)}
          onSelect={(on) => select(hit.article.id, on)}
          onStates={(states) => void setStates([hit.article.id], states)}
          onTag={(tag) => filterBy('tag', tag)}
          palette={palette}
          showImage={images}
          fetchJob={jobs.get(hit.article.id)}
          onRetryFetch={() => retryFetch(hit.article.id)}
        />
      ));
  }, [found, limit, selected, palette, images, jobs]);
  return (
    <main class="search-page">
      <header>
        <h1>{t('search.title')}</h1>
        <label for="search-box" class="visually-hidden">
          {t('search.label')}
        </label>
        <input
          id="search-box"
          ref={box}
          type="search"
          placeholder={t('search.placeholder')}
          value={query}
          onInput={(event) => update(event.currentTarget.value)}
          onKeyDown={(event) => event.key === 'Enter' && commitQueryParam()}
          autofocus
        />
        <button type="button" class="link keys-button" aria-haspopup="dialog" onClick={showKeys}>
          {t('keys.title')}
        </button>
        {keysDialog}
      </header>
      <nav class="views" aria-label={t('library.nav')}>
        {VIEWS.map((name) => (
          <a
            key={name}
            href={`/search.html?view=${name}`}
            aria-current={name === view ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              showView(name);
            }}
          >
            {t(`library.${name}`)}
            {counts && <span class="view-count"> {formatNumber(counts[name])}</span>}
          </a>
        ))}
      </nav>
      <label class="sort">
        {t('library.sort')}{' '}
        <select
          value={sort}
          onChange={(event) => setSortParam(event.currentTarget.value === 'relevance' ? '' : event.currentTarget.value)}
        >
          {SORTS.map((name) => (
            <option key={name} value={name}>
              {t(`library.sort${name[0]!.toUpperCase()}${name.slice(1)}` as 'library.sortNewest')}
            </option>
          ))}
        </select>
      </label>
      {parsed.problems.length > 0 && <p class="problems">{parsed.problems.join(' ')}</p>}
      {indexFailure && (
        <p role="alert" class="problems">
          {indexFailure}
        </p>
      )}
      {indexing && (
        <div class="indexing">
          <label for="index-progress">{t('search.building')}</label>
          <progress id="index-progress" max={indexing.total || 1} value={indexing.done}>
            {t('search.progress', [formatNumber(indexing.done), formatNumber(indexing.total)])}
          </progress>
        </div>
      )}
      <FetchProgress />
      {(library === null || found === null) && !query.trim() && opening ? (
        // The page just opened: the library's count and newest articles, while the rest of it loads.
        <>
          <p role="status" class="count">
            {countText('count.results', opening.total)}
            {opening.total === 0 && t('search.emptyLibrary')}
          </p>
          <div class="results" ref={results}>
            {opening.docs.map((doc) => (
              <ArticleCard
                key={doc.article.id}
                hit={{ ...doc, matchingHighlights: [], score: 0 }}
                terms={[]}
                snippet={undefined}
                selected={selected.has(doc.article.id)}
                onSelect={(on) => select(doc.article.id, on)}
                onStates={(states) => void setStates([doc.article.id], states)}
                onTag={(tag) => filterBy('tag', tag)}
                palette={palette}
                showImage={images}
                fetchJob={jobs.get(doc.article.id)}
                onRetryFetch={() => retryFetch(doc.article.id)}
              />
            ))}
          </div>
          <p class="muted">{t('search.loadingLibrary')}</p>
        </>
      ) : library === null || found === null ? (
        <p role="status" class="count">
          {t('search.loadingLibrary')}
        </p>
      ) : (
        <>
          {/* Above the results, not below a list of thousands. */}
          <LibraryTools
            exportIds={query.trim() ? () => found.ranking.ids() : null}
            onRestored={() => setIndexVersion((version) => version + 1)}
            onWriting={setWriting}
          />
          {(facets.tags.length > 0 || facets.sites.length > 0) && (
            <div class="facets">
              {facetGroup('tags')}
              {facetGroup('sites')}
            </div>
          )}
          <p role="status" class="count">
            {/* While a search runs, the last results stay on screen but their count is not claimed for the new query. */}
            {found.parsed !== parsed || found.library !== library ? (
              t('search.searching')
            ) : (
              <>
                {found.exact
                  ? countText('count.results', count)
                  : t('search.atLeast', [countText('count.results', count)])}
                {view === 'highlights' &&
                  t('library.highlightCount', [countText('count.highlights', highlights.length)])}
                {library.length === 0 && t('search.emptyLibrary')}
                {library.length > 0 &&
                  count === 0 &&
                  (query.trim() ? t('search.nothingFound') : t('library.emptyView'))}
              </>
            )}
          </p>
          <div class="results" ref={results}>
            {count > 0 && view !== 'highlights' && (
              <label class="select-all">
                <input
                  type="checkbox"
                  checked={selection.length === count}
                  onChange={(e) => setSelected(new Set(e.currentTarget.checked ? found.ranking.ids() : []))}
                />{' '}
                {t('search.selectAll')}
              </label>
            )}
            {view === 'highlights' ? (
              <>
                <button
                  type="button"
                  class="toggle group-toggle"
                  aria-pressed={grouped}
                  onClick={() => setGroupParam(grouped ? '' : 'article')}
                >
                  {t('library.groupByArticle')}
                </button>
                <HighlightsList
                  items={highlights}
                  terms={shownWords(found.parsed)}
                  palette={palette}
                  grouped={grouped}
                />
              </>
            ) : (
              <>
                <BulkActions key={resultsKey} selected={selection} onDone={() => setSelected(new Set())} />
                {cards}
              </>
            )}
            {count > limit && view !== 'highlights' && (
              <button type="button" class="show-more" onClick={() => void showMore()}>
                {t('search.showMore', [formatNumber(Math.min(PAGE_SIZE, count - limit)), formatNumber(count - limit)])}
              </button>
            )}
          </div>
          <footer class="page-footer">
            <button type="button" disabled={indexing !== null} onClick={() => void reindex()}>
              {t('search.rebuild')}
            </button>
            <a
              href="/options.html"
              onClick={(event) => {
                event.preventDefault();
                void browser.runtime.openOptionsPage();
              }}
            >
              {t('search.settings')}
            </a>
          </footer>
        </>
      )}
    </main>
  );
}
