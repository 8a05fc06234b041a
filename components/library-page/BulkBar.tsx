import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { isolate } from '@/utils/paper/bidi';
import { plural } from '@/utils/ui/shared/plural';
import { suggestTags, type TagCount } from '@/utils/ui/shared/tag-suggestions';
import { failureText } from '@/utils/library/storage/write-failure';

interface BulkBarProps {
  count: number;
  /** The library's tags, for suggestions. */
  tags: readonly TagCount[];
  /** Tags carried by at least one selected paper (what "Remove tag" offers). */
  selectedTags: readonly string[];
  busy: boolean;
  onSave: (saved: boolean) => void;
  onRead: (read: boolean) => void;
  onAddTag: (tag: string) => Promise<unknown>;
  onRemoveTag: (tag: string) => void;
  onDelete: () => void;
  onClear: () => void;
  /** The selection's export ("Export 3 selected"). */
  exportControl?: ComponentChildren;
}

/** What can be done to the selected papers, all at once (one transaction per action). */
export function BulkBar({ count, tags, selectedTags, busy, onSave, onRead, onAddTag, onRemoveTag, onDelete, onClear, exportControl }: BulkBarProps) {
  const [tag, setTag] = useState('');
  const [error, setError] = useState('');
  const suggestions = suggestTags(tag, tags, [], 8);
  const add = (event: Event) => {
    event.preventDefault();
    onAddTag(tag).then(
      () => {
        setTag('');
        setError('');
      },
      (failure: unknown) => setError(failureText('Tag not added', failure)),
    );
  };
  return (
    <div class="bulk" role="toolbar" aria-label="Selected papers">
      <span class="bulk-count">{plural(count, 'paper', 'papers')} selected</span>
      <button type="button" class="button" disabled={busy} onClick={() => onSave(true)}>
        Save
      </button>
      <button type="button" class="button" disabled={busy} onClick={() => onSave(false)}>
        Unsave
      </button>
      <button type="button" class="button" disabled={busy} onClick={() => onRead(true)}>
        Mark read
      </button>
      <button type="button" class="button" disabled={busy} onClick={() => onRead(false)}>
        Mark unread
      </button>
      <form class="bulk-tag" onSubmit={add}>
        <input
          type="text"
          aria-label="Tag for the selected papers"
          placeholder="Tag…"
          list="bulk-tag-suggestions"
          value={tag}
          maxLength={60}
          onInput={(event) => {
            setTag(event.currentTarget.value);
            setError('');
          }}
        />
        <datalist id="bulk-tag-suggestions">
          {suggestions.map((suggestion) => (
            <option value={suggestion} />
          ))}
        </datalist>
        <button type="submit" class="button" disabled={busy || !tag.trim()}>
          Add tag
        </button>
      </form>
      {selectedTags.length > 0 && (
        <select
          aria-label="Remove a tag from the selected papers"
          value=""
          disabled={busy}
          onChange={(event) => {
            const value = event.currentTarget.value;
            event.currentTarget.value = '';
            if (value) onRemoveTag(value);
          }}
        >
          <option value="">Remove tag…</option>
          {selectedTags.map((name) => (
            <option value={name}>#{isolate(name)}</option>
          ))}
        </select>
      )}
      {exportControl}
      <button type="button" class="button danger" disabled={busy} onClick={onDelete}>
        Delete
      </button>
      <button type="button" class="link-button" onClick={onClear}>
        Clear selection
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
