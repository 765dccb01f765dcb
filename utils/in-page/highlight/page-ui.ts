/**
 * Gleaner's interface inside a saved web page: the colour toolbar by a selection (in the margin beside its text,
 * covering none of it: panels.ts), the editor of a clicked
 * highlight and a short message by the top of the page, all shown in one panel frame (entrypoints/panel): a
 * document of the extension's own origin, which the page's scripts can neither read nor drive, and whose
 * keystrokes never reach the page's listeners. This script only places the frame and says what to show in it:
 * it holds no note, and acts only on the user's own input (trusted events), never on clicks or keys a page's
 * script makes. The frame sits in a closed shadow root on a plain element (not a custom element the page could
 * define first), outside `<body>`, so the page text model never includes it.
 *
 * Beside the frame, the same closed shadow root holds Gleaner's list of the highlights on the page: one button
 * per highlight, named by its colour and text, laid over the highlight's first line (its focus ring is drawn
 * there) and letting the pointer through to the text. Painted highlights are not elements (painter.ts), so this
 * is how the keyboard reaches them (Tab, at the end of the page; Shift+Tab from its top) and how a screen reader
 * learns what is highlighted: Enter opens the highlight's editor, and closing it comes back to the button.
 */
import type { PanelState } from '../../messaging/panel-state';
import { panelUrl } from '../../messaging/panel-state';
import type { PageRequestOf } from '../../messaging/page-protocol';
import { UI_ATTRIBUTE } from '../../anchoring/text-model';
import { t } from '../../i18n';
import { composedParentElement, frameOffset, viewportRects } from '../../anchoring/composed';
import { panelPosition, toolbarPosition } from './panels';

/** How long a message by the top of the page stays. */
const MESSAGE_MS = 5000;
/** The frame's size until it says its own. */
const DEFAULT_SIZE = { width: 300, height: 60 };
/** How long a newly addressed frame stays unseen waiting to say its size, at most. */
const SIZE_WAIT_MS = 500;
/** How long the pointer rests on a highlight with a note before the note shows. */
const HOVER_MS = 350;

/** The mounted interface. */
export interface PageUi {
  /** Shows a short message by the top of the page for a few seconds. */
  say(text: string): void;
  /** What the panel frame said (through the background): its size, or that it is done. */
  panelEvent(event: PageRequestOf<'panelEvent'>): void;
  /** The highlights painted on the page now, in page order, each with its name for the keyboard list and
   * whether it has a note (its note then shows on hover and focus). */
  list(items: ReadonlyArray<{ id: string; label: string; noted: boolean }>): void;
  /** Listens to the user's input in the page's same-origin frames too (a selection, a click made there). */
  listenIn(frames: readonly Document[]): void;
}

/** What the interface asks of the page's highlights and selection (all in the top page's viewport coordinates). */
export interface PageView {
  /** The highlight under a point of the viewport, if any. */
  at(x: number, y: number): string | null;
  /** The boxes a highlight covers on screen. */
  rects(id: string): DOMRect[];
  /** What the user has selected: in the page, its open shadow roots or its same-origin frames. */
  selection(): Range | null;
}

/** The keyboard list's style: each button a transparent box over its highlight, ringed when focused. */
const LIST_STYLE = `
[role="list"] { all: initial; }
button { all: initial; position: absolute; box-sizing: border-box; pointer-events: none; background: transparent;
  border-radius: 2px; }
button:focus-visible, button:focus { outline: 2px solid #1f5fbf; outline-offset: 2px; }`;

/** Every property of the host and frame, `!important` inline: the page's CSS cannot move, hide or restyle them. */
const important = (style: Record<string, string>) =>
  Object.entries(style)
    .map(([name, value]) => `${name}: ${value} !important`)
    .join('; ');

/** Mounts the interface into `doc` (the frame itself is made when first shown). */
export function mountPageUi(doc: Document, painted: PageView): PageUi {
  const host = doc.createElement('div');
  host.setAttribute(UI_ATTRIBUTE, '');
  host.setAttribute('style', important({ all: 'initial', position: 'absolute', top: '0', left: '0' }));
  const shadow = host.attachShadow({ mode: 'closed' });
  const listStyle = doc.createElement('style');
  listStyle.textContent = LIST_STYLE;
  const list = doc.createElement('div');
  list.setAttribute('role', 'list');
  list.setAttribute('aria-label', t('page.highlights'));
  shadow.append(listStyle, list);
  /** The keyboard list's button of each painted highlight. */
  const buttons = new Map<string, HTMLButtonElement>();
  let frame: HTMLIFrameElement | null = null;
  let state: PanelState | null = null;
  let size = DEFAULT_SIZE;
  // Where the frame goes: below a box on screen (the selection, a highlight), or by the top of the page.
  let anchor: DOMRect | null = null;
  /** For the toolbar: the text column of the selection (its block's box) and its direction. */
  let column: { box: DOMRect; rtl: boolean } | null = null;
  let messageTimer: ReturnType<typeof setTimeout> | undefined;
  // A frame given a new address is placed but transparent (and cannot be clicked) until it says its size for
  // what it now shows: it never appears at a guessed size and then jumps from under the pointer.
  let unsized = false;
  let sizeTimer: ReturnType<typeof setTimeout> | undefined;

  const frameStyle = (hidden: boolean, at = { left: 0, top: 0 }) =>
    important({
      all: 'initial',
      position: 'absolute',
      display: hidden ? 'none' : 'block',
      // Unseen but laid out and focusable (an editor takes the focus at once): not `visibility: hidden`.
      opacity: unsized ? '0' : '1',
      'pointer-events': unsized ? 'none' : 'auto',
      left: `${at.left}px`,
      top: `${at.top}px`,
      border: '0',
      width: `${size.width}px`,
      height: `${size.height}px`,
      'z-index': '2147483647',
      'color-scheme': 'light dark',
      background: 'transparent',
    });

  const place = () => {
    if (!frame || !state) return;
    const view = doc.defaultView!;
    const at = anchor
      ? state.mode === 'toolbar'
        ? toolbarPosition(view, anchor, column?.box ?? null, size, column?.rtl)
        : panelPosition(view, anchor, size)
      : { left: view.scrollX + Math.max(8, view.innerWidth / 2 - size.width / 2), top: view.scrollY + 16 };
    frame.setAttribute('style', frameStyle(false, at));
  };

  const show = (next: PanelState, near: DOMRect | null) => {
    const reopening = state === null;
    state = next;
    anchor = near;
    if (!frame) {
      frame = doc.createElement('iframe');
      frame.setAttribute('style', frameStyle(true));
      frame.title = t('page.panel'); // what a screen reader says on entering it
      shadow.append(frame);
    }
    // Back in the page if its script took it out (a framework replacing the whole document, say).
    if (!host.isConnected) doc.documentElement.append(host);
    // The same state shown again after the panel closed (the same highlight's editor, which closed itself): the
    // address written the other way (white space after the state, which reads the same), so that the panel
    // hears a change and shows it afresh. Shown again while open (the toolbar at each selection), it is left.
    const [plain, padded] = [panelUrl(next), panelUrl(next, ' ')];
    const before = frame.src;
    if (frame.src !== plain && frame.src !== padded) frame.src = plain;
    else if (reopening) frame.src = frame.src === plain ? padded : plain;
    if (frame.src !== before) {
      unsized = true;
      clearTimeout(sizeTimer);
      sizeTimer = setTimeout(reveal, SIZE_WAIT_MS);
    }
    place();
    if (next.mode === 'edit') frame.focus();
  };

  /** Shows the placed frame once it is sized. */
  const reveal = () => {
    clearTimeout(sizeTimer);
    unsized = false;
    place();
  };

  const hide = () => {
    state = null;
    anchor = null;
    frame?.setAttribute('style', frameStyle(true));
  };

  const say = (text: string) => {
    show({ mode: 'message', text }, null);
    clearTimeout(messageTimer);
    messageTimer = setTimeout(() => state?.mode === 'message' && hide(), MESSAGE_MS);
  };

  const selectionBox = (): DOMRect | null => {
    const range = painted.selection();
    if (!range) return null;
    const rects = viewportRects(range);
    if (!rects.length) return null;
    const left = Math.min(...rects.map((rect) => rect.left));
    const top = Math.min(...rects.map((rect) => rect.top));
    const right = Math.max(...rects.map((rect) => rect.right));
    const bottom = Math.max(...rects.map((rect) => rect.bottom));
    return new DOMRect(left, top, right - left, bottom - top);
  };

  /** The box of the block the selection starts in, in the top page's viewport, and its direction. */
  const columnOf = (range: Range): { box: DOMRect; rtl: boolean } | null => {
    let element: Element | null =
      range.startContainer.nodeType === 1 ? (range.startContainer as Element) : range.startContainer.parentElement;
    const view = range.startContainer.ownerDocument?.defaultView;
    while (element && view) {
      const style = view.getComputedStyle(element);
      if (!style.display.startsWith('inline') && style.display !== 'contents') {
        const box = element.getBoundingClientRect();
        const { x, y } = frameOffset(element.ownerDocument);
        return { box: new DOMRect(box.x + x, box.y + y, box.width, box.height), rtl: style.direction === 'rtl' };
      }
      element = composedParentElement(element);
    }
    return null;
  };

  const showToolbar = () => {
    const box = selectionBox();
    const range = box && painted.selection();
    column = range ? columnOf(range) : null;
    if (box) show({ mode: 'toolbar' }, box);
    else if (state?.mode === 'toolbar') hide();
  };

  // Only the user's own input: a page's script can click a mark or press keys, but its events are not trusted.
  const onPointerUp = (event: MouseEvent) => {
    if (!event.isTrusted) return;
    setTimeout(showToolbar, 0); // let the selection settle first
  };
  const onKeyUp = (event: KeyboardEvent) => {
    if (!event.isTrusted) return;
    if (event.key === 'Escape') hide();
    else if (event.shiftKey || event.key === 'Shift') showToolbar();
  };
  /** The highlight whose editor was opened from the keyboard list: focus goes back to its button on closing. */
  let editedByKey: string | null = null;
  const onClick = (event: MouseEvent) => {
    if (!event.isTrusted) return;
    const inLink = (event.target as Element | null)?.closest?.('a[href]');
    // Where it was clicked in the top page (a click in a frame comes in the frame's own coordinates).
    const offset = frameOffset(event.view?.document ?? doc);
    const id = inLink || painted.selection() ? null : painted.at(event.clientX + offset.x, event.clientY + offset.y);
    if (id) {
      editedByKey = null;
      show({ mode: 'edit', id }, painted.rects(id)[0] ?? null);
    } else if (state?.mode === 'edit') {
      hide();
    }
  };
  // A highlight's note, read in the panel frame (the page never has it) while the pointer rests on the
  // highlight; only when nothing else is shown there (the toolbar, an editor, a message).
  let hovered: string | null = null;
  /** The painted highlights with a note (told by list()); while there are none, the pointer is not followed. */
  let noted = new Set<string>();
  let hoverTimer: ReturnType<typeof setTimeout> | undefined;
  let hoverFrame = 0;
  const showNote = (id: string) => {
    if (state && state.mode !== 'note') return;
    show({ mode: 'note', id }, painted.rects(id)[0] ?? null);
  };
  const hideNote = () => {
    if (state?.mode === 'note') hide();
  };
  const onPointerMove = (event: PointerEvent) => {
    if (!event.isTrusted || hoverFrame || (!noted.size && !hovered)) return;
    const offset = frameOffset(event.view?.document ?? doc);
    const [x, y] = [event.clientX + offset.x, event.clientY + offset.y];
    // At most once a frame, whatever the pointer's rate.
    hoverFrame = requestAnimationFrame(() => {
      hoverFrame = 0;
      const under = noted.size ? painted.at(x, y) : null;
      const id = under && noted.has(under) ? under : null;
      if (id === hovered) return;
      hovered = id;
      clearTimeout(hoverTimer);
      if (id) hoverTimer = setTimeout(() => showNote(id), HOVER_MS);
      else hideNote();
    });
  };
  const listened = new WeakSet<Document>();
  const listenTo = (target: Document) => {
    if (listened.has(target)) return;
    listened.add(target);
    target.addEventListener('mouseup', onPointerUp, true);
    target.addEventListener('keyup', onKeyUp, true);
    target.addEventListener('click', onClick, true);
    target.addEventListener('pointermove', onPointerMove, { capture: true, passive: true });
  };
  listenTo(doc);

  /** Lays a list button over its highlight's first line (page coordinates); false when it is not on screen. */
  const lay = (button: HTMLButtonElement, id: string): boolean => {
    const [first] = painted.rects(id);
    const view = doc.defaultView!;
    if (!first) return false;
    button.style.left = `${first.left + view.scrollX}px`;
    button.style.top = `${first.top + view.scrollY}px`;
    button.style.width = `${first.width}px`;
    button.style.height = `${first.height}px`;
    return true;
  };
  const makeButton = (id: string) => {
    const button = doc.createElement('button');
    button.type = 'button';
    // Moved since it was laid (the page reflowed): laid again and brought into view before it is used.
    button.addEventListener('focus', () => {
      if (lay(button, id)) button.scrollIntoView({ block: 'nearest' });
      if (noted.has(id)) showNote(id); // what a pointer resting on it would show
    });
    button.addEventListener('blur', hideNote);
    button.addEventListener('click', (event) => {
      if (!event.isTrusted) return;
      editedByKey = id;
      show({ mode: 'edit', id }, painted.rects(id)[0] ?? button.getBoundingClientRect());
    });
    return button;
  };
  let relayFrame = 0;
  doc.defaultView?.addEventListener('resize', () => {
    cancelAnimationFrame(relayFrame);
    relayFrame = requestAnimationFrame(() => buttons.forEach(lay));
  });

  return {
    say,
    panelEvent(event) {
      if (event.width !== undefined && event.height !== undefined) {
        size = { width: event.width, height: event.height };
        reveal();
      }
      if (event.close) {
        if (event.picked) doc.getSelection()?.removeAllRanges();
        const wasEditing = state?.mode === 'edit';
        hide();
        // Opened from the keyboard: back on the highlight's button, not lost at the top of the page.
        if (wasEditing && editedByKey) buttons.get(editedByKey)?.focus();
        editedByKey = null;
      }
    },
    listenIn(frames) {
      frames.forEach(listenTo);
    },
    list(items) {
      noted = new Set(items.filter((item) => item.noted).map((item) => item.id));
      const ids = new Set(items.map((item) => item.id));
      for (const [id, button] of buttons) {
        if (ids.has(id)) continue;
        button.parentElement!.remove();
        buttons.delete(id);
      }
      let previous: Element | null = null;
      for (const { id, label } of items) {
        let button = buttons.get(id);
        if (!button) buttons.set(id, (button = makeButton(id)));
        button.setAttribute('aria-label', label);
        lay(button, id);
        let item = button.parentElement;
        if (!item) {
          item = doc.createElement('div');
          item.setAttribute('role', 'listitem');
          item.append(button);
        }
        // In page order; a button already in its place (perhaps focused) is not moved.
        const expected: Element | null = previous ? previous.nextElementSibling : list.firstElementChild;
        if (expected !== item) list.insertBefore(item, expected);
        previous = item;
      }
      if (items.length && !host.isConnected) doc.documentElement.append(host);
    },
  };
}
