/** The highlights of a page, in page order: text, colour, note, jump-to and delete. */
import { COLOR_NAMES } from '@/utils/highlight/colors';
import { COLOR_VALUES, isColorName } from '@/utils/highlight/colors';
import type { HighlightView } from '@/utils/messaging/protocol';
import { NoteField } from './NoteField';

/** Props of HighlightList. */
export interface HighlightListProps {
  /** The page's highlights, in page order. */
  highlights: readonly HighlightView[];
  /** Scroll the page to a highlight. */
  onJump: (id: string) => void;
  /** Repaint a highlight. */
  onColor: (id: string, color: string) => void;
  /** Store a highlight's note; resolves when stored. */
  onNote: (id: string, note: string) => Promise<unknown>;
  /** Delete a highlight (the caller offers undo). */
  onDelete: (id: string) => void;
}

/** A list named "Highlights" with one item per highlight; orphaned ones say so instead of disappearing. */
export function HighlightList({ highlights, onJump, onColor, onNote, onDelete }: HighlightListProps) {
  return (
    <section class="highlights" aria-labelledby="highlights-heading">
      <h2 id="highlights-heading">Highlights</h2>
      {highlights.length === 0 ? (
        <p class="hint">Select text on the page, then press Highlight selection (or Alt+Shift+H).</p>
      ) : (
        <ul aria-label="Highlights">
          {highlights.map((h) => (
            <li key={h.id} class={`highlight ${h.status}`} style={{ borderLeftColor: COLOR_VALUES[isColorName(h.color) ? h.color : 'yellow'] }}>
              <blockquote class="quote">{h.selectors.quote.exact}</blockquote>
              {h.status === 'orphaned' && <p class="orphan">Not found on the page as it is now: its text changed or moved.</p>}
              <div class="row">
                <label class="inline">
                  <span class="visually-hidden">Colour</span>
                  <select aria-label="Colour" value={h.color} onChange={(event) => onColor(h.id, event.currentTarget.value)}>
                    {COLOR_NAMES.map((color) => <option key={color} value={color}>{color}</option>)}
                  </select>
                </label>
                <button type="button" disabled={h.status !== 'anchored'} onClick={() => onJump(h.id)}>Show on page</button>
                <button type="button" onClick={() => onDelete(h.id)}>Delete highlight</button>
              </div>
              <NoteField label="Highlight note" value={h.note} onSave={(note) => onNote(h.id, note)} rows={2} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
