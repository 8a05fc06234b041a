import { useRef } from 'preact/hooks';
import { SearchBox } from '@/components/shared/SearchBox';
import { defaultSort, SORT_LABELS, type SortKey } from '@/utils/ui/library-page/sort-filter';
import { BY_RELEVANCE } from './use-library-view';

interface ToolbarProps {
  query: string;
  onQuery: (query: string) => void;
  /** The search field was focused (the page opens the search index then). */
  onSearchFocus: () => void;
  /** Search hits are listed: "Relevance" is offered. */
  searching: boolean;
  /** `key:direction`, or `BY_RELEVANCE`. */
  sortValue: string;
  onSortValue: (value: string) => void;
  status: string;
  /** How many papers "Select all matching" takes (0: not offered). */
  matching: number;
  onSelectMatching: () => void;
}

/** Above the table: the search field, the order, what is listed, and "Select all matching". */
export function Toolbar({ query, onQuery, onSearchFocus, searching, sortValue, onSortValue, status, matching, onSelectMatching }: ToolbarProps) {
  const searchRef = useRef<HTMLInputElement>(null);
  return (
    <div class="toolbar" onFocusCapture={(event) => event.target === searchRef.current && onSearchFocus()}>
      <SearchBox value={query} onInput={onQuery} inputRef={searchRef} />
      <label class="sort-by">
        Sort by
        <select value={sortValue} onChange={(event) => onSortValue(event.currentTarget.value)}>
          {searching && <option value={BY_RELEVANCE}>Relevance</option>}
          {(Object.keys(SORT_LABELS) as SortKey[]).flatMap((key) => [
            <option value={`${key}:${defaultSort(key).direction}`}>{SORT_LABELS[key]}{key === 'title' ? ' (A→Z)' : ' (newest first)'}</option>,
            <option value={`${key}:${defaultSort(key).direction === 'asc' ? 'desc' : 'asc'}`}>{SORT_LABELS[key]}{key === 'title' ? ' (Z→A)' : ' (oldest first)'}</option>,
          ])}
        </select>
      </label>
      <span class="status" role="status" aria-live="polite">
        {status}
      </span>
      {matching > 0 && (
        <button type="button" class="link-button" onClick={onSelectMatching}>
          Select all {matching.toLocaleString('en-US')} matching
        </button>
      )}
    </div>
  );
}
