/**
 * The library page's other views (Stats, Settings): each reads what it needs besides the page's rows,
 * and its panel's code is loaded when the view is first shown (the first paint doesn't wait for it).
 */
import type { ComponentChildren } from 'preact';
import type { LibraryActions } from '@/components/library-page/actions';
import { Lazy } from '@/components/library-page/Lazy';
import type { PaperdexDB } from '@/utils/library/schema';
import type { LoadedRows } from '@/utils/ui/library-page/loaded-rows';
import { useCaptureProblems, useSettings } from './reads';

/** Another view of the page, shown as a tab next to the library. */
export interface LibraryTab {
  id: string;
  label: string;
  /** Gets the page's live rows, so a view computes from them instead of querying the database again. */
  render: (library: LoadedRows, actions: LibraryActions) => ComponentChildren;
}

const loadStats = () => import('@/components/library-page/StatsPanel').then(({ StatsPanel }) => StatsPanel);
const loadSettings = () => import('@/components/library-page/SettingsPanel').then(({ SettingsPanel }) => SettingsPanel);

export function StatsView({ db, library }: { db: PaperdexDB; library: LoadedRows }) {
  return <Lazy load={loadStats} props={{ library, problems: useCaptureProblems(db) }} />;
}

export function SettingsView({ db, library, actions }: { db: PaperdexDB; library: LoadedRows; actions: LibraryActions }) {
  return <Lazy load={loadSettings} props={{ library, actions, settings: useSettings(db) }} />;
}

/** Stats and Settings, both computed from the rows the page holds (no IndexedDB counts of their own). */
export function pageViews(db: PaperdexDB): LibraryTab[] {
  return [
    { id: 'stats', label: 'Stats', render: (library) => <StatsView db={db} library={library} /> },
    { id: 'settings', label: 'Settings', render: (library, actions) => <SettingsView db={db} library={library} actions={actions} /> },
  ];
}
