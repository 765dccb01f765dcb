/**
 * The search page's count tells the truth: while a short word is typed whose letters begin more words than the
 * index expands a prefix to, the count says it is a lower bound; typed on, it is exact again.
 */
import { describe, expect, it } from 'vitest';
import { useExtension } from './browser';

const env = useExtension();

describe('the result count', () => {
  it('says "at least" for a prefix that begins too many words, and is exact once the word is typed', async () => {
    const { tabId } = await env.browser.openTab(`${env.server.origin}/quill-glossary.html`);
    const popup = await env.browser.openPopup(tabId);
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await popup.getByRole('button', { name: 'Remove from library' }).waitFor();

    const search = await env.browser.openExtensionPage('search.html');
    const box = search.getByRole('searchbox', { name: 'Search' });
    const count = search.getByRole('status');
    await box.fill('quill');
    await expect
      .poll(() => count.textContent())
      .toBe('At least 1 result (the word being typed begins many words; type more for an exact count)');
    await box.fill('quillcr');
    await expect.poll(() => count.textContent()).toBe('1 result');
    await box.fill('quillzz');
    await expect.poll(() => count.textContent()).toMatch(/^0 results/);
  });
});
