import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { SourceSite } from '@/utils/paper/record';
import { dayEnd, dayStart, type LibraryFilter, NO_FILTER, isFiltering, type StatusFilter } from '@/utils/ui/library-page/sort-filter';
import { dayKey } from '@/utils/ui/shared/seen-time';
import type { TagCount } from '@/utils/ui/shared/tag-suggestions';
import { failedWrite } from '@/utils/library/storage/storage-health-browser';
import { normalizeTag } from '@/utils/paper/tags';

interface SidebarProps {
  filter: LibraryFilter;
  onFilter: (filter: LibraryFilter) => void;
  tags: readonly TagCount[];
  onRenameTag: (from: string, to: string) => Promise<unknown>;
  onDeleteTag: (tag: string) => Promise<unknown>;
  children?: ComponentChildren;
}

const STATUSES: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'saved', label: 'Saved' },
  { value: 'unread', label: 'Unread' },
  { value: 'read', label: 'Read' },
];

const SOURCES: { value: 'all' | SourceSite; label: string }[] = [
  { value: 'all', label: 'Any source' },
  { value: 'hf', label: 'Hugging Face' },
  { value: 'arxiv', label: 'arXiv' },
];

/** Filters (status, source, seen dates) and the tags as reading lists, with their counts and edits. */
export function Sidebar({ filter, onFilter, tags, onRenameTag, onDeleteTag, children }: SidebarProps) {
  const set = (changes: Partial<LibraryFilter>) => onFilter({ ...filter, ...changes });
  const toggleTag = (tag: string) => set({ tags: filter.tags.includes(tag) ? filter.tags.filter((t) => t !== tag) : [...filter.tags, tag] });
  return (
    <aside class="sidebar">
      <section aria-labelledby="filters-heading">
        <div class="section-head">
          <h2 id="filters-heading">Filters</h2>
          {isFiltering(filter) && (
            <button type="button" class="link-button" onClick={() => onFilter(NO_FILTER)}>
              Clear filters
            </button>
          )}
        </div>
        <div class="segments" role="group" aria-label="Status">
          {STATUSES.map(({ value, label }) => (
            <button type="button" class="segment" aria-pressed={filter.status === value} onClick={() => set({ status: value })}>
              {label}
            </button>
          ))}
        </div>
        <div class="segments" role="group" aria-label="Source">
          {SOURCES.map(({ value, label }) => (
            <button type="button" class="segment" aria-pressed={filter.source === value} onClick={() => set({ source: value })}>
              {label}
            </button>
          ))}
        </div>
        <div class="dates">
          <label>
            Seen from
            <input type="date" value={filter.seenFrom === undefined ? '' : dayKey(filter.seenFrom)} onChange={(event) => set({ seenFrom: dayStart(event.currentTarget.value) })} />
          </label>
          <label>
            Seen until
            <input type="date" value={filter.seenTo === undefined ? '' : dayKey(filter.seenTo)} onChange={(event) => set({ seenTo: dayEnd(event.currentTarget.value) })} />
          </label>
        </div>
      </section>

      <section aria-labelledby="tags-heading" class="tag-section">
        <h2 id="tags-heading">Reading lists</h2>
        {tags.length === 0 ? (
          <p class="hint">No tags yet. Select papers and add a tag to start a reading list.</p>
        ) : (
          <ul class="tag-list" aria-label="Tags">
            {tags.map(({ tag, count }) => (
              <TagRow tag={tag} count={count} active={filter.tags.includes(tag)} tags={tags} onToggle={() => toggleTag(tag)} onRename={onRenameTag} onDelete={onDeleteTag} />
            ))}
          </ul>
        )}
      </section>
      {children}
    </aside>
  );
}

interface TagRowProps {
  tag: string;
  count: number;
  active: boolean;
  tags: readonly TagCount[];
  onToggle: () => void;
  onRename: (from: string, to: string) => Promise<unknown>;
  onDelete: (tag: string) => Promise<unknown>;
}

function TagRow({ tag, count, active, tags, onToggle, onRename, onDelete }: TagRowProps) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(tag);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState('');
  const target = normalizeTag(name);
  const mergesInto = target && target !== tag && tags.some((entry) => entry.tag === target) ? target : undefined;

  const run = (action: Promise<unknown>, what: string) =>
    action.then(
      () => {
        setEditing(false);
        setConfirmDelete(false);
        setError('');
      },
      (failure: unknown) => setError(failedWrite(what, failure)),
    );

  return (
    <li class={`tag-row${active ? ' active' : ''}`}>
      <div class="tag-line">
        <button type="button" class="tag-toggle" aria-pressed={active} onClick={onToggle}>
          <span class="tag-name">
            #<bdi>{tag}</bdi>
          </span>
          <span class="tag-count">{count.toLocaleString('en-US')}</span>
        </button>
        <button type="button" class="icon-button" aria-label={`Edit tag ${tag}`} aria-expanded={editing} onClick={() => setEditing(!editing)}>
          ⋯
        </button>
      </div>
      {editing && (
        <form
          class="tag-edit"
          onSubmit={(event) => {
            event.preventDefault();
            void run(onRename(tag, name), `#${tag} not renamed`);
          }}
        >
          <label>
            Rename #{tag} to
            <input type="text" value={name} maxLength={60} onInput={(event) => setName(event.currentTarget.value)} />
          </label>
          {mergesInto && (
            <p class="hint">
              #<bdi>{mergesInto}</bdi> exists: its list and this one become one.
            </p>
          )}
          <div class="tag-edit-actions">
            <button type="submit" class="button" disabled={!target || target === tag}>
              {mergesInto ? 'Merge' : 'Rename'}
            </button>
            {confirmDelete ? (
              <button type="button" class="button danger" onClick={() => void run(onDelete(tag), `#${tag} not removed`)}>
                Remove #{tag} from {count.toLocaleString('en-US')} papers
              </button>
            ) : (
              <button type="button" class="button" onClick={() => setConfirmDelete(true)}>
                Delete tag
              </button>
            )}
          </div>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </li>
  );
}
