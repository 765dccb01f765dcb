/**
 * URL helpers shared by the background, the extension pages and the tests.
 * A page is keyed by its normalized URL, so that the same article reached through a newsletter link
 * (`?utm_source=…`) or a table-of-contents link (`#section-2`) is one library entry.
 */

/** Query parameters that only track where a visitor came from; they never select content. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'igshid',
  'igsh',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  '__hssc',
  '__hstc',
  '__hsfp',
  'hsctatracking',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'rb_clickid',
  's_cid',
  'vero_conv',
  'vero_id',
  'wickedid',
  'ck_subscriber_id',
  'ref_src',
  'ref_url',
  'spm',
  'scm',
  'share_id',
  'sr_share',
  'cmpid',
  'ncid',
  'guccounter',
  'guce_referrer',
  'guce_referrer_sig',
  'at_medium',
  'at_campaign',
  'at_custom1',
  'at_custom2',
  'at_custom3',
  'at_custom4',
]);
/** Parameter families: `utm_source`, `utm_medium`, `pk_campaign`, `mtm_kwd`, … */
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'matomo_', 'hsa_', 'oly_', 'vero_'];

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/**
 * The key under which a page is stored: lower-case scheme and host (URL does that), no default port, no
 * credentials, no fragment, no tracking parameters, the remaining parameters sorted.
 * Returns null for anything that is not an absolute http(s) or file URL: only documents go into the library.
 */
export function normalizeUrl(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'file:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  const kept = [...url.searchParams].filter(([name]) => !isTrackingParam(name));
  // A stable order so that `?a=1&b=2` and `?b=2&a=1` are one page; equal names keep their relative order.
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = kept.length ? new URLSearchParams(kept).toString() : '';
  return url.href;
}

/** Why the popup cannot read a tab, decided from its URL alone (before any script is injected). */
export type UnreadableReason = 'browser-page' | 'store-page' | 'not-web';

/** Extension stores forbid script injection; these hosts are the ones Chrome and Firefox protect. */
const STORE_HOSTS = ['chromewebstore.google.com', 'addons.mozilla.org', 'microsoftedge.microsoft.com'];

/**
 * Classifies a tab URL that scripts cannot run in. `undefined` is what `tabs.get` reports for pages the
 * extension has no host permission for, which with `<all_urls>` means a browser page.
 */
export function unreadableReason(tabUrl: string | undefined): UnreadableReason | null {
  if (!tabUrl) return 'browser-page';
  let url: URL;
  try {
    url = new URL(tabUrl);
  } catch {
    return 'not-web';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'file:') {
    return /^(chrome|edge|brave|opera|vivaldi|about|moz-extension|chrome-extension|view-source|devtools):$/.test(
      url.protocol,
    )
      ? 'browser-page'
      : 'not-web';
  }
  if (STORE_HOSTS.includes(url.hostname)) return 'store-page';
  if (url.hostname === 'chrome.google.com' && url.pathname.startsWith('/webstore')) return 'store-page';
  return null;
}

/** The host name of a web address (lower case, punycode), or null for anything that is not http(s). */
export function hostnameOf(address: string): string | null {
  try {
    const url = new URL(address);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.hostname : null;
  } catch {
    return null;
  }
}
