/**
 * Case and accent folding shared by the query parser, the matcher and the index: "Café" and "cafe" are one
 * word. Only the Latin, Greek and Cyrillic combining accents are dropped; other marks are composed back (NFC),
 * so that Japanese で stays で and does not become て.
 */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').normalize('NFC').toLocaleLowerCase();
}

/**
 * Where folded `term` first occurs in `text` (an index into `fold(text)`), or -1. Tries plain lower case first,
 * which is native and needs no normalizing of long texts, and folds only when that finds nothing.
 */
export function indexOfFolded(text: string, term: string): number {
  const quick = text.toLocaleLowerCase().indexOf(term);
  return quick >= 0 ? quick : fold(text).indexOf(term);
}
