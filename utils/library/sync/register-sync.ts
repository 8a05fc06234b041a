/**
 * The background's sync: the runner (`sync-runner.ts`) on the browser's storage areas, following the
 * change feed (user changes), `storage.onChanged` for the sync area (another device's items, delivered
 * by Chrome Sync or Firefox Sync) and for the setting. Listeners are registered synchronously (MV3);
 * `start()` runs once the start-up fold has settled.
 */
import { browser } from 'wxt/browser';
import { onLibraryChange } from '../feed/feed';
import type { PaperdexDB } from '../schema';
import { createSyncRunner, type SyncArea, type SyncRunner } from './sync-runner';
import { SYNC_SETTINGS_KEY, type SyncLocalArea } from './sync-store';

export function registerSync(db: PaperdexDB, paused?: () => Promise<boolean>): SyncRunner {
  const runner = createSyncRunner({
    db,
    local: browser.storage.local as unknown as SyncLocalArea,
    sync: browser.storage.sync as unknown as SyncArea,
    paused,
    onError: (error) => console.error('[Paperdex] sync', error),
  });
  onLibraryChange((change) => {
    if (change.kind === 'papers' && change.user) void runner.localChanged();
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync') void runner.remoteChanged(Object.keys(changes));
    else if (area === 'local' && SYNC_SETTINGS_KEY in changes) void runner.start();
  });
  return runner;
}
