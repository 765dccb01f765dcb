/** The options page. Issue 5: the Markdown export settings (template and full text). */
import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { TEMPLATE_VARIABLES } from '@/utils/export/template-variables';
import { errorText } from '@/utils/format';
import { readSettings, writeSettings, type Settings } from '@/utils/settings';

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
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => void readSettings().then(setSettings), []);

  /** Stores a change (the template after a pause in typing). */
  const change = (next: Partial<Settings>, delay = 0) => {
    setSettings((current) => current && { ...current, ...next });
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      writeSettings(next).then(() => setSaved('Saved.'), (error: unknown) => setSaved(`Not saved: ${errorText(error)}`));
    }, delay);
  };

  if (!settings) return <main class="options"><p role="status">Loading…</p></main>;
  return (
    <main class="options">
      <h1>Gleaner settings</h1>
      <section aria-labelledby="export-heading">
        <h2 id="export-heading">Markdown export</h2>
        <label>
          <input type="checkbox" checked={settings.exportFullText} onChange={(e) => change({ exportFullText: e.currentTarget.checked })} /> Include the article text in exports
        </label>
        <p>
          <label for="template">Export template</label>
        </p>
        <textarea id="template" value={settings.exportTemplate} placeholder="Empty: front matter, title, note, highlights (and the article text if chosen above)."
          onInput={(e) => change({ exportTemplate: e.currentTarget.value }, 400)} />
        <p>
          <button type="button" onClick={() => change({ exportTemplate: EXAMPLE })}>Start from an example</button>{' '}
          <button type="button" onClick={() => change({ exportTemplate: '' })}>Use the default layout</button>
        </p>
        <p class="saved" aria-live="polite">{saved}</p>
        <h3>Variables</h3>
        <p>Write <code>{'{{name}}'}</code> where the value should go. Unknown names are left as written.</p>
        <dl>
          {Object.entries(TEMPLATE_VARIABLES).map(([name, meaning]) => (
            <Fragment key={name}>
              <dt>{`{{${name}}}`}</dt>
              <dd>{meaning}</dd>
            </Fragment>
          ))}
        </dl>
      </section>
    </main>
  );
}
