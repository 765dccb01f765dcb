/**
 * The one place article HTML is made safe: before it is stored (in the extraction script) and again before an
 * extension page renders it. Page content is hostile; nothing else in Gleaner turns stored HTML into DOM.
 */
import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';

/**
 * What stored article HTML may contain: DOMPurify's safe HTML, SVG and MathML profiles, minus anything that
 * styles, submits or embeds. `SANITIZE_NAMED_PROPS` prefixes ids and names so that article markup cannot
 * clobber `document.*` properties in the page that shows it.
 */
export const ARTICLE_CONFIG: Config = {
  USE_PROFILES: { html: true, svg: true, mathMl: true },
  FORBID_TAGS: [
    'style',
    'form',
    'input',
    'button',
    'textarea',
    'select',
    'option',
    'iframe',
    'frame',
    'object',
    'embed',
    'base',
    'link',
    'meta',
  ],
  FORBID_ATTR: ['style', 'class', 'srcdoc', 'action', 'formaction', 'ping'],
  SANITIZE_NAMED_PROPS: true,
  ALLOW_DATA_ATTR: false,
};

const purifiers = new WeakMap<object, DOMPurify>();

function purifierFor(view: Window & typeof globalThis): DOMPurify {
  let purifier = purifiers.get(view);
  if (!purifier) {
    purifier = createDOMPurify(view);
    // Where DOMPurify finds the DOM it needs missing, it hands HTML back as it came: refused here instead.
    if (!purifier.isSupported) throw new Error('Article HTML cannot be made safe in this context.');
    purifiers.set(view, purifier);
  }
  return purifier;
}

/**
 * Sanitizes article HTML (a string, or an element whose contents are taken) into a safe HTML string.
 * `view` is the window whose DOM implementation parses it: the page's in the extraction script, the
 * extension page's when rendering, a jsdom window in tests.
 */
export function sanitizeArticleHtml(dirty: string | Node, view: Window & typeof globalThis = window): string {
  return purifierFor(view).sanitize(dirty, ARTICLE_CONFIG);
}
