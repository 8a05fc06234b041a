/**
 * The bulk bar (components/library-page/BulkBar.tsx) wired as the page wires it (`usePageActions` over fake
 * actions, a fixed selection; no database): each button acts on exactly the selected papers, says what
 * it did or why it failed, and waits while an action runs; a delete can be undone.
 */
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, type Mocked, vi } from 'vitest';
import type { LibraryActions } from '@/components/library-page/actions';
import { BulkBar } from '@/components/library-page/BulkBar';
import { Notices } from '@/components/library-page/Notices';
import type { LibraryRowsState } from '@/components/library-page/use-library-rows';
import { usePageActions } from '@/components/library-page/use-page-actions';
import type { SelectionState } from '@/components/library-page/use-selection';
import { NO_FILTER } from '@/utils/ui/library-page/sort-filter';
import { diskFull, fakeActions, refused } from './fake-actions';
import { paper } from '../../support/paper-records';
import { Mounted } from './panel-helpers';

const SELECTED = ['2601.00001', '2601.00002', '2601.00003'];
let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

function Bar({ actions, selection, rows }: { actions: LibraryActions; selection: SelectionState; rows: LibraryRowsState }) {
  const page = usePageActions(actions, { rows, selection, filter: NO_FILTER, setFilter: () => {} });
  return (
    <>
      <BulkBar
        count={selection.selectedIds.length}
        tags={[{ tag: 'keep', count: 9 }]}
        selectedTags={selection.selectedTags}
        busy={page.busy}
        onSave={page.bulkSave}
        onRead={page.bulkRead}
        onAddTag={page.bulkAddTag}
        onRemoveTag={page.bulkRemoveTag}
        onDelete={page.deleteSelected}
        onClear={selection.clear}
      />
      <Notices notice={page.notice} failure={page.failure} busy={page.busy} onUndo={page.undoDelete} onDismiss={page.dismissNotice} />
    </>
  );
}

async function show(actions: Mocked<LibraryActions> = fakeActions()) {
  const selection = { selectedIds: SELECTED, selectedTags: ['keep', 'other'], activeId: undefined, clear: vi.fn(), closeDetail: vi.fn() } as unknown as SelectionState;
  const rows = { store: { forget: vi.fn() }, changed: vi.fn() } as unknown as LibraryRowsState;
  view = await new Mounted().mount(<Bar actions={actions} selection={selection} rows={rows} />);
  return { actions, selection, rows };
}

const notice = () => view!.root.querySelector('.notice')?.textContent;
const failure = () => view!.root.querySelector('.notices [role="alert"]')?.textContent;
const changed = (count: number) => async () => ({ changed: count, skipped: 0 });

describe('BulkBar', () => {
  it('says how many papers are selected', async () => {
    await show();
    expect(view!.root.querySelector('.bulk-count')!.textContent).toBe('3 papers selected');
  });

  it.each([
    ['Save', 'bulkSetSaved', true],
    ['Unsave', 'bulkSetSaved', false],
    ['Mark read', 'bulkSetRead', true],
    ['Mark unread', 'bulkSetRead', false],
  ] as const)('"%s" acts on the selected papers and says how many changed', async (name, action, value) => {
    const actions = fakeActions();
    actions[action].mockImplementation(changed(2));
    await show(actions);
    await view!.click(view!.button(name)!);
    expect(actions[action]).toHaveBeenCalledExactlyOnceWith(SELECTED, value);
    expect(await view!.until(notice, 'the notice')).toBe(`${name}: 2 papers changed.✕`);
  });

  it('adds the typed tag to the selected papers; a refused tag stays in the field with the reason', async () => {
    const actions = fakeActions();
    actions.bulkAddTag.mockRejectedValueOnce(refused('A tag needs at least one letter or digit.')).mockImplementation(async () => ({ changed: 2, skipped: 1 }));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await show(actions);
    const field = view!.root.querySelector<HTMLInputElement>('input[aria-label="Tag for the selected papers"]')!;
    const submit = async (text: string) => {
      await act(() => {
        field.value = text;
        field.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await act(() => void field.form!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    };
    await submit('??');
    await view!.until(() => view!.root.querySelector('.bulk [role="alert"]'), 'the reason');
    expect(view!.root.querySelector('.bulk [role="alert"]')!.textContent).toBe('Tag not added: A tag needs at least one letter or digit.');
    expect(failure()).toBe('Tag failed: A tag needs at least one letter or digit.');
    expect(field.value).toBe('??');

    await submit('Reading Group');
    expect(actions.bulkAddTag).toHaveBeenLastCalledWith(SELECTED, 'Reading Group');
    expect(await view!.until(() => notice()?.startsWith('Tag:') && notice(), 'the notice')).toBe('Tag: 2 papers changed (1 paper already had 50 tags).✕');
    expect(field.value).toBe('');
    expect(view!.root.querySelector('.bulk [role="alert"]')).toBeNull();
  });

  it('"Remove tag…" offers the tags the selected papers carry and removes the one chosen', async () => {
    const { actions } = await show();
    const remove = view!.root.querySelector<HTMLSelectElement>('select[aria-label="Remove a tag from the selected papers"]')!;
    expect([...remove.options].map((option) => option.value)).toEqual(['', 'keep', 'other']);
    await view!.choose(remove, 'other');
    expect(actions.bulkRemoveTag).toHaveBeenCalledExactlyOnceWith(SELECTED, 'other');
    expect(await view!.until(notice, 'the notice')).toBe('Remove #other: 0 papers changed.✕');
  });

  it('"Delete" deletes the selected papers, clears the selection, and Undo puts them back', async () => {
    const actions = fakeActions();
    const removed = SELECTED.map((id) => paper(id));
    actions.deletePapers.mockResolvedValue(removed);
    actions.restorePapers.mockResolvedValue(3);
    const { selection, rows } = await show(actions);
    await view!.click(view!.button('Delete')!);
    expect(await view!.until(notice, 'the notice')).toBe('Deleted 3 papers from the library.Undo✕');
    expect(actions.deletePapers).toHaveBeenCalledExactlyOnceWith(SELECTED, expect.any(Number));
    // Gone from the table at once.
    expect(rows.store.forget).toHaveBeenCalledWith(SELECTED, actions.deletePapers.mock.calls[0]![1]);
    expect(selection.clear).toHaveBeenCalledOnce();

    await view!.click(view!.button('Undo')!);
    expect(actions.restorePapers).toHaveBeenCalledExactlyOnceWith(removed);
    expect(await view!.until(() => notice()?.startsWith('Restored') && notice(), 'the undo')).toBe('Restored 3 papers.✕');
  });

  it('its buttons wait while an action runs, and a failure is said in plain words', async () => {
    const actions = fakeActions();
    let fail!: (error: unknown) => void;
    actions.bulkSetRead.mockReturnValueOnce(new Promise((_, reject) => (fail = reject)));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await show(actions);
    await view!.click(view!.button('Mark read')!);
    expect(['Save', 'Unsave', 'Mark read', 'Mark unread', 'Delete'].map((name) => view!.button(name)!.disabled)).toEqual([true, true, true, true, true]);
    await act(() => fail(diskFull()));
    expect(await view!.until(failure, 'the failure')).toBe('Mark read failed: the disk is full. Free some space on it, then try again.');
    expect(view!.button('Save')!.disabled).toBe(false);
  });

  it('"Clear selection" clears it', async () => {
    const { selection } = await show();
    await view!.click(view!.button('Clear selection')!);
    expect(selection.clear).toHaveBeenCalledOnce();
  });
});
