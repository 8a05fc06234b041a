/**
 * The toolbar popup: search box, filters, the recent papers or the search hits, and the keys that act
 * on them. What it lists is read through the popup's own IndexedDB connection (`useLibraryView`); what
 * its results do is written by the background (`usePaperActions`, `write-paper.ts`); its keys are
 * `popup-keys.ts`. This file holds the state they share and the layout.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { EmptyState, FirstRun, NoMatches } from '@/components/popup/EmptyState';
import { Filters } from '@/components/popup/Filters';
import { HelpLine } from '@/components/popup/HelpLine';
import { LibraryLink } from '@/components/popup/LibraryLink';
import { ResultList } from '@/components/popup/ResultList';
import { SearchBox } from '@/components/shared/SearchBox';
import { StorageNotice } from '@/components/shared/StorageNotice';
import { RestoreNotice } from '@/components/shared/RestoreNotice';
import { BackupNotice } from '@/components/popup/BackupNotice';
import { SyncOffer } from '@/components/popup/SyncOffer';
import type { PopupLibrary } from '@/utils/ui/popup/plain-library-db';
import { ALL_PAPERS, filterKey, RECENT_LIMIT, type PopupIndex, viewStatus } from '@/utils/ui/popup/paper-list';
import type { ResultRow } from '@/utils/search/result-row';
import { popupKeys, resultFocus } from './popup-keys';
import { useLibraryView } from './use-library-view';
import { usePaperActions } from './use-paper-actions';
import { writeThroughBackground, type WritePaper } from './write-paper';

export interface AppProps {
  /** The library, through a plain IndexedDB connection (the popup ships without Dexie). */
  library: PopupLibrary;
  /** Opens the search index (restored or built); the popup is usable (recent papers) before it resolves. */
  openIndex: (library: PopupLibrary) => Promise<PopupIndex>;
  /** Opens a link in a new tab; `active: false` keeps the popup open. */
  openUrl: (url: string, active: boolean) => void;
  /** Writes a user action (default: through the background). */
  writePaper?: WritePaper;
  /**
   * The recent list as the last open left it (`utils/ui/popup/first-screen`): shown until the library's own
   * list is loaded, so the popup has results on screen before IndexedDB is even open.
   */
  snapshot?: ResultRow[];
  /** Text typed before the popup took over (while the snapshot was shown by the entry script). */
  initialQuery?: string;
  /** Called with the recent list (all papers) whenever it is shown from the library, to keep a snapshot of it. */
  onRecentShown?: (papers: readonly ResultRow[]) => void;
  /** Reads the popup's toolbar shortcut (default: the browser's commands), shown on the first run. */
  readShortcut?: () => Promise<string | undefined>;
}

const THROUGH_BACKGROUND = writeThroughBackground();

export function App({ library, openIndex, openUrl, writePaper = THROUGH_BACKGROUND, snapshot, initialQuery = '', onRecentShown, readShortcut }: AppProps) {
  const { query, setQuery, filter, setFilter, view, stamp, tags, shown, libraryCount, forget } = useLibraryView({ library, openIndex, snapshot, initialQuery, onRecentShown });
  const [selected, setSelected] = useState(0);
  const [editingTagsOf, setEditingTagsOf] = useState<string>();
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const scrollRef = useRef<HTMLElement>(null);
  const { focusResult } = resultFocus(listRef, searchRef, setSelected);

  const { rows: papers, actions, failure, dismissFailure } = usePaperActions({
    papers: view?.papers ?? [],
    writePaper,
    forget,
    shown,
    view: {
      showTag: (tag) => setFilter({ kind: 'tag', tag }),
      editTags: (paper, refocus) => {
        if (!paper && refocus) {
          const at = papers.findIndex((candidate) => candidate.id === editingTagsOf);
          if (at >= 0) focusResult(at);
        }
        setEditingTagsOf(paper?.id);
      },
      select: setSelected,
    },
  });
  const active = Math.max(0, Math.min(selected, papers.length - 1));
  const onKeyDown = popupKeys({ papers, active, query, searchRef, listRef, actions, openUrl, setSelected, editTagsOf: setEditingTagsOf, clearQuery: () => setQuery('') });

  useEffect(() => searchRef.current?.focus(), []);

  // A new query or filter starts at the top.
  useEffect(() => {
    setSelected(0);
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [query, filter]);

  // To the minute ("12 min ago" is the finest the rows say), so the rows' props stay the same between keystrokes.
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  const firstRun = stamp?.updatedThrough === 0;
  let content;
  if (!view || (!stamp && view.papers.length === 0)) content = <div class="placeholder" aria-busy="true" />;
  else if (firstRun) content = <FirstRun readShortcut={readShortcut} />;
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
      <RestoreNotice />
      <BackupNotice />
      {/* Sync is offered from the first-run view only (issue 19), once. */}
      {firstRun && <SyncOffer />}
      {failure && (
        <p class="popup-notice popup-failure" role="alert">
          {failure}
          <button type="button" class="notice-dismiss" aria-label="Dismiss" onClick={dismissFailure}>
            ✕
          </button>
        </p>
      )}
      <header class={`top${firstRun ? ' first-run' : ''}`}>
        <div class="top-row">
          <SearchBox value={query} onInput={setQuery} inputRef={searchRef} placeholder="Title, author, tag or arXiv id" />
          <LibraryLink />
        </div>
        {!firstRun && <Filters filter={filter} onChange={setFilter} tags={tags} status={view && viewStatus(view, libraryCount)} />}
      </header>
      <main class="body" ref={scrollRef}>
        {content}
      </main>
      <HelpLine />
    </div>
  );
}
