/** Case and accent folding shared by the query parser and the matcher: "Café" and "cafe" are one word. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}
