import { liveQuery } from 'dexie';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PaperdexDB } from '@/utils/db/schema';
import { readLibraryStamp, RowStore } from '@/utils/library/row-store';

export interface LibraryRowsState {
  store: RowStore;
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

/**
 * Every paper as a light row, kept live: the first screen by last seen, then the whole library in
 * chunks (the table keeps showing the first screen meanwhile: re-sorting a growing library on every
 * chunk would cost more than the load itself; only the count moves), then only what changes (any write in any context of the extension re-runs the stamp query,
 * and the store reads the changed papers and tombstones since its last look).
 */
export function useLibraryRows(db: PaperdexDB): LibraryRowsState {
  const store = useMemo(() => new RowStore(db), [db]);
  const [state, setState] = useState<Omit<LibraryRowsState, 'store' | 'changed'>>({ version: 0, ready: false, loading: 0 });

  useEffect(() => {
    const signal = { cancelled: false };
    let lastShown = 0;
    const fail = (error: unknown) => {
      console.error('[Paperdex] loading the library failed', error);
      if (!signal.cancelled) setState((now) => ({ ...now, error: error instanceof Error ? error.message : String(error) }));
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
              .then(() => !signal.cancelled && setState({ version: store.version, ready: true, loading: undefined }), fail);
          }, 0),
        );
      }, fail);

    const subscription = liveQuery(() => readLibraryStamp(db)).subscribe({
      next: () =>
        void store.catchUp().then((changed) => {
          if (changed && !signal.cancelled) setState((now) => ({ ...now, version: store.version }));
        }, fail),
      error: fail,
    });
    return () => {
      signal.cancelled = true;
      subscription.unsubscribe();
    };
  }, [store]);

  const changed = () => setState((now) => ({ ...now, version: store.version }));
  return { store, ...state, changed };
}
