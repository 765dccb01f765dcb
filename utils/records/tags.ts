/** Tag rules shared by the popup (what it suggests) and the repository (what it stores). */

/** Longest tag kept; longer input is cut, not refused. */
export const MAX_TAG_LENGTH = 64;

/** A tag as stored: trimmed, inner white space folded to one space, no leading `#`, at most 64 characters. */
export function cleanTag(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim().replace(/^#+/, '').trim().slice(0, MAX_TAG_LENGTH).trim();
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
