/**
 * A hostile page saved and shown in Gleaner's own pages: every payload, if it ever ran, would call the fixture
 * server's /probe with the protocol of the page it ran in. The web page may run its own scripts; no probe may
 * come from an extension page (the reader, the search page).
 */
import { describe, expect, it } from 'vitest';
import { useExtension } from './browser';
import { drawnHighlights, selectText } from './page-helpers';

const env = useExtension();

const PARAGRAPH =
  'Ransomware crews kept attacking hospitals through the spring, and the hospitals kept paying, because every hour offline put patients at risk. ';

function hostilePage(origin: string): string {
  const probe = (n: number) => `fetch('${origin}/probe?v=${n}&from='+location.protocol)`;
  return `<!doctype html><html lang="en"><head><title>A hostile article about ransomware</title>
<base href="${origin}/probe-base/">
<script>
  // The page's own script: overrides what an extractor or highlighter might use.
  JSON.stringify = () => { throw new Error('clobbered'); };
  JSON.parse = () => { throw new Error('clobbered'); };
  Array.prototype.map = function () { throw new Error('clobbered'); };
  Array.prototype.forEach = function () { throw new Error('clobbered'); };
  window.getSelection = () => null;
  document.getSelection = () => null;
</script></head><body>
<form id="document"></form><img name="getElementById"><img name="querySelectorAll"><a id="location" href="https://evil.example/"></a>
<article><h1>A hostile article about ransomware</h1>
<p>${PARAGRAPH.repeat(3)}</p>
<p onmouseover="${probe(1)}">Hover here. <a href="javascript:${probe(2)}">A javascript link</a> and <a href="data:text/html,&lt;script&gt;${probe(3)}&lt;/script&gt;">a data link</a>.</p>
<img src="missing.png" onerror="${probe(4)}" alt="broken">
<svg><script>${probe(5)}</script><a xlink:href="javascript:${probe(6)}"><text y="20">svg link</text></a><animate onbegin="${probe(7)}" attributeName="x" dur="1s"/></svg>
<math><mtext><table><mglyph><style><img src=x onerror="${probe(8)}"></style></mglyph></table></mtext></math>
<iframe srcdoc="&lt;script&gt;${probe(9)}&lt;/script&gt;"></iframe>
<p>The payload quoted as text: &lt;img src=x onerror="${probe(10)}"&gt; and &lt;script&gt;${probe(11)}&lt;/script&gt; stay words.</p>
<object data="javascript:${probe(12)}"></object>
<div style="position:fixed;inset:0;opacity:0.01;z-index:99999" onclick="${probe(13)}">overlay</div>
<p>${PARAGRAPH.repeat(3)}</p>
</article></body></html>`;
}

describe('a hostile page', () => {
  it("is saved, highlighted, read and searched without any of its code running in Gleaner's pages", async () => {
    env.server.route('/hostile.html', hostilePage(env.server.origin));
    const { page, tabId } = await env.browser.openTab(`${env.server.origin}/hostile.html`);
    const popup = await env.browser.openPopup(tabId);
    await popup.getByRole('heading', { name: 'A hostile article about ransomware' }).waitFor();
    await popup.getByRole('button', { name: 'Save' }).click();
    await popup.getByRole('button', { name: 'Remove from library' }).waitFor();
    await selectText(page, 'stay words'); // unique: a repeated passage is refused in the reader, whose text starts elsewhere
    await popup.getByRole('button', { name: 'Highlight selection' }).click();
    await expect.poll(() => popup.locator('.notice').textContent()).toBe('Highlighted.');
    await expect.poll(() => drawnHighlights(page)).toHaveLength(1);

    const href = await popup.getByRole('link', { name: 'Open reader' }).getAttribute('href');
    const reader = await env.browser.openExtensionPage(href!.slice(1));
    await expect
      .poll(() => reader.getByRole('heading').first().textContent())
      .toBe('A hostile article about ransomware');
    await expect.poll(() => drawnHighlights(reader)).toHaveLength(1);
    await expect.poll(() => reader.getByText(/The payload quoted as text: <img src=x onerror=/).count()).toBe(1);
    expect(
      await reader
        .locator(
          '.content script, .content iframe, .content object, .content [onerror], .content [onclick], .content [onmouseover], .content a[href^="javascript"], .content a[href^="data"]',
        )
        .count(),
    ).toBe(0);
    await reader.locator('.content').hover();
    await reader.getByText('Hover here.').hover();

    const search = await env.browser.openExtensionPage('search.html?q=onerror');
    await expect.poll(() => search.getByRole('status').first().textContent()).toMatch(/^1 result/);
    await expect
      .poll(() =>
        search
          .getByRole('article')
          .getByText(/onerror/)
          .count(),
      )
      .toBeGreaterThan(0);

    await reader.waitForTimeout(1500); // time for anything scheduled to have run
    const fromExtension = env.server.requests.filter((r) => r.startsWith('/probe') && r.includes('chrome-extension'));
    expect(fromExtension).toEqual([]);
    // The probe itself works: the web page ran its own broken-image handler.
    expect(env.server.requests).toContain('/probe?v=4&from=http:');
    // The page's <base> did not follow the article: the reader's links still resolve against the extension.
    expect(
      await reader.evaluate(() => [document.baseURI.split(':')[0], document.querySelectorAll('base').length]),
    ).toEqual(['chrome-extension', 0]);
  });
});
