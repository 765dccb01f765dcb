/** A note saved as you type: debounced while typing, flushed when the field loses focus or the popup closes. */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { noteTooLong } from '@/utils/error-text';
import { t } from '@/utils/i18n';

/** Props of NoteField. */
export interface NoteFieldProps {
  /** Accessible name and visible label. */
  label: string;
  /** The stored note. */
  value: string;
  /** Stores a new note; resolves when it is stored. */
  onSave: (note: string) => Promise<unknown>;
  /** Quiet time after the last keystroke before saving, in milliseconds. */
  delayMs?: number;
  /** Visible lines. */
  rows?: number;
  /** What the empty field says (the page note's words by default). */
  placeholder?: string;
  /** Focused when shown (opened on request). */
  autoFocus?: boolean;
}

type SaveState = 'idle' | 'pending' | 'saved' | 'failed';

/** A textarea whose content is stored without a separate save step, with a polite "Saved" status. */
export function NoteField({ label, value, onSave, delayMs = 400, rows = 4, placeholder, autoFocus }: NoteFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [state, setState] = useState<SaveState>('idle');
  const [error, setError] = useState('');
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const flush = () => {
    clearTimeout(timer.current);
    const note = pending.current;
    if (note === null) return;
    pending.current = null;
    // Longer than a note holds: said, and not sent (what was stored before stays).
    const tooLong = noteTooLong(note.length);
    if (tooLong) {
      setState('failed');
      setError(tooLong);
      return;
    }
    onSave(note).then(
      () => setState(pending.current === null ? 'saved' : 'pending'),
      (reason: unknown) => {
        setState('failed');
        setError(reason instanceof Error ? reason.message : String(reason));
      },
    );
  };

  // Closing the popup unloads it: send what is typed before that.
  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  });

  return (
    <div class="note-field">
      <label for={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        dir="auto"
        value={draft}
        placeholder={placeholder ?? t('common.notePlaceholder')}
        autoFocus={autoFocus}
        onInput={(event) => {
          const note = event.currentTarget.value;
          setDraft(note);
          pending.current = note;
          setState('pending');
          clearTimeout(timer.current);
          timer.current = setTimeout(flush, delayMs);
        }}
        onBlur={flush}
      />
      <p class="hint" role="status" aria-live="polite">
        {state === 'pending'
          ? t('common.saving')
          : state === 'saved'
            ? t('common.noteSaved')
            : state === 'failed'
              ? t('common.noteNotSaved', [error])
              : ''}
      </p>
    </div>
  );
}
