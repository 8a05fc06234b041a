/**
 * The popup's search index over its life: opened once the first live list is shown, caught up with the
 * library after every change to it (captures in other tabs, saves elsewhere), and stored
 * 1.5 s after it caught up (once, however many changes). `count` is the library's size
 * as the index counts it (it holds every paper): IndexedDB's `count()` walks every record, ~30 ms at
 * 10k papers and ~150 at 50k, holding up the database for the next open too.
 */
import type { RefObject } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ChangeCursor } from '@/utils/library/feed/cursor';
import type { PopupLibrary } from '@/utils/ui/popup/plain-library-db';
import type { PaperListLoader, PopupIndex } from '@/utils/ui/popup/paper-list';
import { IndexLifecycle } from '@/utils/search/index-lifecycle';

const report = (what: string) => (error: unknown) => console.error(`[Paperdex] ${what} failed`, error);

export interface SearchIndexState {
  /** The open index (undefined until opened, and after the popup let it go). */
  index: RefObject<PopupIndex | undefined>;
  ready: boolean;
  /** Papers in the library as the index counts them; undefined until it is open. */
  count: number | undefined;
  /** Counts again (after the index dropped papers found gone). */
  recount: () => void;
}

export function useSearchIndex(
  library: PopupLibrary,
  loader: PaperListLoader,
  openIndex: (library: PopupLibrary) => Promise<PopupIndex>,
  shown: boolean,
  stamp: ChangeCursor | undefined,
): SearchIndexState {
  const [ready, setReady] = useState(false);
  const [count, setCount] = useState<number>();
  const index = useRef<PopupIndex>(undefined);
  // The one index lifecycle (utils/search/index-lifecycle.ts): open once, catch up, store 1.5 s later.
  const lifecycle = useMemo(() => new IndexLifecycle(() => openIndex(library)), [library]);

  useEffect(() => {
    if (!shown) return;
    let open = true;
    lifecycle.open().then((opened) => {
      if (!open) return;
      index.current = opened;
      loader.setIndex(opened);
      setReady(true);
      setCount(opened.size);
    }, (error: unknown) => open && report('opening the search index')(error));
    return () => {
      open = false;
      index.current = undefined;
      lifecycle.cancelSave();
    };
  }, [lifecycle, loader, shown]);

  // Keep the index caught up with the library and stored.
  useEffect(() => {
    if (!stamp || !ready) return;
    void lifecycle.catchUp(() => loader.catchUp(stamp)).then(() => {
      if (index.current) setCount(index.current.size);
    }, report('updating the search index'));
  }, [lifecycle, loader, stamp, ready]);

  const recount = () => {
    if (index.current) setCount(index.current.size);
  };
  return { index, ready, count, recount };
}
