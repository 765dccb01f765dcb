/** Whether revisits draw highlights again, and the sites where the opposite holds. */
import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { type Settings } from '@/utils/settings/storage';
import { siteOf } from '@/utils/settings/revisit';

export function RevisitSettings({
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
