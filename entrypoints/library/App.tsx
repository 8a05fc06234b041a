/**
 * The library page: every paper in a virtualised table, sorted and filtered in memory, searched with
 * the popup's search; selection and bulk actions; tags as reading lists; one paper in full; export and
 * import. Here is only state and layout: the rows come live from `useLibraryRows`, what is listed from
 * `useLibraryView`, the selection from `useSelection`, and every write goes through the actions facade
 * (`components/library-page/actions.ts`), which the components get as props.
 */
import { useMemo, useState } from 'preact/hooks';
import { type LibraryIO, libraryActions } from '@/components/library-page/actions';
import { BulkBar } from '@/components/library-page/BulkBar';
import { ExportControl } from '@/components/library-page/ExportControl';
import { DataPanel } from '@/components/library-page/DataPanel';
import { EmptyLibrary, LibraryLayout } from '@/components/library-page/LibraryLayout';
import { Notices } from '@/components/library-page/Notices';
import { PaperDetail, type PaperDetailProps } from '@/components/library-page/PaperDetail';
import { PaperTable } from '@/components/library-page/PaperTable';
import { Sidebar } from '@/components/library-page/Sidebar';
import { Toolbar } from '@/components/library-page/Toolbar';
import { useLibraryRows } from '@/components/library-page/use-library-rows';
import { useLibraryView } from '@/components/library-page/use-library-view';
import { usePageActions } from '@/components/library-page/use-page-actions';
import { useSelection } from '@/components/library-page/use-selection';
import type { PaperdexDB } from '@/utils/library/schema';
import { rowCitationSources } from '@/utils/ui/library-page/table-rows';
import { usePaper } from './reads';
import type { LibraryTab } from './views';

export type { LibraryTab };

export interface LibraryAppProps {
  db: PaperdexDB;
  io: LibraryIO;
  views?: readonly LibraryTab[];
}

/**
 * The view `library.html#settings` opens on, and `#settings-sync` too (that view at its Sync section:
 * `SettingsSection` scrolls there); the popup's suggestions link there. Otherwise the library.
 */
export function tabOfHash(hash: string, views: readonly Pick<LibraryTab, 'id'>[]): string {
  return views.find((candidate) => hash === `#${candidate.id}` || hash.startsWith(`#${candidate.id}-`))?.id ?? 'library';
}

export function App({ db, io, views = [] }: LibraryAppProps) {
  const actions = useMemo(() => libraryActions(db, io), [db, io]);
  const [tab, setTab] = useState(() => tabOfHash(location.hash, views));
  const rows = useLibraryRows(db);
  const { store, version, loading } = rows;
  const view = useLibraryView(db, rows);
  const selection = useSelection(view.order, store.rows, version);
  const page = usePageActions(actions, { rows, selection, filter: view.filter, setFilter: view.setFilter });

  const activeView = views.find((candidate) => candidate.id === tab);
  const library = { rows: store.rows, version, loaded: store.size, complete: store.complete && loading === undefined };
  const failure = page.failure || (rows.error ? `The library could not be read: ${rows.error}` : '');

  return (
    <LibraryLayout
      tabs={[{ id: 'library', label: 'Library' }, ...views]}
      tab={tab}
      onTab={setTab}
      view={activeView?.render(library, actions)}
      sidebar={
        <Sidebar filter={view.filter} onFilter={view.setFilter} tags={view.tagCounts} onRenameTag={page.renameTag} onDeleteTag={page.deleteTag}>
          <DataPanel actions={actions} libraryCount={view.total} />
        </Sidebar>
      }
      toolbar={
        <Toolbar
          query={view.query}
          onQuery={view.setQuery}
          onSearchFocus={view.wantSearch}
          searching={view.searching}
          sortValue={view.sortValue}
          onSortValue={view.setSortValue}
          status={view.status}
          matching={view.shown.length > 0 ? view.matching.count : 0}
          onSelectMatching={() => selection.select(view.matching.ids())}
        />
      }
      bars={
        <>
          {selection.selection.ids.size > 0 && (
            <BulkBar
              count={selection.selection.ids.size}
              tags={view.tagCounts}
              selectedTags={selection.selectedTags}
              busy={page.busy}
              onSave={page.bulkSave}
              onRead={page.bulkRead}
              onAddTag={page.bulkAddTag}
              onRemoveTag={page.bulkRemoveTag}
              onDelete={page.deleteSelected}
              onClear={selection.clear}
              exportControl={
                <ExportControl actions={actions} scope={{ kind: 'selection', ids: selection.selectedIds }} citationContext={() => rowCitationSources(store.rows.values())} />
              }
            />
          )}
          <Notices notice={page.notice} failure={failure} busy={page.busy} onUndo={page.undoDelete} onDismiss={page.dismissNotice} />
        </>
      }
      table={
        view.empty ? (
          <EmptyLibrary />
        ) : (
          <PaperTable rows={view.listed} selected={selection.selection.ids} activeId={selection.activeId} sort={view.sort} onSort={view.pickSort} {...selection.table} listKey={view.listKey} busy={view.busy} highlightTerms={view.search.terms} />
        )
      }
      detail={
        selection.detailOpen &&
        selection.activeId && <OpenPaper db={db} id={selection.activeId} actions={actions} tagCounts={view.tagCounts} onClose={selection.closeDetail} />
      }
    />
  );
}

/** The paper view over one paper as stored, read live while the view is open. */
function OpenPaper({ db, id, ...props }: { db: PaperdexDB; id: string } & Omit<PaperDetailProps, 'paper'>) {
  return <PaperDetail paper={usePaper(db, id)} {...props} />;
}
