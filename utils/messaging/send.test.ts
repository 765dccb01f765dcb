/** Sending to a tab where no Gleaner script listens says why in words, not in the browser's. */
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sendToTab } from './send';

const original = fakeBrowser.tabs.sendMessage;
afterEach(() => {
  fakeBrowser.tabs.sendMessage = original;
});

describe('sendToTab', () => {
  it("says in words that Gleaner's script is not running there", async () => {
    fakeBrowser.tabs.sendMessage = () =>
      Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
    await expect(sendToTab(7, 'highlightStatus', {})).rejects.toThrow(
      "Gleaner's script is not running on this page (the page may have stopped it, or it has just changed). Reload the page and try again.",
    );
  });

  it("hands on the script's answer", async () => {
    fakeBrowser.tabs.sendMessage = (() => Promise.resolve({ ok: true, value: { a: 'anchored' } })) as never;
    expect(await sendToTab(7, 'highlightStatus', {})).toEqual({ a: 'anchored' });
  });
});
