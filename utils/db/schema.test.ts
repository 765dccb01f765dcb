import { Dexie } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { indexCoverage, indexState, rebuildIndex } from '../search/index/rebuild';
import { markIndexStale } from './search-index';
import { searchTerm } from '../search/index/term-search';
import { saveArticle } from './articles';
import { createDatabase, db, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6 } from './schema';
import { extractedArticle } from './test-data';

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('schema', () => {
  it('is at version 7, with the tables and indexes the library looks things up by', () => {
    expect(db.verno).toBe(7);
    const tables = Object.fromEntries(db.tables.map((table) => [table.name, table.schema]));
    expect(Object.keys(tables).sort()).toEqual([
      'articles',
      'contents',
      'counts',
      'fetchJobs',
      'fetchMeta',
      'highlights',
      'searchBlocks',
      'searchDocs',
      'searchIds',
      'searchMeta',
      'tagCounts',
    ]);
    expect(tables.articles?.primKey.keyPath).toBe('id');
    expect(tables.articles?.idxByName.url?.unique).toBe(true);
    expect(tables.articles?.idxByName.urls?.multi).toBe(true);
    expect(tables.articles?.idxByName.tags?.multi).toBe(true);
    for (const state of ['archivedAt', 'favouriteAt', 'openedAt'])
      expect(tables.articles?.idxByName[state]).toBeDefined();
    expect(tables.contents?.primKey.keyPath).toBe('articleId');
    expect(tables.highlights?.idxByName.articleId).toBeDefined();
    expect(tables.searchBlocks?.primKey.keyPath).toEqual(['term', 'block']);
    expect(tables.fetchJobs?.primKey.keyPath).toBe('articleId');
    expect(tables.fetchJobs?.idxByName['[state+due]']).toBeDefined();
    expect(tables.fetchJobs?.idxByName['[site+due]']).toBeDefined();
  });

  it('refuses a second article with the same URL', async () => {
    const saved = await saveArticle(extractedArticle());
    await expect(db.articles.add({ ...saved, id: crypto.randomUUID() })).rejects.toThrow(/constraint/i);
    expect(await db.articles.count()).toBe(1);
  });
});

/** An article as an older version stored it: its record (no html/text) and its content apart. */
function olderArticle() {
  const url = 'https://news.example/story';
  const { html: _html, text: _text, ...meta } = extractedArticle({ url });
  const record = {
    ...meta,
    id: crypto.randomUUID(),
    originalUrl: url,
    urls: [url],
    tags: ['health'],
    note: 'kept',
    createdAt: 1,
    updatedAt: 2,
  };
  return { record, html: '<p>Ransomware hit the hospital.</p>', text: 'Ransomware hit the hospital.' };
}

describe('migrations', () => {
  it('from version 1 keeps every record; the search index is then built from them', async () => {
    const name = `gleaner-v1-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    const { record, html, text } = olderArticle();
    const highlight = {
      id: crypto.randomUUID(),
      articleId: record.id,
      selectors: {
        quote: { type: 'TextQuoteSelector', exact: 'hospital', prefix: 'hit the ', suffix: '.' },
        position: { type: 'TextPositionSelector', start: 19, end: 27 },
      },
      color: 'yellow',
      note: '',
      createdAt: 3,
      updatedAt: 3,
    };
    await v1.table('articles').add(record);
    await v1.table('contents').add({ articleId: record.id, html, text });
    await v1.table('highlights').add(highlight);
    v1.close();

    const latest = createDatabase(name);
    await latest.open();
    expect(latest.verno).toBe(7);
    expect(await latest.articles.get(record.id)).toEqual(record);
    expect(await latest.contents.get(record.id)).toEqual({ articleId: record.id, html, text });
    expect(await latest.highlights.get(highlight.id)).toEqual(highlight);
    expect(await latest.searchBlocks.count()).toBe(0);
    await latest.delete();
  });

  it('from version 2 keeps every record and drops the old index (no positions), which is then rebuilt', async () => {
    const name = `gleaner-v2-${crypto.randomUUID()}`;
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    const { record, html, text } = olderArticle();
    await v2.table('articles').add(record);
    await v2.table('contents').add({ articleId: record.id, html, text });
    // A version-2 index: blocks without positions and the totals record with every id in it.
    await v2
      .table('searchBlocks')
      .add({ term: 'ransomware', block: 0, docs: Uint32Array.of(0), tfs: Uint16Array.of(1), lens: Uint32Array.of(4) });
    await v2.table('searchDocs').add({ articleId: record.id, docNo: 0 });
    await v2.table('searchMeta').add({ id: 'meta', ids: [record.id], count: 1, totalLength: 4 });
    v2.close();

    const latest = createDatabase(name);
    await latest.open();
    expect(latest.verno).toBe(7);
    expect(await latest.articles.get(record.id)).toEqual(record);
    expect(await latest.contents.get(record.id)).toEqual({ articleId: record.id, html, text });
    expect([
      await latest.searchBlocks.count(),
      await latest.searchDocs.count(),
      await latest.searchIds.count(),
      await latest.searchMeta.count(),
    ]).toEqual([0, 0, 0, 0]);
    latest.close();
    await Dexie.delete(name);
  });

  it('from version 3 keeps every record, the index included, and counts the tags of the articles stored', async () => {
    const name = `gleaner-v3-${crypto.randomUUID()}`;
    const v3 = new Dexie(name);
    v3.version(1).stores(SCHEMA_V1);
    v3.version(2).stores(SCHEMA_V2);
    v3.version(3).stores(SCHEMA_V3);
    const { record, html, text } = olderArticle();
    const others = [
      {
        ...record,
        id: crypto.randomUUID(),
        url: 'https://e.com/2',
        urls: ['https://e.com/2'],
        tags: ['health', 'Cyber'],
      },
      { ...record, id: crypto.randomUUID(), url: 'https://e.com/3', urls: ['https://e.com/3'], tags: [] },
    ];
    await v3.table('articles').bulkAdd([record, ...others]);
    await v3.table('contents').add({ articleId: record.id, html, text });
    const block = {
      term: 'ransomware',
      block: 0,
      docs: Uint32Array.of(0),
      tfs: Uint16Array.of(1),
      lens: Uint32Array.of(4),
      pos: Uint8Array.of(0),
    };
    await v3.table('searchBlocks').add(block);
    v3.close();

    const latest = createDatabase(name);
    await latest.open();
    expect(latest.verno).toBe(7);
    expect(await latest.articles.get(record.id)).toEqual(record);
    expect(await latest.searchBlocks.get(['ransomware', 0])).toEqual(block);
    expect(await latest.tagCounts.orderBy('tag').toArray()).toEqual([
      { tag: 'Cyber', count: 1 },
      { tag: 'health', count: 2 },
    ]);
    latest.close();
    await Dexie.delete(name);
  });

  it('from version 4 keeps every record and counts the articles stored, a count then kept by every write', async () => {
    const name = `gleaner-v4-${crypto.randomUUID()}`;
    const v4 = new Dexie(name);
    v4.version(1).stores(SCHEMA_V1);
    v4.version(2).stores(SCHEMA_V2);
    v4.version(3).stores(SCHEMA_V3);
    v4.version(4).stores(SCHEMA_V4);
    const { record } = olderArticle();
    const articles = Array.from({ length: 7 }, (_, i) => ({
      ...record,
      id: crypto.randomUUID(),
      url: `https://e.com/${i}`,
      urls: [`https://e.com/${i}`],
      tags: i % 2 ? ['health'] : [],
    }));
    await v4.table('articles').bulkAdd(articles);
    await v4.table('tagCounts').add({ tag: 'health', count: 3 });
    v4.close();

    const latest = createDatabase(name);
    await latest.open();
    expect(latest.verno).toBe(7);
    expect(await latest.articles.orderBy('url').toArray()).toEqual(articles);
    expect(await latest.tagCounts.toArray()).toEqual([{ tag: 'health', count: 3 }]);
    expect(await latest.counts.get('articles')).toEqual({ name: 'articles', count: 7 });
    await latest.articles.bulkDelete(articles.slice(0, 2).map((article) => article.id));
    expect(await latest.counts.get('articles')).toEqual({ name: 'articles', count: 5 });
    latest.close();
    await Dexie.delete(name);
  });

  it('from version 5 keeps every record, in the inbox, unread and never opened', async () => {
    const name = `gleaner-v5-${crypto.randomUUID()}`;
    const v5 = new Dexie(name);
    [SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5].forEach((stores, i) => v5.version(i + 1).stores(stores));
    const { record } = olderArticle();
    const articles = Array.from({ length: 4 }, (_, i) => ({
      ...record,
      id: crypto.randomUUID(),
      url: `https://e.com/${i}`,
      urls: [`https://e.com/${i}`],
    }));
    await v5.table('articles').bulkAdd(articles);
    await v5.table('counts').add({ name: 'articles', count: 4 });
    v5.close();

    const latest = createDatabase(name);
    await latest.open();
    expect(latest.verno).toBe(7);
    expect(await latest.articles.orderBy('url').toArray()).toEqual(articles);
    expect(await latest.articles.where('archivedAt').above(0).count()).toBe(0);
    expect(await latest.articles.where('openedAt').above(0).count()).toBe(0);
    latest.close();
    await Dexie.delete(name);
  });

  it('from version 6 keeps every record and starts with an empty fetch queue', async () => {
    const name = `gleaner-v6-${crypto.randomUUID()}`;
    const v6 = new Dexie(name);
    [SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6].forEach((stores, i) =>
      v6.version(i + 1).stores(stores),
    );
    const { record, html, text } = olderArticle();
    const archived = { ...record, id: crypto.randomUUID(), url: 'https://e.com/a', urls: ['https://e.com/a'] };
    const imported = { ...record, id: crypto.randomUUID(), url: 'https://e.com/b', urls: ['https://e.com/b'] };
    await v6.table('articles').bulkAdd([{ ...archived, archivedAt: 5 }, imported]);
    await v6.table('contents').add({ articleId: archived.id, html, text });
    await v6.table('counts').add({ name: 'articles', count: 2 });
    v6.close();

    const latest = createDatabase(name);
    await latest.open();
    expect(latest.verno).toBe(7);
    expect(await latest.articles.orderBy('url').toArray()).toEqual([{ ...archived, archivedAt: 5 }, imported]);
    expect(await latest.contents.toArray()).toEqual([{ articleId: archived.id, html, text }]);
    // An article imported before the queue existed is not fetched behind the user's back: it has no job.
    expect(await latest.fetchJobs.count()).toBe(0);
    expect(await latest.fetchMeta.count()).toBe(0);
    latest.close();
    await Dexie.delete(name);
  });

  it('an index that does not cover the library is found out and rebuilt', async () => {
    const saved = await saveArticle(extractedArticle({ text: 'Ransomware hit the hospital.' }));
    await db.searchBlocks.clear();
    await db.searchMeta.clear();
    await db.searchIds.clear();
    await db.searchDocs.clear();
    expect(await indexCoverage()).toEqual({ indexed: 0, total: 1, rebuilding: false });
    expect(await indexState()).toEqual({ needsRebuild: true, rebuilding: false });
    const progress: number[] = [];
    await rebuildIndex((done) => progress.push(done));
    expect(await indexCoverage()).toEqual({ indexed: 1, total: 1, rebuilding: false });
    expect(await indexState()).toEqual({ needsRebuild: false, rebuilding: false });
    // A restore marks the index behind before it writes content; should it be broken off, the page rebuilds.
    await markIndexStale();
    expect(await indexState()).toEqual({ needsRebuild: true, rebuilding: false });
    await rebuildIndex();
    expect(await indexState()).toEqual({ needsRebuild: false, rebuilding: false });
    expect(progress.at(-1)).toBe(1);
    expect([...(await searchTerm('ransomware')).keys()]).toEqual([saved.id]);
  });
});

describe('the index state the search page checks on opening', () => {
  it('an empty library needs no rebuild; a rebuild broken off does, once it has stopped writing', async () => {
    expect(await indexState()).toEqual({ needsRebuild: false, rebuilding: false });
    await saveArticle(extractedArticle());
    expect(await indexState()).toEqual({ needsRebuild: false, rebuilding: false });
    const meta = (await db.searchMeta.get('meta'))!;
    await db.searchMeta.put({ ...meta, rebuild: { at: Date.now(), pending: [] } });
    expect(await indexState()).toEqual({ needsRebuild: false, rebuilding: true });
    await db.searchMeta.put({ ...meta, rebuild: { at: Date.now() - 60_000, pending: [] } });
    expect(await indexState()).toEqual({ needsRebuild: true, rebuilding: false });
  });
});
