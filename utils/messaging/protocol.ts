/**
 * The protocol of messages to the background, from extension pages (popup, search) and from Gleaner's script in
 * a tab. Each message has a request schema, checked at the receiver before any handler runs, a response type,
 * and the kinds of sender allowed to send it. Senders import only the types (send.ts); the schemas are for
 * the receiver.
 */
import * as v from 'valibot';
import type { TagCount, ArticleMeta, ArticleRecord, HighlightRecord, RemovedArticle } from '../records/types';
import {
  ArticleRecordSchema,
  ColorSchema,
  ContentRecordSchema,
  HighlightSchema,
  IdSchema,
  LIMITS,
  NoteSchema,
} from '../records/schemas';
import type { ExtractFailure } from '../records/extraction';
import type { ProtocolDefinition } from './envelope';

const TabId = v.pipe(v.number(), v.integer(), v.minValue(0));
const Pixels = v.pipe(v.number(), v.minValue(0), v.maxValue(10_000));

/** What the panel frame tells the page's script: its size, and whether it is done (and a colour was picked). */
export const PanelEventSchema = v.strictObject({
  width: v.optional(Pixels),
  height: v.optional(Pixels),
  close: v.optional(v.boolean()),
  picked: v.optional(v.boolean()),
});
/** Tags as typed (cleaned and cut to MAX_TAG_LENGTH when stored). */
const Tags = v.pipe(v.array(v.pipe(v.string(), v.maxLength(500))), v.maxLength(LIMITS.tags));

/** Request schemas, by message type. */
export const requestSchemas = {
  /** What the popup shows for a tab: the article found there and, if saved, the library entry. */
  getPage: v.strictObject({ tabId: TabId }),
  /** Extract the tab's article and save (or refresh) it. */
  savePage: v.strictObject({ tabId: TabId }),
  /** Keep a page that has no article as a bookmark: its address and the tab's title. */
  saveBookmark: v.strictObject({ tabId: TabId }),
  /** Change a saved article's tags and/or note. */
  updateArticle: v.strictObject({ id: IdSchema, tags: v.optional(Tags), note: v.optional(NoteSchema) }),
  /** Remove a saved article with its content and highlights (and erase them from `tabId`, if given); the answer
   * is what was removed, for undo. */
  removeArticle: v.strictObject({ id: IdSchema, tabId: v.optional(TabId) }),
  /** Put a removed article back with its content and highlights (undo), drawn again in `tabId` if given. */
  restoreArticle: v.strictObject({
    removed: v.strictObject({
      article: ArticleRecordSchema,
      content: v.nullable(ContentRecordSchema),
      highlights: v.array(HighlightSchema),
    }),
    tabId: v.optional(TabId),
  }),
  /** Put an article into or out of the archive, the favourites, the read. */
  setArticleStates: v.strictObject({
    id: IdSchema,
    archived: v.optional(v.boolean()),
    favourite: v.optional(v.boolean()),
    read: v.optional(v.boolean()),
  }),
  /** Every tag in use, most used first. */
  listTags: v.strictObject({}),
  /** Highlight what is selected in a tab (the panel frame's own tab when not named), saving the page first. */
  highlightSelection: v.strictObject({ tabId: v.optional(TabId), color: v.optional(ColorSchema) }),
  /** The highlights of a tab's page, in page order, with whether each was found on the page. */
  listHighlights: v.strictObject({ tabId: TabId }),
  /** Scroll a tab to one of its highlights. */
  scrollToHighlight: v.strictObject({ tabId: TabId, id: IdSchema }),
  /** One highlight, for the panel frame's editor. */
  getHighlight: v.strictObject({ id: IdSchema }),
  /** From the panel frame in a page: tell the page's script its size, or that it is done (close it). */
  panelEvent: PanelEventSchema,
  /** Change a highlight's colour and/or note, repainting it in the tab named (else the sender's own tab). */
  updateHighlight: v.strictObject({
    id: IdSchema,
    color: v.optional(ColorSchema),
    note: v.optional(NoteSchema),
    tabId: v.optional(TabId),
  }),
  /** Delete a highlight; the answer is the deleted record, for undo. */
  deleteHighlight: v.strictObject({ id: IdSchema, tabId: v.optional(TabId) }),
  /** Put a deleted highlight back (undo). */
  undeleteHighlight: v.strictObject({ highlight: HighlightSchema, tabId: v.optional(TabId) }),
  /** The fetch queue changed (articles queued, paused, resumed, cancelled, retried): its runner looks again. */
  wakeFetching: v.strictObject({}),
  /** From the queue's offscreen document (Chrome): nothing left to do; the background closes it. */
  fetchIdle: v.strictObject({}),
};

/** Message type names. */
export type MessageType = keyof typeof requestSchemas;

/** The validated request of message `K`. */
export type RequestOf<K extends MessageType> = v.InferOutput<(typeof requestSchemas)[K]>;

/** The article a tab shows, as the popup needs it (metadata only, never the content). */
export type PageExtraction =
  { ok: true; meta: ArticleMeta & { url: string } } | { ok: false; reason: ExtractFailure; message: string };

/** Answer to `getPage`. */
export interface PageState {
  extraction: PageExtraction;
  /** The library entry for this page, if it is saved. */
  article: ArticleRecord | null;
}

/** Whether a highlight is drawn on the page now: `orphaned` when its text could not be found. */
export type AnchorStatus = 'anchored' | 'orphaned' | 'pending';

/** A highlight as the popup lists it. */
export interface HighlightView extends HighlightRecord {
  status: AnchorStatus;
}

/** Response types, by message type. */
export interface Responses {
  getPage: PageState;
  savePage: ArticleRecord;
  saveBookmark: ArticleRecord;
  updateArticle: ArticleRecord;
  removeArticle: RemovedArticle | null;
  restoreArticle: ArticleRecord;
  setArticleStates: ArticleRecord;
  listTags: TagCount[];
  highlightSelection: HighlightRecord;
  listHighlights: HighlightView[];
  scrollToHighlight: boolean;
  getHighlight: HighlightRecord;
  panelEvent: null;
  updateHighlight: HighlightRecord;
  deleteHighlight: HighlightRecord;
  undeleteHighlight: HighlightRecord;
  wakeFetching: null;
  fetchIdle: null;
}

/**
 * The protocol as the background receives it: from extension pages only. Gleaner's script in a web page sends
 * nothing; what the user does there goes through the panel frame, an extension page the page cannot drive.
 */
export const backgroundProtocol: ProtocolDefinition<typeof requestSchemas, Responses> = {
  schemas: requestSchemas,
  senders: {
    getPage: ['extension'],
    savePage: ['extension'],
    saveBookmark: ['extension'],
    updateArticle: ['extension'],
    removeArticle: ['extension'],
    restoreArticle: ['extension'],
    setArticleStates: ['extension'],
    listTags: ['extension'],
    highlightSelection: ['extension'],
    listHighlights: ['extension'],
    scrollToHighlight: ['extension'],
    getHighlight: ['extension'],
    panelEvent: ['extension'],
    updateHighlight: ['extension'],
    deleteHighlight: ['extension'],
    undeleteHighlight: ['extension'],
    wakeFetching: ['extension'],
    fetchIdle: ['extension'],
  },
};
