/**
 * Puts a stored article's HTML into the reader: sanitized again (stored HTML is never trusted), parsed in an
 * inert document so that nothing loads before it is checked, links sent to a new tab without a referrer.
 *
 * What it may load from the web is what PRIVACY.md promises: an article's images (img, picture, a video's
 * poster, SVG images, a table's background), only while "Show remote images" is on, without a referrer; never
 * its video, audio or text tracks, nor SVG paint, masks or filters from elsewhere. Those are taken out here, and
 * the page's content security policy enforces the same (`media-src` in the manifest for every extension page,
 * and `img-src` added to the reader while remote images are off), so that markup this code does not know of
 * cannot load them either.
 */
import { sanitizeArticleHtml } from '../sanitize';

export interface RenderOptions {
  remoteImages: boolean;
}

/** The policy the reader takes on while remote images are off: images from the extension or inline only. */
export const NO_REMOTE_IMAGES_POLICY = "img-src 'self' data: blob:";

/** Whether `value`, as a URL in a page of `base`, leads off the extension (data: and blob: stay in the page;
 * a fragment or a relative path resolve to the extension itself). */
function isRemote(value: string, base: string): boolean {
  try {
    const url = new URL(value.trim(), base);
    return !['data:', 'blob:'].includes(url.protocol) && url.origin !== new URL(base).origin;
  } catch {
    return true; // not a URL the browser would load: nothing is lost by leaving it out
  }
}

/** Presentation attributes that may point at another document's paint server, mask, filter, marker or cursor. */
const URL_ATTRIBUTES = [
  'fill',
  'stroke',
  'mask',
  'filter',
  'clip-path',
  'marker-start',
  'marker-mid',
  'marker-end',
  'cursor',
];
/** `url(…)` references in an attribute's value. */
const URL_REFERENCE = /url\(\s*(['"]?)(.*?)\1\s*\)/gi;

/** Takes out of `doc` whatever would load remote media (always), and remote images unless `remoteImages`. */
function dropRemote(doc: Document, base: string, remoteImages: boolean): void {
  const remote = (element: Element, name: string) => {
    const value = element.getAttribute(name);
    return value !== null && isRemote(value, base);
  };
  // Video, audio and their sources and tracks: never from the web.
  for (const media of doc.querySelectorAll('video, audio, source, track')) {
    if (media.parentElement?.localName === 'picture') continue; // a picture's sources are images
    for (const name of ['src', 'srcset']) if (remote(media, name)) media.removeAttribute(name);
  }
  for (const element of doc.querySelectorAll(URL_ATTRIBUTES.map((name) => `[${name}]`).join(', '))) {
    for (const name of URL_ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (value && [...value.matchAll(URL_REFERENCE)].some(([, , url]) => isRemote(url!, base)))
        element.removeAttribute(name);
    }
  }
  // SVG references to other documents' elements, whatever they hold.
  for (const use of doc.querySelectorAll('use, feImage, image')) {
    if (use.namespaceURI !== 'http://www.w3.org/2000/svg') continue;
    if (use.localName === 'image' && remoteImages) continue;
    for (const name of ['href', 'xlink:href']) if (remote(use, name)) use.removeAttribute(name);
  }
  if (remoteImages) {
    for (const image of doc.querySelectorAll('img')) image.setAttribute('referrerpolicy', 'no-referrer');
    return;
  }
  for (const image of doc.querySelectorAll('img, picture source')) {
    const alt = image.getAttribute('alt')?.trim();
    if (image.tagName === 'IMG' && alt) image.replaceWith(doc.createTextNode(`[${alt}]`));
    else image.remove();
  }
  for (const element of doc.querySelectorAll('[poster], [background]')) {
    for (const name of ['poster', 'background']) if (remote(element, name)) element.removeAttribute(name);
  }
}

/** Gives `doc` the policy that blocks remote images (once; a policy cannot be lifted but by reloading). */
export function blockRemoteImages(doc: Document): void {
  if (remoteImagesBlocked(doc)) return;
  const meta = doc.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = NO_REMOTE_IMAGES_POLICY;
  doc.head.prepend(meta);
}

/** Whether `doc` took on the policy that blocks remote images. */
export const remoteImagesBlocked = (doc: Document) =>
  [...doc.head.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]')].some(
    (meta) => meta.getAttribute('content') === NO_REMOTE_IMAGES_POLICY,
  );

/** Replaces `container`'s children with the article. */
export function renderArticle(container: Element, html: string, { remoteImages }: RenderOptions): void {
  const page = container.ownerDocument;
  if (!remoteImages) blockRemoteImages(page);
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${sanitizeArticleHtml(html)}</body>`, 'text/html');
  for (const link of doc.querySelectorAll('a[href]')) {
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer');
  }
  dropRemote(doc, page.location.href, remoteImages);
  container.replaceChildren(...[...doc.body.childNodes].map((node) => page.importNode(node, true)));
}
