/**
 * The highlight palette: five colour slots, each with a name people see and hear (the pickers' labels, what a
 * screen reader says) and a colour. Highlights store the slot ('yellow'), so renaming or recolouring a slot on
 * the options page changes every highlight in it; the user's palette is a setting (storage.ts beside this file).
 */
import { message } from '../i18n';

/** The slots, in the order the pickers show them; the first is the default. */
export const COLOR_NAMES = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;

/** A highlight colour slot. */
export type ColorName = (typeof COLOR_NAMES)[number];

/** The colour new highlights get unless another is picked. */
export const DEFAULT_COLOR: ColorName = 'yellow';

/** One slot as the user set it up. */
export interface PaletteEntry {
  /** The user's name for it; empty: the built-in name in the user's language ("Yellow", "Jaune", "أصفر"). */
  name: string;
  /** The colour, `#rrggbb` (what `<input type="color">` gives); drawn translucent over the page's text. */
  value: string;
}

/** Every slot's name and colour. */
export type Palette = Record<ColorName, PaletteEntry>;

/** The built-in palette: colours readable under dark and light text once made translucent. */
export const DEFAULT_PALETTE: Palette = {
  yellow: { name: '', value: '#ffd400' },
  green: { name: '', value: '#3cc85a' },
  blue: { name: '', value: '#3c96ff' },
  pink: { name: '', value: '#ff5aaa' },
  purple: { name: '', value: '#9664ff' },
};

/** Whether a stored string is a slot; unknown colours are drawn in the default. */
export function isColorName(value: string): value is ColorName {
  return (COLOR_NAMES as readonly string[]).includes(value);
}

/** The slot a stored colour is drawn in. */
export function slotOf(color: string): ColorName {
  return isColorName(color) ? color : DEFAULT_COLOR;
}

/** The name of a colour in `palette`, as pickers and screen readers say it. */
export function colorLabel(palette: Palette, color: string): string {
  const slot = slotOf(color);
  return palette[slot].name.trim() || message(`color.${slot}`);
}

/** The background a highlight of `color` is drawn with: the slot's colour at 40%, so page text stays readable. */
export function highlightBackground(palette: Palette, color: string): string {
  const hex =
    /^#([0-9a-f]{6})$/i.exec(palette[slotOf(color)].value)?.[1] ?? DEFAULT_PALETTE[slotOf(color)].value.slice(1);
  const [r, g, b] = [0, 2, 4].map((at) => parseInt(hex.slice(at, at + 2), 16));
  return `rgba(${r}, ${g}, ${b}, 0.4)`;
}
