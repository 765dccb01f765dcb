/**
 * The search page's library tools: "Export Markdown" (a zip of the current results, or of everything when
 * the query is empty), "Back up" (one JSON file of everything) and "Restore backup" (a file input), each with
 * progress and a result in words.
 */
import { useState } from 'preact/hooks';
import { useSetting } from '@/hooks/use-setting';
import { reportText, restoreBackup, writeBackup } from '@/utils/backup/backup';
import { download, markdownZip } from '@/utils/export/export-library';
import { errorText } from '@/utils/error-text';
import { countText, formatList, formatNumber, t } from '@/utils/i18n';
import { importItems, parseImportFile } from '@/utils/import/import-library';
import { exportFullText, readSettings } from '@/utils/settings/storage';

export interface LibraryToolsProps {
  /** The ids of the articles to export (the current results), asked for when exporting; null: the whole library. */
  exportIds: (() => readonly string[]) | null;
  /** Called after a restore changed the library (the page searches again). */
  onRestored: () => void;
  /** Called with true when a restore or an import begins writing, and false when it ends. */
  onWriting?: (writing: boolean) => void;
}

interface Progress {
  label: string;
  done: number;
  total: number;
}

export function LibraryTools({ exportIds, onRestored, onWriting = () => {} }: LibraryToolsProps) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [message, setMessage] = useState('');
  const [fullText, setFullText] = useSetting(exportFullText);

  const run = async (work: () => Promise<string>, writes = false) => {
    setMessage('');
    if (writes) onWriting(true);
    try {
      setMessage(await work());
    } catch (error) {
      setMessage(t('common.somethingWrong', [errorText(error)]));
    } finally {
      setProgress(null);
      if (writes) onWriting(false);
    }
  };

  const exportMarkdown = () =>
    run(async () => {
      const settings = await readSettings();
      const { zip, count } = await markdownZip(
        exportIds && exportIds(),
        { fullText, template: settings.exportTemplate },
        (done, total) => setProgress({ label: t('tools.exporting'), done, total }),
      );
      download(zip, `gleaner-markdown-${new Date().toISOString().slice(0, 10)}.zip`);
      return t('tools.exported', [countText('count.articles', count)]);
    });

  const backUp = () =>
    run(async () => {
      setProgress({ label: t('tools.backingUp'), done: 0, total: 0 });
      const backup = await writeBackup((done, total) => setProgress({ label: t('tools.backingUp'), done, total }));
      download(backup.blob, backup.name);
      return t('tools.backedUp', [
        countText('count.articles', backup.articles),
        countText('count.highlights', backup.highlights),
      ]);
    });

  const restore = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = ''; // the same file may be chosen again
    if (!file) return;
    const labels = {
      reading: t('tools.readingBackup'),
      restoring: t('tools.restoring'),
      indexing: t('tools.updatingIndex'),
    };
    void run(async () => {
      setProgress({ label: labels.reading, done: 0, total: 0 });
      const result = await restoreBackup(file, (phase, done, total) =>
        setProgress({ label: labels[phase], done, total }),
      );
      if (!result.ok) return result.error;
      onRestored();
      return reportText(result.report);
    }, true);
  };

  const importFile = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    void run(async () => {
      setProgress({ label: t('tools.importing'), done: 0, total: 0 });
      const parsed = await parseImportFile(file);
      const report = await importItems(parsed);
      onRestored();
      const skipped = report.skipped.length
        ? t('tools.skipped', [
            countText('count.entries', report.skipped.length),
            formatList([...report.skipped.slice(0, 3), ...(report.skipped.length > 3 ? ['…'] : [])]),
          ])
        : '';
      const changed = report.changed.length
        ? t('tools.changed', [formatList([...report.changed.slice(0, 3), ...(report.changed.length > 3 ? ['…'] : [])])])
        : '';
      return t('tools.imported', [
        parsed.source,
        countText('count.articles', report.added),
        formatNumber(report.merged),
        countText('count.highlights', report.highlights),
        skipped + changed,
      ]);
    }, true);
  };

  const busy = progress !== null;
  return (
    <section class="library-tools" aria-label={t('tools.label')}>
      <div class="row">
        <button type="button" disabled={busy} onClick={() => void exportMarkdown()}>
          {t('tools.exportMarkdown')}
        </button>
        <label class="inline">
          <input type="checkbox" checked={fullText} onChange={(e) => setFullText(e.currentTarget.checked)} />{' '}
          {t('tools.includeText')}
        </label>
        <button type="button" disabled={busy} onClick={() => void backUp()}>
          {t('tools.backUp')}
        </button>
        <label class="file-button">
          {t('tools.restore')}
          <input
            type="file"
            accept=".json,application/json"
            disabled={busy}
            onChange={(e) => restore(e.currentTarget)}
          />
        </label>
        <label class="file-button">
          {t('tools.import')}
          <input
            type="file"
            accept=".csv,text/csv,.zip,application/zip"
            disabled={busy}
            onChange={(e) => importFile(e.currentTarget)}
          />
        </label>
      </div>
      {progress && (
        <div class="progress">
          <label for="tools-progress">{progress.label}</label>
          {/* Without a total yet, the bar is indeterminate. */}
          <progress
            id="tools-progress"
            max={progress.total || undefined}
            value={progress.total ? progress.done : undefined}
          />
        </div>
      )}
      <p class="tools-message" aria-live="polite">
        {message}
      </p>
    </section>
  );
}
