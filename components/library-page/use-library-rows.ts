import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { onLibraryChange } from '@/utils/library/feed/feed';
import type { PaperdexDB } from '@/utils/library/schema';
import { RowCache } from '@/utils/ui/library-page/row-cache';
import { defaultSort } from '@/utils/ui/library-page/sort-filter';
import { errorMessage } from '@/utils/messaging/error-message';

export interface LibraryRowsState {
  store: RowCache;
  /** Changes whenever the rows do (for memoized sorts and filters). */
  version: number;
  /** The first screen is in. */
  ready: boolean;
  /** Rows loaded so far while the whole library loads; undefined once complete. */
  loading: number | undefined;
  error?: string;
  /** Call after changing the store here (e.g. `forget`), to show it. */
  changed: () => void;
}

/** While the library loads, the count shown is updated at most this often. */
const LOADING_REFRESH_MS = 400;
/** Rows are stored for the next open this long after their last change (a burst of captures is one write). */
const SAVE_ROWS_AFTER_MS = 3_000;

/** The other columns' orders, sorted one per idle moment after the load, so a first click on a column costs no sort. */
const IDLE_SORTS = (['published', 'firstSeen', 'saved', 'title'] as const).map(defaultSort);

function sortWhenIdle(store: RowCache, signal: { cancelled: boolean }): void {
  const idle = (run: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 5_000 }) : setTimeout(run, 50));
  let at = 0;
  const next = () => {
    if (signal.cancelled || at >= IDLE_SORTS.length) return;
    store.sorted(IDLE_SORTS[at++]!);
    idle(next);
  };
  idle(next);
}

/**
 * Every paper as a light row, kept live: the first screen by last seen, then the whole library in
 * chunks, from the stored row snapshot when there is one (the table keeps showing the first screen
 * meanwhile: re-sorting a growing library on every chunk would cost more than the load itself; only
 * the count moves), then only what changes (any write in any context of the extension is posted on the
 * change feed, and the store reads the changed papers and tombstones since its cursor). The rows
 * are stored again for the next open a while after they change.
 */
export function useLibraryRows(db: PaperdexDB): LibraryRowsState {
  const store = useMemo(() => new RowCache(db), [db]);
  const [state, setState] = useState<Omit<LibraryRowsState, 'store' | 'changed'>>({ version: 0, ready: false, loading: 0 });
  const saveSoon = useRef<() => void>(undefined);

  useEffect(() => {
    const signal = { cancelled: false };
    let lastShown = 0;
    const fail = (error: unknown) => {
      console.error('[Paperdex] loading the library failed', error);
      if (!signal.cancelled) setState((now) => ({ ...now, error: errorMessage(error) }));
    };
    store
      .loadFirstScreen()
      .then(() => {
        if (signal.cancelled) return;
        setState({ version: store.version, ready: true, loading: store.size });
        lastShown = performance.now();
        // The rest after the first screen is painted.
        requestAnimationFrame(() =>
          setTimeout(() => {
            void store
              .loadAll((loaded) => {
                if (signal.cancelled || performance.now() - lastShown < LOADING_REFRESH_MS) return;
                lastShown = performance.now();
                setState((now) => ({ ...now, loading: loaded }));
              }, signal)
              .then(() => {
                if (signal.cancelled) return;
                setState({ version: store.version, ready: true, loading: undefined });
                saveLater();
                sortWhenIdle(store, signal);
              }, fail);
          }, 0),
        );
      }, fail);

    // The rows are stored for the next open a while after they last changed, and when the page is
    // hidden (closing a tab hides it first).
    let saveTimer: ReturnType<typeof setTimeout> | undefined;
    const saveNow = () => {
      clearTimeout(saveTimer);
      saveTimer = undefined;
      store.saveSnapshot().catch((error: unknown) => console.error('[Paperdex] storing the library rows failed', error));
    };
    const saveLater = () => {
      if (!store.unsaved) return;
      clearTimeout(saveTimer);
      saveTimer = setTimeout(saveNow, SAVE_ROWS_AFTER_MS);
    };
    saveSoon.current = saveLater;
    const onHidden = () => document.visibilityState === 'hidden' && store.unsaved && saveNow();
    document.addEventListener('visibilitychange', onHidden);

    const stopFollowing = onLibraryChange((change) => {
      if (change.kind !== 'papers') return;
      void store.catchUp().then((changed) => {
        if (!changed || signal.cancelled) return;
        setState((now) => ({ ...now, version: store.version }));
        saveLater();
      }, fail);
    });
    return () => {
      signal.cancelled = true;
      clearTimeout(saveTimer);
      document.removeEventListener('visibilitychange', onHidden);
      stopFollowing();
    };
  }, [store]);

  const changed = () => {
    setState((now) => ({ ...now, version: store.version }));
    saveSoon.current?.();
  };
  return { store, ...state, changed };
}
