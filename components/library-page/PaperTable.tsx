import type { Ref } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TableRow } from '@/utils/ui/library-page/table-rows';
import { dateKeyOf, type LibrarySort, SORT_LABELS, type SortKey } from '@/utils/ui/library-page/sort-filter';
import { rowWindow, scrollToRow } from '@/utils/ui/library-page/windowing';
import { ROW_HEIGHT, RowPool, type RowView, rowDomId } from './row-pool';

export { ROW_HEIGHT };

export interface RowClick {
  shift: boolean;
  toggle: boolean;
}

interface PaperTableProps {
  rows: readonly TableRow[];
  selected: ReadonlySet<string>;
  /** The row the keys act on, shown in the paper view. */
  activeId: string | undefined;
  /** Null while the rows are search hits in relevance order. */
  sort: LibrarySort | null;
  onSort: (key: SortKey) => void;
  onRowClick: (id: string, click: RowClick) => void;
  /** Activates a row without touching the selection (keyboard moves). */
  onActivate: (id: string) => void;
  onToggleSelected: (id: string) => void;
  onSelectAll: () => void;
  /** Enter: shows the active paper in full. */
  onOpen: (id: string) => void;
  /** Esc: clears the selection (or, with none, closes the paper view). */
  onClearSelection: () => void;
  /** A new list (query, filter or sort) scrolls back to the top. */
  listKey: string;
  busy: boolean;
  /** Folded words the search matched, marked in titles and authors. */
  highlightTerms?: ReadonlySet<string>;
  gridRef?: Ref<HTMLDivElement>;
}

interface Column {
  key?: SortKey;
  label: string;
  class: string;
}

/**
 * The columns; one date column (`date`), showing the date the list is sorted by, else last seen ("Sort
 * by" offers every date). Titles get the room the dates had.
 */
function columns(date: Column): Column[] {
  return [
    { label: 'Selected', class: 'c-select' },
    { key: 'title', label: 'Title', class: 'c-title' },
    date,
    { key: 'saved', label: 'Saved', class: 'c-flag' },
    { label: 'Read', class: 'c-flag' },
    { label: 'Tags', class: 'c-tags' },
  ];
}

const NO_TERMS: ReadonlySet<string> = new Set();
const MINUTE = 60_000;

/** The time relative dates are counted from, moved on each minute. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), MINUTE);
    return () => clearInterval(timer);
  }, []);
  return now;
}


/**
 * Every paper that matches, as a table, with only the rows in view in the DOM (fixed row height, so
 * the window is arithmetic and scrolling costs a few dozen rows per frame at any library size).
 */
export function PaperTable({ rows, selected, activeId, sort, onSort, onRowClick, onActivate, onToggleSelected, onSelectAll, onOpen, onClearSelection, listKey, busy, gridRef, highlightTerms = NO_TERMS }: PaperTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  /** The first row in view: the table renders again only when it changes, not on every scroll event. */
  const [firstRow, setFirstRow] = useState(0);
  const [height, setHeight] = useState(800);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    setHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setFirstRow(0);
  }, [listKey]);

  // Not recomputed on scroll: a search through 50k rows per frame adds up.
  const activeIndex = useMemo(() => (activeId === undefined ? -1 : rows.findIndex((row) => row.id === activeId)), [rows, activeId]);
  const { start, end } = rowWindow(firstRow * ROW_HEIGHT, height - ROW_HEIGHT, ROW_HEIGHT, rows.length);

  const move = (to: number) => {
    if (!rows.length) return;
    const at = Math.max(0, Math.min(rows.length - 1, to));
    onActivate(rows[at]!.id);
    const element = scroller.current;
    if (!element) return;
    const top = scrollToRow(at, element.scrollTop, element.clientHeight - ROW_HEIGHT, ROW_HEIGHT);
    if (top !== undefined) element.scrollTop = top;
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget) return;
    const page = Math.max(1, Math.floor((height - ROW_HEIGHT) / ROW_HEIGHT) - 1);
    switch (event.key) {
      case 'ArrowDown':
        move(activeIndex + 1);
        break;
      case 'ArrowUp':
        move(activeIndex <= 0 ? 0 : activeIndex - 1);
        break;
      case 'PageDown':
        move(activeIndex + page);
        break;
      case 'PageUp':
        move(activeIndex - page);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(rows.length - 1);
        break;
      case 'x':
        if (event.ctrlKey || event.metaKey || event.altKey) return;
        if (activeId !== undefined) onToggleSelected(activeId);
        break;
      case ' ':
        if (activeId !== undefined) onToggleSelected(activeId);
        break;
      case 'Enter':
        if (activeId !== undefined) onOpen(activeId);
        break;
      case 'Escape':
        onClearSelection();
        break;
      case 'a':
        if (!(event.ctrlKey || event.metaKey)) return;
        onSelectAll();
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  // One handler for every row (found by its data-id).
  const rowIdOf = (event: Event) => (event.target as HTMLElement).closest<HTMLElement>('[role="row"]')?.dataset.id;
  const onRowsClick = (event: MouseEvent) => {
    const id = rowIdOf(event);
    if (id === undefined || (event.target as HTMLElement).closest('input')) return;
    if (event.shiftKey) event.preventDefault();
    onRowClick(id, { shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey });
  };
  const onRowsChange = (event: Event) => {
    const id = rowIdOf(event);
    if (id !== undefined && (event.target as HTMLElement).matches('input[type="checkbox"]')) onToggleSelected(id);
  };

  const dateKey = dateKeyOf(sort);
  const now = useNow();
  const rowView = useMemo((): RowView => ({ dateKey, now, terms: highlightTerms }), [dateKey, now, highlightTerms]);

  // The same vnode while the sort stays: Preact skips it on scroll renders.
  const header = useMemo(
    () => (
          <div class="row head" role="row" aria-rowindex={1}>
            {columns({ key: dateKey, label: SORT_LABELS[dateKey], class: 'c-date' }).map((column) => {
              const sorted = sort && column.key === sort.key;
              return (
                <div
                  class={`cell ${column.class}`}
                  role="columnheader"
                  aria-sort={sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {column.key ? (
                    <button type="button" class="sort" onClick={() => onSort(column.key!)} title={`Sort by ${column.label.toLowerCase()}`}>
                      {column.label}
                      {sorted && <span aria-hidden="true">{sort.direction === 'asc' ? ' ↑' : ' ↓'}</span>}
                    </button>
                  ) : column.key === undefined && column.class === 'c-select' ? (
                    <span class="visually-hidden">{column.label}</span>
                  ) : (
                    column.label
                  )}
                </div>
              );
            })}
          </div>
    ),
    [sort, onSort, dateKey],
  );

  // The rows in view are plain DOM kept by the pool (row-pool.ts), brought up to date after each render.
  const rowGroup = useRef<HTMLDivElement>(null);
  const pool = useMemo(() => new RowPool(), []);
  useLayoutEffect(() => {
    if (rowGroup.current) pool.sync(rowGroup.current, rows, start, end, selected, activeId, rowView);
  }, [pool, rows, start, end, selected, activeId, rowView]);

  return (
    <div
      class="table"
      role="grid"
      aria-label="Papers"
      aria-multiselectable="true"
      aria-rowcount={rows.length + 1}
      aria-busy={busy ? 'true' : 'false'}
      aria-activedescendant={activeIndex >= start && activeIndex < end ? rowDomId(activeId!) : undefined}
      tabIndex={0}
      ref={(element) => {
        scroller.current = element;
        if (typeof gridRef === 'function') gridRef(element);
        else if (gridRef) gridRef.current = element;
      }}
      onScroll={(event) => setFirstRow(Math.floor(event.currentTarget.scrollTop / ROW_HEIGHT))}
      onKeyDown={onKeyDown}
      data-list={listKey}
    >
      {header}
      <div class="rows" ref={rowGroup} style={{ height: `${rows.length * ROW_HEIGHT}px` }} role="rowgroup" onClick={onRowsClick} onChange={onRowsChange} />
    </div>
  );
}

