/**
 * The protocol of messages from the background to Gleaner's highlighter script in a tab. The script validates
 * each one: its tab's page is hostile, but so is any other sender that might reach it.
 */
import * as v from 'valibot';
import type { Selectors } from '../anchoring/selectors';
import { ColorSchema, IdSchema, SelectorsSchema, TextPlaceSchema } from '../records/schemas';
import type { HighlightRecord, TextPlace } from '../records/types';
import { PanelEventSchema, type AnchorStatus } from './protocol';
import type { ProtocolDefinition } from './envelope';

/**
 * A highlight as the page's script draws it: where, in what colour, and whether it has a note (drawn marked).
 * Never the note itself: the page's own scripts share the page's process, and the strict schema refuses a
 * record that carries one (the panel frame shows it, on hover or focus).
 */
const DrawnHighlightSchema = v.strictObject({
  id: IdSchema,
  selectors: SelectorsSchema,
  color: ColorSchema,
  noted: v.optional(v.boolean()),
});
export type DrawnHighlight = v.InferOutput<typeof DrawnHighlightSchema>;

/** What a page's script (or the reader) is given to draw of a stored highlight: never its note. */
export function toDrawn({ id, selectors, color, note }: HighlightRecord): DrawnHighlight {
  return { id, selectors, color, noted: note.trim() !== '' };
}

/** The answer to `highlightPlaces`, checked by the background before it keeps any: the page's process is the
 * page's, and what it says is only believed where it is a well-formed place of one of the page's highlights. */
export const HighlightPlacesSchema = v.pipe(
  v.record(IdSchema, TextPlaceSchema),
  v.check((places) => Object.keys(places).length <= 10_000),
);

/** Request schemas, by message type. */
export const pageSchemas = {
  /** The selectors of the current selection, or null when nothing is selected. */
  describeSelection: v.strictObject({}),
  /** Draw these highlights (replacing all drawn ones when `replace`); answers each one's status. */
  drawHighlights: v.strictObject({
    highlights: v.pipe(v.array(DrawnHighlightSchema), v.maxLength(10_000)),
    replace: v.boolean(),
  }),
  /** Remove one drawn highlight. */
  eraseHighlight: v.strictObject({ id: IdSchema }),
  /** Repaint one highlight in another colour, marked or not as having a note. */
  recolorHighlight: v.strictObject({ id: IdSchema, color: ColorSchema, noted: v.optional(v.boolean()) }),
  /** Scroll to a highlight and flash it; false if it is not drawn. */
  revealHighlight: v.strictObject({ id: IdSchema }),
  /** Status of every highlight the page was asked to draw. */
  highlightStatus: v.strictObject({}),
  /** Where the page found highlights away from their stored position (or that had none). */
  highlightPlaces: v.strictObject({}),
  /** Tell the reader something in the page (e.g. why a keyboard shortcut did nothing). */
  showMessage: v.strictObject({ text: v.pipe(v.string(), v.maxLength(500)) }),
  /** From the panel frame, through the background: its size, or that it is done. */
  panelEvent: PanelEventSchema,
};

/** Message type names. */
export type PageMessageType = keyof typeof pageSchemas;

/** The validated request of page message `K`. */
export type PageRequestOf<K extends PageMessageType> = v.InferOutput<(typeof pageSchemas)[K]>;

/** Response types, by page message type. */
export interface PageResponses {
  describeSelection: Selectors | null;
  drawHighlights: Record<string, AnchorStatus>;
  eraseHighlight: null;
  recolorHighlight: null;
  revealHighlight: boolean;
  highlightStatus: Record<string, AnchorStatus>;
  highlightPlaces: Record<string, TextPlace>;
  showMessage: null;
  panelEvent: null;
}

/** The page protocol: only the background (an extension context) may send it. */
export const pageProtocol: ProtocolDefinition<typeof pageSchemas, PageResponses> = {
  schemas: pageSchemas,
  senders: {
    describeSelection: ['extension'],
    drawHighlights: ['extension'],
    eraseHighlight: ['extension'],
    recolorHighlight: ['extension'],
    revealHighlight: ['extension'],
    highlightStatus: ['extension'],
    highlightPlaces: ['extension'],
    showMessage: ['extension'],
    panelEvent: ['extension'],
  },
};
