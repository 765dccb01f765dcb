/**
 * The colour toolbar that appears by a selection on a saved page: one button per colour ("Highlight NAME");
 * pressing one highlights the selection in that colour. Pressing it keeps the page's selection.
 */
import { DEFAULT_COLOR, type Palette } from '../../settings/palette';
import { t } from '../../i18n';
import { appendSwatches, createPanel, paintSwatches, placePanel, swatchColor } from './panels';

/** The toolbar, mounted by page-ui.ts. */
export interface Toolbar {
  readonly element: HTMLElement;
  /**
   * Shows the toolbar by `selection` (true), or hides it when nothing (or only Gleaner's own interface) is
   * selected; a selection without a box on screen changes nothing (false).
   */
  showFor(selection: Selection | null, isOurs: (node: Node | null) => boolean): boolean;
  hide(): void;
  setPalette(palette: Palette): void;
}

/** Builds the toolbar; `onPick` gets the colour pressed (the toolbar is hidden by then). */
export function createToolbar(doc: Document, onPick: (color: string) => void): Toolbar {
  const element = createPanel(doc, 'toolbar', t('page.toolbar'));
  appendSwatches(doc, element);
  element.addEventListener('click', (event) => {
    const color = swatchColor(event) ?? DEFAULT_COLOR;
    element.hidden = true;
    onPick(color);
  });
  // Keep the page selection when the toolbar is pressed.
  element.addEventListener('mousedown', (event) => event.preventDefault());
  return {
    element,
    showFor(selection, isOurs) {
      if (!selection || selection.isCollapsed || !selection.rangeCount || isOurs(selection.anchorNode)) {
        element.hidden = true;
        return false;
      }
      const rect = selection.getRangeAt(0).getBoundingClientRect();
      if (!rect.width && !rect.height) return false;
      placePanel(doc, element, rect);
      return true;
    },
    hide() {
      element.hidden = true;
    },
    setPalette(palette) {
      paintSwatches(element, palette, (name) => t('color.highlightIn', [name]));
    },
  };
}
