/** The problems in the import graph, in words (none: an empty list); `sources` replaces or adds file texts. */
export function checkImportGraph(options?: { sources?: Map<string, string> }): string[];
