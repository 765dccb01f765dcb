/**
 * Schema of what the extraction script returns. The page it ran in is hostile, so the background checks the
 * shape and sizes before anything is stored.
 */
import * as v from 'valibot';
import { ArticleMetaEntries, MAX_ARTICLE_HTML, Text } from '../records/schemas';
import { t } from '../i18n';
import { EXTRACT_FAILURES, type ExtractFailure, type ExtractResult } from '../records/extraction';

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
    reason: v.picklist(EXTRACT_FAILURES),
    detail: v.optional(Text(2_000)),
  }),
]);

/** Parses an untrusted value into an `ExtractResult`, or a failure saying the page answered nonsense. */
export function parseExtractResult(value: unknown): ExtractResult {
  const parsed = v.safeParse(ExtractResultSchema, value);
  if (parsed.success) return parsed.output;
  return { ok: false, reason: 'error', detail: t('reason.notArticle') };
}

/**
 * The sentence the popup shows for each failure, in the user's language. The extraction script returns only
 * the reason and a detail (a content type, a frame's address, an error's own message), so that it carries no
 * messages into the page.
 */
export function reasonMessage(reason: ExtractFailure, detail?: string): string {
  switch (reason) {
    case 'browser-page':
      return t('reason.browserPage');
    case 'store-page':
      return t('reason.storePage');
    case 'not-web':
      return t('reason.notWeb');
    case 'pdf':
      return t('reason.pdf');
    case 'not-html':
      return t('reason.notHtml', [detail ?? '?']);
    case 'no-article':
      return t('reason.noArticle');
    case 'framed':
      return t('reason.framed', [detail ?? '?']);
    case 'error':
      return t('reason.error', [detail || '?']);
  }
}
