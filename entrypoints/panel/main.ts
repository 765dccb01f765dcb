/**
 * Gleaner's panel frame inside a saved web page (made and placed by utils/in-page/highlight/page-ui.ts): the
 * colour toolbar, a highlight's editor, or a message, as its address's fragment says. It is a page of the
 * extension's own origin: the web page around it cannot read what it shows or what is typed into it, nor
 * send it events. It talks to the background only, which acts on the frame's own tab.
 */
import { createEditor } from '@/utils/in-page/highlight/editor';
import { createPanel, PANEL_MARGIN, PANEL_STYLE } from '@/utils/in-page/highlight/panels';
import { createToolbar } from '@/utils/in-page/highlight/toolbar';
import { errorText } from '@/utils/error-text';
import { applyLanguage, t } from '@/utils/i18n';
import { panelStateOf } from '@/utils/messaging/panel-state';
import type { RequestOf } from '@/utils/messaging/protocol';
import { sendMessage } from '@/utils/messaging/send';
import type { Palette } from '@/utils/settings/palette';
import { highlightPalette } from '@/utils/settings/storage';

applyLanguage(document);
const style = document.createElement('style');
style.textContent = PANEL_STYLE;
document.head.append(style);

/** Tells the page's script (through the background) the frame's size, or that it is done. */
const tell = (event: RequestOf<'panelEvent'>) => void sendMessage('panelEvent', event).catch(() => null);
/** Tells the frame's size for the panel shown (the page's script keeps a newly addressed frame unseen until then). */
const tellSize = () => {
  const shown = panels.find((panel) => !panel.hidden);
  if (shown) tell({ width: shown.offsetWidth + 2 * PANEL_MARGIN, height: shown.offsetHeight + 2 * PANEL_MARGIN });
};

const message = createPanel(document, 'alert', 'Gleaner', 'panel message');
const say = (text: string) => {
  message.textContent = t('page.message', [text]);
  showOnly(message);
};

const toolbar = createToolbar(document, (color) => {
  sendMessage('highlightSelection', { color }).then(
    () => tell({ close: true, picked: true }),
    (error: unknown) => say(errorText(error)),
  );
});
const editor = createEditor(
  document,
  {
    update: (id, changes) => sendMessage('updateHighlight', { id, ...changes }),
    remove: (id) => sendMessage('deleteHighlight', { id }),
    undelete: (highlight) => sendMessage('undeleteHighlight', { highlight }),
  },
  () => tell({ close: true }),
);
/** A highlight's note, shown while the pointer rests on the highlight or its keyboard button has the focus. */
const note = createPanel(document, 'note', t('page.noteLabel'), 'panel message note');
const panels = [toolbar.element, editor.element, message, note];
document.body.append(...panels);

/** Shows `panel` alone (none while a highlight is being read, or for a fragment that is not Gleaner's), and says
 * its size once laid out, even when it is the size said before. */
function showOnly(panel: HTMLElement | null): void {
  for (const other of panels) other.hidden = other !== panel;
  if (panel) setTimeout(tellSize, 0);
}

/** Shows what the fragment says. */
function show(): void {
  const state = panelStateOf(location.hash);
  if (!state) return showOnly(null);
  if (state.mode === 'toolbar') return showOnly(toolbar.element);
  if (state.mode === 'message') return say(state.text);
  showOnly(null);
  if (state.mode === 'note') {
    sendMessage('getHighlight', { id: state.id }).then(
      (record) => {
        note.textContent = record.note;
        if (record.note.trim()) showOnly(note);
        else tell({ close: true }); // no note after all (deleted meanwhile): nothing to show
      },
      () => tell({ close: true }),
    );
    return;
  }
  sendMessage('getHighlight', { id: state.id }).then(
    (record) => {
      showOnly(editor.element);
      editor.open(record);
    },
    (error: unknown) => say(errorText(error)),
  );
}

const showPalette = (palette: Palette) => {
  toolbar.setPalette(palette);
  editor.setPalette(palette);
};
void highlightPalette.getValue().then(showPalette);
highlightPalette.watch(showPalette);

// The page's script sizes the frame to the panel shown, with room for its shadow.
const sizes = new ResizeObserver(tellSize);
for (const panel of panels) sizes.observe(panel);
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') tell({ close: true });
});
addEventListener('hashchange', show);
show();
