/** The in-page colour toolbar: named swatches in the user's colours, shown by a selection, picking a colour. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PALETTE } from '../../settings/palette';
import { createToolbar } from './toolbar';

/** A selection of some page text with a box on screen. */
const selectionOf = (node: Node, rect = new DOMRect(100, 50, 200, 20)) =>
  ({
    isCollapsed: false,
    rangeCount: 1,
    anchorNode: node,
    getRangeAt: () => ({ getBoundingClientRect: () => rect }),
  }) as unknown as Selection;

afterEach(() => {
  document.body.replaceChildren();
});

describe('the toolbar', () => {
  it('names each colour as the user named it, in a toolbar named for Gleaner', () => {
    const toolbar = createToolbar(document, () => {});
    toolbar.setPalette({ ...DEFAULT_PALETTE, green: { name: 'Evidence', value: '#00ff00' } });
    expect(toolbar.element.getAttribute('role')).toBe('toolbar');
    expect(toolbar.element.getAttribute('aria-label')).toBe('Gleaner highlight');
    const names = [...toolbar.element.querySelectorAll('button')].map((button) => button.getAttribute('aria-label'));
    expect(names).toEqual([
      'Highlight Yellow',
      'Highlight Evidence',
      'Highlight Blue',
      'Highlight Pink',
      'Highlight Purple',
    ]);
  });

  it('shows by a selection and hides when there is none, or when it is inside Gleaner’s own interface', () => {
    const toolbar = createToolbar(document, () => {});
    const text = document.body.appendChild(document.createTextNode('Some page text'));
    expect(toolbar.showFor(selectionOf(text), () => false)).toBe(true);
    expect(toolbar.element.hidden).toBe(false);
    expect(toolbar.showFor(null, () => false)).toBe(false);
    expect(toolbar.element.hidden).toBe(true);
    toolbar.showFor(selectionOf(text), () => false);
    expect(toolbar.showFor(selectionOf(text), () => true)).toBe(false);
    expect(toolbar.element.hidden).toBe(true);
    expect(toolbar.showFor({ ...selectionOf(text), isCollapsed: true }, () => false)).toBe(false);
  });

  it('highlights in the colour pressed, then hides, and keeps the page selection when pressed', () => {
    const onPick = vi.fn();
    const toolbar = createToolbar(document, onPick);
    document.body.append(toolbar.element);
    toolbar.showFor(selectionOf(document.body), () => false);
    const blue = toolbar.element.querySelector<HTMLButtonElement>('[data-color="blue"]')!;
    const press = new MouseEvent('mousedown', { bubbles: true, cancelable: true });
    blue.dispatchEvent(press);
    expect(press.defaultPrevented).toBe(true);
    blue.click();
    expect(onPick).toHaveBeenCalledWith('blue');
    expect(toolbar.element.hidden).toBe(true);
  });
});
