/**
 * Background: wires protocol messages, the context menu, the keyboard shortcut and tab updates to the library
 * functions in utils/. Nothing else lives here.
 */
import {
  getArticle,
  listTags,
  removeArticles,
  restoreArticles,
  setArticleStates,
  updateArticle,
} from '@/utils/db/articles';
import {
  bringBackHighlight,
  changeHighlight,
  eraseTab,
  getHighlight,
  highlightSelection,
  listTabHighlights,
  removeHighlight,
  showHighlightsInTab,
  tellReader,
} from '@/utils/highlight/tab-highlights';
import { getPageState, saveBookmark, savePage } from '@/utils/save/save-page';
import { backgroundProtocol } from '@/utils/messaging/protocol';
import { listen } from '@/utils/messaging/receive';
import { sendToTab } from '@/utils/messaging/send';
import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { errorText, gleanerError } from '@/utils/error-text';
import { createMenus, HIGHLIGHT_COMMAND } from '@/utils/platform';
import { i18n } from '#i18n';
import { ensureRunner, hostFetchQueue, runnerIdle } from '@/utils/fetch-queue/host';

/** Id of the "Highlight selection" context menu item. */
const MENU_HIGHLIGHT = 'gleaner-highlight-selection';

/** Highlights from a menu or shortcut, where there is no popup to show an error: the page shows it. */
async function highlightFromShortcut(tabId: number | undefined): Promise<void> {
  if (tabId === undefined) return;
  await highlightSelection(tabId).catch((error: unknown) => tellReader(tabId, errorText(error)));
}

/** The tab a message is about: the one it names (the popup's), else the tab of the panel frame that sent it. */
const tabOf = (tabId: number | undefined, sender: Browser.runtime.MessageSender) => tabId ?? sender.tab?.id;

/** The same, for a message that means nothing without a tab. */
function requireTab(tabId: number | undefined, sender: Browser.runtime.MessageSender): number {
  const id = tabOf(tabId, sender);
  if (id === undefined) throw gleanerError('popup.noTab');
  return id;
}

export default defineBackground(() => {
  listen(backgroundProtocol, {
    getPage: ({ tabId }) => getPageState(tabId),
    savePage: async ({ tabId }) => {
      const article = await savePage(tabId);
      await showHighlightsInTab(tabId, article.originalUrl).catch(() => null); // the toolbar comes with saving
      return article;
    },
    saveBookmark: async ({ tabId }) => {
      const article = await saveBookmark(tabId);
      await showHighlightsInTab(tabId, article.originalUrl).catch(() => null);
      return article;
    },
    updateArticle: ({ id, ...changes }) => updateArticle(id, changes),
    removeArticle: async ({ id, tabId }) => {
      const [removed] = await removeArticles([id]);
      await eraseTab(tabId);
      return removed ?? null;
    },
    restoreArticle: async ({ removed, tabId }) => {
      await restoreArticles([removed]);
      if (tabId !== undefined) await showHighlightsInTab(tabId, removed.article.originalUrl).catch(() => null);
      return removed.article;
    },
    setArticleStates: async ({ id, ...states }) => {
      await setArticleStates([id], states);
      const article = await getArticle(id);
      if (!article) throw gleanerError('error.articleGone');
      return article;
    },
    listTags: () => listTags(),
    highlightSelection: ({ tabId, color }, sender) => highlightSelection(requireTab(tabId, sender), color),
    listHighlights: ({ tabId }) => listTabHighlights(tabId),
    scrollToHighlight: ({ tabId, id }) => sendToTab(tabId, 'revealHighlight', { id }),
    getHighlight: ({ id }) => getHighlight(id),
    panelEvent: (event, sender) => sendToTab(requireTab(undefined, sender), 'panelEvent', event),
    updateHighlight: ({ id, tabId, ...changes }, sender) => changeHighlight(id, changes, tabOf(tabId, sender)),
    deleteHighlight: ({ id, tabId }, sender) => removeHighlight(id, tabOf(tabId, sender)),
    undeleteHighlight: ({ highlight, tabId }, sender) => bringBackHighlight(highlight, tabOf(tabId, sender)),
    wakeFetching: () => ensureRunner().then(() => null),
    fetchIdle: () => runnerIdle().then(() => null),
  });
  hostFetchQueue();

  void createMenus([{ id: MENU_HIGHLIGHT, title: i18n.t('highlightSelection'), contexts: ['selection'] }]);
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === MENU_HIGHLIGHT) void highlightFromShortcut(tab?.id);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== HIGHLIGHT_COMMAND) return;
    void (
      tab?.id !== undefined
        ? Promise.resolve(tab.id)
        : browser.tabs.query({ active: true, currentWindow: true }).then(([active]) => active?.id)
    ).then(highlightFromShortcut);
  });

  // Revisits: a page load, or a single-page app changing its URL (history.pushState), in a tab whose URL is
  // in the library gets its highlights back (unless the revisit settings say otherwise for its site). Other
  // pages get no code at all.
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === 'complete' || (change.url && change.status === undefined)) {
      void showHighlightsInTab(tabId, tab.url, { revisit: true }).catch(() => null);
    }
  });
});
