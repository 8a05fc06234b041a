import { useEffect, useState } from 'preact/hooks';
import type { BulkResult } from '@/utils/library/bulk-actions';
import { plural } from '@/utils/ui/shared/plural';
import type { LibraryFilter } from '@/utils/ui/library-page/sort-filter';
import type { PaperRecord } from '@/utils/paper/record';
import { failedWrite } from '@/utils/library/storage/storage-health-browser';
import type { LibraryActions } from './actions';
import type { LibraryRowsState } from './use-library-rows';
import type { SelectionState } from './use-selection';

export interface Notice {
  text: string;
  /** Records a delete removed, for its Undo. */
  undo?: PaperRecord[];
}

export interface PageActions {
  /** An action on the selection is running (its buttons wait). */
  busy: boolean;
  /** What the last action did. */
  notice: Notice | undefined;
  dismissNotice: () => void;
  /** Why the last action failed, in plain words ('' for none). */
  failure: string;
  bulkSave: (saved: boolean) => void;
  bulkRead: (read: boolean) => void;
  /** Rejects when the tag was not added (the bulk bar keeps the field and says why). */
  bulkAddTag: (tag: string) => Promise<void>;
  bulkRemoveTag: (tag: string) => void;
  deleteSelected: () => void;
  undoDelete: (records: PaperRecord[]) => void;
  /** Reject with the reason (the tag's row says it). */
  renameTag: (from: string, to: string) => Promise<void>;
  deleteTag: (tag: string) => Promise<void>;
}

interface PageState {
  rows: LibraryRowsState;
  selection: SelectionState;
  filter: LibraryFilter;
  setFilter: (filter: LibraryFilter) => void;
}

/**
 * The library page's actions as the user meets them: each runs one of the facade's (`actions.ts`) and
 * says what it did (a notice, with Undo after a delete) or why it failed. At open, what was left to store
 * (queued captures, notes and tags typed on pages that closed) is stored, and said.
 */
export function usePageActions(actions: LibraryActions, { rows, selection, filter, setFilter }: PageState): PageActions {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>();
  const [failure, setFailure] = useState('');

  useEffect(() => void actions.mergePendingCaptures(), [actions]);
  useEffect(() => {
    actions.recoverDrafts().then(
      (text) => text && setNotice({ text }),
      (error: unknown) => setFailure(failedWrite('A note typed before a library page closed could not be saved', error)),
    );
  }, [actions]);

  /** Runs `run` as the one action of the moment: busy meanwhile, its failure said as "<what>: <reason>". */
  const running = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    setBusy(true);
    setFailure('');
    try {
      return await run();
    } catch (error) {
      setFailure(failedWrite(what, error));
      throw error;
    } finally {
      setBusy(false);
    }
  };
  const quietly = (run: Promise<unknown>) => void run.catch(() => undefined);

  const bulk = async (label: string, write: (ids: readonly string[]) => Promise<BulkResult>) => {
    const result = await running(`${label} failed`, () => write(selection.selectedIds));
    const skipped = result.skipped ? ` (${plural(result.skipped, 'paper', 'papers')} already had 50 tags)` : '';
    setNotice({ text: `${label}: ${plural(result.changed, 'paper', 'papers')} changed${skipped}.` });
  };

  const deleteSelected = async () => {
    const ids = selection.selectedIds;
    const at = Date.now();
    const removed = await running('Delete failed', async () => {
      const removed = await actions.deletePapers(ids, at);
      // Gone from the table at once, not when the change comes back through the rows' live query.
      rows.store.forget(removed.map((record) => record.id), at);
      rows.changed();
      return removed;
    });
    selection.clear();
    if (selection.activeId && ids.includes(selection.activeId)) selection.closeDetail();
    setNotice({ text: `Deleted ${plural(removed.length, 'paper', 'papers')} from the library.`, undo: removed });
  };

  const undoDelete = async (records: PaperRecord[]) => {
    const restored = await running('Undo failed', () => actions.restorePapers(records));
    setNotice({ text: `Restored ${plural(restored, 'paper', 'papers')}.` });
  };

  const renameTag = async (from: string, to: string) => {
    const result = await actions.renameTag(from, to);
    if (result.tag && filter.tags.includes(from)) setFilter({ ...filter, tags: [...new Set(filter.tags.map((tag) => (tag === from ? result.tag! : tag)))] });
    setNotice({ text: `${result.merged ? 'Merged' : 'Renamed'} #${from} into #${result.tag}: ${plural(result.changed, 'paper', 'papers')}.` });
  };
  const deleteTag = async (tag: string) => {
    const result = await actions.deleteTag(tag);
    if (filter.tags.includes(tag)) setFilter({ ...filter, tags: filter.tags.filter((t) => t !== tag) });
    setNotice({ text: `Removed #${tag} from ${plural(result.changed, 'paper', 'papers')}.` });
  };

  return {
    busy,
    notice,
    dismissNotice: () => setNotice(undefined),
    failure,
    bulkSave: (saved) => quietly(bulk(saved ? 'Save' : 'Unsave', (ids) => actions.bulkSetSaved(ids, saved))),
    bulkRead: (read) => quietly(bulk(read ? 'Mark read' : 'Mark unread', (ids) => actions.bulkSetRead(ids, read))),
    bulkAddTag: (tag) => bulk('Tag', (ids) => actions.bulkAddTag(ids, tag)),
    bulkRemoveTag: (tag) => quietly(bulk(`Remove #${tag}`, (ids) => actions.bulkRemoveTag(ids, tag))),
    deleteSelected: () => quietly(deleteSelected()),
    undoDelete: (records) => quietly(undoDelete(records)),
    renameTag,
    deleteTag,
  };
}
