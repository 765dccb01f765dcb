import { beforeEach, describe, expect, it } from 'vitest';
import { removeArticle, saveArticle } from '../db/articles';
import { db } from '../db/schema';
import { extractedArticle } from '../db/test-data';
import { searchTerm, tokens } from './body-index';

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('tokens', () => {
  it.each([
    ['Ransomware hit the Hospital.', ['ransomware', 'hit', 'the', 'hospital']],
    ['Café, résumé; e-mail', ['cafe', 'resume', 'e', 'mail']],
    ['東京都に住んでいます', ['東京', '都', 'に', '住', 'んで', 'い', 'ます']],
    ['我们在北京学习中文', ['我们', '在', '北京', '学习', '中文']],
    [`x${'a'.repeat(60)} ok`, ['ok']],
  ])('%j', (text, expected) => {
    expect(tokens(text)).toEqual(expected);
  });
});

describe('the article text index', () => {
  it('finds saved articles by words of their text, best match first', async () => {
    const once = await saveArticle(extractedArticle({ url: 'https://e.com/once', title: 'A', text: 'The hospital was hit by ransomware once among many other events and words here.' }));
    const often = await saveArticle(extractedArticle({ url: 'https://e.com/often', title: 'B', text: 'Ransomware, ransomware, ransomware: the hospital story.' }));
    await saveArticle(extractedArticle({ url: 'https://e.com/none', title: 'C', text: 'Nothing to see.' }));
    const scores = await searchTerm('ransomware');
    expect([...scores.keys()].sort()).toEqual([once.id, often.id].sort());
    expect(scores.get(often.id)!).toBeGreaterThan(scores.get(once.id)!);
    expect([...(await searchTerm('ransom', true)).keys()].sort()).toEqual([once.id, often.id].sort());
    expect((await searchTerm('ransom')).size).toBe(0);
  });

  it('follows re-saves and removals', async () => {
    const article = await saveArticle(extractedArticle({ text: 'First version about hospitals.' }));
    await saveArticle(extractedArticle({ text: 'Second version about schools.' }));
    expect((await searchTerm('hospitals')).size).toBe(0);
    expect([...(await searchTerm('schools')).keys()]).toEqual([article.id]);
    await removeArticle(article.id);
    expect((await searchTerm('schools')).size).toBe(0);
    expect(await db.searchBlocks.count()).toBe(0);
  });

  it('finds Chinese and Japanese words', async () => {
    const article = await saveArticle(extractedArticle({ text: '我们在北京学习中文。東京都に住んでいます。' }));
    expect([...(await searchTerm('北京')).keys()]).toEqual([article.id]);
    expect([...(await searchTerm('東京')).keys()]).toEqual([article.id]);
  });
});
