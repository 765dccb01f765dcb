/** The highlights of a page, in page order: text, colour, note (written on request), jump-to and delete. */
import { useSetting } from '@/hooks/use-setting';
import { useState } from 'preact/hooks';
import { COLOR_NAMES, colorLabel, slotOf, type Palette } from '@/utils/settings/palette';
import { t } from '@/utils/i18n';
import { highlightPalette } from '@/utils/settings/storage';
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
export function HighlightList({ highlights, ...actions }: HighlightListProps) {
  const [palette] = useSetting(highlightPalette);
  return (
    <section class="highlights" aria-labelledby="highlights-heading">
      <h2 id="highlights-heading">{t('common.highlights')}</h2>
      {highlights.length === 0 ? (
        <p class="hint">{t('highlightList.empty', ['Alt+Shift+H'])}</p>
      ) : (
        <ul aria-label={t('common.highlights')}>
          {highlights.map((h) => (
            <HighlightItem key={h.id} highlight={h} palette={palette} {...actions} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** One highlight: its text and note, its colour, and its note opened for writing on request (a popup of many
 * highlights would otherwise be a column of note boxes with its footer out of sight). */
function HighlightItem({
  highlight: h,
  palette,
  onJump,
  onColor,
  onNote,
  onDelete,
}: Omit<HighlightListProps, 'highlights'> & { highlight: HighlightView; palette: Palette }) {
  const [writing, setWriting] = useState(false);
  return (
    <li class={`highlight ${h.status}`} style={{ borderInlineStartColor: palette[slotOf(h.color)].value }}>
      <blockquote class="quote" dir="auto">
        {h.selectors.quote.exact}
      </blockquote>
      {h.status === 'orphaned' && <p class="orphan">{t('highlightList.orphan')}</p>}
      {h.note && !writing && (
        <p class="highlight-note" dir="auto">
          <span class="visually-hidden">{t('common.highlightNote')}: </span>
          {h.note}
        </p>
      )}
      <div class="row">
        <label class="inline">
          <span class="visually-hidden">{t('common.colour')}</span>
          <select
            aria-label={t('common.colour')}
            value={slotOf(h.color)}
            onChange={(event) => onColor(h.id, event.currentTarget.value)}
          >
            {COLOR_NAMES.map((color) => (
              <option key={color} value={color}>
                {colorLabel(palette, color)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={h.status !== 'anchored'} onClick={() => onJump(h.id)}>
          {t('highlightList.show')}
        </button>
        <button type="button" aria-expanded={writing} onClick={() => setWriting(!writing)}>
          {t(h.note ? 'highlightList.editNote' : 'highlightList.addNote')}
        </button>
        <button type="button" onClick={() => onDelete(h.id)}>
          {t('common.deleteHighlight')}
        </button>
      </div>
      {writing && (
        <NoteField
          label={t('common.highlightNote')}
          placeholder={t('highlightList.notePlaceholder')}
          value={h.note}
          onSave={(note) => onNote(h.id, note)}
          rows={2}
          autoFocus
        />
      )}
    </li>
  );
}
