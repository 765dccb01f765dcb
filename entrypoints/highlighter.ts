/**
 * Gleaner's script in a saved page: draws its highlights (never their notes) and places the panel frame for
 * the toolbar and editor (page-ui.ts). It sends the background nothing. The background
 * injects it (scripting.executeScript) only into tabs whose URL is in the library, or when the reader asks to
 * highlight; it is never registered on pages. Injecting it again is harmless.
 */
import { message, t } from '@/utils/i18n';
import { colorLabel, DEFAULT_PALETTE, type Palette } from '@/utils/settings/palette';
import { PageHighlights, type PaintedHighlight } from '@/utils/in-page/highlight/page-highlights';
import { mountPageUi } from '@/utils/in-page/highlight/page-ui';
import { pageProtocol } from '@/utils/messaging/page-protocol';
import { listen } from '@/utils/messaging/receive';
import { highlightPalette } from '@/utils/settings/storage';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';

const INSTALLED = Symbol.for('gleaner.highlighter');

export default defineUnlistedScript(() => {
  // The isolated world outlives one injection: the second one finds the first still listening.
  const scope = globalThis as { [INSTALLED]?: boolean };
  if (scope[INSTALLED]) return;
  scope[INSTALLED] = true;

  const highlights = new PageHighlights(document);
  const ui = mountPageUi(document, {
    at: (x, y) => highlights.painter.at(x, y),
    rects: (id) => highlights.painter.rects(id),
    selection: () => highlights.selection(),
  });
  highlights.onFrames = (frames) => ui.listenIn(frames);
  let palette = DEFAULT_PALETTE;
  // Named for the keyboard list as a screen reader says it: "Highlight, Yellow: the start of its text".
  const label = ({ color, text, noted }: PaintedHighlight) =>
    t(noted ? 'page.highlightItemNoted' : 'page.highlightItem', [
      message('color.described', [colorLabel(palette, color)]),
      excerpt(text),
    ]);
  highlights.onPaintedChange = (painted) =>
    ui.list(painted.map((item) => ({ id: item.id, label: label(item), noted: item.noted })));
  // The user's colours and their names, now and whenever they are changed on the options page.
  const showPalette = (next: Palette) => {
    palette = next;
    highlights.setPalette(next);
  };
  void highlightPalette.getValue().then(showPalette);
  highlightPalette.watch(showPalette);

  listen(pageProtocol, {
    describeSelection: async () => highlights.describeSelection(),
    drawHighlights: async ({ highlights: records, replace }) => highlights.draw(records, replace),
    eraseHighlight: async ({ id }) => {
      highlights.erase(id);
      return null;
    },
    recolorHighlight: async ({ id, color, noted }) => {
      const record = highlights.record(id);
      if (record) highlights.update({ ...record, color, ...(noted !== undefined && { noted }) });
      return null;
    },
    revealHighlight: async ({ id }) => highlights.reveal(id),
    highlightStatus: async () => highlights.statuses(),
    highlightPlaces: async () => highlights.foundPlaces(),
    showMessage: async ({ text }) => {
      ui.say(text);
      return null;
    },
    panelEvent: async (event) => {
      ui.panelEvent(event);
      return null;
    },
  });
});

/** The start of a highlight's text, on one line, for its name. */
const EXCERPT_LENGTH = 80;
function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > EXCERPT_LENGTH ? `${line.slice(0, EXCERPT_LENGTH).replace(/\s+\S*$/, '')}…` : line;
}
