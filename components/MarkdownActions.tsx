/** "Copy Markdown" and "Download Markdown" for the saved article. The exporter (Turndown, YAML) is loaded on
 * first use, so that opening the popup does not pay for it. */
import { errorText, gleanerError } from '@/utils/error-text';
import { t } from '@/utils/i18n';
import { readSettings } from '@/utils/settings/storage';

export function MarkdownActions({ articleId, onDone }: { articleId: string; onDone: (message: string) => void }) {
  const markdown = async () => {
    const [{ articleMarkdown }, settings] = await Promise.all([
      import('@/utils/export/export-library'),
      readSettings(),
    ]);
    const result = await articleMarkdown(articleId, {
      fullText: settings.exportFullText,
      template: settings.exportTemplate,
    });
    if (!result) throw gleanerError('error.pageGone');
    return result;
  };
  const run = (work: () => Promise<string>) => work().then(onDone, (error: unknown) => onDone(errorText(error)));
  return (
    <div class="row markdown-actions">
      <button
        type="button"
        onClick={() =>
          run(async () => {
            await navigator.clipboard.writeText((await markdown()).markdown);
            return t('popup.markdownCopied');
          })
        }
      >
        {t('popup.copyMarkdown')}
      </button>
      <button
        type="button"
        onClick={() =>
          run(async () => {
            const [{ download }, { name, markdown: text }] = await Promise.all([
              import('@/utils/export/export-library'),
              markdown(),
            ]);
            download(new Blob([text], { type: 'text/markdown' }), name);
            return t('popup.downloading', [name]);
          })
        }
      >
        {t('popup.downloadMarkdown')}
      </button>
    </div>
  );
}
