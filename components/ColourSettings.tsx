/** Each colour slot: its name (what pickers and screen readers say) and its colour. */
import {
  COLOR_NAMES,
  colorLabel,
  DEFAULT_PALETTE,
  highlightBackground,
  type ColorName,
  type Palette,
} from '@/utils/settings/palette';
import { message, t } from '@/utils/i18n';

export function ColourSettings({
  palette,
  onChange,
}: {
  palette: Palette;
  onChange: (palette: Palette, delay?: number) => void;
}) {
  const set = (slot: ColorName, entry: Partial<Palette[ColorName]>, delay?: number) =>
    onChange({ ...palette, [slot]: { ...palette[slot], ...entry } }, delay);
  return (
    <section aria-labelledby="colours-heading">
      <h2 id="colours-heading">{t('options.colours')}</h2>
      <p class="hint">{t('options.coloursHint')}</p>
      <ul class="colours">
        {COLOR_NAMES.map((slot, at) => {
          const builtIn = message(`color.${slot}`);
          return (
            <li key={slot} class="row">
              <input
                type="color"
                aria-label={t('options.colourValue', [String(at + 1)])}
                value={palette[slot].value}
                onInput={(e) => set(slot, { value: e.currentTarget.value }, 200)}
              />
              <input
                type="text"
                aria-label={t('options.colourName', [String(at + 1)])}
                placeholder={builtIn}
                maxLength={40}
                value={palette[slot].name}
                onInput={(e) => set(slot, { name: e.currentTarget.value }, 400)}
              />
              <span
                class="swatch-preview"
                style={{ background: highlightBackground(palette, slot) }}
                aria-hidden="true"
              >
                {colorLabel(palette, slot)}
              </span>
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={() => onChange(DEFAULT_PALETTE)}>
        {t('options.resetColours')}
      </button>
    </section>
  );
}
