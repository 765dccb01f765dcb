/**
 * The highlight editor of the web page (utils/in-page/highlight/editor.ts: colour, note saved as typed, Delete
 * with Undo), shown in the reader by a highlight of the saved article. The reader is an extension page, so the
 * editor lives in its own document (no frame): it writes to the library directly and repaints the article.
 */
import { createEditor, type Editor } from '@/utils/in-page/highlight/editor';
import { PANEL_RULES, panelPosition } from '@/utils/in-page/highlight/panels';
import type { PageHighlights } from '@/utils/in-page/highlight/page-highlights';
import { deleteHighlight, getHighlight, undeleteHighlight, updateHighlight } from '@/utils/db/highlights';
import type { HighlightRecord } from '@/utils/records/types';
import { toDrawn } from '@/utils/messaging/page-protocol';
import type { Palette } from '@/utils/settings/palette';

/** What the reader learns of each change, to keep its list of highlights in step. */
export interface EditorChanges {
  changed(record: HighlightRecord): void;
  removed(id: string): void;
}

export class ReaderEditor {
  private readonly box: HTMLDivElement;
  private readonly editor: Editor;
  /** What had the focus when the editor opened, to have it back when it closes. */
  private opener: HTMLElement | null = null;

  constructor(
    private readonly doc: Document,
    private readonly highlights: () => PageHighlights | null,
    changes: EditorChanges,
  ) {
    const style = doc.createElement('style');
    style.textContent = `.reader-editor { position: absolute; z-index: 10; ${PANEL_RULES} }`;
    doc.head.append(style);
    this.box = doc.createElement('div');
    this.box.className = 'reader-editor';
    this.box.hidden = true;
    this.editor = createEditor(
      doc,
      {
        update: async (id, change) => {
          const record = await updateHighlight(id, change);
          this.highlights()?.update(toDrawn(record));
          changes.changed(record);
          return record;
        },
        remove: async (id) => {
          const record = await deleteHighlight(id);
          this.highlights()?.erase(id);
          changes.removed(id);
          return record;
        },
        undelete: async (record) => {
          const back = await undeleteHighlight(record);
          this.highlights()?.draw([toDrawn(back)], false);
          changes.changed(back);
          return back;
        },
      },
      () => this.close(),
    );
    this.box.append(this.editor.element);
    doc.body.append(this.box);
    this.box.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.close();
      }
    });
    // A click elsewhere closes it (a click on a highlight opens it there again).
    doc.addEventListener('pointerdown', (event) => {
      if (!this.box.hidden && !this.box.contains(event.target as Node)) this.close(false);
    });
  }

  setPalette(palette: Palette): void {
    this.editor.setPalette(palette);
  }

  /** Opens the editor on highlight `id`, by it on screen; false when it is not drawn. */
  async open(id: string): Promise<boolean> {
    const rect = this.highlights()?.painter.rects(id)[0];
    const record = rect ? await getHighlight(id) : null;
    if (!rect || !record) return false;
    const active = this.doc.activeElement;
    this.opener = active instanceof HTMLElement && !this.box.contains(active) ? active : null;
    this.box.hidden = false;
    this.editor.open(record);
    const view = this.doc.defaultView!;
    const { left, top } = panelPosition(view, rect, { width: this.box.offsetWidth, height: this.box.offsetHeight });
    this.box.style.left = `${left}px`;
    this.box.style.top = `${top}px`;
    return true;
  }

  /** Closes the editor, the focus back where it was (unless the click that closed it put it elsewhere). */
  close(refocus = true): void {
    if (this.box.hidden) return;
    this.box.hidden = true;
    // An opener drawn anew meanwhile (the list item of a highlight deleted, then put back) is found by its
    // `data-edit` (the highlight's id).
    const edit = this.opener?.dataset.edit;
    const opener = this.opener?.isConnected
      ? this.opener
      : edit
        ? this.doc.querySelector<HTMLElement>(`[data-edit="${CSS.escape(edit)}"]`)
        : null;
    if (refocus) opener?.focus();
    this.opener = null;
  }
}
