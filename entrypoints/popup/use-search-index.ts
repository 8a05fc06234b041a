/**
 * The popup's search index over its life: opened once the first live list is shown, caught up with the
 * library after every change to it (captures in other tabs, saves elsewhere), and stored
 * `SAVE_INDEX_AFTER_MS` after it caught up (once, however many changes). `count` is the library's size
 * as the index counts it (it holds every paper): IndexedDB's `count()` walks every record, ~30 ms at
 * 10k papers and ~150 at 50k, holding up the database for the next open too.
 */
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LibraryStamps, PopupLibrary } from '@/utils/popup/library-store';
import type { PaperViewLoader, PopupIndex } from '@/utils/popup/library-view';

/** After the index caught up with changes, it is stored this much later (once, however many changes). */
const SAVE_INDEX_AFTER_MS = 1_500;

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
  loader: PaperViewLoader,
  openIndex: (library: PopupLibrary) => Promise<PopupIndex>,
  shown: boolean,
  stamp: LibraryStamps | undefined,
): SearchIndexState {
  const [ready, setReady] = useState(false);
  const [count, setCount] = useState<number>();
  const index = useRef<PopupIndex>(undefined);
  const saveTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    if (!shown) return;
    let open = true;
    openIndex(library).then((opened) => {
      if (!open) return;
      index.current = opened;
      loader.setIndex(opened);
      setReady(true);
      setCount(opened.size);
    }, (error: unknown) => open && report('opening the search index')(error));
    return () => {
      open = false;
      index.current = undefined;
      clearTimeout(saveTimer.current);
    };
  }, [library, loader, shown]);

  // Keep the index caught up with the library and stored.
  useEffect(() => {
    if (!stamp || !ready) return;
    void loader.catchUp(stamp).then(() => {
      if (index.current) setCount(index.current.size);
      if (!index.current?.unsaved) return;
      clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(() => void index.current?.save().catch(report('storing the search index')), SAVE_INDEX_AFTER_MS);
    }, report('updating the search index'));
  }, [loader, stamp, ready]);

  const recount = () => {
    if (index.current) setCount(index.current.size);
  };
  return { index, ready, count, recount };
}
