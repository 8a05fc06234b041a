/**
 * The toolbar popup: search box, filters, the recent papers or the search hits, and the keys that act
 * on them. State lives here; the library is read through the popup's own IndexedDB connection
 * (`utils/popup/library-store.ts`, no Dexie), again after every change to it, and searched through the
 * LibraryIndex; every action is one small transaction with the same changes as `utils/db/user-actions`.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { EmptyState, FirstRun, NoMatches } from '@/components/EmptyState';
import { Filters } from '@/components/Filters';
import { HelpLine } from '@/components/HelpLine';
import type { PaperActions } from '@/components/PaperItem';
import { ResultList } from '@/components/ResultList';
import { SearchBox } from '@/components/SearchBox';
import { StorageNotice } from '@/components/StorageNotice';
import { tagToAdd, userChanges } from '@/utils/change-feed/user-changes';
import { keyAction, type KeyPlace } from '@/utils/popup/keyboard';
import type { PopupLibrary } from '@/utils/popup/library-store';
import { useLibraryQuery } from '@/utils/popup/use-library-query';
import { ALL_PAPERS, CURSOR_NOT_READ, filterKey, RECENT_LIMIT, type PaperFilter, type PaperView, PaperViewLoader, type PopupIndex, viewStatus } from '@/utils/popup/library-view';
import { primaryLink } from '@/utils/popup/links';
import type { TagCount } from '@/utils/popup/tag-suggestions';
import type { PaperRecord } from '@/utils/paper';
import { recoverTagDrafts } from '@/utils/tag-drafts';
import { IndexLifecycle } from '@/utils/search/index-lifecycle';
import type { PaperRow } from '@/utils/search/result-rows';
import { failedWrite, reportStorageFailure } from '@/utils/storage-health-browser';

export interface AppProps {
  /** The library, through a plain IndexedDB connection (the popup ships without Dexie). */
  library: PopupLibrary;
  /** Opens the search index (restored or built); the popup is usable (recent papers) before it resolves. */
  openIndex: (library: PopupLibrary) => Promise<PopupIndex>;
  /** Opens a link in a new tab; `active: false` keeps the popup open. */
  openUrl: (url: string, active: boolean) => void;
  /**
   * The recent list as the last open left it (`utils/popup/snapshot`): shown until the library's own
   * list is loaded, so the popup has results on screen before IndexedDB is even open.
   */
  snapshot?: PaperRow[];
  /** Text typed before the popup took over (while the snapshot was shown by the entry script). */
  initialQuery?: string;
  /** Called with the recent list (all papers) whenever it is shown from the library, to keep a snapshot of it. */
  onRecentShown?: (papers: readonly PaperRow[]) => void;
}

/**
 * Hits are rendered from the index's rows, not read from the library; once a list has been on screen
 * this long, its papers are checked (by key) to still be in the library, and any gone are dropped.
 */
const CHECK_HITS_AFTER_MS = 600;
const CHECKED_HITS = 20;
const NO_TAGS: TagCount[] = [];
const NO_TERMS: ReadonlySet<string> = new Set();

const report = (what: string) => (error: unknown) => console.error(`[Paperdex] ${what} failed`, error);

export function App({ library, openIndex, openUrl, snapshot, initialQuery = '', onRecentShown }: AppProps) {
  const [query, setQuery] = useState(initialQuery);
  const [filter, setFilter] = useState<PaperFilter>(ALL_PAPERS);
  const [view, setView] = useState<PaperView | undefined>(() =>
    snapshot?.length ? { kind: 'recent', query: '', filter: ALL_PAPERS, papers: snapshot, matches: undefined, highlightTerms: NO_TERMS, fromSnapshot: true } : undefined,
  );
  const [indexReady, setIndexReady] = useState(false);
  /**
   * Papers in the library, as the search index counts them once caught up (it holds every paper):
   * IndexedDB's `count()` walks every record, ~30 ms at 10k papers and ~150 at 50k, holding up the
   * database for the next open too.
   */
  const [libraryCount, setLibraryCount] = useState<number>();
  const [selected, setSelected] = useState(0);
  const [editingTagsOf, setEditingTagsOf] = useState<string>();
  /** Bumped when the index dropped papers found gone, to list the query's hits again. */
  const [revision, setRevision] = useState(0);
  /** A save, read or tag change that failed, said at the top of the popup in plain words. */
  const [failure, setFailure] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const scrollRef = useRef<HTMLElement>(null);
  const indexRef = useRef<PopupIndex>(undefined);
  const loader = useMemo(() => new PaperViewLoader(library), [library]);
  const lifecycle = useMemo(() => new IndexLifecycle(() => openIndex(library)), [library]);

  const stamp = useLibraryQuery(library, () => library.cursor(), []);
  // What isn't needed for the first list waits until it is on screen: the tags, and restoring the
  // search index (the popup's heaviest work), which then counts the library.
  const shown = view !== undefined && !view.fromSnapshot;
  const tags = useLibraryQuery(library, () => (shown ? library.tagCounts() : Promise.resolve(NO_TAGS)), [shown]) ?? NO_TAGS;

  useEffect(() => searchRef.current?.focus(), []);

  // Tags typed on a page that closed before it could add them (utils/tag-drafts): added once the first
  // list is shown (the list follows the write).
  useEffect(() => {
    if (!shown) return;
    recoverTagDrafts((id, tag) => library.change(id, userChanges.addTag(tagToAdd(tag)))).catch(report('adding typed tags'));
  }, [library, shown]);

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

  useEffect(() => {
    if (!shown) return;
    let open = true;
    lifecycle.open().then((index) => {
      if (!open) return;
      indexRef.current = index;
      loader.setIndex(index);
      setIndexReady(true);
      setLibraryCount(index.size);
    }, (error: unknown) => open && report('opening the search index')(error));
    return () => {
      open = false;
      indexRef.current = undefined;
      lifecycle.cancelSave();
    };
  }, [lifecycle, loader, shown]);

  // Keep the index caught up with the library (captures in other tabs, saves elsewhere) and stored.
  useEffect(() => {
    if (!stamp || !indexReady) return;
    void lifecycle.catchUp(() => loader.catchUp(stamp)).then(() => {
      if (indexRef.current) setLibraryCount(indexRef.current.size);
    }, report('updating the search index'));
  }, [lifecycle, loader, stamp, indexReady]);

  const searching = query.trim() !== '';
  // A layout effect: the query starts right after the keystroke's render, not a frame later.
  // The first list doesn't wait for the library's stamp: both are read at once.
  useLayoutEffect(() => {
    let current = true;
    loader.load(query, filter, stamp ?? CURSOR_NOT_READ).then((next) => current && setView(next), report('loading papers'));
    return () => {
      current = false;
    };
  }, [loader, stamp, query, filter, indexReady && searching, revision]);

  /** Papers found gone were dropped from the index: list the hits again, and count again. */
  const droppedFromIndex = () => {
    setRevision((at) => at + 1);
    if (indexRef.current) setLibraryCount(indexRef.current.size);
  };

  useEffect(() => {
    if (view?.kind !== 'search' || !view.papers.length) return;
    const timer = setTimeout(() => {
      const ids = view.papers.slice(0, CHECKED_HITS).map((paper) => paper.id);
      indexRef.current?.dropMissing(ids).then((dropped) => dropped && droppedFromIndex(), report('checking the results'));
    }, CHECK_HITS_AFTER_MS);
    return () => clearTimeout(timer);
  }, [view]);

  // A new query or filter starts at the top.
  useEffect(() => {
    setSelected(0);
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [query, filter]);

  const papers = view?.papers ?? [];
  const active = Math.max(0, Math.min(selected, papers.length - 1));

  /** Focuses the result at `at`, or the nearest one rendered (the list renders more as it scrolls). */
  const focusResult = (at: number) => {
    const rows = listRef.current?.querySelectorAll<HTMLElement>('[data-index]');
    if (!rows?.length) return;
    const next = Math.max(0, Math.min(at, rows.length - 1));
    setSelected(next);
    rows[next]!.focus();
  };

  const focusSearch = () => searchRef.current?.focus();

  /** An action found its paper gone from the library (deleted elsewhere): the list drops it. */
  const whenGone = <T,>(paper: PaperRow) => (record: T): T => {
    if (record === undefined && indexRef.current?.forget([paper.id])) droppedFromIndex();
    return record;
  };

  /** One user action on a paper, written through the popup's connection (the change feed tells open pages). */
  const write = async (paper: PaperRow, changes: (now: number) => (record: PaperRecord) => Partial<PaperRecord> | undefined) => {
    const now = Date.now();
    setFailure('');
    return library.change(paper.id, changes(now), now).then(whenGone(paper));
  };
  // A failed write is said at the top and told to the background (a full disk pauses capture and every view says so).
  const failed = (what: string) => (error: unknown) => setFailure(failedWrite(what, error));

  const latestActions: PaperActions = {
    toggleSaved: (paper) => void write(paper, (now) => userChanges.saved(paper.savedAt === undefined, now)).catch(failed(paper.savedAt === undefined ? 'Not saved' : 'Not unsaved')),
    toggleRead: (paper) => void write(paper, (now) => userChanges.read(paper.readAt === undefined, now)).catch(failed(paper.readAt === undefined ? 'Not marked read' : 'Not marked unread')),
    // (The tag field says why a tag was not added, under itself.)
    addTag: (paper, tag) =>
      write(paper, () => userChanges.addTag(tagToAdd(tag))).catch((error: unknown) => {
        reportStorageFailure(error);
        throw error;
      }),
    removeTag: (paper, tag) => void write(paper, () => userChanges.removeTag(tag)).catch(failed(`#${tag} not removed`)),
    showTag: (tag) => setFilter({ kind: 'tag', tag }),
    editTags: (paper, refocus) => {
      if (!paper && refocus) {
        const at = papers.findIndex((candidate) => candidate.id === editingTagsOf);
        if (at >= 0) focusResult(at);
      }
      setEditingTagsOf(paper?.id);
    },
    select: setSelected,
  };
  // The rows get the same functions on every render (so they render again only when their paper
  // changes); each calls this render's.
  const latest = useRef(latestActions);
  latest.current = latestActions;
  const actions = useMemo<PaperActions>(
    () => ({
      toggleSaved: (paper) => latest.current.toggleSaved(paper),
      toggleRead: (paper) => latest.current.toggleRead(paper),
      addTag: (paper, tag) => latest.current.addTag(paper, tag),
      removeTag: (paper, tag) => latest.current.removeTag(paper, tag),
      showTag: (tag) => latest.current.showTag(tag),
      editTags: (paper, refocus) => latest.current.editTags(paper, refocus),
      select: (index) => latest.current.select(index),
    }),
    [],
  );

  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (target.closest('.tag-editor')) return; // the tag field has its own keys
    const row = target.closest<HTMLElement>('[data-index]');
    const place: KeyPlace | undefined = target === searchRef.current ? 'search' : row ? (row === target ? 'result' : 'control') : undefined;
    if (!place) return;
    const action = keyAction(event, place, query === '');
    if (!action) return;
    const at = place === 'search' ? active : Number(row!.dataset.index);
    const paper = papers[at];
    if (action !== 'type') event.preventDefault();
    switch (action) {
      case 'next':
        focusResult(place === 'search' ? at : at + 1);
        break;
      case 'previous':
        if (at === 0) focusSearch();
        else focusResult(at - 1);
        break;
      case 'first':
        focusResult(0);
        break;
      case 'last':
        focusResult(papers.length - 1);
        break;
      case 'open':
      case 'open-in-background': {
        const link = paper && primaryLink(paper);
        if (link) openUrl(link.url, action === 'open');
        break;
      }
      case 'save':
        if (paper) actions.toggleSaved(paper);
        break;
      case 'read':
        if (paper) actions.toggleRead(paper);
        break;
      case 'tag':
        if (paper) {
          setSelected(at);
          setEditingTagsOf(paper.id);
        }
        break;
      case 'clear':
        setQuery('');
        setEditingTagsOf(undefined);
        focusSearch();
        break;
      case 'type':
        // Back to the search box, which receives the key (but not the `/` that asked for it).
        if (event.key === '/') event.preventDefault();
        focusSearch();
        break;
    }
  };

  // To the minute ("12 min ago" is the finest the rows say), so the rows' props stay the same between keystrokes.
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  const firstRun = stamp?.updatedThrough === 0;
  let content;
  if (!view || (!stamp && view.papers.length === 0)) content = <div class="placeholder" aria-busy="true" />;
  else if (firstRun) content = <FirstRun />;
  else
    content = (
      <>
        <ResultList
          papers={papers}
          query={view.query}
          busy={view.query !== query || view.indexPending === true}
          listKey={`${view.kind}|${view.query}|${filterKey(view.filter)}`}
          grouped={view.kind === 'recent'}
          active={active}
          highlightTerms={view.highlightTerms}
          now={now}
          tagCounts={tags}
          editingTagsOf={editingTagsOf}
          actions={actions}
          listRef={listRef}
          fromSnapshot={view.fromSnapshot}
        />
        {view.kind === 'recent' && papers.length === RECENT_LIMIT && (view.matches ?? libraryCount ?? 0) > RECENT_LIMIT && (
          <p class="list-note">The {RECENT_LIMIT} most recently seen. Search to find the others.</p>
        )}
        {view.indexPending ? (
          <EmptyState title="Preparing search…" />
        ) : (
          papers.length === 0 && <NoMatches query={view.query} filter={view.filter} pastedId={view.pastedId} onShowAll={() => setFilter(ALL_PAPERS)} />
        )}
      </>
    );

  return (
    <div class="popup" onKeyDown={onKeyDown}>
      <StorageNotice class="popup-notice" />
      {failure && (
        <p class="popup-notice popup-failure" role="alert">
          {failure}
          <button type="button" class="notice-dismiss" aria-label="Dismiss" onClick={() => setFailure('')}>
            ✕
          </button>
        </p>
      )}
      <header class={`top${firstRun ? ' first-run' : ''}`}>
        <SearchBox value={query} onInput={setQuery} inputRef={searchRef} />
        {!firstRun && <Filters filter={filter} onChange={setFilter} tags={tags} status={view && viewStatus(view, libraryCount)} />}
      </header>
      <main class="body" ref={scrollRef}>
        {content}
      </main>
      <HelpLine />
    </div>
  );
}
