/**
 * Highlights drawn as marks, where the CSS Custom Highlight API is missing (painter.ts): every text node of the
 * range is wrapped in a `<mark data-highlight-id>` whose inline `!important` styles page CSS cannot override
 * (inline important declarations win the cascade). Removal puts the page's own text nodes back as they were,
 * merging the pieces split at the range's ends.
 */
import { message } from '../../i18n';
import { colorLabel, DEFAULT_PALETTE, highlightBackground, type Palette } from '../../settings/palette';
import { UI_ATTRIBUTE } from '../../anchoring/text-model';
import { highlightAt, type Painter } from './painter';

/** The attribute every drawn highlight element carries (see shared/docs/surface.md). */
export const HIGHLIGHT_ATTRIBUTE = 'data-highlight-id';

/** Parents in which a text node of white space only must not be wrapped (an element there is invalid). */
const NO_WRAP_PARENTS = /^(TABLE|THEAD|TBODY|TFOOT|TR|COLGROUP|UL|OL|DL|SELECT|DATALIST|OPTGROUP|PICTURE|VIDEO|AUDIO)$/;
const SKIP_PARENTS = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|TEXTAREA|OPTION)$/;

/** How a highlight of one colour is drawn: its colour, its inline style, its name for assistive technology. */
interface Look {
  color: string;
  style: string;
  title: string;
}

function lookOf(palette: Palette, color: string): Look {
  return {
    color,
    style: styleFor(palette, color),
    title: message('color.described', [colorLabel(palette, color)]),
  };
}

/** Colours a highlight element and names its colour (a tooltip, and what a screen reader says). */
function paint(element: HTMLElement, look: Look): void {
  element.setAttribute('data-gleaner-color', look.color);
  element.setAttribute('style', look.style);
  element.title = look.title;
}

function styleFor(palette: Palette, color: string): string {
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

/** Highlights drawn as marks in one document (the painter where the CSS Custom Highlight API is missing). */
export class MarkPainter implements Painter {
  readonly form = 'marks';
  private palette: Palette = DEFAULT_PALETTE;
  /** Per highlight: the elements drawn, the text they held then, and the text nodes split to draw them
   * ([the page's node, the piece split off it]). */
  private readonly drawn = new Map<string, { elements: HTMLElement[]; text: string; splits: Array<[Text, Text]> }>();
  /** Highlights with a note (underlined, dotted). */
  private readonly noted = new Set<string>();

  constructor(private readonly doc: Document) {}

  markNoted(id: string, noted: boolean): void {
    if (noted) this.noted.add(id);
    else this.noted.delete(id);
    this.underline(id);
  }

  /** The dotted underline of a highlight with a note, on each of its elements (or taken off them). */
  private underline(id: string): void {
    for (const element of this.drawn.get(id)?.elements ?? []) {
      if (this.noted.has(id)) element.style.setProperty('border-bottom', '2px dotted currentColor', 'important');
      else element.style.removeProperty('border-bottom');
    }
  }

  paint(range: Range, id: string, color: string): boolean {
    this.erase(id);
    const splits: Array<[Text, Text]> = [];
    const nodes = textNodesIn(range, splits).filter(wrappable);
    const look = lookOf(this.palette, color);
    const elements = nodes.map((node) => {
      const mark = node.ownerDocument.createElement('mark');
      mark.setAttribute(HIGHLIGHT_ATTRIBUTE, id);
      paint(mark, look);
      node.parentNode!.insertBefore(mark, node);
      mark.appendChild(node);
      return mark;
    });
    this.drawn.set(id, { elements, text: textOf(elements), splits });
    this.underline(id);
    if (elements.length) return true;
    this.erase(id);
    return false;
  }

  erase(id: string): void {
    const drawn = this.drawn.get(id);
    if (!drawn) return;
    for (const element of drawn.elements) if (element.isConnected) element.replaceWith(...element.childNodes);
    // Merge the pieces split off when drawing, last split first, where they are neighbours again.
    for (const [original, piece] of drawn.splits.reverse()) {
      if (original.nextSibling === piece) {
        original.appendData(piece.data);
        piece.remove();
      }
    }
    this.drawn.delete(id);
  }

  eraseAll(): void {
    for (const id of [...this.drawn.keys()]) this.erase(id);
    this.noted.clear();
  }

  recolor(id: string, color: string): void {
    const look = lookOf(this.palette, color);
    for (const element of this.drawn.get(id)?.elements ?? []) paint(element, look);
    this.underline(id);
  }

  setPalette(palette: Palette): void {
    this.palette = palette;
    const looks = new Map<string, Look>();
    for (const { elements } of this.drawn.values()) {
      for (const element of elements) {
        const color = element.getAttribute('data-gleaner-color')!;
        if (!looks.has(color)) looks.set(color, lookOf(palette, color));
        paint(element, looks.get(color)!);
      }
    }
    for (const id of this.drawn.keys()) this.underline(id);
  }

  intact(id: string): boolean {
    const drawn = this.drawn.get(id);
    return !!drawn && drawn.elements.every((element) => element.isConnected) && textOf(drawn.elements) === drawn.text;
  }

  rects(id: string): DOMRect[] {
    return (this.drawn.get(id)?.elements ?? []).flatMap((element) => [...element.getClientRects()]);
  }

  at(x: number, y: number): string | null {
    return highlightAt(this.drawn.keys(), (id) => this.rects(id), x, y);
  }

  reveal(id: string): boolean {
    const elements = this.drawn.get(id)?.elements.filter((element) => element.isConnected) ?? [];
    if (!elements.length) return false;
    elements[0]!.scrollIntoView({ block: 'center', behavior: 'smooth' });
    for (const element of elements) {
      element.animate([{ outline: '3px solid currentColor' }, { outline: '3px solid transparent' }], {
        duration: 1200,
      });
    }
    return true;
  }
}

/** The text highlight elements hold, one after the other. */
const textOf = (elements: readonly HTMLElement[]) => elements.map((element) => element.textContent).join('');

/** The marks drawn for highlight `id` under `root`. */
export function highlightElements(root: ParentNode, id: string): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(`[${HIGHLIGHT_ATTRIBUTE}="${CSS.escape(id)}"]`)];
}
