/** Schemas of stored records, for everything that receives them from another context (and backups, later). */
import * as v from 'valibot';

/** Pieces shared by the schemas of stored records, extraction results and backups. */
export const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const NullableText = (max: number) => v.nullable(Text(max));
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Offset = v.pipe(v.number(), v.integer(), v.minValue(0));

/** Largest article HTML accepted (characters): far beyond any real article, well inside message limits. */
export const MAX_ARTICLE_HTML = 20_000_000;

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
  canonicalUrl: NullableText(8_000),
};

/** W3C selectors of a highlight. */
export const SelectorsSchema = v.strictObject({
  quote: v.strictObject({
    type: v.literal('TextQuoteSelector'),
    exact: v.pipe(v.string(), v.minLength(1), v.maxLength(100_000)),
    prefix: Text(1_000),
    suffix: Text(1_000),
  }),
  position: v.pipe(
    v.strictObject({ type: v.literal('TextPositionSelector'), start: Offset, end: Offset }),
    v.check((p) => p.end > p.start, 'a position must end after it starts'),
  ),
});

/** A colour name as stored (unknown names are drawn in the default colour). */
export const ColorSchema = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,31}$/));

/** A highlight note. */
export const NoteSchema = Text(100_000);

/** A whole highlight record. */
export const HighlightSchema = v.strictObject({
  id: IdSchema,
  articleId: IdSchema,
  selectors: SelectorsSchema,
  color: ColorSchema,
  note: NoteSchema,
  createdAt: v.number(),
  updatedAt: v.number(),
});
