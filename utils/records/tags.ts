/** Tag rules shared by the popup (what it suggests) and the repository (what it stores). */

/** Longest tag kept; longer input is cut, not refused. */
export const MAX_TAG_LENGTH = 64;

/** Characters that change how the text around them is laid out or hide in it, and so have no place in a name
 * shown beside other text: bidirectional marks, embeddings, overrides and isolates (an override in a tag
 * reorders the count shown after it), zero-width spaces, the word joiner and invisible operators, soft hyphens,
 * the Mongolian vowel separator and the byte-order mark. (Joiners stay: Persian and emoji need them.) */
export const INVISIBLE_CONTROLS =
  /[\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** A tag as stored: no invisible controls, trimmed, inner white space folded to one space, no leading `#`, at
 * most 64 characters. */
export function cleanTag(raw: string): string {
  return raw
    .replace(INVISIBLE_CONTROLS, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^#+/, '')
    .trim()
    .slice(0, MAX_TAG_LENGTH)
    .trim();
}

/** Cleans every tag and drops empty ones and case-insensitive repeats, keeping the first spelling and order. */
export function normalizeTags(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const value of raw) {
    const tag = cleanTag(value);
    const key = tag.toLocaleLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  return tags;
}
