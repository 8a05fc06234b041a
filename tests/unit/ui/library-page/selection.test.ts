import { describe, expect, it } from 'vitest';
import { anchorAt, clickSelection, EMPTY_SELECTION, pruneSelection } from '@/utils/ui/library-page/selection';
import { rowWindow, scrollToRow } from '@/utils/ui/library-page/windowing';

const order = ['a', 'b', 'c', 'd', 'e'];
const plain = { shift: false, toggle: false };
const ids = (selection: { ids: ReadonlySet<string> }) => [...selection.ids].sort();

describe('clickSelection', () => {
  it('click selects one, ctrl-click toggles, shift-click selects the range from the anchor', () => {
    let s = clickSelection(EMPTY_SELECTION, 'b', order, plain);
    expect(ids(s)).toEqual(['b']);
    s = clickSelection(s, 'd', order, { shift: true, toggle: false });
    expect(ids(s)).toEqual(['b', 'c', 'd']);
    s = clickSelection(s, 'a', order, { shift: true, toggle: false }); // range moves, anchor stays at b
    expect(ids(s)).toEqual(['a', 'b']);
    s = clickSelection(s, 'e', order, { shift: false, toggle: true });
    expect(ids(s)).toEqual(['a', 'b', 'e']);
    s = clickSelection(s, 'b', order, { shift: false, toggle: true });
    expect(ids(s)).toEqual(['a', 'e']);
    s = clickSelection(s, 'c', order, { shift: true, toggle: true }); // anchor b → c, added
    expect(ids(s)).toEqual(['a', 'b', 'c', 'e']);
    s = clickSelection(s, 'c', order, plain);
    expect(ids(s)).toEqual(['c']);
  });

  it('shift-click with no anchor (or one no longer shown) selects just that row', () => {
    expect(ids(clickSelection(EMPTY_SELECTION, 'c', order, { shift: true, toggle: false }))).toEqual(['c']);
    expect(ids(clickSelection({ ids: new Set(['z']), anchor: 'z' }, 'c', order, { shift: true, toggle: false }))).toEqual(['c']);
  });

  it('drops deleted ids', () => {
    const s = { ids: new Set(['a', 'b']), anchor: 'b' };
    expect(pruneSelection(s, () => true)).toBe(s);
    expect(pruneSelection(s, (id) => id === 'a')).toEqual({ ids: new Set(['a']), anchor: undefined });
  });
});

describe('rowWindow', () => {
  it.each([
    [0, 400, 40, 1000, { start: 0, end: 19 }],
    [4000, 400, 40, 1000, { start: 92, end: 119 }],
    [39_990, 400, 40, 1000, { start: 991, end: 1000 }],
    [0, 400, 40, 0, { start: 0, end: 0 }],
    [0, 400, 40, 3, { start: 0, end: 3 }],
  ])('scrollTop %d, viewport %d, row %d, %d rows', (top, height, row, count, expected) => {
    expect(rowWindow(top, height, row, count, 8)).toEqual(expected);
  });

  it('scrolls a row into view only when it is out of view', () => {
    expect(scrollToRow(5, 0, 400, 40)).toBeUndefined();
    expect(scrollToRow(20, 0, 400, 40)).toBe(440);
    expect(scrollToRow(2, 400, 400, 40)).toBe(80);
  });
});

describe('anchorAt (a plain click: opening is not selecting)', () => {
  it('moves where a Shift range starts and keeps the selection as it was', () => {
    let s = clickSelection(EMPTY_SELECTION, 'a', order, { shift: false, toggle: true });
    s = anchorAt(s, 'c');
    expect(ids(s)).toEqual(['a']);
    s = clickSelection(s, 'e', order, { shift: true, toggle: true });
    expect(ids(s)).toEqual(['a', 'c', 'd', 'e']);
    expect(ids(anchorAt(EMPTY_SELECTION, 'b'))).toEqual([]);
  });
});
