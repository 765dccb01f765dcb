/** Languages: with Chromium's interface in Arabic, Gleaner speaks Arabic, right to left, on every surface. */
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium, useExtension } from './browser';
import { drawnHighlights, highlightList, itijPage, panelOf, selectText } from './page-helpers';

const SENTENCE = '“This will not be the last health crisis.”';
/** The extension API inside the service worker, for code passed to `background.evaluate`. */
declare const chrome: typeof import('wxt/browser').browser;
const env = useExtension({ language: 'ar' });

/**
 * Chromium shows an interface language (and so picks an extension's _locales) only if it has that language's
 * pack; Debian ships them apart, in chromium-l10n. Without it this test is skipped loudly; under CI, it fails.
 */
const chromium = findChromium();
const hasArabic =
  !!chromium &&
  [join(dirname(realpathSync(chromium)), 'locales'), '/usr/lib/chromium/locales'].some((dir) =>
    existsSync(join(dir, 'ar.pak')),
  );
const ci = ['true', '1'].includes(String(process.env.CI).toLowerCase());
if (!hasArabic && !ci)
  console.error(
    `\n${'#'.repeat(78)}\n#  LANGUAGE TEST SKIPPED: Chromium has no Arabic pack. Install it: apt-get install -y chromium-l10n\n${'#'.repeat(78)}\n`,
  );

describe.skipIf(!hasArabic && !ci)('a browser in Arabic', () => {
  it('gets Gleaner in Arabic, right to left: popup, page toolbar, search, options and reader', async () => {
    env.server.route('/itij/ar.html', itijPage('ar'));
    expect(hasArabic, 'Chromium has no Arabic language pack: apt-get install -y chromium-l10n').toBe(true);
    const { page, tabId } = await env.browser.openTab(`${env.server.origin}/itij/ar.html`);
    expect(await env.browser.background.evaluate(() => chrome.i18n.getUILanguage())).toMatch(/^ar/);

    const popup = await env.browser.openPopup(tabId);
    await popup.getByRole('button', { name: 'احفظ', exact: true }).click();
    await popup.getByRole('button', { name: 'أزل من المكتبة', exact: true }).waitFor();
    expect(await popup.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'ar',
      'rtl',
    ]);
    expect(await popup.getByText(/مدة القراءة/).count()).toBeGreaterThan(0);
    // The English article keeps its own title; Gleaner's words around it are Arabic.
    expect(await popup.getByRole('heading', { level: 1 }).textContent()).toMatch(/cyber attacks/);

    // The toolbar by a selection on the saved page speaks Arabic and reads right to left.
    await page.bringToFront();
    await selectText(page, SENTENCE);
    await page.keyboard.press('Shift');
    const panel = await panelOf(page);
    const yellow = panel.getByRole('toolbar', { name: 'تظليل Gleaner' }).getByRole('button', { name: 'ظلّل بلون أصفر' });
    await yellow.click();
    await expect.poll(() => drawnHighlights(page)).toHaveLength(1);
    expect(await panel.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect((await highlightList(page, 'تظليلات Gleaner في هذه الصفحة')).items).toEqual([`تظليل، أصفر: ${SENTENCE}`]);
    // The English quote reads left to right in the Arabic popup (its closing quote mark stays at its end).
    await popup.reload();
    const quote = popup.getByRole('list', { name: 'التظليلات', exact: true }).locator('blockquote').first();
    await quote.waitFor();
    expect(await quote.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');

    const search = await env.browser.openExtensionPage('search.html?q=crisis');
    await search.getByRole('searchbox', { name: 'ابحث' }).waitFor();
    await expect.poll(() => search.getByRole('status').first().textContent()).toBe('نتيجة واحدة');
    expect(await search.evaluate(() => document.documentElement.dir)).toBe('rtl');
    // Right to left: the result's checkbox sits at the right of its card.
    const card = (await search.getByRole('article').first().boundingBox())!;
    const box = (await search.getByRole('article').first().getByRole('checkbox').boundingBox())!;
    expect(box.x).toBeGreaterThan(card.x + card.width / 2);

    const options = await env.browser.openExtensionPage('options.html');
    await options.getByRole('heading', { name: 'إعدادات Gleaner' }).waitFor();
    expect(await options.getByRole('textbox', { name: 'اسم اللون 1' }).getAttribute('placeholder')).toBe('أصفر');

    const href = (await popup.getByRole('link', { name: 'افتح القارئ' }).getAttribute('href'))!;
    const reader = await env.browser.openExtensionPage(href.slice(1));
    await reader.getByRole('button', { name: 'ظلّل التحديد' }).waitFor();
    // The article keeps its own language and direction inside the Arabic reader.
    expect(
      await reader
        .locator('article')
        .first()
        .evaluate((article) => getComputedStyle(article).direction),
    ).toBe('ltr');
    expect(await reader.evaluate(() => document.documentElement.dir)).toBe('rtl');
    for (const opened of [popup, search, options, reader, page]) await opened.close();
  });
});
