/**
 * User settings, in the extension's storage (`browser.storage.local` through WXT's storage helper), readable
 * from every context, the page script included (which is why their schema is apart, in schema.ts). Backed up with the library (utils/backup/backup.ts); every
 * setting added after backup format 1 is optional in its schema, so that earlier backups still restore.
 */
import { storage } from 'wxt/utils/storage';
import { DEFAULT_PALETTE, type Palette } from './palette';
import type { ReaderTheme } from './reader-themes';
import type { Settings } from './schema';

/** The Markdown export template (utils/export/template-variables.ts); empty: the default layout. */
export const exportTemplate = storage.defineItem<string>('local:exportTemplate', { fallback: '' });
/** Whether exports include the article text, not only the highlights and notes. */
export const exportFullText = storage.defineItem<boolean>('local:exportFullText', { fallback: false });

/** The reader's look: colours (auto follows the system), text size in pixels, remote images shown or not. */
export const readerTheme = storage.defineItem<ReaderTheme>('local:readerTheme', { fallback: 'auto' });
export const readerFontSize = storage.defineItem<number>('local:readerFontSize', { fallback: 19 });
export const readerRemoteImages = storage.defineItem<boolean>('local:readerRemoteImages', { fallback: true });

/** Whether the library's cards show each article's lead image, loaded from its site (off until the user says:
 * a page of cards would otherwise ask twenty-five sites for images whenever it opens). */
export const libraryImages = storage.defineItem<boolean>('local:libraryImages', { fallback: false });

/** The highlight colours' names and colours. */
export const highlightPalette = storage.defineItem<Palette>('local:highlightPalette', { fallback: DEFAULT_PALETTE });

/** Whether saved pages get their highlights back when visited again… (stored and backed up by this name). */
export const revisitRestore = storage.defineItem<boolean>('local:revisitRestore', { fallback: true });
/** …except on these sites (host names), where the opposite holds. */
export const revisitExceptions = storage.defineItem<string[]>('local:revisitExceptions', { fallback: [] });

export type { Settings };

/** Every setting's storage item, by its name in `Settings`. */
const ITEMS = {
  exportTemplate,
  exportFullText,
  readerTheme,
  readerFontSize,
  readerRemoteImages,
  libraryImages,
  highlightPalette,
  revisitRestore,
  revisitExceptions,
} satisfies { [K in keyof Settings]-?: { getValue(): Promise<Required<Settings>[K]> } };

type SettingName = keyof typeof ITEMS;

export async function readSettings(): Promise<Required<Settings>> {
  const names = Object.keys(ITEMS) as SettingName[];
  const values = await Promise.all(names.map((name) => ITEMS[name].getValue()));
  return Object.fromEntries(names.map((name, at) => [name, values[at]])) as Required<Settings>;
}

export async function writeSettings(settings: Partial<Settings>): Promise<void> {
  await Promise.all(
    (Object.keys(settings) as SettingName[]).map((name) => {
      const value = settings[name];
      return value === undefined
        ? Promise.resolve()
        : (ITEMS[name] as { setValue(value: unknown): Promise<void> }).setValue(value);
    }),
  );
}
