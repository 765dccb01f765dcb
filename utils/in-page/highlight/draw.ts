/**
 * Drawing highlights into a page: every text node of the range is wrapped in a `<mark data-highlight-id>`
 * whose inline `!important` styles page CSS cannot override (inline important declarations win the cascade).
 * Removal puts the page's own text nodes back as they were, merging the pieces split at the range's ends.
 */
import { message } from '../../i18n';
import { colorLabel, DEFAULT_PALETTE, highlightBackground, type Palette } from '../../settings/palette';
import { UI_ATTRIBUTE } from '../../anchoring/text-model';

/** The attribute every drawn highlight element carries (see shared/docs/surface.md). */
export const HIGHLIGHT_ATTRIBUTE = 'data-highlight-id';

/** Parents in which a text node of white space only must not be wrapped (an element there is invalid). */
const NO_WRAP_PARENTS = /^(TABLE|THEAD|TBODY|TFOOT|TR|COLGROUP|UL|OL|DL|SELECT|DATALIST|OPTGROUP|PICTURE|VIDEO|AUDIO)$/;
const SKIP_PARENTS = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|TEXTAREA|OPTION)$/;

/** Text nodes split when drawing, per highlight: [the page's node, the piece split off it]. */
const splits = new Map<string, Array<[Text, Text]>>();

/** The palette highlights are drawn with in this document (the user's, once the page script has read it). */
let palette: Palette = DEFAULT_PALETTE;

/** Draws every highlight under `root` in `next`'s colours, and draws later ones so too. */
export function applyPalette(root: ParentNode, next: Palette): void {
  palette = next;
  const looks = new Map<string, Look>();
  for (const element of root.querySelectorAll<HTMLElement>('[data-gleaner-color]')) {
    const color = element.getAttribute('data-gleaner-color')!;
    if (!looks.has(color)) looks.set(color, lookOf(color));
    paint(element, looks.get(color)!);
  }
}

/** How a highlight of one colour is drawn: its colour, its inline style, its name for assistive technology. */
interface Look {
  color: string;
  style: string;
  title: string;
}

function lookOf(color: string): Look {
  return { color, style: styleFor(color), title: message('color.described', [colorLabel(palette, color)]) };
}

/** Colours a highlight element and names its colour (a tooltip, and what a screen reader says). */
function paint(element: HTMLElement, look: Look): void {
  element.setAttribute('data-gleaner-color', look.color);
  element.setAttribute('style', look.style);
  element.title = look.title;
}

function styleFor(color: string): string {
  const value = highlightBackground(palette, color);
  return [
    `background-color: ${value} !important`,
    'color: inherit !important',
    'display: inline !important',
    'visibility: visible !important',
    'opacity: 1 !important',
    'position: static !important',
    'padding: 0 !important',
    'margin: 0 !important',
    'border: 0 !important',
    'border-radius: 2px !important',
    'font: inherit !important',
    'text-decoration: inherit !important',
    'box-shadow: none !important',
    'filter: none !important',
    'clip-path: none !important',
    'cursor: pointer !important',
  ].join('; ');
}

/** The text nodes a range covers, split so that each lies wholly inside it. */
function textNodesIn(range: Range, record: Array<[Text, Text]>): Text[] {
  let { startContainer, startOffset, endContainer, endOffset } = range;
  if (endContainer.nodeType === 3 && endOffset > 0 && endOffset < (endContainer as Text).length) {
    const rest = (endContainer as Text).splitText(endOffset);
    record.push([endContainer as Text, rest]);
  }
  if (startContainer.nodeType === 3 && startOffset > 0 && startOffset < (startContainer as Text).length) {
    const piece = (startContainer as Text).splitText(startOffset);
    record.push([startContainer as Text, piece]);
    if (endContainer === startContainer) {
      endContainer = piece;
      endOffset -= startOffset;
    }
    startContainer = piece;
    startOffset = 0;
  }
  const doc = range.startContainer.ownerDocument!;
  const whole = doc.createRange();
  whole.setStart(startContainer, startOffset);
  whole.setEnd(endContainer, endOffset);
  const root = whole.commonAncestorContainer;
  if (root.nodeType === 3) return whole.collapsed ? [] : [root as Text];
  const walker = doc.createTreeWalker(root, 0x4 /* SHOW_TEXT */);
  const nodes: Text[] = [];
  // From the start node to the end node only (anchored ranges start and end in text): not the whole subtree,
  // which for a passage across paragraphs can be the whole page, once per highlight.
  let node: Text | null;
  if (startContainer.nodeType === 3) {
    walker.currentNode = startContainer;
    node = startContainer as Text;
  } else {
    node = walker.nextNode() as Text | null;
  }
  for (; node; node = walker.nextNode() as Text | null) {
    if (endContainer.nodeType === 3 ? false : !whole.intersectsNode(node)) {
      if (nodes.length) break;
      continue;
    }
    const atEnd = node === endContainer;
    if (!(atEnd && endOffset === 0) && !(node === startContainer && startOffset === node.length)) nodes.push(node);
    if (atEnd) break;
  }
  return nodes;
}

function wrappable(node: Text): boolean {
  const parent = node.parentElement;
  if (!parent || SKIP_PARENTS.test(parent.nodeName) || parent.closest(`[${UI_ATTRIBUTE}]`)) return false;
  return !(NO_WRAP_PARENTS.test(parent.nodeName) && !node.data.trim());
}

/** Draws highlight `id` over `range`; returns the elements drawn (empty if the range covers no text). */
export function drawHighlight(range: Range, id: string, color: string): HTMLElement[] {
  const record: Array<[Text, Text]> = [];
  const nodes = textNodesIn(range, record).filter(wrappable);
  const look = lookOf(color);
  const elements = nodes.map((node) => {
    const mark = node.ownerDocument.createElement('mark');
    mark.setAttribute(HIGHLIGHT_ATTRIBUTE, id);
    paint(mark, look);
    node.parentNode!.insertBefore(mark, node);
    mark.appendChild(node);
    return mark;
  });
  splits.set(id, [...(splits.get(id) ?? []), ...record]);
  // Reachable by keyboard: the first piece of each highlight is in the tab order (Enter opens its editor on a
  // web page: page-ui.ts), named by its colour (its title).
  elements[0]?.setAttribute('tabindex', '0');
  return elements;
}

/** The elements drawn for highlight `id` under `root`. */
export function highlightElements(root: ParentNode, id: string): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(`[${HIGHLIGHT_ATTRIBUTE}="${CSS.escape(id)}"]`)];
}

/** Repaints highlight `id` in another colour. */
export function recolorHighlight(root: ParentNode, id: string, color: string): void {
  const look = lookOf(color);
  for (const element of highlightElements(root, id)) paint(element, look);
}

/** Removes highlight `id`, putting its text back into the page's own text nodes. */
export function removeHighlight(root: ParentNode, id: string): void {
  for (const element of highlightElements(root, id)) element.replaceWith(...element.childNodes);
  // Merge the pieces split off when drawing, last split first, where they are neighbours again.
  for (const [original, piece] of (splits.get(id) ?? []).reverse()) {
    if (original.nextSibling === piece) {
      original.appendData(piece.data);
      piece.remove();
    }
  }
  splits.delete(id);
}

/** Removes every highlight under `root`. */
export function removeAllHighlights(root: ParentNode): void {
  const ids = new Set(
    [...root.querySelectorAll(`[${HIGHLIGHT_ATTRIBUTE}]`)].map((el) => el.getAttribute(HIGHLIGHT_ATTRIBUTE)!),
  );
  for (const id of ids) removeHighlight(root, id);
}
