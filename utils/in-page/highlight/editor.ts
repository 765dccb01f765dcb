/**
 * The editor that opens when a highlight on the page is clicked: its colour, its note (saved as you type) and
 * Delete highlight, with Undo. Failures are said in its status line.
 */
import type { HighlightRecord } from '../../records/types';
import type { Palette } from '../../settings/palette';
import { t } from '../../i18n';
import { errorText, noteTooLong } from '../../error-text';
import type { PageHighlights } from './page-highlights';
import { appendSwatches, createPanel, paintSwatches, placePanel, swatchColor } from './panels';

/** What the editor asks the background to do. */
export interface EditorActions {
  update(id: string, changes: { color?: string; note?: string }): Promise<HighlightRecord>;
  remove(id: string): Promise<HighlightRecord>;
  /** Puts a deleted highlight back (undo). */
  undelete(record: HighlightRecord): Promise<HighlightRecord>;
}

/** Quiet time after typing before a note is saved. */
const NOTE_DELAY_MS = 400;

/** The editor, mounted by page-ui.ts. */
export interface Editor {
  readonly element: HTMLElement;
  /** Opens the editor on highlight `id`, below `mark`, with the note focused; nothing if it is not drawn. */
  open(id: string, mark: Element): void;
  /** Hides it (it keeps the highlight it had open). */
  hide(): void;
  /** Hides it and forgets the highlight. */
  close(): void;
  isOpen(): boolean;
  /** Says why something failed, in the editor's status line. */
  showError(error: unknown): void;
  setPalette(palette: Palette): void;
}

/** Builds the editor; `fail` is told of a failure (page-ui shows it where it can be seen). */
export function createEditor(
  doc: Document,
  highlights: PageHighlights,
  actions: EditorActions,
  fail: (error: unknown) => void,
): Editor {
  const element = createPanel(doc, 'dialog', t('page.editor'), 'panel editor');
  const colors = doc.createElement('div');
  colors.className = 'row';
  colors.setAttribute('role', 'group');
  colors.setAttribute('aria-label', t('common.colour'));
  appendSwatches(doc, colors);
  const noteLabel = doc.createElement('label');
  noteLabel.textContent = t('common.note');
  noteLabel.htmlFor = 'gleaner-note';
  const note = doc.createElement('textarea');
  note.id = 'gleaner-note';
  note.rows = 3;
  const actionsRow = doc.createElement('div');
  actionsRow.className = 'row';
  const remove = doc.createElement('button');
  remove.type = 'button';
  remove.textContent = t('common.deleteHighlight');
  const undo = doc.createElement('button');
  undo.type = 'button';
  undo.textContent = t('common.undo');
  undo.hidden = true;
  actionsRow.append(remove, undo);
  const status = doc.createElement('p');
  status.className = 'status';
  status.setAttribute('role', 'status');
  element.append(colors, noteLabel, note, actionsRow, status);

  let editing: HighlightRecord | null = null;
  let deleted: HighlightRecord | null = null;
  let noteTimer: ReturnType<typeof setTimeout> | undefined;

  const pressColor = (color: string) => {
    for (const button of colors.querySelectorAll('button')) {
      button.setAttribute('aria-pressed', String(button.dataset.color === color));
    }
  };

  const close = () => {
    element.hidden = true;
    editing = null;
  };

  colors.addEventListener('click', (event) => {
    const color = swatchColor(event);
    if (!color || !editing) return;
    actions.update(editing.id, { color }).then((record) => {
      editing = record;
      highlights.update(record);
      pressColor(color);
    }, fail);
  });

  note.addEventListener('input', () => {
    clearTimeout(noteTimer);
    const id = editing?.id;
    const value = note.value;
    if (!id) return;
    const tooLong = noteTooLong(value.length);
    if (tooLong) {
      status.textContent = t('common.noteNotSaved', [tooLong]);
      return;
    }
    status.textContent = t('common.saving');
    noteTimer = setTimeout(() => {
      actions.update(id, { note: value }).then((record) => {
        highlights.update(record);
        if (editing?.id === id) editing = record;
        status.textContent = t('common.noteSaved');
      }, fail);
    }, NOTE_DELAY_MS);
  });

  remove.addEventListener('click', () => {
    if (!editing) return;
    const id = editing.id;
    actions.remove(id).then((record) => {
      highlights.erase(id);
      deleted = record;
      editing = null;
      remove.hidden = true;
      undo.hidden = false;
      status.textContent = t('common.highlightDeleted');
      undo.focus();
    }, fail);
  });

  undo.addEventListener('click', () => {
    if (!deleted) return;
    actions.undelete(deleted).then((record) => {
      highlights.draw([record], false);
      deleted = null;
      close();
    }, fail);
  });

  return {
    element,
    open(id, mark) {
      const record = highlights.record(id);
      if (!record) return;
      editing = record;
      deleted = null;
      note.value = record.note;
      undo.hidden = true;
      remove.hidden = false;
      status.textContent = '';
      pressColor(record.color);
      placePanel(doc, element, mark.getBoundingClientRect());
      note.focus();
    },
    hide() {
      element.hidden = true;
    },
    close,
    isOpen: () => !element.hidden,
    showError(error) {
      status.textContent = errorText(error);
    },
    setPalette(palette) {
      paintSwatches(colors, palette, (name) => name);
    },
  };
}
