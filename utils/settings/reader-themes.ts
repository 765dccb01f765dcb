/**
 * The reader's colour themes (auto follows the system's light or dark), apart from schema.ts so that the
 * reader, which only lists them, does not load valibot.
 */
export const READER_THEMES = ['auto', 'light', 'dark', 'sepia'] as const;
export type ReaderTheme = (typeof READER_THEMES)[number];
