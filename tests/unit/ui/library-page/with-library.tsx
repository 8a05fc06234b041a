/**
 * Renders a view with the library page's real live rows (`useLibraryRows` over the test database), as
 * the page hands them to its Stats and Settings views: the figures a test reads come from the data.
 */
import type { ComponentChildren } from 'preact';
import { type LibraryActions, libraryActions } from '@/components/library-page/actions';
import { useLibraryRows } from '@/components/library-page/use-library-rows';
import type { PaperdexDB } from '@/utils/library/schema';
import type { LoadedRows } from '@/utils/ui/library-page/loaded-rows';

export function WithLibrary({ db, view }: { db: PaperdexDB; view: (library: LoadedRows) => ComponentChildren }) {
  const { store, version, loading } = useLibraryRows(db);
  return <>{view({ rows: store.rows, version, loaded: store.size, complete: store.complete && loading === undefined })}</>;
}

/** The page's actions over the test database (its views don't export or import). */
export function actionsOver(db: PaperdexDB): LibraryActions {
  const unused = () => Promise.reject(new Error('no export or import in this test'));
  return libraryActions(db, { exportLibrary: unused, importLibraryFile: unused });
}
