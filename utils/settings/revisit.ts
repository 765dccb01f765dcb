/** The revisit rules: whether a saved page gets its highlights back on a visit, by the settings and its site. */
import { hostnameOf } from '../url';

/** Whether a revisit of `url` should draw its highlights again, by the revisit settings. */
export function showsOnRevisit(url: string, show: boolean, exceptions: readonly string[]): boolean {
  const host = hostnameOf(url);
  const excepted = host !== null && exceptions.some((site) => host === site || host.endsWith(`.${site}`));
  return show !== excepted;
}

/** A site name as typed on the options page ("https://www.Example.com/x", "example.com"): its host, or null. */
export function siteOf(input: string): string | null {
  const text = input.trim().toLowerCase();
  if (!text) return null;
  const host = hostnameOf(/^[a-z][a-z0-9+.-]*:\/\//.test(text) ? text : `https://${text}`);
  return host && /^[a-z0-9.-]+$/.test(host) && host.includes('.') ? host.replace(/^www\./, '') : null;
}
