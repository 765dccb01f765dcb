/**
 * User settings, in the extension's storage (`browser.storage.local` through WXT's storage helper), readable
 * from every context. Backed up with the library (utils/backup/backup.ts).
 */
import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';

/** The Markdown export template (utils/export/markdown.ts TEMPLATE_VARIABLES); empty: the default layout. */
export const exportTemplate = storage.defineItem<string>('local:exportTemplate', { fallback: '' });
/** Whether exports include the article text, not only the highlights and notes. */
export const exportFullText = storage.defineItem<boolean>('local:exportFullText', { fallback: false });

export const SettingsSchema = v.strictObject({
  exportTemplate: v.pipe(v.string(), v.maxLength(100_000)),
  exportFullText: v.boolean(),
});

export type Settings = v.InferOutput<typeof SettingsSchema>;

export async function readSettings(): Promise<Settings> {
  const [template, fullText] = await Promise.all([exportTemplate.getValue(), exportFullText.getValue()]);
  return { exportTemplate: template, exportFullText: fullText };
}

export async function writeSettings(settings: Partial<Settings>): Promise<void> {
  await Promise.all([
    settings.exportTemplate !== undefined && exportTemplate.setValue(settings.exportTemplate),
    settings.exportFullText !== undefined && exportFullText.setValue(settings.exportFullText),
  ]);
}
