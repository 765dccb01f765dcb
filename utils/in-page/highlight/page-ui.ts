/**
 * Gleaner's small interface inside a saved page: a colour toolbar by the selection, and an editor (colour, note,
 * delete with undo) that opens when a highlight is clicked. It lives in a shadow root outside `<body>`,
 * so page CSS cannot restyle it and the page text model never includes it.
 */
import type { Selectors } from '../../anchoring/selectors';
import { UI_ATTRIBUTE } from '../../anchoring/text-model';
import type { HighlightRecord } from '../../records/types';
import {
  COLOR_NAMES,
  colorLabel,
  DEFAULT_COLOR,
  DEFAULT_PALETTE,
  highlightBackground,
  type Palette,
} from '../../settings/palette';
import { HIGHLIGHT_ATTRIBUTE } from './draw';
import type { PageHighlights } from './page-highlights';
import { errorText } from '../../error-text';
import { t, textDirection } from '../../i18n';

/** What the interface asks the background to do. */
export interface PageActions {
  create(selectors: Selectors, color: string): Promise<HighlightRecord>;
  update(id: string, changes: { color?: string; note?: string }): Promise<HighlightRecord>;
  remove(id: string): Promise<HighlightRecord>;
  /** Puts a deleted highlight back (undo). */
  undelete(record: HighlightRecord): Promise<HighlightRecord>;
}

const STYLE = `
:host { all: initial; }
.panel { position: absolute; z-index: 2147483647; font: 13px/1.4 system-ui, sans-serif; color: #1d1f23; background: #fff;
  border: 1px solid #c9cdd3; border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.18); padding: 6px; display: flex; gap: 4px; align-items: center; }
.panel[hidden] { display: none; }
.editor { flex-direction: column; align-items: stretch; width: 260px; gap: 6px; }
.row { display: flex; gap: 4px; align-items: center; }
button { font: inherit; color: inherit; cursor: pointer; border: 1px solid #c9cdd3; background: #f4f5f7; border-radius: 6px; padding: 3px 8px; }
button.swatch { width: 24px; height: 24px; padding: 0; border-radius: 50%; border: 2px solid transparent; }
button.swatch[aria-pressed="true"] { border-color: #1d1f23; }
button:focus-visible, textarea:focus-visible { outline: 2px solid #1f5fbf; outline-offset: 1px; }
textarea { font: inherit; color: inherit; background: #fff; border: 1px solid #c9cdd3; border-radius: 6px; padding: 4px 6px; resize: vertical; min-height: 3em; }
label { font-weight: 600; }
.status { color: #5b6270; min-height: 1.2em; margin: 0; }
.toast { max-width: 360px; }
@media (prefers-color-scheme: dark) {
  .panel, textarea { color: #e8eaed; background: #23262b; border-color: #3a3f46; }
  button { background: #2d3036; border-color: #3a3f46; }
  button.swatch[aria-pressed="true"] { border-color: #e8eaed; }
  .status { color: #a4abb6; }
}`;

function swatch(doc: Document, color: string): HTMLButtonElement {
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'swatch';
  button.dataset.color = color;
  return button;
}

/** Colours the swatches under `parent` and names them (`label` turns a colour's name into the button's name). */
function paintSwatches(parent: HTMLElement, palette: Palette, label: (name: string) => string): void {
  for (const button of parent.querySelectorAll<HTMLButtonElement>('button.swatch')) {
    const color = button.dataset.color!;
    button.style.background = highlightBackground(palette, color);
    button.setAttribute('aria-label', label(colorLabel(palette, color)));
    button.title = button.getAttribute('aria-label')!;
  }
}

/** The mounted interface. */
export interface PageUi {
  /** Shows a short message by the top of the page for a few seconds. */
  say(text: string): void;
  /** Shows the swatches in the user's colours and names. */
  setPalette(palette: Palette): void;
}

/** Mounts the toolbar and editor into `doc`. */
export function mountPageUi(doc: Document, highlights: PageHighlights, actions: PageActions): PageUi {
  const host = doc.createElement('gleaner-ui');
  host.setAttribute(UI_ATTRIBUTE, '');
  // Gleaner's language, not the page's: an Arabic interface on an English page reads right to left.
  host.dir = textDirection();
  // Open, as Hypothesis's adder is: assistive technology and role-based tests reach into it. Page CSS still
  // cannot; page scripts could read a note while it is typed here, as they can read the highlights themselves.
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = STYLE;

  const toolbar = doc.createElement('div');
  toolbar.className = 'panel';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', t('page.toolbar'));
  toolbar.hidden = true;
  for (const color of COLOR_NAMES) toolbar.append(swatch(doc, color));

  const editor = doc.createElement('div');
  editor.className = 'panel editor';
  editor.setAttribute('role', 'dialog');
  editor.setAttribute('aria-label', t('page.editor'));
  editor.hidden = true;
  const colors = doc.createElement('div');
  colors.className = 'row';
  colors.setAttribute('role', 'group');
  colors.setAttribute('aria-label', t('common.colour'));
  for (const color of COLOR_NAMES) colors.append(swatch(doc, color));
  const setPalette = (palette: Palette) => {
    paintSwatches(toolbar, palette, (name) => t('color.highlightIn', [name]));
    paintSwatches(colors, palette, (name) => name);
  };
  setPalette(DEFAULT_PALETTE);
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
  editor.append(colors, noteLabel, note, actionsRow, status);
  const toast = doc.createElement('div');
  toast.className = 'panel toast';
  toast.setAttribute('role', 'alert');
  toast.hidden = true;
  shadow.append(style, toolbar, editor, toast);
  doc.documentElement.append(host);

  let editing: HighlightRecord | null = null;
  let deleted: HighlightRecord | null = null;
  let noteTimer: ReturnType<typeof setTimeout> | undefined;

  const place = (panel: HTMLElement, rect: DOMRect) => {
    const view = doc.defaultView!;
    panel.hidden = false;
    const width = panel.offsetWidth || 200;
    const left = Math.max(8, Math.min(rect.left + rect.width / 2 - width / 2, view.innerWidth - width - 8));
    panel.style.left = `${left + view.scrollX}px`;
    panel.style.top = `${rect.bottom + view.scrollY + 8}px`;
  };

  let toastTimer: ReturnType<typeof setTimeout> | undefined;
  const say = (text: string) => {
    const view = doc.defaultView!;
    toast.textContent = t('page.message', [text]);
    toast.hidden = false;
    toast.style.top = `${view.scrollY + 16}px`;
    toast.style.left = `${view.scrollX + Math.max(8, view.innerWidth / 2 - 180)}px`;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => (toast.hidden = true), 5000);
  };

  /** A failed action says why: in the editor when it is open, else by the top of the page. */
  const fail = (error: unknown) => {
    const text = errorText(error);
    if (editor.hidden) say(text);
    else status.textContent = text;
  };

  const showToolbar = () => {
    const selection = doc.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount || host.contains(selection.anchorNode)) {
      toolbar.hidden = true;
      return;
    }
    const rect = selection.getRangeAt(0).getBoundingClientRect();
    if (!rect.width && !rect.height) return;
    editor.hidden = true;
    place(toolbar, rect);
  };

  const openEditor = (id: string, element: Element) => {
    const record = highlights.record(id);
    if (!record) return;
    editing = record;
    deleted = null;
    note.value = record.note;
    undo.hidden = true;
    remove.hidden = false;
    status.textContent = '';
    for (const button of colors.querySelectorAll('button'))
      button.setAttribute('aria-pressed', String(button.dataset.color === record.color));
    toolbar.hidden = true;
    place(editor, element.getBoundingClientRect());
    note.focus();
  };

  const close = () => {
    toolbar.hidden = true;
    editor.hidden = true;
    editing = null;
  };

  toolbar.addEventListener('click', (event) => {
    const color = (event.target as HTMLElement).closest('button')?.dataset.color ?? DEFAULT_COLOR;
    const selectors = highlights.describeSelection();
    toolbar.hidden = true;
    if (!selectors) return;
    actions.create(selectors, color).then((record) => {
      highlights.draw([record], false);
      doc.getSelection()?.removeAllRanges();
    }, fail);
  });
  // Keep the page selection when the toolbar is pressed.
  toolbar.addEventListener('mousedown', (event) => event.preventDefault());

  colors.addEventListener('click', (event) => {
    const color = (event.target as HTMLElement).closest('button')?.dataset.color;
    if (!color || !editing) return;
    actions.update(editing.id, { color }).then((record) => {
      editing = record;
      highlights.update(record);
      for (const button of colors.querySelectorAll('button'))
        button.setAttribute('aria-pressed', String(button.dataset.color === color));
    }, fail);
  });

  note.addEventListener('input', () => {
    clearTimeout(noteTimer);
    const id = editing?.id;
    const value = note.value;
    if (!id) return;
    status.textContent = t('common.saving');
    noteTimer = setTimeout(() => {
      actions.update(id, { note: value }).then((record) => {
        highlights.update(record);
        if (editing?.id === id) editing = record;
        status.textContent = t('common.noteSaved');
      }, fail);
    }, 400);
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

  const onPointerUp = (event: MouseEvent) => {
    if (event.composedPath().includes(host)) return;
    // Let the selection settle first.
    setTimeout(showToolbar, 0);
  };
  const onKeyUp = (event: KeyboardEvent) => {
    if (event.key === 'Escape') close();
    else if (event.shiftKey || event.key === 'Shift') showToolbar();
  };
  const onClick = (event: MouseEvent) => {
    if (event.composedPath().includes(host)) return;
    const mark = (event.target as Element | null)?.closest?.(`[${HIGHLIGHT_ATTRIBUTE}]`);
    const selection = doc.getSelection();
    if (mark && !mark.closest('a[href]') && (!selection || selection.isCollapsed)) {
      openEditor(mark.getAttribute(HIGHLIGHT_ATTRIBUTE)!, mark);
    } else if (!editor.hidden) {
      close();
    }
  };
  doc.addEventListener('mouseup', onPointerUp, true);
  doc.addEventListener('keyup', onKeyUp, true);
  doc.addEventListener('click', onClick, true);
  return {
    say,
    setPalette,
  };
}
