// fake-indexeddb must be in place before Dexie opens anything.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { chromeMessages, getMessage } from './support/messages';

// WXT's fake browser has no i18n: unit tests read the English messages, as Chromium does with an English UI.
const english = chromeMessages('en');
beforeEach(() => {
  fakeBrowser.i18n.getMessage = (name: string, substitutions?: string | string[]) =>
    getMessage(english, 'ltr', name, substitutions);
  fakeBrowser.i18n.getUILanguage = () => 'en';
});

afterEach(() => {
  fakeBrowser.reset();
});
