/**
 * The library page: every paper in a virtualised table, sorted and filtered in memory, searched with
 * the popup's search; selection and bulk actions; tags as reading lists; one paper in full; export and
 * import. State lives here; the rows come live from `useLibraryRows`, writes go through `utils/db`.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { BulkBar } from '@/components/library/BulkBar';
import { DataPanel, type LibraryIO } from '@/components/library/DataPanel';
import { PaperDetail } from '@/components/library/PaperDetail';
import { PaperTable, type RowClick } from '@/components/library/PaperTable';
import { Sidebar } from '@/components/library/Sidebar';
import { useLibraryRows } from '@/components/library/use-library-rows';
import { PAGE_SEARCH_LIMIT, useLibrarySearch } from '@/components/library/use-library-search';
import { SearchBox } from '@/components/SearchBox';
import { StorageNotice } from '@/components/StorageNotice';
import { type BulkResult, bulkAddTag, bulkRemoveTag, bulkSetRead, bulkSetSaved, deletePapers, restorePapers } from '@/utils/db/bulk-actions';
import type { PaperdexDB } from '@/utils/db/schema';
import { addTag } from '@/utils/db/user-actions';
import { deleteTag, renameTag } from '@/utils/db/tag-actions';
import { plural } from '@/utils/plural';
import { announcePapersChanged } from '@/utils/library-sync';
import { recoveredNotesText, recoverNoteDrafts } from '@/utils/library/note-drafts';
import { type LibraryRow, rowCitationSources } from '@/utils/library/rows';
import type { LibraryRowsView } from '@/utils/library/rows-view';
import { clickSelection, EMPTY_SELECTION, pruneSelection, type Selection } from '@/utils/library/selection';
import { DEFAULT_SORT, defaultSort, filterRows, isFiltering, type LibraryFilter, type LibrarySort, NO_FILTER, SORT_LABELS, type SortKey, sortRows } from '@/utils/library/view';
import { mergePendingCaptures } from '@/utils/merge-pending';
import type { PaperRecord } from '@/utils/paper';
import { recoveredTagsText, recoverTagDrafts } from '@/utils/tag-drafts';
import { failedWrite } from '@/utils/storage-health-browser';

/** Another view of the page (Stats, Settings), shown as a tab next to the library. */
export interface PageView {
  id: string;
  label: string;
  /** Gets the page's live rows, so a view computes from them instead of querying the database again. */
  render: (library: LibraryRowsView) => ComponentChildren;
}

export interface LibraryAppProps {
  db: PaperdexDB;
  io: LibraryIO;
  views?: readonly PageView[];
}

interface Notice {
  text: string;
  /** Records a delete removed, for its Undo. */
  undo?: PaperRecord[];
}

const isRow = (row: LibraryRow | undefined): row is LibraryRow => row !== undefined;

export function App({ db, io, views = [] }: LibraryAppProps) {
  const [tab, setTab] = useState('library');
  const [sort, setSort] = useState<LibrarySort>(DEFAULT_SORT);
  const [filter, setFilter] = useState<LibraryFilter>(NO_FILTER);
  const [query, setQuery] = useState('');
  /** While searching: hits in relevance order until a column is picked. */
  const [byRelevance, setByRelevance] = useState(true);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [activeId, setActiveId] = useState<string>();
  const [detailOpen, setDetailOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>();
  const [failure, setFailure] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);

  const { store, version, ready, loading, error, changed } = useLibraryRows(db);
  const searching = query.trim() !== '';

  // Each order is sorted once per state of the library (the store keeps them).
  const sorted = useMemo(() => store.sorted(sort), [store, version, sort]);
  const filtered = useMemo(() => filterRows(sorted, filter), [sorted, filter]);
  const tagCounts = useMemo(() => store.tagCounts(), [store, version]);
  // The search index (its code and its restore are the heaviest part of the page: one task of ~100 ms
  // at 50k papers) opens when the search field is first focused, or at the first query, so that task
  // never lands while the library loads or scrolls.
  const [searchWanted, setSearchWanted] = useState(false);
  const search = useLibrarySearch(db, query, isFiltering(filter) ? filtered : undefined, version, ready && (searchWanted || searching));
  const shown = useMemo(() => {
    if (!searching) return filtered;
    const hits = (search.ids ?? []).map((id) => store.rows.get(id)).filter(isRow);
    return byRelevance ? hits : sortRows(hits, sort);
  }, [searching, filtered, search, byRelevance, sort, store, version]);
  const order = useMemo(() => shown.map((row) => row.id), [shown]);

  useEffect(() => setSelection((current) => pruneSelection(current, (id) => store.rows.has(id))), [store, version]);
  // Captures a stopped worker left queued are part of the library: merged now, the rows follow the write.
  useEffect(() => void mergePendingCaptures(db), [db]);
  // Notes and tags typed on a page that closed before it could store them (note-drafts, tag-drafts).
  useEffect(() => {
    const tags = recoverTagDrafts((id, tag) => addTag(db, id, tag)).then((added) => {
      announcePapersChanged(added.map((draft) => draft.id));
      return recoveredTagsText(added);
    });
    Promise.all([recoverNoteDrafts(db).then(recoveredNotesText), tags]).then(
      (texts) => texts.some(Boolean) && setNotice({ text: texts.filter(Boolean).join(' ') }),
      (error: unknown) => setFailure(failedWrite('A note typed before a library page closed could not be saved', error)),
    );
  }, [db]);
  useEffect(() => {
    if (searching) setByRelevance(true);
  }, [searching]);

  const selectedIds = useMemo(() => [...selection.ids], [selection]);
  const selectedTags = useMemo(() => {
    const tags = new Set<string>();
    for (const id of selection.ids) for (const tag of store.rows.get(id)?.tags ?? []) tags.add(tag);
    return [...tags].sort();
  }, [selection, store, version]);

  const pickSort = (key: SortKey) => {
    if (searching && byRelevance) {
      setByRelevance(false);
      setSort(defaultSort(key));
      return;
    }
    setSort(key === sort.key ? { key, direction: sort.direction === 'asc' ? 'desc' : 'asc' } : defaultSort(key));
  };

  const onRowClick = (id: string, click: RowClick) => {
    setSelection((current) => clickSelection(current, id, order, click));
    setActiveId(id);
    if (!click.shift && !click.toggle) setDetailOpen(true);
  };

  // Every write is announced, so open listing pages update their cards' controls (utils/library-sync).
  const runBulk = async (label: string, action: () => Promise<BulkResult>) => {
    setBusy(true);
    setFailure('');
    try {
      const result = await action();
      if (result.changed) announcePapersChanged(selectedIds);
      const skipped = result.skipped ? ` (${plural(result.skipped, 'paper', 'papers')} already had 50 tags)` : '';
      setNotice({ text: `${label}: ${plural(result.changed, 'paper', 'papers')} changed${skipped}.` });
    } catch (error) {
      setFailure(failedWrite(`${label} failed`, error));
      throw error;
    } finally {
      setBusy(false);
    }
  };
  const quietly = (run: Promise<unknown>) => void run.catch(() => undefined);

  const deleteSelected = async () => {
    const ids = selectedIds;
    setBusy(true);
    setFailure('');
    try {
      const at = Date.now();
      const removed = await deletePapers(db, ids, at);
      store.forget(removed.map((record) => record.id), at);
      announcePapersChanged(removed.map((record) => record.id));
      changed();
      setSelection(EMPTY_SELECTION);
      if (activeId && ids.includes(activeId)) setDetailOpen(false);
      setNotice({ text: `Deleted ${plural(removed.length, 'paper', 'papers')} from the library.`, undo: removed });
    } catch (error) {
      setFailure(failedWrite('Delete failed', error));
    } finally {
      setBusy(false);
    }
  };

  const undoDelete = async (records: PaperRecord[]) => {
    setBusy(true);
    try {
      const restored = await restorePapers(db, records);
      announcePapersChanged(records.map((record) => record.id));
      setNotice({ text: `Restored ${plural(restored, 'paper', 'papers')}.` });
    } catch (error) {
      setFailure(failedWrite('Undo failed', error));
    } finally {
      setBusy(false);
    }
  };

  const carrying = (tag: string) => [...store.rows.values()].filter((row) => row.tags.includes(tag)).map((row) => row.id);
  const onRenameTag = async (from: string, to: string) => {
    const ids = carrying(from);
    const result = await renameTag(db, from, to);
    announcePapersChanged(ids);
    if (result.tag && filter.tags.includes(from)) setFilter({ ...filter, tags: [...new Set(filter.tags.map((tag) => (tag === from ? result.tag! : tag)))] });
    setNotice({ text: `${result.merged ? 'Merged' : 'Renamed'} #${from} into #${result.tag}: ${plural(result.changed, 'paper', 'papers')}.` });
  };
  const onDeleteTag = async (tag: string) => {
    const ids = carrying(tag);
    const result = await deleteTag(db, tag);
    announcePapersChanged(ids);
    if (filter.tags.includes(tag)) setFilter({ ...filter, tags: filter.tags.filter((t) => t !== tag) });
    setNotice({ text: `Removed #${tag} from ${plural(result.changed, 'paper', 'papers')}.` });
  };

  const total = store.complete ? store.size : undefined;
  let status: string;
  if (!ready) status = 'Loading…';
  else if (searching) status = search.pending ? 'Preparing search…' : `${plural(search.matches, 'match', 'matches')}${search.matches > shown.length && shown.length === PAGE_SEARCH_LIMIT ? `, best ${PAGE_SEARCH_LIMIT} shown` : ''}`;
  else if (loading !== undefined) status = `Loading library… ${plural(loading, 'paper', 'papers')}`;
  else if (isFiltering(filter)) status = `${plural(filtered.length, 'paper', 'papers')} of ${(total ?? 0).toLocaleString('en-US')}`;
  else status = plural(total ?? 0, 'paper', 'papers');

  const empty = ready && loading === undefined && store.size === 0;
  const activeView = views.find((view) => view.id === tab);

  return (
    <div class="library">
      <header class="page-head">
        <h1>Paperdex</h1>
        <nav class="tabs" role="tablist" aria-label="Views">
          {[{ id: 'library', label: 'Library' }, ...views].map((view) => (
            <button type="button" role="tab" class="tab" aria-selected={tab === view.id} onClick={() => setTab(view.id)}>
              {view.label}
            </button>
          ))}
        </nav>
      </header>
      <StorageNotice class="banner" />
      {activeView ? (
        <div class="view" role="tabpanel" aria-label={activeView.label}>
          {activeView.render({ rows: store.rows, version, loaded: store.size, complete: store.complete && loading === undefined })}
        </div>
      ) : (
        <div class="layout" role="tabpanel" aria-label="Library">
          <Sidebar filter={filter} onFilter={setFilter} tags={tagCounts} onRenameTag={onRenameTag} onDeleteTag={onDeleteTag}>
            <DataPanel db={db} io={io} selectedIds={selectedIds} libraryCount={total} citationContext={() => rowCitationSources(store.rows.values())} />
          </Sidebar>
          <main class="main">
            <div class="toolbar" onFocusCapture={(event) => !searchWanted && event.target === searchRef.current && setSearchWanted(true)}>
              <SearchBox value={query} onInput={setQuery} inputRef={searchRef} />
              <label class="sort-by">
                Sort by
                <select
                  value={searching && byRelevance ? 'relevance' : `${sort.key}:${sort.direction}`}
                  onChange={(event) => {
                    const value = event.currentTarget.value;
                    if (value === 'relevance') return setByRelevance(true);
                    const [key, direction] = value.split(':') as [SortKey, 'asc' | 'desc'];
                    setByRelevance(false);
                    setSort({ key, direction });
                  }}
                >
                  {searching && <option value="relevance">Relevance</option>}
                  {(Object.keys(SORT_LABELS) as SortKey[]).flatMap((key) => [
                    <option value={`${key}:${defaultSort(key).direction}`}>{SORT_LABELS[key]}{key === 'title' ? ' (A→Z)' : ' (newest first)'}</option>,
                    <option value={`${key}:${defaultSort(key).direction === 'asc' ? 'desc' : 'asc'}`}>{SORT_LABELS[key]}{key === 'title' ? ' (Z→A)' : ' (oldest first)'}</option>,
                  ])}
                </select>
              </label>
              <span class="status" role="status" aria-live="polite">
                {status}
              </span>
              {shown.length > 0 && (
                // While searching, "matching" is every paper the status counts, not only the best listed.
                <button type="button" class="link-button" onClick={() => setSelection({ ids: new Set(searching ? [...order, ...search.allIds()] : order) })}>
                  Select all {(searching ? Math.max(search.matches, shown.length) : shown.length).toLocaleString('en-US')} matching
                </button>
              )}
            </div>
            {selection.ids.size > 0 && (
              <BulkBar
                count={selection.ids.size}
                tags={tagCounts}
                selectedTags={selectedTags}
                busy={busy}
                onSave={(saved) => quietly(runBulk(saved ? 'Save' : 'Unsave', () => bulkSetSaved(db, selectedIds, saved)))}
                onRead={(read) => quietly(runBulk(read ? 'Mark read' : 'Mark unread', () => bulkSetRead(db, selectedIds, read)))}
                onAddTag={(tag) => runBulk(`Tag`, () => bulkAddTag(db, selectedIds, tag))}
                onRemoveTag={(tag) => quietly(runBulk(`Remove #${tag}`, () => bulkRemoveTag(db, selectedIds, tag)))}
                onDelete={() => void deleteSelected()}
                onClear={() => setSelection(EMPTY_SELECTION)}
              />
            )}
            {(notice || failure || error) && (
              <div class="notices">
                {notice && (
                  <p class="notice" role="status">
                    {notice.text}
                    {notice.undo && (
                      <button type="button" class="button" disabled={busy} onClick={() => void undoDelete(notice.undo!)}>
                        Undo
                      </button>
                    )}
                    <button type="button" class="icon-button" aria-label="Dismiss" onClick={() => setNotice(undefined)}>
                      ✕
                    </button>
                  </p>
                )}
                {(failure || error) && (
                  <p class="error" role="alert">
                    {failure || `The library could not be read: ${error}`}
                  </p>
                )}
              </div>
            )}
            {empty ? (
              <div class="empty">
                <h2>Your library is empty</h2>
                <p>Browse Hugging Face Papers: every paper you are shown lands here. Or import a Paperdex export or a list of arXiv ids.</p>
              </div>
            ) : (
              <PaperTable
                rows={ready ? shown : []}
                selected={selection.ids}
                activeId={activeId}
                sort={searching && byRelevance ? null : sort}
                onSort={pickSort}
                onRowClick={onRowClick}
                onActivate={(id) => {
                  setActiveId(id);
                }}
                onToggleSelected={(id) => setSelection((current) => clickSelection(current, id, order, { shift: false, toggle: true }))}
                onSelectAll={() => setSelection({ ids: new Set(order) })}
                onOpen={(id) => {
                  setActiveId(id);
                  setDetailOpen(true);
                }}
                onClearSelection={() => setSelection(EMPTY_SELECTION)}
                listKey={`${query}|${JSON.stringify(filter)}|${searching && byRelevance ? 'relevance' : `${sort.key}:${sort.direction}`}`}
                busy={!ready || (searching && (search.pending || search.query !== query))}
              />
            )}
          </main>
          {detailOpen && activeId && <PaperDetail db={db} id={activeId} tagCounts={tagCounts} onClose={() => setDetailOpen(false)} />}
        </div>
      )}
    </div>
  );
}
