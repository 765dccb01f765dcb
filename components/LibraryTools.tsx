/**
 * The search page's library tools: "Export Markdown" (a zip of the current results, or of everything when
 * the query is empty), "Back up" (one JSON file of everything) and "Restore backup" (a file input), each with
 * progress and a result in words.
 */
import { useEffect, useState } from 'preact/hooks';
import { backupFile, createBackup, parseBackup, reportText, restoreBackup } from '@/utils/backup/backup';
import { download, markdownZip } from '@/utils/export/export-library';
import { errorText, plural } from '@/utils/format';
import { importItems, parseImportFile } from '@/utils/import/import-library';
import { exportFullText, readSettings } from '@/utils/settings';

export interface LibraryToolsProps {
  /** Ids of the articles to export (the current results), or null for the whole library. */
  exportIds: readonly string[] | null;
  /** Called after a restore changed the library (the page searches again). */
  onRestored: () => void;
}

interface Progress {
  label: string;
  done: number;
  total: number;
}

export function LibraryTools({ exportIds, onRestored }: LibraryToolsProps) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [message, setMessage] = useState('');
  const [fullText, setFullText] = useState(false);
  useEffect(() => void exportFullText.getValue().then(setFullText), []);

  const run = async (work: () => Promise<string>) => {
    setMessage('');
    try {
      setMessage(await work());
    } catch (error) {
      setMessage(`Something went wrong: ${errorText(error)}`);
    } finally {
      setProgress(null);
    }
  };

  const exportMarkdown = () =>
    run(async () => {
      const settings = await readSettings();
      const { zip, count } = await markdownZip(exportIds, { fullText, template: settings.exportTemplate }, (done, total) => setProgress({ label: 'Exporting Markdown…', done, total }));
      download(zip, `gleaner-markdown-${new Date().toISOString().slice(0, 10)}.zip`);
      return `Exported ${plural(count, 'article', 'articles')} as Markdown.`;
    });

  const backUp = () =>
    run(async () => {
      setProgress({ label: 'Backing up…', done: 0, total: 0 });
      const backup = await createBackup();
      const { blob, name } = backupFile(backup);
      download(blob, name);
      return `Backed up ${plural(backup.articles.length, 'article', 'articles')} and ${plural(backup.highlights.length, 'highlight', 'highlights')}.`;
    });

  const restore = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = ''; // the same file may be chosen again
    if (!file) return;
    void run(async () => {
      setProgress({ label: 'Reading the backup…', done: 0, total: 0 });
      const parsed = await parseBackup(file);
      if (!parsed.ok) return parsed.error;
      const report = await restoreBackup(parsed.backup, (phase, done, total) =>
        setProgress({ label: phase === 'restoring' ? 'Restoring…' : 'Updating the search index…', done, total }),
      );
      onRestored();
      return reportText(report);
    });
  };

  const importFile = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    void run(async () => {
      setProgress({ label: 'Importing…', done: 0, total: 0 });
      const parsed = await parseImportFile(file);
      const report = await importItems(parsed);
      onRestored();
      const skipped = report.skipped.length ? ` Skipped ${plural(report.skipped.length, 'entry', 'entries')}: ${report.skipped.slice(0, 3).join('; ')}${report.skipped.length > 3 ? '; …' : ''}.` : '';
      return `Imported from ${parsed.source}: ${plural(report.added, 'article', 'articles')} added, ${report.merged} already saved (tags merged), ${plural(report.highlights, 'highlight', 'highlights')}. Their text is saved when you next open them with Gleaner.${skipped}`;
    });
  };

  const busy = progress !== null;
  return (
    <section class="library-tools" aria-label="Export and backup">
      <div class="row">
        <button type="button" disabled={busy} onClick={() => void exportMarkdown()}>Export Markdown</button>
        <label class="inline">
          <input type="checkbox" checked={fullText} onChange={(e) => {
            setFullText(e.currentTarget.checked);
            void exportFullText.setValue(e.currentTarget.checked);
          }} /> Include article text
        </label>
        <button type="button" disabled={busy} onClick={() => void backUp()}>Back up</button>
        <label class="file-button">
          Restore backup
          <input type="file" accept=".json,application/json" disabled={busy} onChange={(e) => restore(e.currentTarget)} />
        </label>
        <label class="file-button">
          Import from Pocket or Omnivore
          <input type="file" accept=".csv,text/csv,.zip,application/zip" disabled={busy} onChange={(e) => importFile(e.currentTarget)} />
        </label>
      </div>
      {progress && (
        <div class="progress">
          <label for="tools-progress">{progress.label}</label>
          {/* Without a total yet, the bar is indeterminate. */}
          <progress id="tools-progress" max={progress.total || undefined} value={progress.total ? progress.done : undefined} />
        </div>
      )}
      <p class="tools-message" aria-live="polite">{message}</p>
    </section>
  );
}
