import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  // Explicit imports only: every dependency can be grepped (see ../shared/docs/style.md).
  imports: false,
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: {
    name: 'Gleaner',
    description: 'Save, highlight, search and export what you read on the web. Everything stays on your machine.',
    // Why each permission is needed is written in README.md ("Permissions").
    permissions: ['scripting', 'activeTab', 'contextMenus', 'unlimitedStorage', 'storage'],
    host_permissions: ['<all_urls>'],
    // Extension pages run only Gleaner's own scripts: no inline or remote code, no plugins, no <base>, no forms
    // posting anywhere, never framed by a web page.
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    },
    action: { default_title: 'Gleaner' },
    commands: {
      'highlight-selection': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: 'Highlight the selected text',
      },
    },
  },
});
