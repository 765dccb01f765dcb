/**
 * Gleaner's small interface inside a saved page: the colour toolbar by the selection (toolbar.ts), the editor
 * that opens when a highlight is clicked (editor.ts), and a short message by the top of the page. It lives in a
 * shadow root outside `<body>`, so page CSS cannot restyle it and the page text model never includes it.
 */
import { UI_ATTRIBUTE } from '../../anchoring/text-model';
import { DEFAULT_PALETTE, type Palette } from '../../settings/palette';
import { errorText } from '../../error-text';
import { t, textDirection } from '../../i18n';
import { HIGHLIGHT_ATTRIBUTE } from './draw';
import type { Selectors } from '../../anchoring/selectors';
import type { HighlightRecord } from '../../records/types';
import { createEditor, type EditorActions } from './editor';
import type { PageHighlights } from './page-highlights';
import { PANEL_STYLE } from './panels';
import { createToolbar } from './toolbar';

/** How long a message by the top of the page stays. */
const MESSAGE_MS = 5000;

/** What the in-page interface asks the background to do: the editor's actions, and making a highlight. */
export interface PageActions extends EditorActions {
  create(selectors: Selectors, color: string): Promise<HighlightRecord>;
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
  style.textContent = PANEL_STYLE;

  const toast = doc.createElement('div');
  toast.className = 'panel toast';
  toast.setAttribute('role', 'alert');
  toast.hidden = true;
  let toastTimer: ReturnType<typeof setTimeout> | undefined;
  const say = (text: string) => {
    const view = doc.defaultView!;
    toast.textContent = t('page.message', [text]);
    toast.hidden = false;
    toast.style.top = `${view.scrollY + 16}px`;
    toast.style.left = `${view.scrollX + Math.max(8, view.innerWidth / 2 - 180)}px`;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => (toast.hidden = true), MESSAGE_MS);
  };

  /** A failed action says why: in the editor when it is open, else by the top of the page. */
  const fail = (error: unknown) => {
    if (editor.isOpen()) editor.showError(error);
    else say(errorText(error));
  };
  const editor = createEditor(doc, highlights, actions, fail);
  const toolbar = createToolbar(doc, (color) => {
    const selectors = highlights.describeSelection();
    if (!selectors) return;
    actions.create(selectors, color).then((record) => {
      highlights.draw([record], false);
      doc.getSelection()?.removeAllRanges();
    }, fail);
  });
  const setPalette = (palette: Palette) => {
    toolbar.setPalette(palette);
    editor.setPalette(palette);
  };
  setPalette(DEFAULT_PALETTE);
  shadow.append(style, toolbar.element, editor.element, toast);
  doc.documentElement.append(host);

  const showToolbar = () => {
    if (toolbar.showFor(doc.getSelection(), (node) => host.contains(node))) editor.hide();
  };
  const close = () => {
    toolbar.hide();
    editor.close();
  };

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
      toolbar.hide();
      editor.open(mark.getAttribute(HIGHLIGHT_ATTRIBUTE)!, mark);
    } else if (editor.isOpen()) {
      close();
    }
  };
  doc.addEventListener('mouseup', onPointerUp, true);
  doc.addEventListener('keyup', onKeyUp, true);
  doc.addEventListener('click', onClick, true);
  return { say, setPalette };
}
