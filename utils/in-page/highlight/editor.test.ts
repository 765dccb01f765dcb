/** The in-page editor of a highlight: colour, note saved as you type, delete with undo, failures in words. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { highlightRecord } from '../../db/test-data';
import type { HighlightRecord } from '../../records/types';
import { DEFAULT_PALETTE } from '../../settings/palette';
import { createEditor, type EditorActions } from './editor';

const RECORD: HighlightRecord = highlightRecord({ note: 'first thought' });

function setUp() {
  const actions = {
    update: vi.fn(async (_id: string, changes: { color?: string; note?: string }) => ({ ...RECORD, ...changes })),
    remove: vi.fn(async () => RECORD),
    undelete: vi.fn(async (record: HighlightRecord) => record),
  } satisfies EditorActions;
  const done = vi.fn();
  const editor = createEditor(document, actions, done);
  editor.setPalette(DEFAULT_PALETTE);
  document.body.append(editor.element);
  editor.open(RECORD);
  const button = (name: string) =>
    [...editor.element.querySelectorAll('button')].find(
      (b) => (b.getAttribute('aria-label') ?? b.textContent) === name,
    )!;
  const note = editor.element.querySelector('textarea')!;
  const status = editor.element.querySelector('[role="status"]')!;
  return { actions, done, editor, button, note, status };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('the editor', () => {
  it('opens on a highlight with its note focused and its colour pressed', () => {
    const { editor, note, button } = setUp();
    expect(editor.element.hidden).toBe(false);
    expect(editor.element.getAttribute('role')).toBe('dialog');
    expect(note.value).toBe('first thought');
    expect(document.activeElement).toBe(note);
    expect(button('Yellow').getAttribute('aria-pressed')).toBe('true');
    expect(button('Green').getAttribute('aria-pressed')).toBe('false');
  });

  it('changes the colour', async () => {
    const { actions, button } = setUp();
    button('Green').click();
    await settle();
    expect(actions.update).toHaveBeenCalledWith(RECORD.id, { color: 'green' });
    expect(button('Green').getAttribute('aria-pressed')).toBe('true');
  });

  it('saves the note once typing pauses, saying so', async () => {
    const { actions, note, status } = setUp();
    note.value = 'second';
    note.dispatchEvent(new Event('input'));
    note.value = 'second thought';
    note.dispatchEvent(new Event('input'));
    expect(status.textContent).toBe('Saving…');
    await vi.advanceTimersByTimeAsync(400);
    expect(actions.update).toHaveBeenCalledTimes(1);
    expect(actions.update).toHaveBeenCalledWith(RECORD.id, { note: 'second thought' });
    expect(status.textContent).toBe('Note saved');
  });

  it('deletes the highlight, offers Undo, and puts it back', async () => {
    const { actions, done, button, status, editor } = setUp();
    button('Delete highlight').click();
    await settle();
    expect(actions.remove).toHaveBeenCalledWith(RECORD.id);
    expect(status.textContent).toBe('Highlight deleted.');
    expect(button('Undo').hidden).toBe(false);
    expect(document.activeElement).toBe(button('Undo'));
    button('Undo').click();
    await settle();
    expect(actions.undelete).toHaveBeenCalledWith(RECORD);
    expect(editor.element.hidden).toBe(true);
    expect(done).toHaveBeenCalled();
  });

  it('shows a failure in its status line in words', async () => {
    const { actions, button, status } = setUp();
    actions.remove.mockRejectedValueOnce(new Error('This highlight was already deleted.'));
    button('Delete highlight').click();
    await settle();
    expect(status.textContent).toBe('This highlight was already deleted.');
  });
});
