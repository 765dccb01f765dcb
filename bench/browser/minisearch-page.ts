/**
 * The peer of the Chromium benchmark: MiniSearch in a web page of the same browser, on the same generated
 * library and queries, kept as an extension would keep it (its index in IndexedDB, as a structured-cloned
 * object: no JSON string, which at 50,000 articles passes what one string can hold). `?setup` builds the
 * index from the served documents (docs-N.json, 2,000 articles each) and stores it; without it, the page
 * loads the stored index and shows its count, then answers each input event as Gleaner's search page does:
 * "Searching…", then the count in `p.count`. Tag and site filters are MiniSearch filters on stored fields;
 * a phrase is searched as all its words (MiniSearch has no phrase search). Bundled by bench/browser.mjs.
 */
import MiniSearch, { type AsPlainObject, type Options, type SearchOptions, type SearchResult } from 'minisearch';
import { tokens } from '../../utils/search/index/tokens';

interface Doc {
  id: string;
  title: string;
  highlights: string;
  text: string;
  tags: string[];
  site: string;
}

const options: Options<Doc> = {
  fields: ['title', 'highlights', 'text'],
  storeFields: ['tags', 'site'],
  tokenize: (text) => tokens(text),
  processTerm: (term) => term,
};

function database(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('peer', 1);
    request.onupgradeneeded = () => request.result.createObjectStore('index');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function request<T>(make: (store: IDBObjectStore) => IDBRequest<T>, mode: IDBTransactionMode): Promise<T> {
  return database().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const transaction = db.transaction('index', mode);
        const req = make(transaction.objectStore('index'));
        transaction.oncomplete = () => resolve(req.result);
        transaction.onerror = () => reject(transaction.error);
      }),
  );
}

const status = document.querySelector<HTMLParagraphElement>('p.count')!;
const box = document.querySelector<HTMLInputElement>('#search-box')!;
const counted = (n: number) => (status.textContent = `${n.toLocaleString('en')} result${n === 1 ? '' : 's'}`);

async function setup(): Promise<void> {
  const index = new MiniSearch<Doc>(options);
  for (let part = 0; ; part++) {
    const response = await fetch(`docs-${part}.json`);
    if (!response.ok) break;
    index.addAll((await response.json()) as Doc[]);
  }
  await request((store) => store.put(index.toJSON(), 'index'), 'readwrite');
  status.textContent = `Stored ${index.documentCount}`;
}

function search(index: MiniSearch<Doc>, query: string): number {
  const words = query.split(/\s+/).filter(Boolean);
  const tag = words.find((w) => w.startsWith('tag:'))?.slice(4);
  const site = words.find((w) => w.startsWith('site:'))?.slice(5);
  const text = words
    .filter((w) => !/^(tag|site):/.test(w))
    .join(' ')
    .replace(/"/g, '');
  const filter = (result: SearchResult) => {
    const stored = result as SearchResult & { tags?: string[]; site?: string };
    return (!tag || (stored.tags ?? []).includes(tag)) && (!site || (stored.site ?? '').includes(site));
  };
  if (!text) {
    // Filters alone: every document that passes them (MiniSearch's wildcard query).
    return index.search(MiniSearch.wildcard, { filter }).length;
  }
  const last = query.endsWith(' ') ? -1 : tokens(text).length - 1;
  const searchOptions: SearchOptions = {
    combineWith: 'AND',
    boost: { title: 5, highlights: 3 },
    prefix: (_term, i) => i === last,
    filter: tag || site ? filter : undefined,
  };
  return index.search(text, searchOptions).length;
}

async function open(): Promise<void> {
  const stored = await request((store) => store.get('index') as IDBRequest<AsPlainObject>, 'readonly');
  const index = MiniSearch.loadJS<Doc>(stored, options);
  counted(index.documentCount);
  box.addEventListener('input', () => {
    status.textContent = 'Searching…';
    const query = box.value;
    setTimeout(() => counted(query.trim() ? search(index, query) : index.documentCount), 0);
  });
}

void (location.search.includes('setup') ? setup() : open()).catch((error: unknown) => {
  status.textContent = `Failed: ${String(error)}`;
});
