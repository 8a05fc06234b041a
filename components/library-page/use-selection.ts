import { useEffect, useMemo, useState } from 'preact/hooks';
import type { TableRow } from '@/utils/ui/library-page/table-rows';
import { anchorAt, clickSelection, EMPTY_SELECTION, pruneSelection, type Selection } from '@/utils/ui/library-page/selection';
import type { RowClick } from './PaperTable';

export interface SelectionState {
  selection: Selection;
  /** The selected ids, as an array (what the actions take). */
  selectedIds: readonly string[];
  /** Tags carried by at least one selected paper, sorted (what "Remove tag" offers). */
  selectedTags: readonly string[];
  /** The row the keys act on, shown in the paper view when that is open. */
  activeId: string | undefined;
  detailOpen: boolean;
  select: (ids: Iterable<string>) => void;
  clear: () => void;
  closeDetail: () => void;
  /** What the table's clicks and keys do (PaperTable's props). */
  table: {
    onRowClick: (id: string, click: RowClick) => void;
    onActivate: (id: string) => void;
    onToggleSelected: (id: string) => void;
    onSelectAll: () => void;
    onOpen: (id: string) => void;
    onClearSelection: () => void;
  };
}

/**
 * The selected papers and the current one (the row the keys act on and the paper view shows), as clicks and keys on the table change them (`order`: the
 * rows in the order shown, for Shift ranges and Ctrl+A). Ids that leave the library leave the selection.
 */
export function useSelection(order: readonly string[], rows: ReadonlyMap<string, TableRow>, version: number): SelectionState {
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [activeId, setActiveId] = useState<string>();
  const [detailOpen, setDetailOpen] = useState(false);

  useEffect(() => setSelection((current) => pruneSelection(current, (id) => rows.has(id))), [rows, version]);

  const selectedIds = useMemo(() => [...selection.ids], [selection]);
  const selectedTags = useMemo(() => {
    const tags = new Set<string>();
    for (const id of selection.ids) for (const tag of rows.get(id)?.tags ?? []) tags.add(tag);
    return [...tags].sort();
  }, [selection, rows, version]);

  const select = (ids: Iterable<string>) => setSelection({ ids: new Set(ids) });
  const clear = () => setSelection(EMPTY_SELECTION);
  const open = (id: string) => {
    setActiveId(id);
    setDetailOpen(true);
  };

  return {
    selection,
    selectedIds,
    selectedTags,
    activeId,
    detailOpen,
    select,
    clear,
    closeDetail: () => setDetailOpen(false),
    table: {
      // A plain click opens the paper and leaves the selection alone; Ctrl/Shift-clicks select.
      onRowClick: (id, click) => {
        const selecting = click.shift || click.toggle;
        setSelection((current) => (selecting ? clickSelection(current, id, order, click) : anchorAt(current, id)));
        setActiveId(id);
        if (!selecting) setDetailOpen(true);
      },
      onActivate: setActiveId,
      onToggleSelected: (id) => setSelection((current) => clickSelection(current, id, order, { shift: false, toggle: true })),
      onSelectAll: () => select(order),
      onOpen: open,
      // Esc: drops the selection; with none, closes the paper view.
      onClearSelection: () => (selection.ids.size > 0 ? clear() : setDetailOpen(false)),
    },
  };
}
