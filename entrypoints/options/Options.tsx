/**
 * The options page: highlight colours and their names, the keyboard shortcut, the reader's remote images, what
 * a revisit of a saved page does (per site), and the Markdown export template. Every change is stored at once.
 */
import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { TEMPLATE_VARIABLES } from '@/utils/export/template-variables';
import { errorText } from '@/utils/error-text';
import {
  COLOR_NAMES,
  colorLabel,
  DEFAULT_PALETTE,
  highlightBackground,
  type ColorName,
  type Palette,
} from '@/utils/settings/palette';
import { message, t } from '@/utils/i18n';
import { commandShortcuts, HIGHLIGHT_COMMAND, openShortcutSettings } from '@/utils/platform';
import { readSettings, writeSettings, type Settings } from '@/utils/settings/storage';
import { siteOf } from '@/utils/settings/revisit';

/** An example template, offered as a starting point. */
const EXAMPLE = `---
source: "{{url}}"
saved: {{saved}}
---
# {{title}}

{{tags}}

{{note}}

{{highlights}}
`;

export function Options() {
  const [settings, setSettings] = useState<Required<Settings> | null>(null);
  const [saved, setSaved] = useState('');
  const [shortcut, setShortcut] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  /** Changes not stored yet: a quick second change must not drop the first one's pending write. */
  const pending = useRef<Partial<Settings>>({});
  useEffect(() => void readSettings().then(setSettings), []);
  useEffect(() => {
    const read = () => void commandShortcuts().then((shortcuts) => setShortcut(shortcuts.get(HIGHLIGHT_COMMAND) ?? ''));
    read();
    // Back from the browser's shortcuts page: show what was set there.
    window.addEventListener('focus', read);
    return () => window.removeEventListener('focus', read);
  }, []);

  /** Stores a change (text after a pause in typing), with any still waiting. */
  const change = (next: Partial<Settings>, delay = 0) => {
    setSettings((current) => current && { ...current, ...next });
    pending.current = { ...pending.current, ...next };
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const changes = pending.current;
      pending.current = {};
      writeSettings(changes).then(
        () => setSaved(t('common.saved')),
        (error: unknown) => setSaved(t('common.notSaved', [errorText(error)])),
      );
    }, delay);
  };

  if (!settings)
    return (
      <main class="options">
        <p role="status">{t('common.loading')}</p>
      </main>
    );
  return (
    <main class="options">
      <h1>{t('options.title')}</h1>
      <p class="saved" role="status" aria-live="polite">
        {saved}
      </p>
      <ColourSettings
        palette={settings.highlightPalette}
        onChange={(highlightPalette, delay) => change({ highlightPalette }, delay)}
      />

      <section aria-labelledby="shortcuts-heading">
        <h2 id="shortcuts-heading">{t('options.shortcuts')}</h2>
        <p>
          {shortcut === null
            ? t('common.loading')
            : shortcut
              ? t('options.shortcutNow', [shortcut])
              : t('options.shortcutNone')}
        </p>
        <button
          type="button"
          onClick={() => void openShortcutSettings().catch((error: unknown) => setSaved(errorText(error)))}
        >
          {t('options.changeShortcuts')}
        </button>
        <p class="hint">{t('options.shortcutsHint')}</p>
      </section>

      <section aria-labelledby="reader-heading">
        <h2 id="reader-heading">{t('options.reader')}</h2>
        <label class="inline">
          <input
            type="checkbox"
            checked={settings.readerRemoteImages}
            onChange={(e) => change({ readerRemoteImages: e.currentTarget.checked })}
          />{' '}
          {t('options.remoteImages')}
        </label>
        <p class="hint">{t('options.remoteImagesHint')}</p>
      </section>

      <RevisitSettings restore={settings.revisitRestore} exceptions={settings.revisitExceptions} onChange={change} />

      <section aria-labelledby="export-heading">
        <h2 id="export-heading">{t('options.export')}</h2>
        <label class="inline">
          <input
            type="checkbox"
            checked={settings.exportFullText}
            onChange={(e) => change({ exportFullText: e.currentTarget.checked })}
          />{' '}
          {t('options.includeText')}
        </label>
        <label for="template">{t('options.template')}</label>
        <textarea
          id="template"
          dir="auto"
          value={settings.exportTemplate}
          placeholder={t('options.templatePlaceholder')}
          onInput={(e) => change({ exportTemplate: e.currentTarget.value }, 400)}
        />
        <p class="row">
          <button type="button" onClick={() => change({ exportTemplate: EXAMPLE })}>
            {t('options.example')}
          </button>
          <button type="button" onClick={() => change({ exportTemplate: '' })}>
            {t('options.defaultLayout')}
          </button>
        </p>
        <h3>{t('options.variables')}</h3>
        <p>{t('options.variablesHint', ['{{name}}'])}</p>
        <dl dir="ltr">
          {Object.entries(TEMPLATE_VARIABLES).map(([name, meaning]) => (
            <Fragment key={name}>
              <dt>{`{{${name}}}`}</dt>
              <dd dir="auto">{message(meaning)}</dd>
            </Fragment>
          ))}
        </dl>
      </section>
    </main>
  );
}

/** Each colour slot: its name (what pickers and screen readers say) and its colour. */
function ColourSettings({
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

/** Whether revisits draw highlights again, and the sites where the opposite holds. */
function RevisitSettings({
  restore,
  exceptions,
  onChange,
}: {
  restore: boolean;
  exceptions: string[];
  onChange: (next: Partial<Settings>) => void;
}) {
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState('');
  const add = () => {
    const site = siteOf(draft);
    if (!site) {
      setProblem(t('options.badSite', [draft.trim()]));
      return;
    }
    setProblem('');
    setDraft('');
    if (!exceptions.includes(site)) onChange({ revisitExceptions: [...exceptions, site].sort() });
  };
  return (
    <section aria-labelledby="revisit-heading">
      <h2 id="revisit-heading">{t('options.revisit')}</h2>
      <label class="inline">
        <input
          type="checkbox"
          checked={restore}
          onChange={(e) => onChange({ revisitRestore: e.currentTarget.checked })}
        />{' '}
        {t('options.restoreHighlights')}
      </label>
      <h3 id="exceptions-heading">{restore ? t('options.exceptions') : t('options.exceptionsOn')}</h3>
      {exceptions.length === 0 ? (
        <p class="hint">{t('options.noExceptions')}</p>
      ) : (
        <ul class="sites" aria-labelledby="exceptions-heading">
          {exceptions.map((site) => (
            <li key={site} class="row">
              <span dir="ltr">{site}</span>
              <button
                type="button"
                aria-label={t('options.removeSite', [site])}
                onClick={() => onChange({ revisitExceptions: exceptions.filter((s) => s !== site) })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <label class="visually-hidden" for="site">
          {t('options.addSite')}
        </label>
        <input
          id="site"
          type="text"
          placeholder={t('options.addSite')}
          value={draft}
          onInput={(e) => setDraft(e.currentTarget.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'site-problem' : undefined}
        />
        <button type="submit">{t('options.addSiteButton')}</button>
      </form>
      {problem && (
        <p id="site-problem" role="alert" class="problem">
          {problem}
        </p>
      )}
    </section>
  );
}
