import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { usePageLeave } from '@/components/shared/use-page-leave';
import { dropTagDraft, keepTagDraft } from '@/utils/library/drafts/tag-drafts';
import { normalizeTag, TAG_NEEDS_LETTER } from '@/utils/paper/tags';
import { failureText } from '@/utils/library/storage/write-failure';
import { type TagCount, tagOptions } from '@/utils/ui/shared/tag-suggestions';

interface TagEditorProps {
  /** Used for the ids of the suggestion list. */
  paperId: string;
  /** Tags the paper has (shown as added when they match, not offered again). */
  tags: readonly string[];
  counts: readonly TagCount[];
  /** Adds a tag; a rejection is said under the field, in plain words. */
  onAdd: (tag: string) => Promise<unknown>;
  /** `refocus`: the editor was closed with a key, so the result should take the focus back. */
  onClose: (refocus: boolean) => void;
}

/**
 * The "Add tag" field with autocomplete from the library's tags: ↑/↓ pick a suggestion, Enter (or a
 * comma) adds, Tab completes, Esc closes. Stays open after adding, for the next tag. The list also shows
 * the paper's own matching tags (marked "added", not pickable) and "Create #typed" for a new tag
 * (`tagOptions`), so a prefix is never added as a tag of its own unawares.
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
  const options = useMemo(() => tagOptions(typed, counts, tags), [typed, counts, tags]);
  /** The positions of the rows ↑/↓ can pick (not the tags the paper has). */
  const pickable = useMemo(() => options.flatMap((option, at) => (option.kind === 'added' ? [] : [at])), [options]);
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
    const step = (by: 1 | -1) => {
      if (!pickable.length) return;
      const from = pickable.indexOf(picked);
      const next = from < 0 ? (by === 1 ? 0 : pickable.length - 1) : (from + by + pickable.length) % pickable.length;
      setPicked(pickable[next]!);
    };
    switch (event.key) {
      case 'ArrowDown':
        step(1);
        break;
      case 'ArrowUp':
        step(-1);
        break;
      case 'Enter':
      case ',':
        void add(options[picked]?.tag ?? typed);
        break;
      case 'Tab': {
        // Completes to the picked library tag, or the best one.
        const chosen = options[picked];
        const completion = chosen?.kind === 'existing' ? chosen.tag : options.find((option) => option.kind === 'existing')?.tag;
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
        {options.map(({ kind, tag }, at) => (
          <li
            id={optionId(at)}
            role="option"
            aria-selected={at === picked}
            aria-disabled={kind === 'added' ? 'true' : undefined}
            class={`tag-suggestion${kind === 'existing' ? '' : ` ${kind}`}`}
            // Keep the focus in the field: a click on a suggestion must not close the editor first.
            onMouseDown={(event) => event.preventDefault()}
            onClick={kind === 'added' ? undefined : () => void add(tag)}
          >
            {kind === 'create' && 'Create '}#<bdi>{tag}</bdi>
            {kind === 'added' && <span class="tag-added-mark"> added</span>}
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
