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
import { inRects, type Painter } from './painter';

/** The prefix of every highlight name Gleaner registers (nothing else registers such a name). */
export const HIGHLIGHT_NAME_PREFIX = 'gleaner-';
/** The name of the flash shown on "Show on page": not a highlight, so not under the prefix. */
const REVEAL_NAME = 'reveal-by-gleaner';
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

export class CustomHighlightPainter implements Painter {
  readonly form = 'custom-highlights';
  private readonly registry: HighlightRegistry;
  private readonly Highlight: typeof Highlight;
  /** In the order painted: the last painted is on top where they overlap. */
  private readonly painted = new Map<string, Painted>();
  private palette: Palette = DEFAULT_PALETTE;
  /** Every colour painted so far: each has its rule. */
  private readonly colors = new Set<string>();
  private style: HTMLStyleElement | null = null;

  constructor(private readonly doc: Document) {
    const found = api(doc)!;
    this.registry = found.registry;
    this.Highlight = found.Highlight;
  }

  paint(range: Range, id: string, color: string): boolean {
    const live = this.doc.createRange();
    live.setStart(range.startContainer, range.startOffset);
    live.setEnd(range.endContainer, range.endOffset);
    const text = live.toString();
    if (!text.trim()) return false;
    this.erase(id);
    this.painted.set(id, { range: live, color, text });
    this.highlightOf(color).add(live);
    this.ensureStyle(color);
    return true;
  }

  erase(id: string): void {
    const painted = this.painted.get(id);
    if (!painted) return;
    this.painted.delete(id);
    const name = HIGHLIGHT_NAME_PREFIX + painted.color;
    const highlight = this.registry.get(name);
    highlight?.delete(painted.range);
    if (highlight && highlight.size === 0) this.registry.delete(name);
  }

  eraseAll(): void {
    for (const id of [...this.painted.keys()]) this.erase(id);
  }

  recolor(id: string, color: string): void {
    const painted = this.painted.get(id);
    if (!painted || painted.color === color) return;
    this.erase(id);
    this.painted.set(id, { ...painted, color });
    this.highlightOf(color).add(painted.range);
    this.ensureStyle(color);
  }

  setPalette(palette: Palette): void {
    this.palette = palette;
    if (this.style) this.style.textContent = this.rules();
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
    return painted ? [...painted.range.getClientRects()].filter((rect) => rect.width && rect.height) : [];
  }

  at(x: number, y: number): string | null {
    let found: string | null = null;
    for (const id of this.painted.keys()) if (inRects(this.rects(id), x, y)) found = id;
    return found;
  }

  reveal(id: string): boolean {
    const painted = this.painted.get(id);
    const [first] = this.rects(id);
    if (!painted || !first) return false;
    const view = this.doc.defaultView!;
    view.scrollTo({ top: view.scrollY + first.top - view.innerHeight / 2, behavior: 'smooth' });
    const flash = new this.Highlight(painted.range);
    flash.priority = 1;
    this.registry.set(REVEAL_NAME, flash);
    setTimeout(() => this.registry.get(REVEAL_NAME) === flash && this.registry.delete(REVEAL_NAME), REVEAL_MS);
    return true;
  }

  /** The registered highlight of one colour, made when first needed. */
  private highlightOf(color: string): Highlight {
    const name = HIGHLIGHT_NAME_PREFIX + color;
    let highlight = this.registry.get(name);
    if (!highlight) {
      highlight = new this.Highlight();
      this.registry.set(name, highlight);
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
      `::highlight(${REVEAL_NAME}) { background-color: rgba(255, 170, 0, 0.55) !important; text-decoration: underline 3px !important; }`,
    );
    return rules.join('\n');
  }

  /** Gleaner's style sheet with a rule for `color`, outside `<body>` (put back if the page's script took it out). */
  private ensureStyle(color: string): void {
    if (!this.style) {
      this.style = this.doc.createElement('style');
      this.style.setAttribute(UI_ATTRIBUTE, '');
    }
    if (!this.colors.has(color)) {
      this.colors.add(color);
      this.style.textContent = this.rules();
    }
    if (!this.style.isConnected) this.doc.documentElement.append(this.style);
  }
}
