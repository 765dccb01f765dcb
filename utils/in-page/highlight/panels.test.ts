/** Where the in-page panel goes by a selection or a highlight: inside the window, never off its edge. */
import { describe, expect, it } from 'vitest';
import { panelPosition } from './panels';

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
