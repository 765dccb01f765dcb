import { describe, expect, it } from 'vitest';
import { DEFAULT_PALETTE } from './palette';
import { readSettings, writeSettings } from './storage';
import { showsOnRevisit, siteOf } from './revisit';
import { SettingsSchema } from './schema';
import * as v from 'valibot';

describe('revisit settings', () => {
  it.each([
    ['https://news.example.com/a', true, [], true],
    ['https://news.example.com/a', true, ['example.com'], false],
    ['https://example.com/a', true, ['example.com'], false],
    ['https://notexample.com/a', true, ['example.com'], true],
    ['https://news.example.com/a', false, [], false],
    ['https://news.example.com/a', false, ['news.example.com'], true],
    ['https://other.example.com/a', false, ['news.example.com'], false],
  ])('%s with restore %s except %j: %s', (url, restore, exceptions, expected) => {
    expect(showsOnRevisit(url, restore, exceptions)).toBe(expected);
  });

  it.each([
    ['example.com', 'example.com'],
    ['  https://www.Example.com/some/page?x=1 ', 'example.com'],
    ['news.example.co.uk', 'news.example.co.uk'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['localhost', null],
    ['not a site', null],
    ['', null],
    ['javascript:alert(1)', null],
  ])('the site typed as %j is %j', (input, site) => {
    expect(siteOf(input)).toBe(site);
  });
});

describe('settings', () => {
  it('reads defaults, and reads back what was written', async () => {
    const before = await readSettings();
    expect(before.highlightPalette).toEqual(DEFAULT_PALETTE);
    expect(before.revisitRestore).toBe(true);
    expect(before.revisitExceptions).toEqual([]);
    const palette = { ...DEFAULT_PALETTE, green: { name: 'Evidence', value: '#00aa55' } };
    await writeSettings({ highlightPalette: palette, revisitRestore: false, revisitExceptions: ['example.com'] });
    expect(await readSettings()).toEqual({
      ...before,
      highlightPalette: palette,
      revisitRestore: false,
      revisitExceptions: ['example.com'],
    });
  });

  it('accepts the settings of a backup made before colours and revisits existed, and refuses bad colours', () => {
    expect(v.safeParse(SettingsSchema, { exportTemplate: '', exportFullText: false }).success).toBe(true);
    const bad = {
      exportTemplate: '',
      exportFullText: false,
      highlightPalette: { ...DEFAULT_PALETTE, blue: { name: '', value: 'url(x)' } },
    };
    expect(v.safeParse(SettingsSchema, bad).success).toBe(false);
  });
});
