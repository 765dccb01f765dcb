/**
 * The highlighter's state in a page: which highlights it was asked to draw, which were found, and the handlers
 * of the page protocol. Anchoring runs on one text model for all highlights. For as long as the page is open,
 * each time it settles after a change of its own (a framework re-rendering, a live update): a drawn highlight
 * whose text the page took away, replaced or edited is taken off and looked for again, so that "found" always
 * means drawn now on its text; highlights not found are tried again (at every settle for a while after a draw,
 * late content, then at most every ORPHAN_RETRY_MS).
 */
import { anchor, describeRange, type Selectors } from '../../anchoring/selectors';
import { buildTextModel } from '../../anchoring/text-model';
import { composedSelection, composedTrees } from '../../anchoring/composed';
import type { DrawnHighlight, PageResponses } from '../../messaging/page-protocol';
import type { TextPlace } from '../../records/types';
import type { AnchorStatus } from '../../messaging/protocol';
import type { Palette } from '../../settings/palette';
import { CustomHighlightPainter, hasCustomHighlights } from './custom-highlights';
import { MarkPainter } from './draw';
import type { Painter } from './painter';

/** How long after a draw request orphans are tried again at every settle (late content). */
const RETRY_WINDOW_MS = 10_000;
/** After that, how often at most orphans are tried again (each try reads the whole page's text). */
const ORPHAN_RETRY_MS = 5_000;
/** Quiet time after page changes before drawn highlights are checked (the page has settled). */
const SETTLE_MS = 300;
/** Longest a check waits on a page that never stops changing (a ticking clock, a live feed). */
const SETTLE_MAX_MS = 1_000;

/** The painter for `doc`: the CSS Custom Highlight API where the browser has it, else marks (painter.ts). */
export function painterFor(doc: Document): Painter {
  return hasCustomHighlights(doc) ? new CustomHighlightPainter(doc) : new MarkPainter(doc);
}

/** A painted highlight, as Gleaner's list of them on the page names it (page-ui.ts). */
export interface PaintedHighlight {
  id: string;
  color: string;
  text: string;
  /** It has a note (the page never has the note itself). */
  noted: boolean;
}

/** Whether two records of a highlight draw the same (place, colour, note mark). */
const sameDrawing = (a: DrawnHighlight, b: DrawnHighlight) =>
  a.color === b.color && !!a.noted === !!b.noted && JSON.stringify(a.selectors) === JSON.stringify(b.selectors);

/** The highlights of one page. */
export class PageHighlights {
  private readonly records = new Map<string, DrawnHighlight>();
  private readonly status = new Map<string, AnchorStatus>();
  /** Where highlights were found away from their stored position, or without one (the background keeps it). */
  private readonly places = new Map<string, TextPlace>();
  private observer: MutationObserver | null = null;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the first change not yet checked happened (0: none). */
  private changedSince = 0;
  private retryUntil = 0;
  private lastOrphanTry = 0;

  /**
   * `root` holds the text highlights are anchored in: the whole page body on the web, the article alone in the
   * reader (utils/reader). Defaults to the body, looked up when needed.
   */
  constructor(
    private readonly doc: Document,
    private readonly rootElement: Element | null = null,
    readonly painter: Painter = painterFor(doc),
  ) {}

  /** Called with the painted highlights, in page order, whenever they change. */
  onPaintedChange: (painted: PaintedHighlight[]) => void = () => {};
  /** Called with the same-origin frames of the page when one appears (the interface listens to them too). */
  onFrames: (frames: Document[]) => void = () => {};
  /** The open shadow roots and same-origin frames last found in the page, each watched for changes. */
  private trees: { shadowRoots: ShadowRoot[]; frames: Document[] } = { shadowRoots: [], frames: [] };
  private readonly watched = new WeakSet<Node>();

  /** Paints in `palette`'s colours. */
  setPalette(palette: Palette): void {
    this.painter.setPalette(palette);
    this.tellPainted();
  }

  /** The painted highlights, in page order. */
  painted(): PaintedHighlight[] {
    const painted = [...this.records.values()].filter((record) => this.status.get(record.id) === 'anchored');
    const order = new Map(
      painted.map((record) => [record.id, this.places.get(record.id)?.start ?? record.selectors.position?.start ?? 0]),
    );
    return painted
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
      .map((record) => ({
        id: record.id,
        color: record.color,
        text: record.selectors.quote.exact,
        noted: record.noted === true,
      }));
  }

  private tellPainted(): void {
    this.onPaintedChange(this.painted());
  }

  private get root(): Element {
    return this.rootElement ?? this.doc.body;
  }

  /** The record of a drawn (or orphaned) highlight. */
  record(id: string): DrawnHighlight | undefined {
    return this.records.get(id);
  }

  /** Keeps a changed record (a new colour), repainting it. */
  update(record: DrawnHighlight): void {
    const before = this.records.get(record.id);
    this.records.set(record.id, record);
    if (before && before.color !== record.color) this.painter.recolor(record.id, record.color);
    if (before && !!before.noted !== !!record.noted) this.painter.markNoted(record.id, record.noted === true);
    if (before && (before.color !== record.color || !!before.noted !== !!record.noted)) this.tellPainted();
  }

  /** What the user has selected: in the page, in one of its open shadow roots or same-origin frames. */
  selection(): Range | null {
    this.findTrees();
    return composedSelection(this.doc, this.trees);
  }

  /** Selectors of the current selection, or null when it selects no page text. */
  describeSelection(): Selectors | null {
    const range = this.selection();
    return range ? describeRange(buildTextModel(this.root), range) : null;
  }

  /** Draws highlights (after erasing all when `replace`); returns every known highlight's status. */
  draw(highlights: readonly DrawnHighlight[], replace: boolean): Record<string, AnchorStatus> {
    // A replacement leaves what it would draw again exactly as it is (the background redraws on every load in
    // the tab, a frame's included): nothing repainted, and the keyboard list's buttons, focus and all, stay.
    const kept = new Set<string>();
    if (replace) {
      const incoming = new Map(highlights.map((record) => [record.id, record]));
      for (const [id, before] of [...this.records]) {
        const next = incoming.get(id);
        if (next && this.status.get(id) === 'anchored' && sameDrawing(before, next) && this.painter.intact(id))
          kept.add(id);
        else this.forget(id);
      }
    }
    for (const record of highlights) {
      if (kept.has(record.id)) continue;
      if (this.status.get(record.id) === 'anchored') this.takeOff(record.id);
      this.records.set(record.id, record);
      this.status.set(record.id, 'pending');
    }
    this.anchorPending();
    this.retryUntil = Date.now() + RETRY_WINDOW_MS;
    this.watch();
    this.tellPainted();
    return this.statuses();
  }

  /** Removes one highlight from the page. */
  erase(id: string): void {
    this.forget(id);
    this.tellPainted();
  }

  /** Takes one highlight off the page and forgets it (the caller tells what is painted). */
  private forget(id: string): void {
    this.takeOff(id);
    this.painter.markNoted(id, false);
    this.records.delete(id);
    this.status.delete(id);
    this.places.delete(id);
  }

  /** Removes every highlight from the page. */
  eraseAll(): void {
    this.ours(() => this.painter.eraseAll());
    this.records.clear();
    this.status.clear();
    this.places.clear();
    this.tellPainted();
  }

  /** Scrolls to a highlight and flashes it; false if it is not drawn. */
  reveal(id: string): boolean {
    return this.painter.reveal(id);
  }

  /** Every known highlight's status. */
  statuses(): PageResponses['highlightStatus'] {
    return Object.fromEntries(this.status);
  }

  /** Where drawn highlights were found away from their stored position (or without one). */
  foundPlaces(): PageResponses['highlightPlaces'] {
    return Object.fromEntries(this.places);
  }

  /** Takes a drawn highlight off the page (its text given back to the page's own nodes). */
  private takeOff(id: string): void {
    this.ours(() => this.painter.erase(id));
  }

  /** Anchors every pending highlight on one model of the page; those not found become orphaned for now. */
  private anchorPending(): void {
    const pending = [...this.records.values()].filter((record) => this.status.get(record.id) !== 'anchored');
    if (!pending.length) return;
    this.lastOrphanTry = Date.now();
    this.ours(() => this.drawPending(pending));
    this.tellPainted();
  }

  /** Does `work` on the page, and forgets the changes it made, which are not the page's own. */
  private ours(work: () => void): void {
    work();
    this.observer?.takeRecords();
  }

  private drawPending(pending: readonly DrawnHighlight[]): void {
    const model = buildTextModel(this.root);
    // Find every range first, then draw: live ranges follow the text nodes that drawing splits and moves.
    const found = pending.map((record) => ({ record, anchor: anchor(model, record.selectors) }));
    for (const { record, anchor: where } of found) {
      this.painter.markNoted(record.id, record.noted === true);
      const drawn = where ? this.painter.paint(where.range, record.id, record.color) : false;
      this.status.set(record.id, drawn ? 'anchored' : 'orphaned');
      if (drawn && where!.method !== 'position') this.places.set(record.id, { start: where!.start, end: where!.end });
      else this.places.delete(record.id);
    }
  }

  /**
   * Once the page has settled after its own changes: drawn highlights whose elements the page took out, or whose
   * text it changed, are taken off and looked for again; orphans are tried again (at every settle within the
   * retry window, then at most every ORPHAN_RETRY_MS).
   */
  private settle(): void {
    this.changedSince = 0;
    if (this.records.size) this.findTrees(); // a web component may have attached its shadow root, a frame loaded
    let broken = false;
    for (const [id, status] of this.status) {
      if (status !== 'anchored' || this.painter.intact(id)) continue;
      this.takeOff(id);
      this.status.set(id, 'pending');
      broken = true;
    }
    const orphans = [...this.status.values()].includes('orphaned');
    const now = Date.now();
    if (broken || (orphans && (now <= this.retryUntil || now - this.lastOrphanTry >= ORPHAN_RETRY_MS)))
      this.anchorPending();
  }

  /** Looks for the open shadow roots and same-origin frames of the page, and watches new ones. */
  private findTrees(): void {
    const before = this.trees.frames.length;
    this.trees = composedTrees(this.root);
    if (this.observer) {
      for (const tree of [...this.trees.shadowRoots, ...this.trees.frames.map((frame) => frame.body)]) {
        if (this.watched.has(tree)) continue;
        this.watched.add(tree);
        this.observer.observe(tree, { childList: true, subtree: true, characterData: true });
      }
    }
    if (this.trees.frames.length !== before) this.onFrames(this.trees.frames);
  }

  /** Watches the page's own changes for as long as it is open (our drawing is not one of them), in its shadow
   * roots and frames too. */
  private watch(): void {
    if (this.observer || typeof MutationObserver === 'undefined') return;
    this.observer = new MutationObserver((mutations) => {
      // Our own drawing's records are taken before they come here (ours()); the panel's host is ours too.
      const theirs = mutations.some((m) => !(m.target instanceof Element && m.target.closest('[data-gleaner-ui]')));
      if (!theirs || !this.records.size) return;
      const now = Date.now();
      this.changedSince ||= now;
      clearTimeout(this.settleTimer);
      // Settled: quiet for SETTLE_MS; or changing without end, checked every SETTLE_MAX_MS all the same.
      const wait = Math.max(0, Math.min(SETTLE_MS, this.changedSince + SETTLE_MAX_MS - now));
      this.settleTimer = setTimeout(() => this.settle(), wait);
    });
    this.observer.observe(this.root, { childList: true, subtree: true, characterData: true });
    // Its shadow roots and frames too, once there is something to watch them for (each look walks the page).
    if (this.records.size) this.findTrees();
  }
}
