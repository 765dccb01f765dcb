/**
 * The page as its reader sees it, beyond the plain DOM tree: the content of open shadow roots (a web
 * component's own markup, with the page's nodes it slots in where its slots are) and of frames of the page's
 * own origin (the frame's document, in the frame's place). Text models, extraction and selections all walk this
 * "composed" page, so an article inside a web component or a same-origin frame is read, saved and highlighted
 * like any other. Closed shadow roots and frames of other origins stay out of reach, as they are to the page.
 */

/** The document of a same-origin frame element, when it has a body to read (null otherwise). */
export function frameDocument(element: Element): Document | null {
  if (element.nodeName !== 'IFRAME' && element.nodeName !== 'FRAME') return null;
  try {
    const doc = (element as HTMLIFrameElement).contentDocument;
    return doc?.body ? doc : null;
  } catch {
    return null; // another origin
  }
}

/** What stands in an element's place in the composed page: its shadow root, its frame's body, or itself. */
function composedRootOf(element: Element): Node | null {
  if (element.shadowRoot) return element.shadowRoot;
  if (element.nodeName === 'SLOT') return null; // handled by the walk: its assigned nodes
  return frameDocument(element)?.body ?? null;
}

/** Calls `visit` on every element under `root` (the browser's own walk, without a filter: the fastest there is). */
function eachElement(root: Node, visit: (element: Element) => void): void {
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, 0x1 /* SHOW_ELEMENT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) visit(node as Element);
}

/** Whether anything under `root` is outside its plain tree: an open shadow root, a same-origin frame. */
export function hasComposedContent(root: Node): boolean {
  let found = false;
  eachElement(root, (element) => {
    found ||= !!element.shadowRoot || frameDocument(element) !== null;
  });
  return found;
}

/**
 * Calls `visit` on every text node under `root` in composed order: into open shadow roots instead of the
 * host's own children (which appear where they are slotted), into same-origin frames' bodies, never into an
 * element `skip` refuses (scripts, styles, Gleaner's own interface). A plain page is walked by the browser's
 * own TreeWalker; only hosts, slots and frames are stepped into here.
 */
export function walkComposedText(root: Node, skip: (element: Element) => boolean, visit: (text: Text) => void): void {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */, {
    acceptNode: (node) => {
      if (node.nodeType !== 1) return 1; // ACCEPT text
      const element = node as Element;
      if (skip(element) && !frameDocument(element)) return 2; // REJECT: not read, nor its children
      // Stepped into by hand below: a host, a slot, a same-origin frame.
      return element.shadowRoot || element.nodeName === 'SLOT' || frameDocument(element) ? 1 : 3; // SKIP
    },
  });
  let node = walker.nextNode();
  while (node) {
    if (node.nodeType === 3) {
      visit(node as Text);
      node = walker.nextNode();
      continue;
    }
    const element = node as Element;
    if (element.nodeName === 'SLOT') {
      const assigned = slottedNodes(element as HTMLSlotElement);
      if (assigned.length) {
        for (const slotted of assigned) {
          if (slotted.nodeType === 3) visit(slotted as Text);
          else if (slotted.nodeType === 1 && !skip(slotted as Element)) {
            const inner = composedRootOf(slotted as Element);
            walkComposedText(inner ?? slotted, skip, visit);
          }
        }
        node = nextOutside(walker, element);
        continue;
      }
      node = walker.nextNode(); // no slotted nodes: its fallback content is shown
      continue;
    }
    const inner = composedRootOf(element);
    if (inner) walkComposedText(inner, skip, visit);
    node = nextOutside(walker, element);
  }
}

/** The walker's next node after `element` and everything under it. */
function nextOutside(walker: TreeWalker, element: Node): Node | null {
  walker.currentNode = element;
  for (;;) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
    const parent = walker.parentNode();
    if (!parent) return null;
  }
}

/** The parent of `node` in the composed page: across a shadow root to its host, out of a frame to its element. */
export function composedParent(node: Node): Node | null {
  if (node.parentNode instanceof (node.ownerDocument?.defaultView?.ShadowRoot ?? ShadowRoot)) {
    return node.parentNode.host;
  }
  if (node.parentNode) return node.parentNode;
  if ((node as ShadowRoot).host) return (node as ShadowRoot).host;
  if (node.nodeType === 9) return (node as Document).defaultView?.frameElement ?? null;
  return null;
}

/** The element `node` is shown in: the slot it is assigned to, its parent, a shadow root's host, a frame's element. */
export function composedParentElement(node: Node): Element | null {
  const parentElement = node.parentElement;
  if (parentElement?.shadowRoot) return slotOf(node, parentElement.shadowRoot);
  if (parentElement) return parentElement;
  const parent = node.parentNode;
  if (!parent) return null;
  if ((parent as ShadowRoot).host) return (parent as ShadowRoot).host;
  return parent.nodeType === 9 ? ((parent as Document).defaultView?.frameElement ?? null) : null;
}

/** The slot a host's child is shown in (null: it is not shown). */
function slotOf(node: Node, shadow: ShadowRoot): HTMLSlotElement | null {
  if ('assignedSlot' in node) return (node as Element | Text).assignedSlot;
  // A DOM without assignedSlot (the unit tests'): assigned by name, as the default slot assignment does.
  const name = node.nodeType === 1 ? ((node as Element).getAttribute('slot') ?? '') : '';
  return shadow.querySelector<HTMLSlotElement>(name ? `slot[name="${CSS.escape(name)}"]` : 'slot:not([name])');
}

/** Whether `node` is `root` or inside it in the composed page. */
export function composedContains(root: Node, node: Node): boolean {
  for (let at: Node | null = node; at; at = composedParent(at)) if (at === root) return true;
  return false;
}

/** Every open shadow root and same-origin frame document in `root`'s composed page (for selections and
 * watching changes). */
export function composedTrees(root: Node): { shadowRoots: ShadowRoot[]; frames: Document[] } {
  const found = { shadowRoots: [] as ShadowRoot[], frames: [] as Document[] };
  const visit = (element: Element) => {
    if (element.shadowRoot) {
      found.shadowRoots.push(element.shadowRoot);
      eachElement(element.shadowRoot, visit);
    }
    const frame = frameDocument(element);
    if (frame) {
      found.frames.push(frame);
      eachElement(frame, visit);
    }
  };
  eachElement(root, visit);
  return found;
}

/** The nodes a slot shows from its host's children (none: it shows its own fallback content). */
function slottedNodes(slot: HTMLSlotElement): Node[] {
  if (typeof (slot as { assignedNodes?: unknown }).assignedNodes === 'function') return slot.assignedNodes();
  // A DOM without slot assignment (the unit tests'): by name, as the default assignment does.
  const host = (slot.getRootNode() as ShadowRoot).host;
  const name = slot.getAttribute('name') ?? '';
  return [...(host?.childNodes ?? [])].filter((node) =>
    node.nodeType === 1 ? ((node as Element).getAttribute('slot') ?? '') === name : node.nodeType === 3 && !name,
  );
}

/**
 * `doc` as its reader sees it: a copy in which each open shadow host's copy holds its shadow content (its slots
 * replaced by what they show) and each same-origin frame's copy is a `<div>` holding the frame's body, so that
 * Readability reads an article inside a web component or a frame as any other. A page with neither is `doc`
 * itself (not copied).
 */
export function composedDocument(doc: Document): Document {
  if (!hasComposedContent(doc)) return doc;
  const clone = doc.cloneNode(true) as Document;
  // The clone has the original's structure: element for element, in the same document order.
  const originals = doc.querySelectorAll('*');
  const copies = clone.querySelectorAll('*');
  for (let i = 0; i < originals.length; i++) {
    const original = originals[i]!;
    const copy = copies[i]!;
    if (original.shadowRoot) {
      copy.replaceChildren(...flattenChildren(original.shadowRoot, clone));
      continue;
    }
    const frame = frameDocument(original);
    if (frame) copy.replaceWith(frameCopy(frame, clone));
  }
  return clone;
}

const flattenChildren = (parent: ParentNode, into: Document): Node[] =>
  [...parent.childNodes].flatMap((child) => flatten(child, into));

/** A same-origin frame's body, as a block of `into`. */
function frameCopy(frame: Document, into: Document): Element {
  const block = into.createElement('div');
  block.append(...flattenChildren(frame.body, into));
  return block;
}

/** `node` copied into `into` as shown: shadow content for a host's children, slotted nodes for a slot. */
function flatten(node: Node, into: Document): Node[] {
  if (node.nodeType === 3 || node.nodeType === 4) return [into.importNode(node, false)];
  if (node.nodeType !== 1) return [];
  const element = node as Element;
  if (element.nodeName === 'SLOT') {
    const slotted = slottedNodes(element as HTMLSlotElement);
    return (slotted.length ? slotted : [...element.childNodes]).flatMap((child) => flatten(child, into));
  }
  const frame = frameDocument(element);
  if (frame) return [frameCopy(frame, into)];
  const copy = into.importNode(element, false);
  copy.append(...flattenChildren(element.shadowRoot ?? element, into));
  return [copy];
}

/** Where `doc`'s viewport is in the top page's viewport (a same-origin frame's, through every frame above it). */
export function frameOffset(doc: Document): { x: number; y: number } {
  let x = 0;
  let y = 0;
  for (let frame = doc.defaultView?.frameElement; frame; frame = frame.ownerDocument.defaultView?.frameElement) {
    const box = frame.getBoundingClientRect();
    x += box.left + frame.clientLeft;
    y += box.top + frame.clientTop;
  }
  return { x, y };
}

/** The boxes `range` covers, in the top page's viewport coordinates, without the empty ones. */
export function viewportRects(range: Range): DOMRect[] {
  const { x, y } = frameOffset(range.startContainer.ownerDocument!);
  const rects = [...range.getClientRects()].filter((rect) => rect.width && rect.height);
  return x || y ? rects.map((rect) => new DOMRect(rect.x + x, rect.y + y, rect.width, rect.height)) : rects;
}

/**
 * What the user has selected in the composed page: in the page, inside one of its open shadow roots, or in one
 * of its same-origin frames; null when nothing is. A selection inside a shadow root is read through
 * `Selection.getComposedRanges` (Chrome 137+, Firefox 142+), which the plain `getRangeAt` retargets to its host.
 */
export function composedSelection(
  doc: Document,
  trees: { shadowRoots: ShadowRoot[]; frames: Document[] },
): Range | null {
  for (const owner of [doc, ...trees.frames]) {
    const selection = owner.getSelection();
    if (!selection || !selection.rangeCount) continue;
    const composed = composedRange(owner, selection, trees.shadowRoots);
    if (composed) return composed;
    if (!selection.isCollapsed) return selection.getRangeAt(0);
  }
  return null;
}

function composedRange(owner: Document, selection: Selection, shadowRoots: ShadowRoot[]): Range | null {
  const withComposed = selection as Selection & {
    getComposedRanges?: (options: { shadowRoots: ShadowRoot[] }) => StaticRange[];
  };
  if (!shadowRoots.length || typeof withComposed.getComposedRanges !== 'function') return null;
  let ranges: StaticRange[];
  try {
    ranges = withComposed.getComposedRanges({ shadowRoots });
  } catch {
    return null;
  }
  const found = ranges.find((range) => !range.collapsed);
  if (!found || found.startContainer.getRootNode() !== found.endContainer.getRootNode()) return null;
  const range = owner.createRange();
  range.setStart(found.startContainer, found.startOffset);
  range.setEnd(found.endContainer, found.endOffset);
  return range;
}
