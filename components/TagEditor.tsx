/** Tags of a saved article: a textbox that adds on Enter or comma, remove buttons, and suggestions from the library. */
import { useId, useState } from 'preact/hooks';
import { cleanTag } from '@/utils/records/tags';
import type { TagCount } from '@/utils/records/types';
import { countText, t } from '@/utils/i18n';

/** Props of TagEditor. */
export interface TagEditorProps {
  /** The article's tags, in order. */
  tags: readonly string[];
  /** Tags already used in the library, most used first. */
  known: readonly TagCount[];
  /** Called with the whole new list when a tag is added or removed. */
  onChange: (tags: string[]) => void;
  /** How many suggestions to show at most. */
  maxSuggestions?: number;
}

/** Edits a tag list; every control is a native button or textbox, so it works by keyboard alone. */
export function TagEditor({ tags, known, onChange, maxSuggestions = 6 }: TagEditorProps) {
  const [draft, setDraft] = useState('');
  const id = useId();
  const has = (tag: string) => tags.some((t) => t.toLocaleLowerCase() === tag.toLocaleLowerCase());

  const add = (raw: string) => {
    // A comma-separated paste adds each part.
    const fresh = raw
      .split(',')
      .map(cleanTag)
      .filter((tag) => tag && !has(tag));
    if (fresh.length) onChange([...tags, ...fresh]);
    setDraft('');
  };

  const query = cleanTag(draft).toLocaleLowerCase();
  const suggestions = known
    .filter(({ tag }) => !has(tag) && tag.toLocaleLowerCase().includes(query))
    // Prefix matches first, then by use (the input order).
    .sort(
      (a, b) =>
        Number(!a.tag.toLocaleLowerCase().startsWith(query)) - Number(!b.tag.toLocaleLowerCase().startsWith(query)),
    )
    .slice(0, maxSuggestions);

  return (
    <div class="tag-editor">
      <label for={id}>{t('common.tags')}</label>
      {tags.length > 0 && (
        <ul class="tags" aria-label={t('tagEditor.ofThisPage')}>
          {tags.map((tag) => (
            <li key={tag} class="tag">
              <span dir="auto">{tag}</span>
              <button
                type="button"
                class="tag-remove"
                aria-label={t('tagEditor.remove', [tag])}
                title={t('tagEditor.remove', [tag])}
                onClick={() => onChange(tags.filter((t) => t !== tag))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        type="text"
        autocomplete="off"
        placeholder={t('tagEditor.placeholder')}
        value={draft}
        onInput={(event) => {
          const value = event.currentTarget.value;
          if (value.includes(',')) add(value);
          else setDraft(value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            add(draft);
          } else if (event.key === 'Backspace' && draft === '' && tags.length > 0) {
            onChange(tags.slice(0, -1));
          }
        }}
      />
      {suggestions.length > 0 && (
        <div class="suggestions" role="group" aria-label={t('tagEditor.suggested')}>
          {suggestions.map(({ tag, count }) => (
            <button
              type="button"
              key={tag}
              class="suggestion"
              aria-label={t('tagEditor.add', [tag])}
              title={countText('count.pages', count)}
              onClick={() => add(tag)}
            >
              + {tag}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
