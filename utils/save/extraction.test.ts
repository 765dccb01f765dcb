import { describe, expect, it } from 'vitest';
import { extractedArticle } from '../db/test-data';
import { MAX_ARTICLE_HTML } from '../records/schemas';
import { parseExtractResult } from './extraction';

describe('parseExtractResult', () => {
  it('accepts a well-formed article and a well-formed failure', () => {
    const article = extractedArticle();
    expect(parseExtractResult({ ok: true, article })).toEqual({ ok: true, article });
    expect(parseExtractResult({ ok: false, reason: 'no-article' })).toEqual({ ok: false, reason: 'no-article' });
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'article'],
    ['a missing field', { ok: true, article: { ...extractedArticle(), title: undefined } }],
    ['a wrong type', { ok: true, article: { ...extractedArticle(), wordCount: '12' } }],
    ['an unknown field', { ok: true, article: { ...extractedArticle(), script: 'alert(1)' } }],
    ['an unknown reason', { ok: false, reason: 'because' }],
    ['a bad direction', { ok: true, article: { ...extractedArticle(), dir: 'sideways' } }],
    ['oversized HTML', { ok: true, article: { ...extractedArticle(), html: 'x'.repeat(MAX_ARTICLE_HTML + 1) } }],
  ])('turns %s into a readable failure', (_what, value) => {
    expect(parseExtractResult(value)).toEqual({
      ok: false,
      reason: 'error',
      detail: 'the page returned something that is not an article',
    });
  });
});
