/**
 * Bundled into fixture pages by bench/extract.mjs: our whole extraction step and the bare Readability parse
 * it builds on, so both are timed on the same document in the same browser.
 */
import { Readability } from '@mozilla/readability';
import { extractArticle } from '../utils/in-page/extract/extract-article';

declare global {
  interface Window {
    gleanerBench: { ours(): boolean; bare(): boolean };
  }
}

window.gleanerBench = {
  ours: () => extractArticle(document).ok,
  // What Readability's README shows: parse a clone, get HTML and text back.
  bare: () => new Readability(document.cloneNode(true) as Document).parse() !== null,
};
