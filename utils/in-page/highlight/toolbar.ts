/**
 * The colour toolbar shown by a selection on a saved page (in the panel frame): one button per colour
 * ("Highlight NAME"); pressing one highlights the selection in that colour.
 */
import { DEFAULT_COLOR, type Palette } from '../../settings/palette';
import { t } from '../../i18n';
import { appendSwatches, createPanel, paintSwatches, swatchColor } from './panels';

/** The toolbar, shown by the panel frame. */
export interface Toolbar {
  readonly element: HTMLElement;
  setPalette(palette: Palette): void;
}

/** Builds the toolbar; `onPick` gets the colour pressed. */
export function createToolbar(doc: Document, onPick: (color: string) => void): Toolbar {
  const element = createPanel(doc, 'toolbar', t('page.toolbar'));
  appendSwatches(doc, element);
  element.addEventListener('click', (event) => {
    if (!(event.target as HTMLElement).closest('button')) return;
    onPick(swatchColor(event) ?? DEFAULT_COLOR);
  });
  return {
    element,
    setPalette(palette) {
      paintSwatches(element, palette, (name) => t('color.highlightIn', [name]));
    },
  };
}
