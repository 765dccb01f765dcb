/**
 * Highlights painted with the CSS Custom Highlight API: one live `Range` per highlight, in a `Highlight` per
 * colour registered in `CSS.highlights` as `gleaner-<colour>` (shared/docs/surface.md), coloured by one rule
 * per colour in a style sheet of Gleaner's own, kept outside the page's `<body>`. Nothing in the page's DOM
 * changes: a framework that updates or removes the text it rendered finds its nodes as it left them, and a
 * live range follows the page's edits, so a changed text is seen (intact() false) and looked for again.
 *
 * What marks gave for free is done here: a click is matched to the highlight under it (at()), and screen
 * readers and the keyboard reach highlights through Gleaner's own list of them (page-ui.ts), since a painted
 * range is not an element.
 */
import { DEFAULT_PALETTE, highlightBackground, type Palette } from '../../settings/palette';
import { UI_ATTRIBUTE } from '../../anchoring/text-model';
import { viewportRects } from '../../anchoring/composed';
import { highlightAt, type Painter } from './painter';

/** The prefix of every highlight name Gleaner registers (nothing else registers such a name). */
export const HIGHLIGHT_NAME_PREFIX = 'gleaner-';
/** The name of the flash shown on "Show on page": not a highlight, so not under the prefix. */
const REVEAL_NAME = 'reveal-by-gleaner';
/** The mark of highlights with a note: a second highlight over the same ranges that only underlines them (not
 * under the prefix either: each drawn highlight stays one range in one `gleaner-` highlight). */
const NOTED_NAME = 'noted-by-gleaner';
const REVEAL_MS = 1200;

/** The registry and constructor of the API in `doc`'s window, if it has them. */
function api(doc: Document): { registry: HighlightRegistry; Highlight: typeof Highlight } | null {
  const view = doc.defaultView as (Window & { CSS?: typeof CSS; Highlight?: typeof Highlight }) | null;
  const registry = view?.CSS?.highlights;
  return registry && view?.Highlight ? { registry, Highlight: view.Highlight } : null;
}

/** Whether `doc`'s browser paints custom highlights. */
export const hasCustomHighlights = (doc: Document): boolean => api(doc) !== null;

/** What is painted for one highlight. */
interface Painted {
  range: Range;
  color: string;
  /** The text it covered when painted. */
  text: string;
}

/** Where rules must be for ranges to be coloured: a document (a style element outside its body), or an open
 * shadow root (document rules do not reach into it: an adopted style sheet there). */
type Tree = Document | ShadowRoot;

/**
 * Paints on a page and on what its reader sees of it (composed.ts): a same-origin frame's ranges go to that
 * frame's own registry, and each tree holding painted text gets the colour rules.
 */
export class CustomHighlightPainter implements Painter {
  readonly form = 'custom-highlights';
  /** In the order painted: the last painted is on top where they overlap. */
  private readonly painted = new Map<string, Painted>();
  /** Highlights with a note. */
  private readonly noted = new Set<string>();
  private palette: Palette = DEFAULT_PALETTE;
  /** Every colour painted so far: each has its rule. */
  private readonly colors = new Set<string>();
  /** The rules' holder in each tree painted in: a style element (documents) or an adopted sheet (shadow roots). */
  private readonly sheets = new Map<Tree, HTMLStyleElement | CSSStyleSheet>();

  constructor(private readonly doc: Document) {}

  paint(range: Range, id: string, color: string): boolean {
    const doc = range.startContainer.ownerDocument!;
    const found = api(doc);
    if (!found) return false;
    const live = doc.createRange();
    live.setStart(range.startContainer, range.startOffset);
    live.setEnd(range.endContainer, range.endOffset);
    const text = live.toString();
    if (!text.trim()) return false;
    this.erase(id);
    this.painted.set(id, { range: live, color, text });
    this.highlightOf(found, color).add(live);
    if (this.noted.has(id)) this.highlightOf(found, NOTED_NAME, '').add(live);
    this.styleFor(live, color);
    return true;
  }

  markNoted(id: string, noted: boolean): void {
    if (noted === this.noted.has(id)) return;
    if (noted) this.noted.add(id);
    else this.noted.delete(id);
    const painted = this.painted.get(id);
    const found = painted && api(painted.range.startContainer.ownerDocument!);
    if (!painted || !found) return;
    if (noted) this.highlightOf(found, NOTED_NAME, '').add(painted.range);
    else this.dropFrom(found.registry, NOTED_NAME, painted.range);
  }

  erase(id: string): void {
    const painted = this.painted.get(id);
    if (!painted) return;
    this.painted.delete(id);
    const registry = api(painted.range.startContainer.ownerDocument!)?.registry;
    if (!registry) return;
    this.dropFrom(registry, HIGHLIGHT_NAME_PREFIX + painted.color, painted.range);
    this.dropFrom(registry, NOTED_NAME, painted.range);
  }

  /** Takes `range` out of the highlight registered as `name`, and the highlight out of the registry once empty. */
  private dropFrom(registry: HighlightRegistry, name: string, range: Range): void {
    const highlight = registry.get(name);
    highlight?.delete(range);
    if (highlight && highlight.size === 0) registry.delete(name);
  }

  eraseAll(): void {
    for (const id of [...this.painted.keys()]) this.erase(id);
    this.noted.clear();
  }

  recolor(id: string, color: string): void {
    const painted = this.painted.get(id);
    const found = painted && api(painted.range.startContainer.ownerDocument!);
    if (!painted || !found || painted.color === color) return;
    this.erase(id);
    this.painted.set(id, { ...painted, color });
    this.highlightOf(found, color).add(painted.range);
    if (this.noted.has(id)) this.highlightOf(found, NOTED_NAME, '').add(painted.range);
    this.styleFor(painted.range, color);
  }

  setPalette(palette: Palette): void {
    this.palette = palette;
    this.writeRules();
  }

  intact(id: string): boolean {
    const painted = this.painted.get(id);
    return (
      !!painted &&
      painted.range.startContainer.isConnected &&
      painted.range.endContainer.isConnected &&
      painted.range.toString() === painted.text
    );
  }

  rects(id: string): DOMRect[] {
    const painted = this.painted.get(id);
    return painted ? viewportRects(painted.range) : [];
  }

  at(x: number, y: number): string | null {
    return highlightAt(this.painted.keys(), (id) => this.rects(id), x, y);
  }

  reveal(id: string): boolean {
    const painted = this.painted.get(id);
    const found = painted && api(painted.range.startContainer.ownerDocument!);
    if (!painted || !found || !this.rects(id).length) return false;
    // Through every scrolling box and frame above it, to the middle of the window.
    const start = painted.range.startContainer;
    (start.nodeType === 1 ? (start as Element) : start.parentElement)?.scrollIntoView({
      block: 'center',
      behavior: 'smooth',
    });
    const flash = new found.Highlight(painted.range);
    flash.priority = 1;
    found.registry.set(REVEAL_NAME, flash);
    setTimeout(() => found.registry.get(REVEAL_NAME) === flash && found.registry.delete(REVEAL_NAME), REVEAL_MS);
    return true;
  }

  /** The registered highlight of one colour in a document (or of `name` with no prefix), made when first needed. */
  private highlightOf(
    found: NonNullable<ReturnType<typeof api>>,
    color: string,
    prefix = HIGHLIGHT_NAME_PREFIX,
  ): Highlight {
    const name = prefix + color;
    let highlight = found.registry.get(name);
    if (!highlight) {
      highlight = new found.Highlight();
      // The note's underline is drawn over the colour of the highlight it marks.
      if (name === NOTED_NAME) highlight.priority = 1;
      found.registry.set(name, highlight);
    }
    return highlight;
  }

  /** The colouring rules of every colour painted so far (page CSS cannot outweigh `!important` ones). */
  private rules(): string {
    const rules = [...this.colors].map(
      (color) =>
        `::highlight(${CSS.escape(HIGHLIGHT_NAME_PREFIX + color)}) { background-color: ${highlightBackground(this.palette, color)} !important; }`,
    );
    rules.push(
      `::highlight(${NOTED_NAME}) { text-decoration: underline dotted 2px !important; }`,
      `::highlight(${REVEAL_NAME}) { background-color: rgba(255, 170, 0, 0.55) !important; text-decoration: underline 3px !important; }`,
    );
    return rules.join('\n');
  }

  /** Rules for `color` in the tree `range` is painted in (a style element outside a document's body, put back if
   * the page's script took it out; an adopted sheet in a shadow root, which changes nothing in its DOM). */
  private styleFor(range: Range, color: string): void {
    const tree = range.startContainer.getRootNode() as Tree;
    const fresh = !this.colors.has(color);
    this.colors.add(color);
    let sheet = this.sheets.get(tree);
    if (!sheet) {
      sheet = tree.nodeType === 9 ? this.styleElement(tree as Document) : this.adoptedSheet(tree as ShadowRoot);
      this.sheets.set(tree, sheet);
      this.write(sheet);
    } else if (fresh) {
      this.writeRules();
    }
    if (tree.nodeType === 9 && !(sheet as HTMLStyleElement).isConnected) {
      (tree as Document).documentElement.append(sheet as HTMLStyleElement);
    }
  }

  private writeRules(): void {
    for (const sheet of this.sheets.values()) this.write(sheet);
  }

  private write(sheet: HTMLStyleElement | CSSStyleSheet): void {
    if ('replaceSync' in sheet) sheet.replaceSync(this.rules());
    else sheet.textContent = this.rules();
  }

  private styleElement(doc: Document): HTMLStyleElement {
    const style = doc.createElement('style');
    style.setAttribute(UI_ATTRIBUTE, '');
    doc.documentElement.append(style);
    return style;
  }

  private adoptedSheet(shadow: ShadowRoot): HTMLStyleElement | CSSStyleSheet {
    const view = shadow.ownerDocument.defaultView!;
    try {
      const sheet = new view.CSSStyleSheet();
      shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
      return sheet;
    } catch {
      // Where a script of Gleaner's cannot adopt a sheet into the page's shadow root: a style element in it.
      const style = shadow.ownerDocument.createElement('style');
      style.setAttribute(UI_ATTRIBUTE, '');
      shadow.append(style);
      return style;
    }
  }
}
