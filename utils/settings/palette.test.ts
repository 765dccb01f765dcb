import { describe, expect, it } from 'vitest';
import { colorLabel, DEFAULT_PALETTE, highlightBackground } from './palette';

describe('palette', () => {
  const palette = { ...DEFAULT_PALETTE, green: { name: '  Evidence ', value: '#00aa55' } };

  it("names a colour by the user's name, else by the built-in name in the user's language", () => {
    expect(colorLabel(palette, 'green')).toBe('Evidence');
    expect(colorLabel(palette, 'yellow')).toBe('Yellow');
    expect(colorLabel(palette, 'no-such-colour')).toBe('Yellow');
  });

  it("draws a colour translucent, and a damaged value in the slot's default", () => {
    expect(highlightBackground(palette, 'green')).toBe('rgba(0, 170, 85, 0.4)');
    expect(highlightBackground({ ...palette, blue: { name: '', value: 'red;x' } }, 'blue')).toBe(
      'rgba(60, 150, 255, 0.4)',
    );
  });
});
