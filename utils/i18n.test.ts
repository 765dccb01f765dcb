import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { chromeMessages, getMessage } from '@/tests/support/messages';
import { countText, formatDate, formatNumber, t, textDirection, uiLanguage } from './i18n';
import { errorText } from './error-text';

const LOCALES = readdirSync('locales').map((file) => file.replace(/\.yml$/, ''));
const english = chromeMessages('en');
/** The $n placeholders a message uses. */
const placeholders = (message: string) => [...new Set(message.match(/\$[1-9]/g) ?? [])].sort();
/** A message name without its plural category. */
const countBase = (name: string) => name.replace(/_(zero|one|two|few|many|other)$/, '');

/** Speaks `locale` as the browser would with that UI language. */
function speak(locale: string, dir: 'ltr' | 'rtl' = 'ltr') {
  const messages = chromeMessages(locale);
  fakeBrowser.i18n.getMessage = (name: string, substitutions?: string | string[]) =>
    getMessage(messages, dir, name, substitutions);
}

describe('locales', () => {
  it('has English and at least two more, one written right to left', () => {
    expect(LOCALES).toContain('en');
    expect(LOCALES.length).toBeGreaterThanOrEqual(3);
    expect(LOCALES).toContain('ar');
  });

  it.each(LOCALES.filter((locale) => locale !== 'en'))(
    '%s has every English message, with the same placeholders',
    (locale) => {
      const messages = chromeMessages(locale);
      const counts = new Set(
        Object.keys(english)
          .filter((name) => name.endsWith('_other'))
          .map(countBase),
      );
      for (const [name, { message }] of Object.entries(english)) {
        if (counts.has(countBase(name))) continue; // plural forms differ by language; checked below
        expect(messages[name]?.message, `${locale}: ${name}`).toBeTruthy();
        expect(placeholders(messages[name]!.message), `${locale}: ${name}`).toEqual(placeholders(message));
      }
      for (const base of counts) expect(messages[`${base}_other`]?.message, `${locale}: ${base}_other`).toContain('$1');
      // Nothing that English does not have: a renamed key would be left behind untranslated.
      for (const name of Object.keys(messages))
        expect(english[countBase(name)] ?? english[`${countBase(name)}_other`], `${locale}: ${name}`).toBeDefined();
      expect(messages.locale!.message).toBe(locale);
    },
  );
});

describe('looking messages up', () => {
  it('asks the browser once for each message and substitutions, and anew when the lookup changes', () => {
    const messages = chromeMessages('en');
    const asked: string[] = [];
    fakeBrowser.i18n.getMessage = (name: string, substitutions?: string | string[]) => {
      asked.push(name);
      return getMessage(messages, 'ltr', name, substitutions);
    };
    for (let i = 0; i < 3; i++) {
      expect(t('search.title')).toBe(messages.search_title!.message);
      expect(countText('count.results', 2)).toBe('2 results');
      expect(t('search.savedOn', ['1 May'])).toContain('1 May');
      expect(t('search.savedOn', ['2 May'])).toContain('2 May');
    }
    expect(asked.filter((name) => name === 'search_title')).toHaveLength(1);
    expect(asked.filter((name) => name === 'search_savedOn')).toHaveLength(2);
    expect(asked.filter((name) => name.startsWith('count_results'))).toHaveLength(1);
    speak('fr');
    expect(countText('count.results', 2)).toBe('2 résultats');
  });
});

describe("speaking the user's language", () => {
  it("counts with the language's plural rules and digits", () => {
    expect([0, 1, 2, 25].map((n) => countText('count.results', n))).toEqual([
      '0 results',
      '1 result',
      '2 results',
      '25 results',
    ]);
    speak('fr');
    expect([0, 1, 2, 1500].map((n) => countText('count.articles', n))).toEqual([
      '0 article',
      '1 article',
      '2 articles',
      '1\u202f500 articles',
    ]);
    speak('ar', 'rtl');
    // Digits as Intl writes Arabic numbers (Latin or Arabic-Indic, depending on the ICU version).
    const n = (value: number) => new Intl.NumberFormat('ar').format(value);
    expect([1, 2, 3, 11, 100].map((count) => countText('count.results', count))).toEqual([
      'نتيجة واحدة',
      'نتيجتان',
      `${n(3)} نتائج`,
      `${n(11)} نتيجة`,
      `${n(100)} نتيجة`,
    ]);
    expect(uiLanguage()).toBe('ar');
    expect(textDirection()).toBe('rtl');
    expect(formatNumber(1234)).toBe(n(1234));
  });

  it('writes dates in the language, and keeps what is not a date', () => {
    expect(formatDate(Date.UTC(2020, 4, 27, 12))).toBe('May 27, 2020');
    speak('fr');
    expect(formatDate(Date.UTC(2020, 4, 27, 12))).toBe('27 mai 2020');
    expect(formatDate('last Tuesday')).toBe('last Tuesday');
  });

  it('explains storage failures in the language', () => {
    speak('fr');
    expect(errorText(Object.assign(new Error('x'), { name: 'QuotaExceededError' }))).toMatch(/^Il n'y a plus de place/);
  });
});
