/**
 * The rules every stored record keeps, in one place: the limits of each field and the rule for dates (their
 * numbers in limits.ts). Every
 * write path is held to them (the database itself checks each record written: utils/db/record-rules.ts), the
 * paths that take input say in words what does not fit, and a backup is read against the same schemas, so
 * that whatever Gleaner stores, its backup restores. Also the schemas for what other contexts send.
 */
import * as v from 'valibot';
import { formatNumber } from '../i18n';
import { normalizeUrl } from '../url';
import { MAX_TAG_LENGTH } from './tags';
import { isTime, LIMITS } from './limits';

/** Pieces shared by the schemas of stored records, extraction results and backups. */
export const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const NullableText = (max: number) => v.nullable(Text(max));
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Offset = v.pipe(v.number(), v.integer(), v.minValue(0));
const ENDS_AFTER_START = 'a position must end after it starts';

/** A stretch of a page's text model, as a position selector gives it (and as a page reports where it found a
 * highlight: messaging/page-protocol.ts). */
export const TextPlaceSchema = v.pipe(
  v.strictObject({ start: Offset, end: Offset }),
  v.check((p) => p.end > p.start, ENDS_AFTER_START),
);

/** Largest article HTML accepted (characters): far beyond any real article, well inside message limits. */
export const MAX_ARTICLE_HTML = 20_000_000;

export { LIMITS } from './limits';

export { isTime, MAX_TIME } from './limits';
/** A stored time (the rule is in time.ts). */
export const TimeSchema = v.pipe(v.number(), v.check(isTime, 'is not a date'));

/** A web address as stored. */
export const UrlSchema = v.pipe(
  Text(LIMITS.url),
  v.check((url) => normalizeUrl(url) !== null, 'is not a web address'),
);

/** A random UUID, as every record id is. */
export const IdSchema = v.pipe(v.string(), v.uuid());

/** The fields of an article's metadata (`ArticleMeta`), for the object schemas that hold them. */
export const ArticleMetaEntries = {
  title: Text(2_000),
  byline: NullableText(2_000),
  siteName: NullableText(2_000),
  lang: NullableText(100),
  dir: v.nullable(v.picklist(['ltr', 'rtl'])),
  publishedTime: NullableText(200),
  excerpt: NullableText(20_000),
  wordCount: Count,
  readingMinutes: Count,
  canonicalUrl: NullableText(LIMITS.url),
  image: v.optional(v.nullable(v.pipe(Text(LIMITS.url), v.regex(/^https?:\/\//i, 'is not a web address')))),
};

/** W3C selectors of a highlight. */
export const SelectorsSchema = v.strictObject({
  quote: v.strictObject({
    type: v.literal('TextQuoteSelector'),
    exact: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.quote)),
    prefix: Text(1_000),
    suffix: Text(1_000),
  }),
  position: v.optional(
    v.pipe(
      v.strictObject({ type: v.literal('TextPositionSelector'), start: Offset, end: Offset }),
      v.check((p) => p.end > p.start, ENDS_AFTER_START),
    ),
  ),
});

/** A colour name as stored (unknown names are drawn in the default colour). */
export const ColorSchema = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,31}$/));

/** A page's or a highlight's note. */
export const NoteSchema = Text(LIMITS.note);

/** A whole highlight record. */
export const HighlightSchema = v.strictObject({
  id: IdSchema,
  articleId: IdSchema,
  selectors: SelectorsSchema,
  color: ColorSchema,
  note: NoteSchema,
  createdAt: TimeSchema,
  updatedAt: TimeSchema,
});

/** A whole article record (`ArticleRecord`). */
export const ArticleRecordSchema = v.strictObject({
  id: IdSchema,
  url: UrlSchema,
  originalUrl: UrlSchema,
  urls: v.pipe(v.array(UrlSchema), v.maxLength(LIMITS.urls)),
  ...ArticleMetaEntries,
  tags: v.pipe(v.array(Text(MAX_TAG_LENGTH)), v.maxLength(LIMITS.tags)),
  note: NoteSchema,
  createdAt: TimeSchema,
  updatedAt: TimeSchema,
  archivedAt: v.optional(TimeSchema),
  favouriteAt: v.optional(TimeSchema),
  readAt: v.optional(TimeSchema),
  openedAt: v.optional(TimeSchema),
  progress: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
});

/** A whole content record (`ContentRecord`). */
export const ContentRecordSchema = v.strictObject({
  articleId: IdSchema,
  html: Text(MAX_ARTICLE_HTML),
  text: Text(MAX_ARTICLE_HTML),
});

/** What is wrong with `value` against `schema`, in words ("note: at most 200,000 characters"); null if nothing. */
export function problemOf(schema: v.GenericSchema, value: unknown): string | null {
  const result = v.safeParse(schema, value, { abortEarly: true });
  if (result.success) return null;
  const issue = result.issues[0];
  const field = (issue.path ?? []).map((item) => String(item.key)).join('.');
  const what =
    issue.type === 'max_length'
      ? `at most ${formatNumber(Number(issue.requirement))}${typeof issue.input === 'string' ? ' characters' : ''}`
      : issue.message;
  return field ? `${field}: ${what}` : what;
}
