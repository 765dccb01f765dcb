/**
 * What Gleaner's panel frame in a page shows, carried in its address's fragment: the colour toolbar, the
 * editor of one highlight, one highlight's note to read, or a message. The page's script sets it; the frame reads it, and checks it like any
 * message (a page can navigate a frame it contains, so the fragment may be anyone's).
 */
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { IdSchema } from '../records/schemas';

const PanelStateSchema = v.variant('mode', [
  v.strictObject({ mode: v.literal('toolbar') }),
  v.strictObject({ mode: v.literal('edit'), id: IdSchema }),
  /** A highlight's note, read (on hover or focus); nothing to edit. */
  v.strictObject({ mode: v.literal('note'), id: IdSchema }),
  v.strictObject({ mode: v.literal('message'), text: v.pipe(v.string(), v.maxLength(500)) }),
]);

export type PanelState = v.InferOutput<typeof PanelStateSchema>;

/** The panel frame's page in the built extension (entrypoints/panel). */
const PANEL_PAGE = '/panel.html' as const;

/** The address of the panel frame showing `state` (`padding`: white space after it, which reads the same). */
export function panelUrl(state: PanelState, padding: '' | ' ' = ''): string {
  return `${browser.runtime.getURL(PANEL_PAGE)}#${encodeURIComponent(JSON.stringify(state) + padding)}`;
}

/** The state a fragment (`location.hash`) holds, or null for anything else. */
export function panelStateOf(hash: string): PanelState | null {
  try {
    const parsed = v.safeParse(PanelStateSchema, JSON.parse(decodeURIComponent(hash.replace(/^#/, ''))));
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}
