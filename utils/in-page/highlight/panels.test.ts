/** Where the in-page panel goes by a selection or a highlight: inside the window, never off its edge. */
import { describe, expect, it } from 'vitest';
import { panelPosition, toolbarPosition } from './panels';

/** A window `width` × `height` scrolled by `scrollY`. */
const view = (width: number, height: number, scrollY = 0) =>
  ({ innerWidth: width, innerHeight: height, scrollX: 0, scrollY }) as Window;
const box = (left: number, top: number, width: number, height: number) =>
  ({ left, top, width, height, right: left + width, bottom: top + height }) as DOMRect;
const size = { width: 160, height: 50 };

describe('the panel position', () => {
  it('is below the selection, centred on it, in page coordinates', () => {
    expect(panelPosition(view(1000, 800, 300), box(400, 100, 200, 20), size)).toEqual({ left: 420, top: 428 });
  });

  it('is above a selection by the bottom of the window, where it would be cut off below', () => {
    expect(panelPosition(view(1000, 800), box(400, 760, 200, 20), size)).toEqual({ left: 420, top: 702 });
  });

  it('stays below when there is no room above either', () => {
    expect(panelPosition(view(1000, 100), box(400, 20, 200, 40), size).top).toBe(68);
  });

  it('stays inside the window by its sides', () => {
    expect(panelPosition(view(1000, 800), box(0, 100, 20, 20), size).left).toBe(8);
    expect(panelPosition(view(1000, 800), box(980, 100, 20, 20), size).left).toBe(832);
  });
});

describe('the toolbar position', () => {
  const column = box(200, 0, 600, 2000);
  const selection = box(400, 300, 200, 20);

  it('is in the margin after the text column, level with the selection, covering no line of it', () => {
    const at = toolbarPosition(view(1000, 800, 500), selection, column, size);
    expect(at).toEqual({ left: 804, top: 785 });
    expect(at.left).toBeGreaterThanOrEqual(column.right);
  });

  it('is before the column when only that margin has room, and first there for right-to-left text', () => {
    expect(toolbarPosition(view(900, 800), selection, box(200, 0, 650, 2000), size).left).toBe(36);
    expect(toolbarPosition(view(1000, 800), selection, column, size, true).left).toBe(36);
  });

  it('stays inside the window top and bottom', () => {
    expect(toolbarPosition(view(1000, 800), box(400, 2, 200, 20), column, size).top).toBe(8);
    expect(toolbarPosition(view(1000, 800), box(400, 790, 200, 20), column, size).top).toBe(742);
  });

  it('goes by the selection where the text runs edge to edge', () => {
    const wide = box(0, 0, 1000, 2000);
    expect(toolbarPosition(view(1000, 800), selection, wide, size)).toEqual(
      panelPosition(view(1000, 800), selection, size),
    );
    expect(toolbarPosition(view(1000, 800), selection, null, size)).toEqual(
      panelPosition(view(1000, 800), selection, size),
    );
  });
});
