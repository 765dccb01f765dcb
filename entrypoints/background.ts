/** Background: wires protocol messages to the library functions in utils/. Nothing else lives here. */
import { listTags, removeArticle, updateArticle } from '@/utils/db/articles';
import { getPageState, savePage } from '@/utils/library/page';
import { listen } from '@/utils/messaging/receive';
import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {
  listen({
    getPage: ({ tabId }) => getPageState(tabId),
    savePage: ({ tabId }) => savePage(tabId),
    updateArticle: ({ id, ...changes }) => updateArticle(id, changes),
    removeArticle: async ({ id }) => {
      await removeArticle(id);
      return null;
    },
    listTags: () => listTags(),
  });
});
