/**
 * The highlighter's state in a page: which highlights it was asked to draw, which were found, and the handlers
 * of the page protocol. Anchoring runs on one text model for all highlights; highlights not found yet are
 * tried again while the page is still changing (late content, single-page apps), then reported orphaned.
 */
import { anchor, describeRange, type Selectors } from '../../anchoring/selectors';
import { buildTextModel } from '../../anchoring/text-model';
import type { DrawnHighlight, PageResponses, TextPlace } from '../../messaging/page-protocol';
import type { AnchorStatus } from '../../messaging/protocol';
import { drawHighlight, highlightElements, recolorHighlight, removeAllHighlights, removeHighlight } from './draw';

/** How long after a draw request the page is watched for late content that orphans may appear in. */
const RETRY_WINDOW_MS = 10_000;
/** Quiet time after page changes before orphans are tried again. */
const RETRY_DELAY_MS = 300;

/** The highlights of one page. */
export class PageHighlights {
  private readonly records = new Map<string, DrawnHighlight>();
  private readonly status = new Map<string, AnchorStatus>();
  /** Where highlights were found away from their stored position, or without one (the background keeps it). */
  private readonly places = new Map<string, TextPlace>();
  private observer: MutationObserver | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryUntil = 0;

  /**
   * `root` holds the text highlights are anchored in: the whole page body on the web, the article alone in the
   * reader (utils/reader). Defaults to the body, looked up when needed.
   */
  constructor(
    private readonly doc: Document,
    private readonly rootElement: Element | null = null,
  ) {}

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
    if (before && before.color !== record.color) recolorHighlight(this.doc, record.id, record.color);
  }

  /** Selectors of the current selection, or null when it selects no page text. */
  describeSelection(): Selectors | null {
    const selection = this.doc.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    return describeRange(buildTextModel(this.root), selection.getRangeAt(0));
  }

  /** Draws highlights (after erasing all when `replace`); returns every known highlight's status. */
  draw(highlights: readonly DrawnHighlight[], replace: boolean): Record<string, AnchorStatus> {
    if (replace) this.eraseAll();
    for (const record of highlights) {
      if (this.status.get(record.id) === 'anchored') removeHighlight(this.doc, record.id);
      this.records.set(record.id, record);
      this.status.set(record.id, 'pending');
    }
    this.anchorPending();
    this.watchForLateContent();
    return this.statuses();
  }

  /** Removes one highlight from the page. */
  erase(id: string): void {
    removeHighlight(this.doc, id);
    this.records.delete(id);
    this.status.delete(id);
    this.places.delete(id);
  }

  /** Removes every highlight from the page. */
  eraseAll(): void {
    removeAllHighlights(this.doc);
    this.records.clear();
    this.status.clear();
    this.places.clear();
  }

  /** Scrolls to a highlight and flashes it; false if it is not drawn. */
  reveal(id: string): boolean {
    const [first] = highlightElements(this.doc, id);
    if (!first) return false;
    first.scrollIntoView({ block: 'center', behavior: 'smooth' });
    for (const element of highlightElements(this.doc, id)) {
      element.animate([{ outline: '3px solid currentColor' }, { outline: '3px solid transparent' }], {
        duration: 1200,
      });
    }
    return true;
  }

  /** Every known highlight's status. */
  statuses(): PageResponses['highlightStatus'] {
    return Object.fromEntries(this.status);
  }

  /** Where drawn highlights were found away from their stored position (or without one). */
  foundPlaces(): PageResponses['highlightPlaces'] {
    return Object.fromEntries(this.places);
  }

  /** Anchors every pending highlight on one model of the page; those not found become orphaned for now. */
  private anchorPending(): void {
    const pending = [...this.records.values()].filter((record) => this.status.get(record.id) !== 'anchored');
    if (!pending.length) return;
    const model = buildTextModel(this.root);
    // Find every range first, then draw: live ranges follow the text nodes that drawing splits and moves.
    const found = pending.map((record) => ({ record, anchor: anchor(model, record.selectors) }));
    for (const { record, anchor: where } of found) {
      const drawn = where ? drawHighlight(where.range, record.id, record.color).length > 0 : false;
      this.status.set(record.id, drawn ? 'anchored' : 'orphaned');
      if (drawn && where!.method !== 'position') this.places.set(record.id, { start: where!.start, end: where!.end });
      else this.places.delete(record.id);
    }
  }

  /** While the retry window lasts, tries orphans again each time the page settles after a change. */
  private watchForLateContent(): void {
    this.retryUntil = Date.now() + RETRY_WINDOW_MS;
    if (this.observer || typeof MutationObserver === 'undefined') return;
    this.observer = new MutationObserver((mutations) => {
      // Our own drawing changes the page too; only the page's changes count.
      const theirs = mutations.some(
        (m) =>
          !(m.target instanceof Element && m.target.closest('[data-highlight-id],[data-gleaner-ui]')) &&
          ![...m.addedNodes].every((n) => n instanceof Element && n.matches('[data-highlight-id],[data-gleaner-ui]')),
      );
      if (!theirs) return;
      if (Date.now() > this.retryUntil || ![...this.status.values()].includes('orphaned')) return;
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => this.anchorPending(), RETRY_DELAY_MS);
    });
    this.observer.observe(this.root, { childList: true, subtree: true, characterData: true });
  }
}
