import { describe, expect, it } from 'vitest';
import { normalizeUrl, unreadableReason } from './url';

describe('normalizeUrl', () => {
  it.each([
    ['drops the fragment', 'https://example.com/a/b#section-2', 'https://example.com/a/b'],
    ['lower-cases scheme and host', 'HTTPS://Example.COM/Path', 'https://example.com/Path'],
    ['drops the default port', 'https://example.com:443/x', 'https://example.com/x'],
    ['keeps another port', 'http://127.0.0.1:8080/x', 'http://127.0.0.1:8080/x'],
    ['drops utm_* parameters', 'https://e.com/a?utm_source=nl&utm_medium=email&id=4', 'https://e.com/a?id=4'],
    ['drops click ids', 'https://e.com/a?fbclid=xyz&gclid=1&msclkid=2', 'https://e.com/a'],
    ['matches tracking names case-insensitively', 'https://e.com/a?UTM_Campaign=x&FBCLID=y', 'https://e.com/a'],
    ['sorts the parameters it keeps', 'https://e.com/s?b=2&a=1', 'https://e.com/s?a=1&b=2'],
    ['keeps repeated parameters in order', 'https://e.com/s?t=2&t=1', 'https://e.com/s?t=2&t=1'],
    ['drops credentials', 'https://user:pw@e.com/a', 'https://e.com/a'],
    ['keeps a path-significant trailing slash', 'https://e.com/a/', 'https://e.com/a/'],
    ['adds the root path', 'https://e.com', 'https://e.com/'],
    ['keeps file URLs', 'file:///home/me/a.html#x', 'file:///home/me/a.html'],
    ['trims white space', '  https://e.com/a  ', 'https://e.com/a'],
  ])('%s', (_why, input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  it.each(['chrome://settings', 'javascript:alert(1)', 'data:text/html,hi', 'not a url', '', '/relative/path'])(
    'refuses %j',
    (input) => {
      expect(normalizeUrl(input)).toBeNull();
    },
  );

  it('gives one key to the same article reached from a newsletter and from a table of contents', () => {
    expect(normalizeUrl('https://news.site/story?utm_source=newsletter#comments')).toBe(
      normalizeUrl('https://news.site/story#top'),
    );
  });
});

describe('unreadableReason', () => {
  it.each([
    [undefined, 'browser-page'],
    ['chrome://newtab/', 'browser-page'],
    ['about:blank', 'browser-page'],
    ['edge://settings', 'browser-page'],
    ['chrome-extension://abc/popup.html', 'browser-page'],
    ['view-source:https://e.com/', 'browser-page'],
    ['https://chromewebstore.google.com/detail/x/abc', 'store-page'],
    ['https://chrome.google.com/webstore/detail/abc', 'store-page'],
    ['https://addons.mozilla.org/en-US/firefox/addon/x/', 'store-page'],
    ['ftp://files.example.com/a.txt', 'not-web'],
    ['https://example.com/article', null],
    ['http://127.0.0.1:3000/itij.html', null],
    ['https://chrome.google.com/search', null],
  ] as const)('%s → %s', (url, reason) => {
    expect(unreadableReason(url)).toBe(reason);
  });
});
