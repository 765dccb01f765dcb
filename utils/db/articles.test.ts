import { beforeEach, describe, expect, it } from 'vitest';
import { extractedArticle } from './test-data';
import {
  addTagToArticles,
  findArticleForPage,
  getArticle,
  getContent,
  listTags,
  recordReading,
  removeArticle,
  removeArticles,
  removeTagFromArticles,
  restoreArticles,
  saveArticle,
  setArticleStates,
  updateArticle,
} from './articles';
import { searchTerm } from '../search/index/term-search';
import { db } from './schema';

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('saveArticle', () => {
  it('stores metadata under the normalized URL and the content apart', async () => {
    const saved = await saveArticle(extractedArticle({ url: 'https://news.example/story?utm_source=x#top' }), 1000);
    expect(saved.url).toBe('https://news.example/story');
    expect(saved.originalUrl).toBe('https://news.example/story?utm_source=x#top');
    expect(saved.tags).toEqual([]);
    expect(saved.note).toBe('');
    expect(saved.createdAt).toBe(1000);
    expect(await getArticle(saved.id)).toEqual(saved);
    expect(await getContent(saved.id)).toEqual({ articleId: saved.id, html: '<p>Body text.</p>', text: 'Body text.' });
    expect(saved).not.toHaveProperty('html');
  });

  it('refreshes a page saved before, keeping id, tags, note and creation time', async () => {
    const first = await saveArticle(extractedArticle(), 1000);
    await updateArticle(first.id, { tags: ['news'], note: 'read again' }, 1500);
    const again = await saveArticle(
      extractedArticle({ title: 'A story (updated)', html: '<p>New body.</p>', url: 'https://news.example/story#x' }),
      2000,
    );
    expect(again).toMatchObject({
      id: first.id,
      tags: ['news'],
      note: 'read again',
      createdAt: 1000,
      updatedAt: 2000,
      title: 'A story (updated)',
    });
    expect(await db.articles.count()).toBe(1);
    expect((await getContent(first.id))?.html).toBe('<p>New body.</p>');
  });

  it('refuses pages that are not on the web, storing nothing', async () => {
    await expect(saveArticle(extractedArticle({ url: 'chrome://settings' }))).rejects.toThrow(/only web pages/i);
    expect(await db.articles.count()).toBe(0);
    expect(await db.contents.count()).toBe(0);
  });

  it('writes article and content together or not at all', async () => {
    // A content row that cannot be stored (a function does not clone) must roll back the article too.
    const broken = extractedArticle({ html: (() => 'x') as unknown as string });
    await expect(saveArticle(broken)).rejects.toThrow();
    expect(await db.articles.count()).toBe(0);
  });
});

describe('reading states', () => {
  it('archives, favourites and marks read, and takes each back, keeping when each was set', async () => {
    const a = await saveArticle(extractedArticle({ url: 'https://e.com/a' }), 1_000);
    const b = await saveArticle(extractedArticle({ url: 'https://e.com/b' }), 1_000);
    expect(await setArticleStates([a.id, b.id], { archived: true, favourite: true }, 2_000)).toBe(2);
    // Already so: nothing changes, not even when.
    expect(await setArticleStates([a.id], { archived: true }, 3_000)).toBe(0);
    expect(await getArticle(a.id)).toMatchObject({ archivedAt: 2_000, favouriteAt: 2_000, updatedAt: 2_000 });
    expect(await setArticleStates([a.id], { archived: false, read: true }, 4_000)).toBe(1);
    const back = (await getArticle(a.id))!;
    expect(back.archivedAt).toBeUndefined();
    expect(back).toMatchObject({ favouriteAt: 2_000, readAt: 4_000, updatedAt: 4_000 });
    expect(await db.articles.where('archivedAt').above(0).primaryKeys()).toEqual([b.id]);
    expect(await db.articles.where('favouriteAt').above(0).count()).toBe(2);
  });

  it('keeps where the reader left off, and marks an article read once it is read to the end', async () => {
    const a = await saveArticle(extractedArticle(), 1_000);
    await recordReading(a.id, 0.4, 2_000);
    expect(await getArticle(a.id)).toMatchObject({ progress: 0.4, openedAt: 2_000, updatedAt: 1_000 });
    expect((await getArticle(a.id))!.readAt).toBeUndefined();
    await recordReading(a.id, 0.99, 3_000);
    expect(await getArticle(a.id)).toMatchObject({ progress: 0.99, openedAt: 3_000, readAt: 3_000 });
    // Opened again and scrolled back up: still read, progress as it is now.
    await recordReading(a.id, Number.NaN, 4_000);
    expect(await getArticle(a.id)).toMatchObject({ progress: 0, readAt: 3_000 });
  });
});

describe('findArticleForPage', () => {
  it('finds a page by its own URL, ignoring tracking parameters and fragment', async () => {
    const saved = await saveArticle(extractedArticle());
    expect((await findArticleForPage('https://news.example/story?fbclid=1#comments'))?.id).toBe(saved.id);
    expect(await findArticleForPage('https://news.example/other')).toBeNull();
  });

  it('finds a page by the canonical URL it declares on its own site', async () => {
    const saved = await saveArticle(
      extractedArticle({ url: 'https://www.news.example/story?page=amp', canonicalUrl: 'https://news.example/story' }),
    );
    expect((await findArticleForPage('https://news.example/story'))?.id).toBe(saved.id);
    expect((await findArticleForPage('https://news.example/story-copy', 'https://news.example/story'))?.id).toBe(
      saved.id,
    );
  });

  it('does not treat a home-page canonical URL as the same article', async () => {
    await saveArticle(extractedArticle({ url: 'https://blog.example/post-1', canonicalUrl: 'https://blog.example/' }));
    expect(await findArticleForPage('https://blog.example/post-2', 'https://blog.example/')).toBeNull();
  });

  it("does not let a page claim another site's article through its canonical URL", async () => {
    const real = await saveArticle(
      extractedArticle({ url: 'https://news.example/story', html: '<p>The real story.</p>' }),
    );
    const forged = await saveArticle(
      extractedArticle({
        url: 'https://evil.example/copy',
        canonicalUrl: 'https://news.example/story',
        html: '<p>Forged.</p>',
      }),
    );
    expect(forged.id).not.toBe(real.id);
    expect((await getContent(real.id))?.html).toBe('<p>The real story.</p>');
    expect(forged.urls).toEqual(['https://evil.example/copy']);
    expect((await findArticleForPage('https://news.example/story'))?.id).toBe(real.id);
  });
});

describe('updateArticle', () => {
  it('cleans tags and stores the note', async () => {
    const saved = await saveArticle(extractedArticle(), 1000);
    const updated = await updateArticle(saved.id, { tags: [' health ', '#Policy', 'health'] }, 2000);
    expect(updated.tags).toEqual(['health', 'Policy']);
    expect(updated.updatedAt).toBe(2000);
    const noted = await updateArticle(saved.id, { note: 'Worth citing.' });
    expect(noted).toMatchObject({ tags: ['health', 'Policy'], note: 'Worth citing.' });
  });

  it('says so when the article is gone', async () => {
    await expect(updateArticle(crypto.randomUUID(), { note: 'x' })).rejects.toThrow(/no longer in the library/);
  });
});

describe('removeArticle', () => {
  it('removes the article with its content and highlights, and nothing else', async () => {
    const gone = await saveArticle(extractedArticle());
    const kept = await saveArticle(extractedArticle({ url: 'https://news.example/kept' }));
    const quote = { type: 'TextQuoteSelector', exact: 'Body', prefix: '', suffix: ' text.' } as const;
    const position = { type: 'TextPositionSelector', start: 0, end: 4 } as const;
    for (const articleId of [gone.id, kept.id]) {
      await db.highlights.add({
        id: crypto.randomUUID(),
        articleId,
        selectors: { quote, position },
        color: 'yellow',
        note: '',
        createdAt: 1,
        updatedAt: 1,
      });
    }
    await removeArticle(gone.id);
    expect(await getArticle(gone.id)).toBeNull();
    expect(await getContent(gone.id)).toBeNull();
    expect(await db.highlights.where('articleId').equals(gone.id).count()).toBe(0);
    expect(await db.highlights.where('articleId').equals(kept.id).count()).toBe(1);
    expect(await getContent(kept.id)).not.toBeNull();
    await expect(removeArticle(gone.id)).resolves.toBeUndefined();
  });
});

describe('listTags', () => {
  it('counts each tag over the library, most used first', async () => {
    const a = await saveArticle(extractedArticle({ url: 'https://e.com/a' }));
    const b = await saveArticle(extractedArticle({ url: 'https://e.com/b' }));
    const c = await saveArticle(extractedArticle({ url: 'https://e.com/c' }));
    await updateArticle(a.id, { tags: ['health', 'cyber'] });
    await updateArticle(b.id, { tags: ['health'] });
    await updateArticle(c.id, { tags: ['health', 'ai'] });
    expect(await listTags()).toEqual([
      { tag: 'health', count: 3 },
      { tag: 'ai', count: 1 },
      { tag: 'cyber', count: 1 },
    ]);
  });

  it('is empty for an empty library', async () => {
    expect(await listTags()).toEqual([]);
  });
});

describe('bulk actions', () => {
  it('add and remove a tag on many articles', async () => {
    const a = await saveArticle(extractedArticle({ url: 'https://e.com/a' }));
    const b = await saveArticle(extractedArticle({ url: 'https://e.com/b' }));
    await updateArticle(b.id, { tags: ['Batch'] });
    expect(await addTagToArticles([a.id, b.id], 'batch')).toBe(1);
    expect((await getArticle(a.id))?.tags).toEqual(['batch']);
    expect((await getArticle(b.id))?.tags).toEqual(['Batch']);
    expect(await removeTagFromArticles([a.id, b.id], 'BATCH')).toBe(2);
    expect((await getArticle(a.id))?.tags).toEqual([]);
  });

  it('remove many articles and undo it, giving back the same records and search entries', async () => {
    const a = await saveArticle(extractedArticle({ url: 'https://e.com/a', text: 'Ransomware struck.' }));
    const b = await saveArticle(extractedArticle({ url: 'https://e.com/b', text: 'Nothing here.' }));
    const quote = { type: 'TextQuoteSelector', exact: 'Ransomware', prefix: '', suffix: ' struck.' } as const;
    const position = { type: 'TextPositionSelector', start: 0, end: 10 } as const;
    await db.highlights.add({
      id: crypto.randomUUID(),
      articleId: a.id,
      selectors: { quote, position },
      color: 'yellow',
      note: 'n',
      createdAt: 1,
      updatedAt: 1,
    });
    const before = {
      articles: await db.articles.toArray(),
      contents: await db.contents.toArray(),
      highlights: await db.highlights.toArray(),
    };
    const removed = await removeArticles([a.id, b.id]);
    expect(removed).toHaveLength(2);
    expect(await db.articles.count()).toBe(0);
    expect((await searchTerm('ransomware')).size).toBe(0);
    await restoreArticles(removed);
    expect(await db.articles.toArray()).toEqual(before.articles);
    expect(await db.contents.toArray()).toEqual(before.contents);
    expect(await db.highlights.toArray()).toEqual(before.highlights);
    expect([...(await searchTerm('ransomware')).keys()]).toEqual([a.id]);
  });

  it('refuses to undo over an article saved again meanwhile, changing nothing', async () => {
    const a = await saveArticle(extractedArticle({ url: 'https://e.com/a' }));
    const removed = await removeArticles([a.id]);
    await saveArticle(extractedArticle({ url: 'https://e.com/a', title: 'Saved again' }));
    await expect(restoreArticles(removed)).rejects.toThrow(/saved again meanwhile/);
    expect((await db.articles.toArray()).map((x) => x.title)).toEqual(['Saved again']);
  });
});
