import { describe, expect, it } from 'vitest';
import { rowAuthors, toTableRow } from '@/utils/ui/library-page/table-rows';
import { countTags, dayEnd, dayStart, defaultSort, filterRows, NO_FILTER, sortRows } from '@/utils/ui/library-page/sort-filter';
import { DAY, paper, T0 } from '../../support/paper-records';

const rows = [
  toTableRow(paper('a', { title: 'Zebra models', lastSeenAt: T0 + 3 * DAY, firstSeenAt: T0, publishedAt: '2026-01-05T00:00:00.000Z', savedAt: T0 + 2, tags: ['x', 'y'], sites: ['hf'] })),
  toTableRow(paper('b', { title: 'Élan vital', lastSeenAt: T0 + 1 * DAY, firstSeenAt: T0 + DAY, readAt: T0, tags: ['x'], sites: ['arxiv'] })),
  toTableRow(paper('c', { title: 'apple pie', lastSeenAt: T0 + 2 * DAY, firstSeenAt: T0 - DAY, publishedAt: '2025-12-01T00:00:00.000Z', savedAt: T0 + 1, sites: ['hf', 'arxiv'], seenOn: [] })),
  toTableRow(paper('d', { title: 'Middle', lastSeenAt: T0 + 2 * DAY, firstSeenAt: T0 + 2 * DAY, tags: ['y'], seenOn: [] })),
];
const ids = (list: readonly { id: string }[]) => list.map((row) => row.id);

describe('sortRows', () => {
  it.each([
    ['lastSeen', ['a', 'c', 'd', 'b']], // c and d tie: id decides
    ['firstSeen', ['d', 'b', 'a', 'c']],
    ['saved', ['a', 'c', 'd', 'b']], // unsaved last, by last seen
    ['published', ['a', 'c', 'd', 'b']],
    ['title', ['c', 'b', 'd', 'a']], // case and accents folded: apple, élan, middle, zebra
  ] as const)('%s in its natural direction', (key, expected) => {
    expect(ids(sortRows(rows, defaultSort(key)))).toEqual(expected);
  });

  it('reversed, missing values still come last', () => {
    expect(ids(sortRows(rows, { key: 'saved', direction: 'asc' }))).toEqual(['c', 'a', 'd', 'b']);
    expect(ids(sortRows(rows, { key: 'title', direction: 'desc' }))).toEqual(['a', 'd', 'b', 'c']);
  });

  it('does not change its input', () => {
    const copy = [...rows];
    sortRows(rows, defaultSort('title'));
    expect(rows).toEqual(copy);
  });
});

describe('filterRows', () => {
  const sorted = sortRows(rows, defaultSort('lastSeen'));
  it.each([
    [{ status: 'saved' }, ['a', 'c']],
    [{ status: 'read' }, ['b']],
    [{ status: 'unread' }, ['a', 'c', 'd']],
    [{ tags: ['x'] }, ['a', 'b']],
    [{ tags: ['x', 'y'] }, ['a']],
    [{ source: 'arxiv' }, ['c', 'b']],
    [{ source: 'hf' }, ['a', 'c', 'd']],
    [{ status: 'unread', source: 'hf', tags: ['y'] }, ['a', 'd']],
    // Seen dates: first, last or a listing's last view in the range.
    [{ seenFrom: T0 + 2 * DAY, seenTo: T0 + 2 * DAY }, ['c', 'd']],
    [{ seenFrom: T0 - 2 * DAY, seenTo: T0 - DAY }, ['c']],
    [{ seenTo: T0 }, ['a', 'c', 'b']], // a and b were seen on a listing at T0
    [{ seenFrom: T0 + 3 * DAY }, ['a']],
  ] as const)('%j', (filter, expected) => {
    expect(ids(filterRows(sorted, { ...NO_FILTER, ...filter }))).toEqual(expected);
  });

  it('no filter returns the same array (no copy)', () => {
    expect(filterRows(sorted, NO_FILTER)).toBe(sorted);
  });
});

describe('helpers', () => {
  it('counts tags, most used first', () => {
    expect(countTags(rows)).toEqual([
      { tag: 'x', count: 2 },
      { tag: 'y', count: 2 },
    ]);
  });

  it('date inputs give local day bounds', () => {
    expect(dayStart('2026-03-11')).toBe(new Date(2026, 2, 11).getTime());
    expect(dayEnd('2026-03-11')).toBe(new Date(2026, 2, 12).getTime() - 1);
    expect(dayStart('')).toBeUndefined();
    expect(dayStart('2026-3-1')).toBeUndefined();
  });

  it('a row keeps no abstract and has a readable author line', () => {
    const row = toTableRow(paper('z', { authors: ['A One', 'B Two', 'C Three', 'D Four'], publishedAt: 'not a date' }));
    expect(row).not.toHaveProperty('abstract');
    expect(rowAuthors(row)).toBe('A One, B Two, C Three +1');
    expect(row).not.toHaveProperty('publishedAt');
  });
});
