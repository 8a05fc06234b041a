import type { PaperFilter } from '@/utils/ui/popup/paper-list';
import { isolate } from '@/utils/paper/bidi';
import type { TagCount } from '@/utils/ui/shared/tag-suggestions';

interface FiltersProps {
  filter: PaperFilter;
  onChange: (filter: PaperFilter) => void;
  tags: readonly TagCount[];
  /** The count line ("42 papers"), or undefined while loading. */
  status: string | undefined;
}

const KINDS = [
  { kind: 'all', label: 'All' },
  { kind: 'saved', label: 'Saved' },
  { kind: 'unread', label: 'Unread' },
] as const;

/** All / Saved / Unread / one tag (a reading list), and how many papers match. */
export function Filters({ filter, onChange, tags, status }: FiltersProps) {
  const activeTag = filter.kind === 'tag' ? filter.tag : '';
  const options = activeTag && !tags.some(({ tag }) => tag === activeTag) ? [{ tag: activeTag, count: 0 }, ...tags] : tags;
  return (
    <div class="filters">
      <div class="segments" role="group" aria-label="Show">
        {KINDS.map(({ kind, label }) => (
          <button type="button" class="segment" aria-pressed={filter.kind === kind} onClick={() => onChange({ kind })}>
            {label}
          </button>
        ))}
      </div>
      {options.length > 0 && (
        <select
          class={`tag-filter${activeTag ? ' active' : ''}`}
          aria-label="Reading list (tag)"
          value={activeTag}
          onChange={(event) => {
            const tag = event.currentTarget.value;
            onChange(tag ? { kind: 'tag', tag } : { kind: 'all' });
          }}
        >
          <option value="">{activeTag ? 'All tags' : '# Tag'}</option>
          {options.map(({ tag, count }) => (
            <option value={tag}>
              #{isolate(tag)} ({count})
            </option>
          ))}
        </select>
      )}
      <span class="count" role="status">
        {status ?? '\u00a0'}
      </span>
    </div>
  );
}
