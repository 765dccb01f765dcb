/**
 * The protocol of messages to the background, from extension pages (popup, search) and from Gleaner's script in
 * a tab. Each message has a request schema, checked at the receiver before any handler runs, a response type,
 * and the kinds of sender allowed to send it. Senders import only the types (send.ts); the schemas are for
 * the receiver.
 */
import * as v from 'valibot';
import type { TagCount, ArticleMeta, ArticleRecord, HighlightRecord } from '../records/types';
import { ColorSchema, HighlightSchema, IdSchema, LIMITS, NoteSchema, SelectorsSchema } from '../records/schemas';
import type { ExtractFailure } from '../records/extraction';
import type { ProtocolDefinition } from './envelope';

const TabId = v.pipe(v.number(), v.integer(), v.minValue(0));
/** Tags as typed (cleaned and cut to MAX_TAG_LENGTH when stored). */
const Tags = v.pipe(v.array(v.pipe(v.string(), v.maxLength(500))), v.maxLength(LIMITS.tags));

/** Request schemas, by message type. */
export const requestSchemas = {
  /** What the popup shows for a tab: the article found there and, if saved, the library entry. */
  getPage: v.strictObject({ tabId: TabId }),
  /** Extract the tab's article and save (or refresh) it. */
  savePage: v.strictObject({ tabId: TabId }),
  /** Change a saved article's tags and/or note. */
  updateArticle: v.strictObject({ id: IdSchema, tags: v.optional(Tags), note: v.optional(NoteSchema) }),
  /** Remove a saved article with its content and highlights (and erase them from `tabId`, if given). */
  removeArticle: v.strictObject({ id: IdSchema, tabId: v.optional(TabId) }),
  /** Every tag in use, most used first. */
  listTags: v.strictObject({}),
  /** Highlight what is selected in a tab, saving the page first if needed. */
  highlightSelection: v.strictObject({ tabId: TabId, color: v.optional(ColorSchema) }),
  /** The highlights of a tab's page, in page order, with whether each was found on the page. */
  listHighlights: v.strictObject({ tabId: TabId }),
  /** Scroll a tab to one of its highlights. */
  scrollToHighlight: v.strictObject({ tabId: TabId, id: IdSchema }),
  /** From the page's toolbar: highlight these selectors on the sender's own page. */
  createHighlight: v.strictObject({ selectors: SelectorsSchema, color: ColorSchema }),
  /** Change a highlight's colour and/or note (an extension page names the tab to repaint). */
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
  updateArticle: ArticleRecord;
  removeArticle: null;
  listTags: TagCount[];
  highlightSelection: HighlightRecord;
  listHighlights: HighlightView[];
  scrollToHighlight: boolean;
  createHighlight: HighlightRecord;
  updateHighlight: HighlightRecord;
  deleteHighlight: HighlightRecord;
  undeleteHighlight: HighlightRecord;
}

/**
 * The protocol as the background receives it. A content script may only create, change and delete highlights,
 * and only on its own tab's page (the handlers check the tab); everything else is for extension pages.
 */
export const backgroundProtocol: ProtocolDefinition<typeof requestSchemas, Responses> = {
  schemas: requestSchemas,
  senders: {
    getPage: ['extension'],
    savePage: ['extension'],
    updateArticle: ['extension'],
    removeArticle: ['extension'],
    listTags: ['extension'],
    highlightSelection: ['extension'],
    listHighlights: ['extension'],
    scrollToHighlight: ['extension'],
    createHighlight: ['content'],
    updateHighlight: ['extension', 'content'],
    deleteHighlight: ['extension', 'content'],
    undeleteHighlight: ['extension', 'content'],
  },
};
