/**
 * Schema of what the extraction script returns. The page it ran in is hostile, so the background checks the
 * shape and sizes before anything is stored.
 */
import * as v from 'valibot';
import { ArticleMetaEntries, Text } from '../db/record-schemas';
import { t } from '../i18n';
import type { ExtractResult } from './types';

/** Largest article HTML accepted (characters): far beyond any real article, well inside message limits. */
export const MAX_ARTICLE_HTML = 20_000_000;

const ArticleSchema = v.strictObject({
  url: Text(8_000),
  ...ArticleMetaEntries,
  html: Text(MAX_ARTICLE_HTML),
  text: Text(MAX_ARTICLE_HTML),
});

/** Validates an `ExtractResult` received from a tab. */
export const ExtractResultSchema = v.variant('ok', [
  v.strictObject({ ok: v.literal(true), article: ArticleSchema }),
  v.strictObject({
    ok: v.literal(false),
    reason: v.picklist([
      'browser-page',
      'store-page',
      'not-web',
      'pdf',
      'not-html',
      'no-article',
      'framed',
      'shadow-dom',
      'error',
    ]),
    detail: v.optional(Text(2_000)),
  }),
]);

/** Parses an untrusted value into an `ExtractResult`, or a failure saying the page answered nonsense. */
export function parseExtractResult(value: unknown): ExtractResult {
  const parsed = v.safeParse(ExtractResultSchema, value);
  if (parsed.success) return parsed.output;
  return { ok: false, reason: 'error', detail: t('reason.notArticle') };
}
