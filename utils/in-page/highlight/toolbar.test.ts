/** The in-page colour toolbar: named swatches in the user's colours, shown by a selection, picking a colour. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PALETTE } from '../../settings/palette';
import { createToolbar } from './toolbar';

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

  it('highlights in the colour pressed', () => {
    const onPick = vi.fn();
    const toolbar = createToolbar(document, onPick);
    document.body.append(toolbar.element);
    toolbar.element.querySelector<HTMLButtonElement>('[data-color="blue"]')!.click();
    expect(onPick).toHaveBeenCalledWith('blue');
  });
});
