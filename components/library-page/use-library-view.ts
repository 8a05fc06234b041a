import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PaperdexDB } from '@/utils/library/schema';
import { plural } from '@/utils/ui/shared/plural';
import type { TableRow } from '@/utils/ui/library-page/table-rows';
import { DEFAULT_SORT, defaultSort, filterRows, isFiltering, type LibraryFilter, type LibrarySort, NO_FILTER, type SortKey, sortRows } from '@/utils/ui/library-page/sort-filter';
import type { TagCount } from '@/utils/ui/shared/tag-suggestions';
import type { LibraryRowsState } from './use-library-rows';
import { type LibrarySearch, PAGE_SEARCH_LIMIT, useLibrarySearch } from './use-library-search';

/** The sort select's value while search hits are listed best first. */
export const BY_RELEVANCE = 'relevance';

export interface LibraryView {
  query: string;
  setQuery: (query: string) => void;
  searching: boolean;
  search: LibrarySearch;
  /** Opens the search index ahead of the first query (the search field was focused). */
  wantSearch: () => void;
  filter: LibraryFilter;
  setFilter: (filter: LibraryFilter) => void;
  /** Null while search hits are listed best first. */
  sort: LibrarySort | null;
  /** A column header was clicked: that column's order, or its other direction. */
  pickSort: (key: SortKey) => void;
  /** The sort select's value: `key:direction`, or `BY_RELEVANCE`. */
  sortValue: string;
  setSortValue: (value: string) => void;
  /** The rows that match, in order, and their ids. */
  shown: readonly TableRow[];
  order: readonly string[];
  /** What the table lists: `shown` once the first screen is in. */
  listed: readonly TableRow[];
  tagCounts: readonly TagCount[];
  /** What the status line says (loading, counts, matches). */
  status: string;
  /** Every paper "Select all matching" takes, and how many that is. */
  matching: { count: number; ids: () => string[] };
  /** Changes with the query, filter and sort: a new list scrolls back to the top. */
  listKey: string;
  /** The rows listed are not yet those of the query (the index is opening or catching up). */
  busy: boolean;
  empty: boolean;
  /** The library's size once every row is in. */
  total: number | undefined;
}

const isRow = (row: TableRow | undefined): row is TableRow => row !== undefined;

/**
 * What the table lists: the library's rows filtered and sorted in memory, or, with a query, the search's
 * hits (best first until a column is picked), and the status line that says so.
 */
export function useLibraryView(db: PaperdexDB, { store, version, ready, loading }: LibraryRowsState): LibraryView {
  const [sort, setSort] = useState<LibrarySort>(DEFAULT_SORT);
  const [filter, setFilter] = useState<LibraryFilter>(NO_FILTER);
  const [query, setQuery] = useState('');
  /** While searching: hits in relevance order until a column is picked. */
  const [byRelevance, setByRelevance] = useState(true);
  const searching = query.trim() !== '';

  // Each order is sorted once per state of the library (the store keeps them).
  const sorted = useMemo(() => store.sorted(sort), [store, version, sort]);
  const filtered = useMemo(() => filterRows(sorted, filter), [sorted, filter]);
  const tagCounts = useMemo(() => store.tagCounts(), [store, version]);
  // The search index (its code and its restore are the heaviest part of the page: one task of ~100 ms
  // at 50k papers) opens when the search field is first focused, or at the first query, so that task
  // never lands while the library loads or scrolls.
  const [searchWanted, setSearchWanted] = useState(false);
  const search = useLibrarySearch(db, query, isFiltering(filter) ? filtered : undefined, version, ready && (searchWanted || searching));
  const shown = useMemo(() => {
    if (!searching) return filtered;
    const hits = (search.ids ?? []).map((id) => store.rows.get(id)).filter(isRow);
    return byRelevance ? hits : sortRows(hits, sort);
  }, [searching, filtered, search, byRelevance, sort, store, version]);
  const order = useMemo(() => shown.map((row) => row.id), [shown]);

  useEffect(() => {
    if (searching) setByRelevance(true);
  }, [searching]);

  const pickSort = (key: SortKey) => {
    if (searching && byRelevance) {
      setByRelevance(false);
      setSort(defaultSort(key));
      return;
    }
    setSort(key === sort.key ? { key, direction: sort.direction === 'asc' ? 'desc' : 'asc' } : defaultSort(key));
  };
  const relevance = searching && byRelevance;
  const sortValue = relevance ? BY_RELEVANCE : `${sort.key}:${sort.direction}`;
  const setSortValue = (value: string) => {
    if (value === BY_RELEVANCE) return setByRelevance(true);
    const [key, direction] = value.split(':') as [SortKey, 'asc' | 'desc'];
    setByRelevance(false);
    setSort({ key, direction });
  };

  const total = store.complete ? store.size : undefined;
  let status: string;
  if (!ready) status = 'Loading…';
  else if (searching) status = search.pending ? 'Preparing search…' : `${plural(search.matches, 'match', 'matches')}${search.matches > shown.length && shown.length === PAGE_SEARCH_LIMIT ? `, best ${PAGE_SEARCH_LIMIT} shown` : ''}`;
  else if (loading !== undefined) status = `Loading library… ${plural(loading, 'paper', 'papers')}`;
  else if (isFiltering(filter)) status = `${plural(filtered.length, 'paper', 'papers')} of ${(total ?? 0).toLocaleString('en-US')}`;
  else status = plural(total ?? 0, 'paper', 'papers');

  return {
    query,
    setQuery,
    searching,
    search,
    wantSearch: () => !searchWanted && setSearchWanted(true),
    filter,
    setFilter,
    sort: relevance ? null : sort,
    pickSort,
    sortValue,
    setSortValue,
    shown,
    listed: ready ? shown : [],
    order,
    tagCounts,
    status,
    // While searching, "matching" is every paper the status counts, not only the best listed.
    matching: searching
      ? { count: Math.max(search.matches, shown.length), ids: () => [...order, ...search.allIds()] }
      : { count: shown.length, ids: () => [...order] },
    listKey: `${query}|${JSON.stringify(filter)}|${sortValue}`,
    busy: !ready || (searching && (search.pending || search.query !== query)),
    empty: ready && loading === undefined && store.size === 0,
    total,
  };
}
