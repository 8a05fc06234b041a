import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { normalizeTag } from '@/utils/tags';
import { suggestTags, type TagCount } from '@/utils/popup/tag-suggestions';

interface TagEditorProps {
  /** Used for the ids of the suggestion list. */
  paperId: string;
  /** Tags the paper has (not suggested again). */
  tags: readonly string[];
  counts: readonly TagCount[];
  /** Adds a tag; a rejection's message is shown under the field. */
  onAdd: (tag: string) => Promise<unknown>;
  /** `refocus`: the editor was closed with a key, so the result should take the focus back. */
  onClose: (refocus: boolean) => void;
}

/**
 * The "Add tag" field with autocomplete from the library's tags: ↑/↓ pick a suggestion, Enter (or a
 * comma) adds, Tab completes, Esc closes. Stays open after adding, for the next tag.
 */
export function TagEditor({ paperId, tags, counts, onAdd, onClose }: TagEditorProps) {
  const [typed, setTyped] = useState('');
  const [picked, setPicked] = useState(-1);
  const [error, setError] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const suggestions = useMemo(() => suggestTags(typed, counts, tags), [typed, counts, tags]);
  const listId = `tag-suggestions-${paperId}`;
  const optionId = (at: number) => `${listId}-${at}`;

  // Focused as soon as it is in the DOM, so the keys typed right after `t` land here.
  useLayoutEffect(() => input.current?.focus(), []);
  useEffect(() => setPicked(-1), [typed]);

  const add = async (raw: string) => {
    if (!normalizeTag(raw)) {
      setError(raw.trim() ? 'A tag needs a letter or a digit.' : '');
      return;
    }
    try {
      await onAdd(raw);
      setTyped('');
      setError('');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.isComposing) return;
    const count = suggestions.length;
    switch (event.key) {
      case 'ArrowDown':
        if (count) setPicked((picked + 1) % count);
        break;
      case 'ArrowUp':
        if (count) setPicked(picked <= 0 ? count - 1 : picked - 1);
        break;
      case 'Enter':
      case ',':
        void add(picked >= 0 ? suggestions[picked]! : typed);
        break;
      case 'Tab': {
        const completion = suggestions[Math.max(picked, 0)];
        if (!typed.trim() || !completion || completion === normalizeTag(typed)) return;
        setTyped(completion);
        break;
      }
      case 'Escape':
        onClose(true);
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div
      class="tag-editor"
      onFocusOut={(event) => {
        const next = event.relatedTarget as Node | null;
        if (!next || !event.currentTarget.contains(next)) onClose(false);
      }}
    >
      <input
        ref={input}
        type="text"
        class="tag-input"
        aria-label="Add tag"
        placeholder="Add tag…"
        value={typed}
        maxLength={60}
        autocomplete="off"
        spellcheck={false}
        aria-autocomplete="list"
        aria-controls={listId}
        aria-activedescendant={picked >= 0 ? optionId(picked) : undefined}
        aria-describedby={error ? `${listId}-error` : undefined}
        onInput={(event) => {
          setTyped(event.currentTarget.value);
          setError('');
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} class="tag-suggestions" role="listbox" aria-label="Tag suggestions">
        {suggestions.map((tag, at) => (
          <li
            id={optionId(at)}
            role="option"
            aria-selected={at === picked}
            class="tag-suggestion"
            // Keep the focus in the field: a click on a suggestion must not close the editor first.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => void add(tag)}
          >
            #<bdi>{tag}</bdi>
          </li>
        ))}
      </ul>
      {error && (
        <p id={`${listId}-error`} class="tag-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
