/** The highlight palette: named colours, readable on light and dark pages (translucent). */

/** Colour names, in the order the pickers show them; the first is the default. */
export const COLOR_NAMES = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;

/** A highlight colour name. */
export type ColorName = (typeof COLOR_NAMES)[number];

/** The colour new highlights get unless another is picked. */
export const DEFAULT_COLOR: ColorName = 'yellow';

/** Background of each colour, translucent so the page's own text colour stays readable. */
export const COLOR_VALUES: Record<ColorName, string> = {
  yellow: 'rgba(255, 212, 0, 0.45)',
  green: 'rgba(60, 200, 90, 0.38)',
  blue: 'rgba(60, 150, 255, 0.35)',
  pink: 'rgba(255, 90, 170, 0.35)',
  purple: 'rgba(150, 100, 255, 0.35)',
};

/** Whether a stored string is a colour name; unknown colours are drawn in the default. */
export function isColorName(value: string): value is ColorName {
  return (COLOR_NAMES as readonly string[]).includes(value);
}
