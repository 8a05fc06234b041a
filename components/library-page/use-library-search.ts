import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PaperdexDB } from '@/utils/library/schema';
import type { TableRow } from '@/utils/ui/library-page/table-rows';
import { IndexLifecycle } from '@/utils/search/index-lifecycle';
import type { LibraryIndex } from '@/utils/search/library-index';

/** Hits listed for a query on the library page (the popup lists 50). */
export const PAGE_SEARCH_LIMIT = 200;

export interface LibrarySearch {
  /** The query the hits are for ('' for none). */
  query: string;
  /** Hit ids, best first; undefined with no query. */
  ids: readonly string[] | undefined;
  /** Papers matching every word (may be more than listed). */
  matches: number;
  /** The search index is still being opened. */
  pending: boolean;
  /** Every paper matching all the query's words, listed or not (for "Select all matching"). */
  allIds: () => string[];
  /** Folded words the query matched, highlighted in the rows as the popup does. */
  terms: ReadonlySet<string>;
}

const NO_TERMS: ReadonlySet<string> = new Set();
const NONE: LibrarySearch = { query: '', ids: undefined, matches: 0, pending: false, allIds: () => [], terms: NO_TERMS };

/**
 * The popup's search (the stored word index, typo-tolerant, Fuse-ranked) over the rows that pass the
 * filters: `restrictTo` is applied inside the index's prefilter. The search code is loaded and the index
 * opened when `start` turns true (the page starts it once the rows are loaded, or at the first query),
 * caught up whenever the library changes, and stored again like the popup does.
 */
export function useLibrarySearch(db: PaperdexDB, query: string, restrictTo: readonly TableRow[] | undefined, version: number, start: boolean): LibrarySearch {
  const [index, setIndex] = useState<LibraryIndex>();
  /** The index and the library version it was last caught up at. */
  const [caughtUp, setCaughtUp] = useState<{ index: LibraryIndex; version: number }>();
  const lifecycle = useMemo(() => new IndexLifecycle(() => import('@/utils/search/library-index').then(({ LibraryIndex }) => LibraryIndex.open(db))), [db]);

  useEffect(() => {
    if (!start) return;
    let open = true;
    lifecycle.open().then(
      (opened) => open && setIndex(opened),
      (error: unknown) => open && console.error('[Paperdex] opening the search index failed', error),
    );
    return () => {
      open = false;
      lifecycle.cancelSave();
    };
  }, [lifecycle, start]);

  // The same Set for every keystroke while the filters stay (the index caches its slots by identity).
  const allowed = useMemo(() => (restrictTo ? new Set(restrictTo.map((row) => row.id)) : undefined), [restrictTo]);

  // The index catches up (an IndexedDB read) when the library changed, not on every keystroke.
  useEffect(() => {
    if (!index) return;
    let current = true;
    void lifecycle.catchUp().then(() => {
      if (current) setCaughtUp({ index, version });
    }, (error: unknown) => console.error('[Paperdex] updating the search index failed', error));
    return () => {
      current = false;
    };
  }, [index, lifecycle, version]);

  // A keystroke's hits are found while the page renders it, not in an effect after the next frame
  // (which cost a frame and a second render per keystroke): the index keeps its result rows in memory
  // and only the hits' ids are needed (the rows listed are the page's), so no record is read. Until a
  // catch-up lands, the index as last caught up answers; the hits follow once it has.
  const trimmed = query.trim();
  const result = useMemo((): LibrarySearch => {
    if (!trimmed) return NONE;
    if (!index) return { query, ids: [], matches: 0, pending: true, allIds: () => [], terms: NO_TERMS };
    const outcome = index.searchRows(query, { limit: PAGE_SEARCH_LIMIT, candidates: PAGE_SEARCH_LIMIT, restrictTo: allowed });
    const ids = outcome.hits.map((hit) => hit.record.id);
    // Computed on demand: the listed hits plus every other paper matching all words.
    const allIds = () => [...new Set([...ids, ...index.matchingIds(query, allowed)])];
    return { query, ids, matches: Math.max(outcome.matchCount, outcome.hits.length), pending: false, allIds, terms: new Set(outcome.highlightTerms) };
  }, [index, query, trimmed, allowed, caughtUp]);

  return result;
}
