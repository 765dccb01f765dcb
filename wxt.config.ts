import preact from '@preact/preset-vite';
import { existsSync } from 'node:fs';
import { defineConfig } from 'wxt';

/** The Chromium `npm run dev` opens where Google Chrome is not installed (web-ext only looks for Chrome). */
const devChromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find(
  (path) => path && existsSync(path) && !existsSync('/usr/bin/google-chrome'),
);

// See https://wxt.dev/api/config.html
export default defineConfig({
  // Explicit imports only: every dependency can be grepped (see ../shared/docs/style.md).
  imports: false,
  // Strings in locales/*.yml, compiled to _locales/*/messages.json; the browser's language picks one.
  modules: ['@wxt-dev/i18n/module'],
  // `npm run dev` only (scripts/dev.mjs): which browser opens, and Chromium's sandbox off when run as root, where
  // Chromium refuses to start with it (and WXT then dies with a bare ECONNRESET).
  webExt: {
    ...(devChromium && { binaries: { chrome: devChromium } }),
    chromiumArgs: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  },
  vite: () => ({
    plugins: [preact()],
    // GLEANER_PROFILE=1: readable function names in a CPU profile.
    ...(process.env.GLEANER_PROFILE && { build: { minify: false } }),
  }),
  manifest: ({ browser }) => ({
    default_locale: 'en',
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    // Why each permission is needed is written in README.md ("Permissions").
    permissions: [
      'scripting',
      'activeTab',
      'contextMenus',
      'unlimitedStorage',
      'storage',
      'alarms',
      // Chrome's service worker has no DOM: pages fetched for the library are parsed in an offscreen document.
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    host_permissions: ['<all_urls>'],
    // Extension pages run only Gleaner's own scripts: no inline or remote code, no plugins, no <base>, no forms
    // posting anywhere; and they play no video, audio or text track from the web (a saved article's media
    // would tell its site the user is reading it; its images are the reader's setting, enforced there:
    // utils/reader/render-article.ts). Web pages can frame only the panel (below): the browser refuses them
    // every extension page not listed as web accessible, so no frame-ancestors here (it would apply to all).
    content_security_policy: {
      extension_pages:
        "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; media-src 'self' data: blob:",
    },
    // The panel frame Gleaner's script shows in saved pages (entrypoints/panel): the toolbar and the editor live
    // in the extension's own origin, where the page's scripts cannot read or drive them.
    web_accessible_resources: [{ resources: ['panel.html'], matches: ['<all_urls>'] }],
    action: { default_title: '__MSG_extName__' },
    commands: {
      'highlight-selection': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: '__MSG_commandHighlight__',
      },
    },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'gleaner@gleaner.app',
          // data_collection_permissions is read from Firefox 140 on (140 is also the current ESR).
          strict_min_version: '140.0',
          // Nothing leaves the machine: Gleaner collects no data at all.
          data_collection_permissions: { required: ['none'] },
        },
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
});
