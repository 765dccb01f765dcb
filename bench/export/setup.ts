/**
 * What the exporter expects of an extension page, set up before it is imported (ESM evaluates imports in
 * order): fake-indexeddb, a jsdom window for Turndown and DOMPurify, and WXT's fake browser for the settings.
 */
import 'fake-indexeddb/auto';
import { JSDOM } from 'jsdom';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const { window } = new JSDOM('<!doctype html><html><body></body></html>');
// The English messages the bench's banner put on `chrome.i18n` (bench/lib.mjs i18nShim) stay with the fake browser.
const messages = (globalThis as { chrome?: { i18n?: Partial<typeof fakeBrowser.i18n> } }).chrome?.i18n;
Object.assign(fakeBrowser.i18n, messages);
Object.assign(globalThis, { window, document: window.document, chrome: fakeBrowser, browser: fakeBrowser });
