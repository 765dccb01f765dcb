/**
 * The plain text of an article's content with its blocks kept apart: a line break wherever a paragraph,
 * heading, list item, cell or line break ends, so that text written without white space between blocks
 * (`<p>…attack.</p><p>Uber…`) does not run together ("attack.Uber") in snippets, word counts and the index.
 * White space inside a line is folded to one space; markup indentation is not text.
 */

/** Elements that begin and end a line of text (HTML's block-level and table elements, and `br`). */
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'CAPTION', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN',
  'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]); // prettier-ignore

/** Text of `root` and its descendants, blocks on lines of their own. Walked without recursion: a page may nest
 * elements deeper than the stack allows. */
export function blockText(root: Node): string {
  const parts: string[] = [];
  const isBlock = (node: Node) => node.nodeType === 1 && BLOCKS.has((node as Element).tagName.toUpperCase());
  let node: Node | null = root;
  while (node) {
    // Entering node.
    if (node.nodeType === 3 /* text */) parts.push(node.nodeValue ?? '');
    else if (isBlock(node)) parts.push('\n');
    if ((node.nodeType === 1 || node.nodeType === 11) && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    // Leaving node, and each ancestor whose last child it was.
    while (node) {
      if (isBlock(node)) parts.push('\n');
      if (node === root) node = null;
      else if (node.nextSibling) {
        node = node.nextSibling;
        break;
      } else node = node.parentNode;
    }
  }
  return foldLines(parts.join(''));
}

/** White space folded: runs within a line to one space, blank lines and indentation around breaks removed. */
function foldLines(text: string): string {
  return text
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n\s*/g, '\n')
    .trim();
}
