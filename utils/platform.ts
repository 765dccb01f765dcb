/**
 * Where Chrome and Firefox differ, in one place. The rest of Gleaner calls these and the `browser` API both
 * share (WXT's `browser` is `chrome` in Chrome and the promise-based `browser` in Firefox).
 */
import { browser } from 'wxt/browser';

/** The name of the "highlight the selection" keyboard command (declared in wxt.config.ts). */
export const HIGHLIGHT_COMMAND = 'highlight-selection';

/** A context-menu item Gleaner adds. */
export interface MenuItem {
  id: string;
  title: string;
  contexts: ['selection'];
}

/**
 * Creates the context-menu items. Called every time the background starts: Chrome keeps menus across
 * restarts of its service worker (so the old ones are removed first, or creating them again fails on the
 * duplicate id), while Firefox forgets them when the browser restarts without firing `onInstalled`.
 */
export async function createMenus(items: MenuItem[]): Promise<void> {
  await browser.contextMenus.removeAll();
  for (const item of items) browser.contextMenus.create(item);
}

/** The browser's own page for changing extensions' keyboard shortcuts. */
export async function openShortcutSettings(): Promise<void> {
  if (import.meta.env.FIREFOX) {
    // Firefox 137+ opens about:addons at the shortcuts panel; web pages cannot link to about: URLs.
    const commands = browser.commands as typeof browser.commands & { openShortcutSettings?: () => Promise<void> };
    if (commands.openShortcutSettings) return commands.openShortcutSettings();
    await browser.tabs.create({ url: 'about:addons' });
    return;
  }
  // Extension pages may open chrome:// URLs through the tabs API, not through a link.
  await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}

/** The keyboard shortcuts currently assigned, by command name ('' when the user removed one). */
export async function commandShortcuts(): Promise<Map<string, string>> {
  const commands = await browser.commands.getAll();
  return new Map(commands.flatMap((command) => (command.name ? [[command.name, command.shortcut ?? '']] : [])));
}
