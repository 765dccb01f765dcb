import { composedContains, composedParentElement, walkComposedText } from './composed';

/**
 * The stable text model selectors are relative to: the text of a root element with every run of white space
 * folded to one space and a space between blocks (paragraphs, list items, cells), skipping text that is never
 * read (scripts, styles) and Gleaner's own interface. Re-flowed markup, indentation and block layout then do
 * not move offsets, and a quote that spans two paragraphs reads the same before and after a redesign. The text
 * is the composed page's (composed.ts): an open shadow root's and a same-origin frame's text are read where they
 * are shown.
 */

/** Elements whose text is not part of what a reader reads. */
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'SELECT',
  'OPTION',
  'svg',
  'SVG',
  'MATH',
  'math',
  'IFRAME',
  'OBJECT',
  'HEAD',
  'TITLE',
]);
/** Elements that start a new block of text; text in different blocks is separated by a space. */
const BLOCKS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'BR',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HGROUP',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
]);
/** Marks Gleaner's own in-page interface (toolbar, note editor), which is never part of the page's text. */
export const UI_ATTRIBUTE = 'data-gleaner-ui';

const SPACE = /[\s\u00a0\u200b\ufeff]/;

/** One text node's share of the model. */
interface Segment {
  node: Text;
  /** Model offset of the first character this node contributes. */
  start: number;
  /** Model offset after the last character this node contributes. */
  end: number;
  /** Whether the model had a space right before this node's first raw character (folds its leading spaces). */
  afterSpace: boolean;
}

/** The text of a root element as anchoring sees it, with the way back to DOM positions. */
export interface TextModel {
  /** The root element the model was built from. */
  root: Element;
  /** Folded text. */
  text: string;
  /** Text nodes in document order with their model ranges. */
  segments: Segment[];
  /** Index of each text node's segment. */
  indexOf: Map<Text, number>;
}

function isSkipped(element: Element): boolean {
  return SKIPPED.has(element.nodeName) || element.hasAttribute(UI_ATTRIBUTE);
}

/** The nearest block ancestor of a node in the composed page (through the slot it is shown in, out of a shadow
 * root or a frame), for block separators. */
function blockOf(node: Node, root: Element): Element {
  for (let el = composedParentElement(node); el && el !== root; el = composedParentElement(el)) {
    if (BLOCKS.has(el.nodeName)) return el;
  }
  return root;
}

/** Builds the text model of `root`. */
export function buildTextModel(root: Element): TextModel {
  const segments: Segment[] = [];
  let text = '';
  let lastSpace = true; // no leading space
  let lastBlock: Element | null = null;
  walkComposedText(root, isSkipped, (node) => {
    const data = node.data;
    if (!data) return;
    const block = blockOf(node, root);
    if (lastBlock && block !== lastBlock && !lastSpace) {
      text += ' ';
      lastSpace = true;
    }
    const start = text.length;
    const afterSpace = lastSpace;
    let folded = data.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ');
    if (lastSpace && folded.startsWith(' ')) folded = folded.slice(1);
    text += folded;
    if (folded) lastSpace = folded.endsWith(' ');
    lastBlock = block;
    segments.push({ node, start, end: text.length, afterSpace });
  });
  // Trailing space belongs to nothing the reader selects.
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    const last = segments[segments.length - 1];
    if (last && last.end > text.length) last.end = text.length;
  }
  const indexOf = new Map(segments.map((segment, index) => [segment.node, index]));
  return { root, text, segments, indexOf };
}

/** Model length of the first `raw` characters of a segment's node. */
function foldedLength(segment: Segment, raw: number): number {
  const data = segment.node.data;
  let length = 0;
  let lastSpace = segment.afterSpace;
  for (let i = 0; i < raw && i < data.length; i++) {
    const space = SPACE.test(data[i]!);
    if (space && lastSpace) continue;
    length += 1;
    lastSpace = space;
  }
  return Math.min(length, segment.end - segment.start);
}

/** Raw offset in a segment's node of model offset `offset` (within the segment). */
function rawOffset(segment: Segment, offset: number, side: 'start' | 'end'): number {
  const data = segment.node.data;
  let length = 0;
  let lastSpace = segment.afterSpace;
  for (let i = 0; i < data.length; i++) {
    const space = SPACE.test(data[i]!);
    if (space && lastSpace) continue;
    // A start lands on the character it counts; an end lands after the character that reaches it.
    if (side === 'start' && length === offset) return i;
    length += 1;
    lastSpace = space;
    if (side === 'end' && length === offset) return i + 1;
  }
  return data.length;
}

/** Index of the first segment whose range ends after `offset` (binary search). */
function segmentAt(model: TextModel, offset: number, side: 'start' | 'end'): number {
  const { segments } = model;
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const seg = segments[mid]!;
    if (side === 'start' ? seg.end <= offset : seg.end < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A DOM point: a text node and an offset in its data. */
export interface TextPoint {
  node: Text;
  offset: number;
}

/** The DOM points of model range [start, end), or null if it is empty or outside the text. */
export function rangePoints(model: TextModel, start: number, end: number): { start: TextPoint; end: TextPoint } | null {
  if (start < 0 || end > model.text.length || start >= end || !model.segments.length) return null;
  let si = segmentAt(model, start, 'start');
  // Skip segments that contribute nothing at this offset (separators, folded spaces).
  while (si < model.segments.length - 1 && model.segments[si]!.end <= start) si++;
  const ei = segmentAt(model, end, 'end');
  const s = model.segments[si]!;
  const e = model.segments[ei]!;
  const startOffset = rawOffset(s, Math.max(0, start - s.start), 'start');
  const endOffset = end <= e.start ? 0 : rawOffset(e, end - e.start, 'end');
  return { start: { node: s.node, offset: startOffset }, end: { node: e.node, offset: endOffset } };
}

/** Builds a DOM Range for model range [start, end). */
export function toRange(model: TextModel, start: number, end: number): Range | null {
  const points = rangePoints(model, start, end);
  if (!points) return null;
  // Made by the text's own document: a same-origin frame's text is painted by that frame.
  const range = points.start.node.ownerDocument.createRange();
  range.setStart(points.start.node, points.start.offset);
  range.setEnd(points.end.node, points.end.offset);
  return range;
}

/** The first node at or after a boundary point in document order (null at the end of the root). */
function nodeAtBoundary(root: Element, container: Node, offset: number): Node | null {
  if (container.nodeType !== 3 && offset < container.childNodes.length) return container.childNodes[offset]!;
  // A (skipped) text node, or past an element's last child: the next node outside it.
  let node: Node | null = container;
  while (node && node !== root && !node.nextSibling) node = node.parentNode;
  return node && node !== root ? node.nextSibling : null;
}

/**
 * Model offset of a DOM boundary point (a text node and offset, or an element and child index), or null outside
 * the root. Between two blocks a point could sit before or after their separator: a range's start takes the
 * offset where the following text starts, its end the offset where the preceding text ends.
 */
export function modelOffset(
  model: TextModel,
  container: Node,
  offset: number,
  side: 'start' | 'end' = 'start',
): number | null {
  if (!composedContains(model.root, container)) return null;
  const index = container.nodeType === 3 ? model.indexOf.get(container as Text) : undefined;
  if (index !== undefined) {
    const seg = model.segments[index]!;
    return seg.start + foldedLength(seg, offset);
  }
  // An element boundary (or a skipped text node): find the first modelled text node at or after it.
  const start = nodeAtBoundary(model.root, container, container.nodeType === 3 ? 0 : offset);
  let next = model.segments.length;
  if (start) {
    const walker = model.root.ownerDocument.createTreeWalker(model.root, 0x4 /* SHOW_TEXT */);
    walker.currentNode = start;
    for (let node: Node | null = start.nodeType === 3 ? start : walker.nextNode(); node; node = walker.nextNode()) {
      const found = model.indexOf.get(node as Text);
      if (found !== undefined) {
        next = found;
        break;
      }
    }
  }
  if (side === 'start') return next < model.segments.length ? model.segments[next]!.start : model.text.length;
  return next > 0 ? model.segments[next - 1]!.end : 0;
}

/** Model offsets of a DOM Range, or null if it lies outside the root or selects no text. */
export function fromRange(model: TextModel, range: Range): { start: number; end: number } | null {
  const start = modelOffset(model, range.startContainer, range.startOffset);
  const end = modelOffset(model, range.endContainer, range.endOffset, 'end');
  if (start === null || end === null) return null;
  // Selections often start on or end with a folded space: trim to the text itself.
  let s = start;
  let e = end;
  while (s < e && model.text[s] === ' ') s++;
  while (e > s && model.text[e - 1] === ' ') e--;
  return s < e ? { start: s, end: e } : null;
}
