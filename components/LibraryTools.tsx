/**
 * The search page's library tools: "Export Markdown" (a zip of the current results, or of everything when
 * the query is empty), "Back up" (one JSON file of everything) and "Restore backup" (a file input), each with
 * progress and a result in words.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useSetting } from '@/hooks/use-setting';
import { reportText, restoreBackup, writeBackup } from '@/utils/backup/backup';
import { download, markdownZip } from '@/utils/export/export-library';
import { errorText } from '@/utils/error-text';
import { countText, formatList, formatNumber, t } from '@/utils/i18n';
import { importItems, parseImportFile, previewImportFile, type ImportPreview } from '@/utils/import/import-library';
import { exportFullText, readSettings } from '@/utils/settings/storage';
import { wakeFetching } from './FetchProgress';

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

  /** The few first of a report's lines, in words ("…" for the rest). */
  const some = (lines: readonly string[]) => formatList([...lines.slice(0, 3), ...(lines.length > 3 ? ['…'] : [])]);
  const reportLines = (skipped: readonly string[], changed: readonly string[]) =>
    (skipped.length ? t('tools.skipped', [countText('count.entries', skipped.length), some(skipped)]) : '') +
    (changed.length ? t('tools.changed', [some(changed)]) : '');

  /** A file read and previewed, waiting for the user to add it or not. */
  const [pending, setPending] = useState<ImportPreview | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  // The preview is what the user asked for: its first button takes the focus (its text is read out, live),
  // once the reading is over and the button enabled.
  const previewShown = pending !== null && progress === null;
  useEffect(() => {
    if (previewShown) confirmButton.current?.focus();
  }, [previewShown]);

  const importFile = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setPending(null);
    void run(async () => {
      setProgress({ label: t('tools.readingImport'), done: 0, total: 0 });
      setPending(await previewImportFile(await parseImportFile(file)));
      return '';
    });
  };

  const confirmImport = (preview: ImportPreview) => {
    setPending(null);
    void run(async () => {
      setProgress({ label: t('tools.importing'), done: 0, total: 0 });
      const { parsed } = preview;
      const report = await importItems(parsed, Date.now(), (done, total) =>
        setProgress({ label: t('tools.updatingIndex'), done, total }),
      );
      onRestored();
      if (report.queued) void wakeFetching();
      const text = report.queued
        ? t('tools.importFetching', [countText('count.articles', report.queued)])
        : report.added > report.contents
          ? t('tools.importNoText')
          : '';
      return t('tools.imported', [
        parsed.source,
        countText('count.articles', report.added),
        formatNumber(report.merged + report.unchanged),
        formatNumber(report.merged),
        countText('count.highlights', report.highlights),
        text + reportLines(report.skipped, report.changed),
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
            accept=".csv,text/csv,.zip,application/zip,.html,.htm,text/html,.json,application/json"
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
      {pending && (
        <div role="group" class="import-preview" aria-label={t('tools.previewLabel')}>
          <p aria-live="polite">
            {t('tools.preview', [
              pending.parsed.source,
              formatNumber(pending.added),
              formatNumber(pending.existing),
              countText('count.highlights', pending.highlights),
              reportLines(pending.parsed.skipped, pending.parsed.changed),
            ])}
          </p>
          <div class="row">
            <button
              type="button"
              ref={confirmButton}
              disabled={busy || !pending.parsed.items.length}
              onClick={() => confirmImport(pending)}
            >
              {t('tools.confirmImport')}
            </button>
            <button
              type="button"
              onClick={() => {
                setPending(null);
                setMessage(t('tools.importCancelled'));
              }}
            >
              {t('tools.cancelImport')}
            </button>
          </div>
        </div>
      )}
      <p class="tools-message" aria-live="polite">
        {message}
      </p>
    </section>
  );
}
