// fake-indexeddb must be in place before Dexie opens anything.
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

afterEach(() => {
  fakeBrowser.reset();
});
