/**
 * Selecting rows in the library table. Opening a row is not selecting it (a paper read in the paper
 * view must not become what Export or Delete act on): a plain click only moves the anchor
 * (`anchorAt`). Ctrl/Cmd-click (or the checkbox, or Space) toggles one row, Shift-click selects the
 * range from the anchor (the last plain or Ctrl click) in the order shown, Ctrl+Shift-click adds that
 * range to the selection.
 */
export interface Selection {
  ids: ReadonlySet<string>;
  /** Where a Shift-click range starts. */
  anchor?: string;
}

export const EMPTY_SELECTION: Selection = { ids: new Set() };

export interface ClickModifiers {
  shift: boolean;
  /** Ctrl, or Cmd on macOS. */
  toggle: boolean;
}

export function clickSelection(current: Selection, id: string, order: readonly string[], modifiers: ClickModifiers): Selection {
  if (modifiers.shift && current.anchor !== undefined) {
    const from = order.indexOf(current.anchor);
    const to = order.indexOf(id);
    if (from >= 0 && to >= 0) {
      const range = order.slice(Math.min(from, to), Math.max(from, to) + 1);
      const ids = modifiers.toggle ? new Set([...current.ids, ...range]) : new Set(range);
      return { ids, anchor: current.anchor };
    }
  }
  if (modifiers.toggle) {
    const ids = new Set(current.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: id };
  }
  return { ids: new Set([id]), anchor: id };
}

/** A plain click: the row becomes where a Shift range starts; the selection stays as it is. */
export function anchorAt(current: Selection, id: string): Selection {
  return current.anchor === id ? current : { ids: current.ids, anchor: id };
}

/** Drops ids no longer in the library (deleted here or elsewhere). */
export function pruneSelection(current: Selection, exists: (id: string) => boolean): Selection {
  let gone = false;
  for (const id of current.ids) if (!exists(id)) gone = true;
  if (!gone) return current;
  const ids = new Set([...current.ids].filter(exists));
  return { ids, anchor: current.anchor !== undefined && exists(current.anchor) ? current.anchor : undefined };
}
