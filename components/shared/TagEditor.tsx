import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { usePageLeave } from '@/components/shared/use-page-leave';
import { dropTagDraft, keepTagDraft } from '@/utils/library/drafts/tag-drafts';
import { normalizeTag, TAG_NEEDS_LETTER } from '@/utils/paper/tags';
import { failureText } from '@/utils/library/storage/write-failure';
import { suggestTags, type TagCount } from '@/utils/ui/shared/tag-suggestions';

interface TagEditorProps {
  /** Used for the ids of the suggestion list. */
  paperId: string;
  /** Tags the paper has (not suggested again). */
  tags: readonly string[];
  counts: readonly TagCount[];
  /** Adds a tag; a rejection is said under the field, in plain words. */
  onAdd: (tag: string) => Promise<unknown>;
  /** `refocus`: the editor was closed with a key, so the result should take the focus back. */
  onClose: (refocus: boolean) => void;
}

/**
 * The "Add tag" field with autocomplete from the library's tags: ↑/↓ pick a suggestion, Enter (or a
 * comma) adds, Tab completes, Esc closes. Stays open after adding, for the next tag.
 * A tag typed and not added is not dropped silently: leaving the field (focus elsewhere, the editor
 * closed, the page hidden or closed) adds it as Enter would; Esc is the way to drop it. Until then it
 * is also kept in localStorage (`utils/library/drafts/tag-drafts.ts`) for the next page to add, should the closing
 * page cut the write off.
 */
export function TagEditor({ paperId, tags, counts, onAdd, onClose }: TagEditorProps) {
  const [typed, setTyped] = useState('');
  const [picked, setPicked] = useState(-1);
  const [error, setError] = useState('');
  const input = useRef<HTMLInputElement>(null);
  /** What the field holds, for the handlers of leaving (the latest, not a render's). */
  const typedNow = useRef('');
  const suggestions = useMemo(() => suggestTags(typed, counts, tags), [typed, counts, tags]);
  const listId = `tag-suggestions-${paperId}`;
  const optionId = (at: number) => `${listId}-${at}`;

  // Focused as soon as it is in the DOM, so the keys typed right after `t` land here.
  useLayoutEffect(() => input.current?.focus(), []);
  useEffect(() => setPicked(-1), [typed]);

  /** Adds a tag; resolves to whether it was (a refusal's reason is shown under the field). */
  const add = async (raw: string): Promise<boolean> => {
    if (!normalizeTag(raw)) {
      setError(raw.trim() ? TAG_NEEDS_LETTER : '');
      return false;
    }
    try {
      await onAdd(raw);
      // The field is emptied, as is what it would add on leaving.
      typedNow.current = '';
      dropTagDraft(paperId);
      setTyped('');
      setError('');
      return true;
    } catch (failure) {
      setError(failureText('Tag not added', failure));
      return false;
    }
  };

  /** Leaving the field: what was typed is added (at most once); true when nothing is left to add. */
  const addTyped = async (): Promise<boolean> => {
    const raw = typedNow.current;
    if (!normalizeTag(raw)) return true;
    typedNow.current = '';
    if (await add(raw)) return true;
    typedNow.current = raw;
    return false;
  };
  // The page hidden (another tab, the popup closing) or closed, or the editor closed by its owner.
  usePageLeave(() => void addTyped());

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
        typedNow.current = completion;
        keepTagDraft(paperId, completion);
        break;
      }
      case 'Escape':
        // The way to drop what was typed.
        typedNow.current = '';
        dropTagDraft(paperId);
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
        if (next && event.currentTarget.contains(next)) return;
        // A tag that can't be added keeps the editor open with the reason.
        void addTyped().then((done) => done && onClose(false));
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
          const value = event.currentTarget.value;
          setTyped(value);
          typedNow.current = value;
          keepTagDraft(paperId, value);
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
