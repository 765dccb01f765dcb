/** The library page: every saved article, filtered as you type; the query lives in `?q=`. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLiveQuery } from '@/hooks/use-live-query';
import { db, type ArticleRecord } from '@/utils/db/schema';
import { filterArticles } from '@/utils/search/filter-articles';

function queryFromUrl(): string {
  return new URLSearchParams(location.search).get('q') ?? '';
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** One result: title linking to the source, site, date saved, tags and note. */
function ArticleCard({ article }: { article: ArticleRecord }) {
  const saved = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(article.createdAt);
  return (
    <article class="result" aria-labelledby={`title-${article.id}`}>
      <h2 id={`title-${article.id}`}>
        <a href={article.originalUrl} target="_blank" rel="noopener noreferrer">{article.title}</a>
      </h2>
      <p class="meta">{[article.siteName ?? new URL(article.url).hostname, article.byline, `saved ${saved}`].filter(Boolean).join(' · ')}</p>
      {article.excerpt && <p class="excerpt">{article.excerpt}</p>}
      {article.tags.length > 0 && (
        <ul class="tags" aria-label="Tags">
          {article.tags.map((tag) => <li key={tag} class="tag">{tag}</li>)}
        </ul>
      )}
      {article.note && <p class="note"><span class="muted">Note: </span>{article.note}</p>}
    </article>
  );
}

/** The whole page. */
export function SearchPage() {
  const [query, setQuery] = useState(queryFromUrl);
  const box = useRef<HTMLInputElement>(null);
  const articles = useLiveQuery(() => db.articles.toArray(), [], null as ArticleRecord[] | null);

  // Back and forward restore the query.
  useEffect(() => {
    const onPop = () => setQuery(queryFromUrl());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  // `/` focuses the search box from anywhere but a text field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key === '/' && !/^(INPUT|TEXTAREA)$/.test(target.tagName)) {
        event.preventDefault();
        box.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const update = (value: string) => {
    setQuery(value);
    const url = new URL(location.href);
    if (value) url.searchParams.set('q', value);
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
  };

  const results = articles ? filterArticles(articles, query) : [];
  return (
    <main class="search-page">
      <header>
        <h1>Gleaner</h1>
        <label for="search-box" class="visually-hidden">Search</label>
        <input
          id="search-box"
          ref={box}
          type="search"
          placeholder="Search titles, sites, tags and notes  ( / )"
          value={query}
          onInput={(event) => update(event.currentTarget.value)}
          onKeyDown={(event) => event.key === 'Enter' && history.pushState(null, '', location.href)}
          autofocus
        />
      </header>
      {articles === null ? (
        <p role="status">Loading your library…</p>
      ) : (
        <>
          <p role="status" class="count">
            {plural(results.length, 'result', 'results')}
            {articles.length === 0 && ' — your library is empty. Open an article and press Save in the Gleaner popup.'}
            {articles.length > 0 && results.length === 0 && ' — try fewer words.'}
          </p>
          <div class="results">
            {results.map((article) => <ArticleCard key={article.id} article={article} />)}
          </div>
        </>
      )}
    </main>
  );
}
