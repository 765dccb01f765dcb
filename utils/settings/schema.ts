/**
 * The schema of the settings as a backup holds them (utils/backup/backup.ts), apart from storage.ts so
 * that the page script, which reads settings, does not carry valibot. Every setting added after backup
 * format 1 is optional, so that earlier backups still restore.
 */
import * as v from 'valibot';
import { problemOf } from '../records/schemas';
import { COLOR_NAMES } from './palette';
import { READER_THEMES } from './reader-themes';

const PaletteEntrySchema = v.strictObject({
  name: v.pipe(v.string(), v.maxLength(40)),
  value: v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/i)),
});
const PaletteSchema = v.strictObject(
  Object.fromEntries(COLOR_NAMES.map((name) => [name, PaletteEntrySchema])) as Record<
    (typeof COLOR_NAMES)[number],
    typeof PaletteEntrySchema
  >,
);

export const SettingsSchema = v.strictObject({
  exportTemplate: v.pipe(v.string(), v.maxLength(100_000)),
  exportFullText: v.boolean(),
  // Added after backup format 1 was first written: optional.
  readerTheme: v.optional(v.picklist(READER_THEMES)),
  readerFontSize: v.optional(v.pipe(v.number(), v.integer(), v.minValue(12), v.maxValue(32))),
  readerRemoteImages: v.optional(v.boolean()),
  libraryImages: v.optional(v.boolean()),
  highlightPalette: v.optional(PaletteSchema),
  revisitRestore: v.optional(v.boolean()),
  revisitExceptions: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(253))), v.maxLength(10_000))),
});

export type Settings = v.InferOutput<typeof SettingsSchema>;

/** What is wrong with `changes` to the settings, in words; null if they can be stored (and so restored). */
export const settingsProblem = (changes: Partial<Settings>): string | null =>
  problemOf(v.partial(SettingsSchema), changes);
