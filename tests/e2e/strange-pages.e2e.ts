/** Pages that are huge, deeply nested, framed or in shadow DOM: each is saved, or the popup says why not. */
import { describe, expect, it } from 'vitest';
import { useExtension } from './browser';

const env = useExtension();

const PARAGRAPH =
  '<p>Ransomware crews kept attacking hospitals through the spring, and the hospitals kept paying, because every hour offline put patients at risk of harm that no insurer would cover.</p>';
const ARTICLE = `<article><h1>Strange page</h1>${PARAGRAPH.repeat(8)}</article>`;

/** What the popup ends with for a page: "saved", or the text of its alert. */
async function outcome(path: string, html: string): Promise<string> {
  env.server.route(path, html);
  const { tabId } = await env.browser.openTab(`${env.server.origin}${path}`);
  const popup = await env.browser.openPopup(tabId);
  const save = popup.getByRole('button', { name: 'Save' });
  const alert = popup.getByRole('alert');
  await save.or(alert).first().waitFor({ timeout: 60_000 });
  if (await alert.count()) return `alert: ${await alert.textContent()}`;
  await save.click();
  const removed = popup.getByRole('button', { name: 'Remove from library' });
  await removed
    .or(popup.getByText(/couldn't|could not|no room/))
    .first()
    .waitFor({ timeout: 60_000 });
  return (await removed.count()) ? 'saved' : `notice: ${await popup.locator('.notice').textContent()}`;
}

describe('strange pages', () => {
  it('a 20 MB page', async () => {
    const filler = `<div hidden>${'<span>menu item</span>'.repeat(20_000_000 / 22)}</div>`;
    expect(await outcome('/huge.html', `<!doctype html><title>Huge page</title><body>${ARTICLE}${filler}</body>`)).toBe(
      'saved',
    );
  }, 120_000);

  it('deeply nested markup', async () => {
    expect(
      await outcome(
        '/deep.html',
        `<!doctype html><title>Deep page</title><body>${'<div>'.repeat(5000)}${ARTICLE}${'</div>'.repeat(5000)}</body>`,
      ),
    ).toBe('saved');
  }, 120_000);

  it('an article in a frame of the same site', async () => {
    env.server.route('/framed-inner.html', `<!doctype html><title>Inner</title><body>${ARTICLE}</body>`);
    expect(
      await outcome(
        '/framed.html',
        `<!doctype html><title>Framed page</title><body><iframe src="/framed-inner.html" style="width:100%;height:600px"></iframe></body>`,
      ),
    ).toBe('saved');
  }, 120_000);

  it('an article in a frame of another site', async () => {
    // The same server under another name (localhost, not 127.0.0.1): another origin, which the page cannot read.
    const other = env.server.origin.replace('127.0.0.1', 'localhost');
    expect(
      await outcome(
        '/framed-elsewhere.html',
        `<!doctype html><title>Framed page</title><body><iframe src="${other}/framed-inner.html" style="width:100%;height:600px"></iframe></body>`,
      ),
    ).toBe(
      `alert: Gleaner found no article on this page: its text is inside a frame; open the frame's own address (${other}/framed-inner.html) and save it from there.`,
    );
  }, 120_000);

  it('an article in shadow DOM', async () => {
    expect(
      await outcome(
        '/shadow.html',
        `<!doctype html><title>Shadow page</title><body><div id="host"></div><script>document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML = ${JSON.stringify(ARTICLE)};</script></body>`,
      ),
    ).toBe('saved');
  }, 120_000);
});
