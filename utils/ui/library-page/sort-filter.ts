/**
 * What the library table lists: the rows in a sort order, narrowed by filters. Pure functions over the
 * light rows held in memory, so a sort or filter change costs no database read.
 */
import { countTags as countTagLists, type TagCount } from '../../library/feed/tag-counts';
import type { SourceSite } from '../../paper/record';
import { type TableRow, titleKeyOf } from './table-rows';

export type SortKey = 'lastSeen' | 'firstSeen' | 'saved' | 'published' | 'title';
export type SortDirection = 'asc' | 'desc';

export interface LibrarySort {
  key: SortKey;
  direction: SortDirection;
}

export const SORT_LABELS: Record<SortKey, string> = {
  lastSeen: 'Last seen',
  firstSeen: 'First seen',
  saved: 'Saved date',
  published: 'Published',
  title: 'Title',
};

/** The keys that are dates: the table's one date column shows the one sorted by (else last seen). */
export type DateKey = Exclude<SortKey, 'title'>;

export function dateKeyOf(sort: LibrarySort | null): DateKey {
  return sort && sort.key !== 'title' ? sort.key : 'lastSeen';
}

/** Each key's natural direction: newest first for dates, A→Z for titles. */
export function defaultSort(key: SortKey): LibrarySort {
  return { key, direction: key === 'title' ? 'asc' : 'desc' };
}

export const DEFAULT_SORT: LibrarySort = defaultSort('lastSeen');

export type StatusFilter = 'all' | 'saved' | 'read' | 'unread';

export interface LibraryFilter {
  status: StatusFilter;
  /** Papers carrying every one of these tags. */
  tags: readonly string[];
  source: 'all' | SourceSite;
  /** Seen at some time in [seenFrom, seenTo] (epoch ms, inclusive); either end open when undefined. */
  seenFrom?: number;
  seenTo?: number;
}

export const NO_FILTER: LibraryFilter = { status: 'all', tags: [], source: 'all' };

export function isFiltering(filter: LibraryFilter): boolean {
  return filter.status !== 'all' || filter.tags.length > 0 || filter.source !== 'all' || filter.seenFrom !== undefined || filter.seenTo !== undefined;
}

function sortValue(row: TableRow, key: SortKey): number | string | undefined {
  switch (key) {
    case 'lastSeen':
      return row.lastSeenAt;
    case 'firstSeen':
      return row.firstSeenAt;
    case 'saved':
      return row.savedAt;
    case 'published':
      return row.publishedAt;
    case 'title':
      return titleKeyOf(row);
  }
}

/**
 * A new array of `rows` in `sort` order. Rows without the value (unsaved papers for "Saved date", no
 * publication date) come last in either direction; ties fall back to last seen, newest first, then id,
 * so the order is stable across reloads.
 */
export function sortRows(rows: Iterable<TableRow>, sort: LibrarySort): TableRow[] {
  // Decorate once: reading the value through a switch in the comparator costs more than the sort.
  const keyed: { row: TableRow; value: number | string | undefined }[] = [];
  for (const row of rows) keyed.push({ row, value: sortValue(row, sort.key) });
  const sign = sort.direction === 'asc' ? 1 : -1;
  keyed.sort((a, b) => {
    const x = a.value;
    const y = b.value;
    if (x !== y) {
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      return (x < y ? -1 : 1) * sign;
    }
    if (a.row.lastSeenAt !== b.row.lastSeenAt) return b.row.lastSeenAt - a.row.lastSeenAt;
    return a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0;
  });
  return keyed.map((item) => item.row);
}

function seenIn(row: TableRow, from: number, to: number): boolean {
  if ((row.firstSeenAt >= from && row.firstSeenAt <= to) || (row.lastSeenAt >= from && row.lastSeenAt <= to)) return true;
  for (const at of row.moreSeen ?? []) if (at >= from && at <= to) return true;
  return false;
}

/** A predicate for `filter`; the filters combine (all must hold). */
export function rowMatcher(filter: LibraryFilter): (row: TableRow) => boolean {
  const { status, tags, source } = filter;
  const from = filter.seenFrom ?? -Infinity;
  const to = filter.seenTo ?? Infinity;
  const byDate = filter.seenFrom !== undefined || filter.seenTo !== undefined;
  return (row) => {
    if (status === 'saved' && row.savedAt === undefined) return false;
    if (status === 'read' && row.readAt === undefined) return false;
    if (status === 'unread' && row.readAt !== undefined) return false;
    if (source !== 'all' && !row.sites.includes(source)) return false;
    for (const tag of tags) if (!row.tags.includes(tag)) return false;
    return !byDate || seenIn(row, from, to);
  };
}

/** The rows (in their given order) that pass `filter`. */
export function filterRows(rows: readonly TableRow[], filter: LibraryFilter): readonly TableRow[] {
  if (!isFiltering(filter)) return rows;
  return rows.filter(rowMatcher(filter));
}

/** Every tag with how many rows carry it, in the one order of `utils/library/feed/tag-counts.ts`. */
export function countTags(rows: Iterable<TableRow>): TagCount[] {
  return countTagLists(tagsOf(rows));
}

function* tagsOf(rows: Iterable<TableRow>): Iterable<readonly string[]> {
  for (const row of rows) yield row.tags;
}

/** Start of the local day of a `yyyy-mm-dd` date input value, or undefined. */
export function dayStart(value: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const at = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
  return Number.isFinite(at) ? at : undefined;
}

/** End (last millisecond) of the local day of a `yyyy-mm-dd` date input value, or undefined. */
export function dayEnd(value: string): number | undefined {
  const start = dayStart(value);
  if (start === undefined) return undefined;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + 1).getTime() - 1;
}
