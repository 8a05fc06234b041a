/**
 * What the popup lists: the query and filter, and the view of the library they give (the snapshot of
 * the last open at first, then the library's own list, or the search hits), read again after every
 * change to the library; the library's tags and size; papers found gone leave the list.
 */
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import type { PopupLibrary } from '@/utils/ui/popup/plain-library-db';
import { ALL_PAPERS, type PaperFilter, type PaperList, PaperListLoader, type PopupIndex, CURSOR_NOT_READ } from '@/utils/ui/popup/paper-list';
import type { TagCount } from '@/utils/ui/shared/tag-suggestions';
import { useLibraryQuery } from '@/utils/ui/popup/use-paper-list';
import type { ResultRow } from '@/utils/search/result-row';
import { useSearchIndex } from './use-search-index';

/**
 * Hits are rendered from the index's rows, not read from the library; once a list has been on screen
 * this long, its papers are checked (by key) to still be in the library, and any gone are dropped.
 */
const CHECK_HITS_AFTER_MS = 600;
const CHECKED_HITS = 20;
const NO_TAGS: TagCount[] = [];
const NO_TERMS: ReadonlySet<string> = new Set();

const report = (what: string) => (error: unknown) => console.error(`[Paperdex] ${what} failed`, error);

export interface LibraryViewOptions {
  library: PopupLibrary;
  openIndex: (library: PopupLibrary) => Promise<PopupIndex>;
  snapshot?: ResultRow[];
  initialQuery: string;
  onRecentShown?: (papers: readonly ResultRow[]) => void;
}

export function useLibraryView({ library, openIndex, snapshot, initialQuery, onRecentShown }: LibraryViewOptions) {
  const [query, setQuery] = useState(initialQuery);
  const [filter, setFilter] = useState<PaperFilter>(ALL_PAPERS);
  const [view, setView] = useState<PaperList | undefined>(() =>
    snapshot?.length ? { kind: 'recent', query: '', filter: ALL_PAPERS, papers: snapshot, matches: undefined, highlightTerms: NO_TERMS, fromSnapshot: true } : undefined,
  );
  /** Bumped when the index dropped papers found gone, to list the query's hits again. */
  const [revision, setRevision] = useState(0);
  const loader = useMemo(() => new PaperListLoader(library), [library]);

  const stamp = useLibraryQuery(library, () => library.cursor(), []);
  // What isn't needed for the first list waits until it is on screen: the tags, and restoring the
  // search index (the popup's heaviest work), which then counts the library.
  const shown = view !== undefined && !view.fromSnapshot;
  const tags = useLibraryQuery(library, () => (shown ? library.tagCounts() : Promise.resolve(NO_TAGS)), [shown]) ?? NO_TAGS;

  // The first list comes short (the rows it renders at first): the rest is read once it is painted.
  useEffect(() => {
    if (!view?.complete) return;
    let current = true;
    view.complete().then((whole) => current && setView(whole), report('loading papers'));
    return () => {
      current = false;
    };
  }, [view]);

  useEffect(() => {
    if (onRecentShown && view && !view.fromSnapshot && view.kind === 'recent' && view.filter.kind === 'all') onRecentShown(view.papers);
  }, [view]);

  // (After the effects above, as they ran before: the rest of the first list is asked for before the index.)
  const index = useSearchIndex(library, loader, openIndex, shown, stamp);

  const searching = query.trim() !== '';
  // A layout effect: the query starts right after the keystroke's render, not a frame later.
  // The first list doesn't wait for the library's stamp: both are read at once.
  useLayoutEffect(() => {
    let current = true;
    loader.load(query, filter, stamp ?? CURSOR_NOT_READ).then((next) => current && setView(next), report('loading papers'));
    return () => {
      current = false;
    };
  }, [loader, stamp, query, filter, index.ready && searching, revision]);

  /** Papers found gone were dropped from the index: list the hits again, and count again. */
  const droppedFromIndex = () => {
    setRevision((at) => at + 1);
    index.recount();
  };

  useEffect(() => {
    if (view?.kind !== 'search' || !view.papers.length) return;
    const timer = setTimeout(() => {
      const ids = view.papers.slice(0, CHECKED_HITS).map((paper) => paper.id);
      index.index.current?.dropMissing(ids).then((dropped) => dropped && droppedFromIndex(), report('checking the results'));
    }, CHECK_HITS_AFTER_MS);
    return () => clearTimeout(timer);
  }, [view]);

  /** A write found this paper gone from the library (deleted elsewhere): the list drops it. */
  const forget = (id: string) => {
    if (index.index.current?.forget([id])) droppedFromIndex();
  };

  return { query, setQuery, filter, setFilter, view, stamp, tags, shown, libraryCount: index.count, forget };
}
