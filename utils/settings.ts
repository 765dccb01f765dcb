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

/** The reader's look: colours (auto follows the system), text size in pixels, remote images shown or not. */
export const READER_THEMES = ['auto', 'light', 'dark', 'sepia'] as const;
export type ReaderTheme = (typeof READER_THEMES)[number];
export const readerTheme = storage.defineItem<ReaderTheme>('local:readerTheme', { fallback: 'auto' });
export const readerFontSize = storage.defineItem<number>('local:readerFontSize', { fallback: 19 });
export const readerRemoteImages = storage.defineItem<boolean>('local:readerRemoteImages', { fallback: true });

export const SettingsSchema = v.strictObject({
  exportTemplate: v.pipe(v.string(), v.maxLength(100_000)),
  exportFullText: v.boolean(),
  // Added after backup format 1 was first written: optional, so that earlier backups still restore.
  readerTheme: v.optional(v.picklist(READER_THEMES)),
  readerFontSize: v.optional(v.pipe(v.number(), v.integer(), v.minValue(12), v.maxValue(32))),
  readerRemoteImages: v.optional(v.boolean()),
});

export type Settings = v.InferOutput<typeof SettingsSchema>;

export async function readSettings(): Promise<Required<Settings>> {
  const [template, fullText, theme, fontSize, remoteImages] = await Promise.all([
    exportTemplate.getValue(), exportFullText.getValue(), readerTheme.getValue(), readerFontSize.getValue(), readerRemoteImages.getValue(),
  ]);
  return { exportTemplate: template, exportFullText: fullText, readerTheme: theme, readerFontSize: fontSize, readerRemoteImages: remoteImages };
}

export async function writeSettings(settings: Partial<Settings>): Promise<void> {
  await Promise.all([
    settings.exportTemplate !== undefined && exportTemplate.setValue(settings.exportTemplate),
    settings.exportFullText !== undefined && exportFullText.setValue(settings.exportFullText),
    settings.readerTheme !== undefined && readerTheme.setValue(settings.readerTheme),
    settings.readerFontSize !== undefined && readerFontSize.setValue(settings.readerFontSize),
    settings.readerRemoteImages !== undefined && readerRemoteImages.setValue(settings.readerRemoteImages),
  ]);
}
