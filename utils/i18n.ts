/**
 * Gleaner's words in the browser's language. Messages live in locales/*.yml (English is the default and
 * the reference); WXT's i18n module compiles them to _locales/ and types the keys. Numbers, dates and
 * plurals go through Intl, because browser.i18n has no plural rules (Arabic has six forms, English two).
 */
import { browser } from 'wxt/browser';
import { isTime } from './records/limits';
import { i18n, type GeneratedI18nStructure } from '#i18n';

/** A message key of locales/en.yml. */
export type MessageKey = keyof GeneratedI18nStructure;

/** Keys of messages with plural forms (`name.one`, `name.other`, …): their `name`. */
export type CountKey = { [K in MessageKey]: K extends `${infer Base}.other` ? Base : never }[MessageKey];

/**
 * Messages already looked up, by the browser's lookup that answered them: a page asks for the same few
 * messages hundreds of times (25 result cards at every keystroke), and each lookup is a call into the browser.
 * Kept for the page's life (the browser's language does not change within it), up to MESSAGES_KEPT.
 */
let answered: { lookup: unknown; messages: Map<string, string> } = { lookup: null, messages: new Map() };
const MESSAGES_KEPT = 2_000;

function remembered(id: string, lookUp: () => string): string {
  const lookup = browser.i18n.getMessage;
  if (answered.lookup !== lookup || answered.messages.size >= MESSAGES_KEPT) answered = { lookup, messages: new Map() };
  let text = answered.messages.get(id);
  if (text === undefined) answered.messages.set(id, (text = lookUp()));
  return text;
}

/** The typed message lookup: `t('search.title')`, `t('popup.saved', [name])`. */
export const t = ((key: string, ...rest: unknown[]) =>
  remembered(rest.length ? `${key}\u0000${JSON.stringify(rest)}` : key, () =>
    (i18n.t as (key: string, ...rest: unknown[]) => string)(key, ...rest),
  )) as typeof i18n.t;

/** A message by a key known only at run time (a table of keys); '' substitutions where none are needed. */
export function message(key: MessageKey, substitutions?: string[]): string {
  const name = key.replaceAll('.', '_');
  return remembered(`\u0001${name}\u0000${substitutions ? JSON.stringify(substitutions) : ''}`, () =>
    (browser.i18n.getMessage as (name: string, substitutions?: string[]) => string)(name, substitutions),
  );
}

/** The language Gleaner speaks: the locale whose messages the browser chose (a BCP 47 tag such as `ar`). */
export function uiLanguage(): string {
  return t('locale') || 'en';
}

/** Writing direction of that language. */
export function textDirection(): 'ltr' | 'rtl' {
  return browser.i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
}

/** Marks a Gleaner page's root with its language and direction (screen readers and the layout follow). */
export function applyLanguage(doc: Document): void {
  doc.documentElement.lang = uiLanguage();
  doc.documentElement.dir = textDirection();
}

/**
 * One Intl formatter per kind for the page's life: making one costs far more than formatting with it (25 result
 * cards formatting their dates at every keystroke made new formatters a tenth of a search's time).
 */
function kept<T>(make: (language: string) => T): () => T {
  let made: { language: string; value: T } | undefined;
  return () => {
    const language = uiLanguage();
    if (made?.language !== language) made = { language, value: make(language) };
    return made.value;
  };
}

const numbers = kept((language) => new Intl.NumberFormat(language));
const plurals = kept((language) => new Intl.PluralRules(language));
const dates = kept((language) => new Intl.DateTimeFormat(language, { dateStyle: 'medium' }));
const lists = kept((language) => new Intl.ListFormat(language, { type: 'conjunction' }));

/** A number as the user's language writes it. */
export function formatNumber(value: number): string {
  return numbers().format(value);
}

/** A size in megabytes, in the interface's language ("500 MB"). */
export function formatMegabytes(bytes: number): string {
  return new Intl.NumberFormat(uiLanguage(), { style: 'unit', unit: 'megabyte', maximumFractionDigits: 0 }).format(
    bytes / 1024 / 1024,
  );
}

/** "3 articles", "١ مقال": the plural form the language's rules pick, with the number formatted. */
export function countText(key: CountKey, count: number): string {
  const category = plurals().select(count);
  const number = formatNumber(count);
  // A language that does not use a category (English has no "few") falls back to "other".
  return (
    (category !== 'other' && message(`${key}.${category}` as MessageKey, [number])) ||
    message(`${key}.other` as MessageKey, [number])
  );
}

/** "27 May 2020" for a time (epoch ms) or a date string the page gave; the text itself when it is not a date. */
export function formatDate(value: string | number): string {
  const time = typeof value === 'number' ? value : Date.parse(value);
  // Beyond what a Date holds (a record from before the date rule), formatting would throw.
  return isTime(time) ? dates().format(time) : String(value);
}

/** A list in words: "a, b and c". */
export function formatList(items: readonly string[]): string {
  return lists().format(items);
}
