/**
 * The editor that opens when a highlight on the page is clicked: its colour, its note (saved as you type) and
 * Delete highlight, with Undo. Failures are said in its status line. It runs in Gleaner's panel frame
 * (entrypoints/panel), a document of the extension's own origin that the page's scripts cannot read; the
 * background repaints or erases the highlight in the page when its actions succeed.
 */
import type { HighlightRecord } from '../../records/types';
import type { Palette } from '../../settings/palette';
import { t } from '../../i18n';
import { errorText, noteTooLong } from '../../error-text';
import { appendSwatches, createPanel, paintSwatches, swatchColor } from './panels';

/** What the editor asks the background to do. */
export interface EditorActions {
  update(id: string, changes: { color?: string; note?: string }): Promise<HighlightRecord>;
  remove(id: string): Promise<HighlightRecord>;
  /** Puts a deleted highlight back (undo). */
  undelete(record: HighlightRecord): Promise<HighlightRecord>;
}

/** Quiet time after typing before a note is saved. */
const NOTE_DELAY_MS = 400;

/** The editor, shown by the panel frame (entrypoints/panel). */
export interface Editor {
  readonly element: HTMLElement;
  /** Opens the editor on a highlight, with the note focused. */
  open(record: HighlightRecord): void;
  setPalette(palette: Palette): void;
}

/** Builds the editor; `onDone` is called when it has nothing more to show (a deleted highlight put back). */
export function createEditor(doc: Document, actions: EditorActions, onDone: () => void = () => {}): Editor {
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

  const fail = (error: unknown) => {
    status.textContent = errorText(error);
  };
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
        if (editing?.id === id) editing = record;
        status.textContent = t('common.noteSaved');
      }, fail);
    }, NOTE_DELAY_MS);
  });

  remove.addEventListener('click', () => {
    if (!editing) return;
    const id = editing.id;
    actions.remove(id).then((record) => {
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
    actions.undelete(deleted).then(() => {
      deleted = null;
      close();
      onDone();
    }, fail);
  });

  return {
    element,
    open(record) {
      editing = record;
      deleted = null;
      note.value = record.note;
      undo.hidden = true;
      remove.hidden = false;
      status.textContent = '';
      pressColor(record.color);
      element.hidden = false;
      note.focus();
    },
    setPalette(palette) {
      paintSwatches(colors, palette, (name) => name);
    },
  };
}
