/**
 * The options page: highlight colours and their names, the keyboard shortcut, the reader's remote images, what
 * a revisit of a saved page does (per site), and the Markdown export template. Every change is stored at once.
 */
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { usePendingWrites } from '@/hooks/use-pending-writes';
import { TEMPLATE_VARIABLES } from '@/utils/export/template-variables';
import { errorText } from '@/utils/error-text';
import { message, t } from '@/utils/i18n';
import { commandShortcuts, HIGHLIGHT_COMMAND, openShortcutSettings } from '@/utils/platform';
import { readSettings, writeSettings, type Settings } from '@/utils/settings/storage';
import { settingsProblem } from '@/utils/settings/schema';
import { RevisitSettings } from '@/components/RevisitSettings';
import { ColourSettings } from '@/components/ColourSettings';

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
  const store = usePendingWrites<Settings>((changes) => {
    // What a backup could not restore is not stored (a template past its length): said, nothing changed.
    const problem = settingsProblem(changes);
    if (problem) return setSaved(t('common.notSaved', [problem]));
    writeSettings(changes).then(
      () => setSaved(t('common.saved')),
      (error: unknown) => setSaved(t('common.notSaved', [errorText(error)])),
    );
  });
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
    store(next, delay);
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
        <label class="inline">
          <input
            type="checkbox"
            checked={settings.libraryImages}
            onChange={(e) => change({ libraryImages: e.currentTarget.checked })}
          />{' '}
          {t('options.libraryImages')}
        </label>
        <p class="hint">{t('options.libraryImagesHint')}</p>
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
