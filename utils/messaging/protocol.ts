/**
 * The one protocol map of messages that cross a context boundary (popup, content scripts → background).
 * Each message has a request schema, checked at the receiver before any handler runs, a response type, and the
 * kinds of sender allowed to send it. Import the schemas only where messages are received: senders need types.
 */
import * as v from 'valibot';
import type { ArticleMeta, ArticleRecord } from '../db/schema';
import type { TagCount } from '../db/articles';
import type { ExtractFailure } from '../extract/types';

const TabId = v.pipe(v.number(), v.integer(), v.minValue(0));
const ArticleId = v.pipe(v.string(), v.uuid());
const Tags = v.pipe(v.array(v.pipe(v.string(), v.maxLength(500))), v.maxLength(500));
const Note = v.pipe(v.string(), v.maxLength(200_000));

/** Request schemas, by message type. */
export const requestSchemas = {
  /** What the popup shows for a tab: the article found there and, if saved, the library entry. */
  getPage: v.strictObject({ tabId: TabId }),
  /** Extract the tab's article and save (or refresh) it. */
  savePage: v.strictObject({ tabId: TabId }),
  /** Change a saved article's tags and/or note. */
  updateArticle: v.strictObject({ id: ArticleId, tags: v.optional(Tags), note: v.optional(Note) }),
  /** Remove a saved article with its content and highlights. */
  removeArticle: v.strictObject({ id: ArticleId }),
  /** Every tag in use, most used first. */
  listTags: v.strictObject({}),
};

/** Message type names. */
export type MessageType = keyof typeof requestSchemas;

/** The validated request of message `K`. */
export type RequestOf<K extends MessageType> = v.InferOutput<(typeof requestSchemas)[K]>;

/** The article a tab shows, as the popup needs it (metadata only, never the content). */
export type PageExtraction =
  | { ok: true; meta: ArticleMeta & { url: string } }
  | { ok: false; reason: ExtractFailure; message: string };

/** Answer to `getPage`. */
export interface PageState {
  extraction: PageExtraction;
  /** The library entry for this page, if it is saved. */
  article: ArticleRecord | null;
}

/** Response types, by message type. */
export interface Responses {
  getPage: PageState;
  savePage: ArticleRecord;
  updateArticle: ArticleRecord;
  removeArticle: null;
  listTags: TagCount[];
}

/** Who may send a message: an extension page (popup, search, reader, options) or a content script in a tab. */
export type SenderKind = 'extension' | 'content';

/** The senders each message accepts. Content scripts get only what concerns their own tab (see issue 6). */
export const allowedSenders: Record<MessageType, readonly SenderKind[]> = {
  getPage: ['extension'],
  savePage: ['extension'],
  updateArticle: ['extension'],
  removeArticle: ['extension'],
  listTags: ['extension'],
};

/** The envelope every message travels in. */
export interface Envelope<K extends MessageType = MessageType> {
  type: K;
  data: RequestOf<K>;
}

/** What a receiver answers: errors do not serialize, so failures travel as values. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };
