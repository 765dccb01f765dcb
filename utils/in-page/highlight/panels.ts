/**
 * The pieces Gleaner's in-page panels are made of: their style sheet (in the panel frame), colour swatches,
 * and where the frame goes by the selection or a highlight.
 */
import { COLOR_NAMES, colorLabel, highlightBackground, type Palette } from '../../settings/palette';

/** Room around the panel inside its frame, for the shadow (px). */
export const PANEL_MARGIN = 8;

/** The panels' own rules (the toolbar, the editor, a message), light and dark: in the panel frame, and nested
 * under the reader's editor box (entrypoints/reader), which shows the same editor on the saved article. */
export const PANEL_RULES = `
.panel { width: max-content; font: 13px/1.4 system-ui, sans-serif; color: #1d1f23; background: #fff;
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
.message { max-width: 360px; }
.note { white-space: pre-wrap; overflow-wrap: anywhere; max-height: 200px; overflow: auto; display: block; }
@media (prefers-color-scheme: dark) {
  .panel, textarea { color: #e8eaed; background: #23262b; border-color: #3a3f46; }
  button { background: #2d3036; border-color: #3a3f46; }
  button.swatch[aria-pressed="true"] { border-color: #e8eaed; }
  .status { color: #a4abb6; }
}`;

/** The panel frame's style sheet: a transparent page with room around the panel for its shadow. */
export const PANEL_STYLE = `
html, body { margin: 0; background: transparent; color-scheme: light dark; }
body { padding: ${PANEL_MARGIN}px; }
${PANEL_RULES}`;

/** A panel (`div.panel`) with its role and accessible name, hidden until placed. */
export function createPanel(doc: Document, role: string, label: string, className = 'panel'): HTMLDivElement {
  const panel = doc.createElement('div');
  panel.className = className;
  panel.setAttribute('role', role);
  panel.setAttribute('aria-label', label);
  panel.hidden = true;
  return panel;
}

/** One round button per colour slot, in the pickers' order (named and coloured by `paintSwatches`). */
export function appendSwatches(doc: Document, parent: HTMLElement): void {
  for (const color of COLOR_NAMES) {
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'swatch';
    button.dataset.color = color;
    parent.append(button);
  }
}

/** Colours the swatches under `parent` and names them (`label` turns a colour's name into the button's name). */
export function paintSwatches(parent: HTMLElement, palette: Palette, label: (name: string) => string): void {
  for (const button of parent.querySelectorAll<HTMLButtonElement>('button.swatch')) {
    const color = button.dataset.color!;
    button.style.background = highlightBackground(palette, color);
    button.setAttribute('aria-label', label(colorLabel(palette, color)));
    button.title = button.getAttribute('aria-label')!;
  }
}

/** The colour slot of the swatch an event happened on, if any. */
export const swatchColor = (event: Event): string | undefined =>
  (event.target as HTMLElement).closest('button')?.dataset.color;

/** Where a panel of `size` goes by `rect` (viewport coordinates), in page coordinates: centred on it, inside the
 * window; below it, or above it when the window has no room below and has room above. */
export function panelPosition(
  view: Window,
  rect: DOMRect,
  size: { width: number; height: number },
): { left: number; top: number } {
  const left = Math.max(8, Math.min(rect.left + rect.width / 2 - size.width / 2, view.innerWidth - size.width - 8));
  const below = rect.bottom + 8;
  const above = rect.top - 8 - size.height;
  const top = below + size.height > view.innerHeight && above >= 0 ? above : below;
  return { left: left + view.scrollX, top: top + view.scrollY };
}

/**
 * Where the colour toolbar goes by a selection, in page coordinates: in the margin beside the selection's text
 * column (`column`, its block's box; after the text in its direction, else before it), level with the
 * selection's first line, so that it covers neither the selection nor the lines around it. Only where the
 * window has no such margin (a narrow window, text edge to edge) does it go by the selection as panelPosition
 * says.
 */
export function toolbarPosition(
  view: Window,
  selection: DOMRect,
  column: DOMRect | null,
  size: { width: number; height: number },
  rtl = false,
): { left: number; top: number } {
  if (column) {
    const top = Math.max(
      8,
      Math.min(selection.top - (size.height - selection.height) / 2, view.innerHeight - size.height - 8),
    );
    const after = column.right + 4;
    const before = column.left - 4 - size.width;
    const fitsAfter = after + size.width <= view.innerWidth - 8;
    const fitsBefore = before >= 8;
    const left = rtl
      ? fitsBefore
        ? before
        : fitsAfter
          ? after
          : null
      : fitsAfter
        ? after
        : fitsBefore
          ? before
          : null;
    if (left !== null) return { left: left + view.scrollX, top: top + view.scrollY };
  }
  return panelPosition(view, selection, size);
}
