/**
 * The extraction script: injected into a tab with `scripting.executeScript` when the popup opens (or a page is
 * saved), never registered on pages. It runs in the isolated world, reads the page and returns the result.
 */
import { extractArticle } from '@/utils/in-page/extract/extract-article';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';

export default defineUnlistedScript(() => extractArticle(document));
