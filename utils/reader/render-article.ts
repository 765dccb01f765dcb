/**
 * Puts a stored article's HTML into the reader: sanitized again (stored HTML is never trusted), parsed in an
 * inert document so that nothing loads before it is checked, links sent to a new tab without a referrer, and
 * remote images left out when the reader says so (they are often tracking pixels).
 */
import { sanitizeArticleHtml } from '../sanitize';

export interface RenderOptions {
  remoteImages: boolean;
}

/** Replaces `container`'s children with the article. */
export function renderArticle(container: Element, html: string, { remoteImages }: RenderOptions): void {
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${sanitizeArticleHtml(html)}</body>`, 'text/html');
  for (const link of doc.querySelectorAll('a[href]')) {
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer');
  }
  if (!remoteImages) {
    for (const image of doc.querySelectorAll('img, picture source')) {
      const alt = image.getAttribute('alt')?.trim();
      if (image.tagName === 'IMG' && alt) image.replaceWith(doc.createTextNode(`[${alt}]`));
      else image.remove();
    }
  } else {
    for (const image of doc.querySelectorAll('img')) image.setAttribute('referrerpolicy', 'no-referrer');
  }
  container.replaceChildren(...[...doc.body.childNodes].map((node) => document.importNode(node, true)));
}
