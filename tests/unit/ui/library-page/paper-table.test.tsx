/**
 * The table (components/library-page/PaperTable.tsx) on its own, with rows and handlers as props (no
 * database): what a row shows, which column is sorted and which way, and what clicks and keys ask for.
 */
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { PaperTable } from '@/components/library-page/PaperTable';
import { formatDay, seenAgo } from '@/utils/ui/shared/seen-time';
import { type TableRow, toTableRow } from '@/utils/ui/library-page/table-rows';
import type { LibrarySort } from '@/utils/ui/library-page/sort-filter';
import { DAY, paper, T0 } from '../../support/paper-records';
import { Mounted } from './panel-helpers';

const ROWS: TableRow[] = [
  toTableRow(paper('2601.00001', { title: 'Attention Again', savedAt: T0, readAt: T0, tags: ['survey', 'to-read'], publishedAt: '2026-01-02' })),
  toTableRow(paper('2601.00002', { title: 'Brief Notes', authors: ['Grace Hopper'], lastSeenAt: T0 - DAY })),
  toTableRow(paper('2601.00003', { title: '', lastSeenAt: T0 - 2 * DAY })),
];

let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

function handlers() {
  return { onSort: vi.fn(), onRowClick: vi.fn(), onActivate: vi.fn(), onToggleSelected: vi.fn(), onSelectAll: vi.fn(), onOpen: vi.fn(), onClearSelection: vi.fn() };
}

async function show({ sort = { key: 'lastSeen', direction: 'desc' } as LibrarySort | null, selected = new Set<string>(), activeId = undefined as string | undefined } = {}) {
  const on = handlers();
  view = await new Mounted().mount(<PaperTable rows={ROWS} selected={selected} activeId={activeId} sort={sort} listKey="all" busy={false} {...on} />);
  return on;
}

const grid = () => view!.root.querySelector<HTMLElement>('[role="grid"]')!;
const rows = () => [...view!.root.querySelectorAll<HTMLElement>('.rows [role="row"]')];
const header = (label: string) => [...view!.root.querySelectorAll<HTMLElement>('[role="columnheader"]')].find((cell) => cell.textContent?.startsWith(label))!;
const key = (name: string, init: KeyboardEventInit = {}) => act(() => void grid().dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true, ...init })));
const click = (element: Element, init: MouseEventInit = {}) => act(() => void element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ...init })));

describe('PaperTable', () => {
  it('shows one row per paper, in the order given: title, authors, one date, saved and read marks, tags', async () => {
    await show();
    expect(grid().getAttribute('aria-rowcount')).toBe('4');
    expect(rows().map((row) => row.dataset.id)).toEqual(['2601.00001', '2601.00002', '2601.00003']);
    const [first, second, third] = rows();
    expect(first!.querySelector('.title')!.textContent).toBe('Attention Again');
    expect(first!.querySelector('.authors')!.textContent).toBe('Ada Lovelace, Alan Turing');
    // One date column: the date sorted by (last seen here), relative for recent papers.
    expect([...first!.querySelectorAll('.c-date')].map((cell) => cell.textContent)).toEqual([seenAgo(T0, Date.now())]);
    expect([...view!.root.querySelectorAll('[role="columnheader"]')].map((cell) => cell.textContent)).toEqual(['Selected', 'Title', 'Last seen ↓', 'Saved', 'Read', 'Tags']);
    expect(first!.querySelector('.flag.saved')).not.toBeNull();
    expect(first!.querySelector('.flag.read')).not.toBeNull();
    expect([...first!.querySelectorAll('.c-tags .tag-chip')].map((chip) => chip.textContent)).toEqual(['#survey', '#to-read']);
    expect(second!.querySelector('.authors')!.textContent).toBe('Grace Hopper');
    expect(second!.querySelector('.flag.saved')).toBeNull();
    expect(second!.querySelector('.flag.read')).toBeNull();
    // A paper without a title shows its id, once (not again as its authors).
    expect(third!.querySelector('.title')!.textContent).toBe('arXiv 2601.00003');
    expect(third!.querySelector('.authors')!.textContent).toBe('Ada Lovelace, Alan Turing');
  });

  it('marks the selected rows and the active one', async () => {
    await show({ selected: new Set(['2601.00002']), activeId: '2601.00003' });
    expect(rows().map((row) => row.getAttribute('aria-selected'))).toEqual(['false', 'true', 'false']);
    expect(rows()[1]!.querySelector<HTMLInputElement>('input[type="checkbox"]')!.checked).toBe(true);
    expect(grid().getAttribute('aria-activedescendant')).toBe('paper-row-2601.00003');
  });

  it('the sorted column says its direction; a header click asks for that column', async () => {
    const on = await show({ sort: { key: 'title', direction: 'asc' } });
    expect(header('Title').getAttribute('aria-sort')).toBe('ascending');
    expect(header('Title').textContent).toBe('Title ↑');
    // The date column shows last seen while the title is sorted; its header asks for that date.
    expect(header('Last seen').getAttribute('aria-sort')).toBeNull();
    await view!.click(header('Last seen').querySelector('button')!);
    expect(on.onSort).toHaveBeenCalledExactlyOnceWith('lastSeen');
    // Read and Tags are not sortable.
    expect(header('Read').querySelector('button')).toBeNull();
    expect(header('Tags').querySelector('button')).toBeNull();

    await view!.mount(<PaperTable rows={ROWS} selected={new Set()} activeId={undefined} sort={{ key: 'lastSeen', direction: 'desc' }} listKey="all" busy={false} {...handlers()} />);
    expect(header('Last seen').getAttribute('aria-sort')).toBe('descending');
    expect(header('Title').getAttribute('aria-sort')).toBeNull();

    // Sorted by another date, the date column is that date.
    await view!.mount(<PaperTable rows={ROWS} selected={new Set()} activeId={undefined} sort={{ key: 'published', direction: 'desc' }} listKey="all" busy={false} {...handlers()} />);
    expect(header('Published').getAttribute('aria-sort')).toBe('descending');
    expect(header('Last seen')).toBeUndefined();
    expect(rows().map((row) => row.querySelector('.c-date')!.textContent)).toEqual([formatDay(Date.parse('2026-01-02')), '', '']);
  });

  it('a paper added by id and never seen shows its id once, says "Added by id", and no seen date', async () => {
    // Noon: three hours before is the same day whenever the test runs ("yesterday" just after midnight).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 11, 7, 12));
    onTestFinished(() => void vi.useRealTimers());
    const added = toTableRow(paper('2601.00009', { title: '', authors: [], seenCount: 0, seenOn: [], sites: [], firstSeenAt: Date.now() - 3 * 3_600_000, lastSeenAt: Date.now() - 3 * 3_600_000 }));
    view = await new Mounted().mount(<PaperTable rows={[added]} selected={new Set()} activeId={undefined} sort={{ key: 'lastSeen', direction: 'desc' }} listKey="all" busy={false} {...handlers()} />);
    const [row] = rows();
    expect(row!.querySelector('.title')!.textContent).toBe('arXiv 2601.00009');
    expect(row!.querySelector('.authors')!.textContent).toBe('Added by id · 3 h ago');
    expect(row!.querySelector('.c-date')!.textContent).toBe('');
    expect(row!.textContent!.split('2601.00009')).toHaveLength(2);
  });

  it('marks the searched words in titles and authors, as text', async () => {
    view = await new Mounted().mount(
      <PaperTable rows={ROWS} selected={new Set()} activeId={undefined} sort={null} listKey="q" busy={false} highlightTerms={new Set(['attention', 'lovelace'])} {...handlers()} />,
    );
    const [first] = rows();
    expect([...first!.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['Attention', 'Lovelace']);
    expect(first!.querySelector('.title')!.textContent).toBe('Attention Again');
  });

  it('search hits in relevance order mark no column sorted', async () => {
    await show({ sort: null });
    expect([...view!.root.querySelectorAll('[role="columnheader"][aria-sort]')]).toEqual([]);
  });

  it('a click, Shift-click and Ctrl-click on a row ask for that row with their modifiers; its checkbox toggles it', async () => {
    const on = await show();
    await click(rows()[1]!.querySelector('.title')!);
    await click(rows()[2]!, { shiftKey: true });
    await click(rows()[0]!, { ctrlKey: true });
    expect(on.onRowClick.mock.calls).toEqual([
      ['2601.00002', { shift: false, toggle: false }],
      ['2601.00003', { shift: true, toggle: false }],
      ['2601.00001', { shift: false, toggle: true }],
    ]);
    const checkbox = rows()[2]!.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    await act(() => void checkbox.dispatchEvent(new Event('change', { bubbles: true })));
    expect(on.onToggleSelected).toHaveBeenCalledExactlyOnceWith('2601.00003');
  });

  it('keys: ↓/↑/End/Home move the active row, Space selects it, Enter opens it, Esc clears, Ctrl+A selects all', async () => {
    const on = await show({ activeId: '2601.00002' });
    await key('ArrowDown');
    await key('ArrowUp');
    await key('End');
    await key('Home');
    expect(on.onActivate.mock.calls.map(([id]) => id)).toEqual(['2601.00003', '2601.00001', '2601.00003', '2601.00001']);
    await key(' ');
    expect(on.onToggleSelected).toHaveBeenCalledExactlyOnceWith('2601.00002');
    await key('Enter');
    expect(on.onOpen).toHaveBeenCalledExactlyOnceWith('2601.00002');
    await key('Escape');
    expect(on.onClearSelection).toHaveBeenCalledOnce();
    await key('a');
    expect(on.onSelectAll).not.toHaveBeenCalled();
    await key('a', { ctrlKey: true });
    expect(on.onSelectAll).toHaveBeenCalledOnce();
  });
});
