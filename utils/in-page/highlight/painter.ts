/**
 * How highlights are painted on a page, in one of the two forms `shared/docs/surface.md` allows:
 *
 * - the CSS Custom Highlight API (custom-highlights.ts), wherever the browser has it (Chrome 105+, Firefox
 *   140+: every browser Gleaner supports). The page's DOM is left exactly as its own script made it, so a
 *   framework updating or removing the text it rendered finds its own nodes where it left them: no text
 *   doubled, no script error. The README's "How highlights are painted" gives the figures behind this choice.
 * - wrapping marks (draw.ts), where the API is missing (an older browser, the unit tests' DOM).
 *
 * The choice is made in page-highlights.ts. Either way the painter owns what it drew: whether a highlight is
 * still on the text it was painted on, its boxes on screen, and which highlight is under a point (a click).
 */
import type { Palette } from '../../settings/palette';

/** Paints highlights on one document. */
export interface Painter {
  /** Which form of `surface.md` this painter draws. */
  readonly form: 'marks' | 'custom-highlights';
  /** Paints highlight `id` over `range` in `color`; false when the range covers no text to paint. */
  paint(range: Range, id: string, color: string): boolean;
  /** Takes highlight `id` off the page (the page's own DOM as it was). */
  erase(id: string): void;
  /** Takes every highlight off the page. */
  eraseAll(): void;
  /** Paints highlight `id` in another colour. */
  recolor(id: string, color: string): void;
  /** Marks highlight `id` as having a note (a dotted underline), or not; kept while it is painted. */
  markNoted(id: string, noted: boolean): void;
  /** Paints every highlight, now and later, in `palette`'s colours (and names them by it). */
  setPalette(palette: Palette): void;
  /** Whether highlight `id` is painted, still on all of the text it was painted on, and that text unchanged. */
  intact(id: string): boolean;
  /** The boxes highlight `id` covers on screen (viewport coordinates), in text order; none when not painted. */
  rects(id: string): DOMRect[];
  /** The painted highlight under a point of the viewport (the one painted last, where they overlap). */
  at(x: number, y: number): string | null;
  /** Brings highlight `id` into view and flashes it; false when it is not painted. */
  reveal(id: string): boolean;
}

/** Of the highlights `ids` (in the order painted), the last whose boxes hold viewport point (`x`, `y`). */
export function highlightAt(
  ids: Iterable<string>,
  rects: (id: string) => DOMRect[],
  x: number,
  y: number,
): string | null {
  let found: string | null = null;
  for (const id of ids) if (inRects(rects(id), x, y)) found = id;
  return found;
}

/** Whether viewport point (`x`, `y`) lies in one of `rects`. */
export const inRects = (rects: Iterable<DOMRect>, x: number, y: number): boolean => {
  for (const rect of rects) if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return true;
  return false;
};
