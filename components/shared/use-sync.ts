import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { parseSyncSettings, parseSyncStatus, SYNC_SETTINGS_KEY, SYNC_STATUS_KEY, type SyncLocalArea, type SyncSettings, type SyncStatus } from '@/utils/library/sync/sync-store';

export interface SyncView {
  settings: SyncSettings;
  status: SyncStatus;
}

/** `storage.local`, where sync keeps its setting and status (`sync-store.ts`). */
export function syncLocalArea(): SyncLocalArea {
  return browser.storage.local as unknown as SyncLocalArea;
}

/** Sync's setting and status while the view is open: read once, then followed (`storage.onChanged`). */
export function useSync(): SyncView | undefined {
  const [view, setView] = useState<SyncView>();
  useEffect(() => {
    let open = true;
    const read = () =>
      browser.storage.local.get([SYNC_SETTINGS_KEY, SYNC_STATUS_KEY]).then(
        (items) => open && setView({ settings: parseSyncSettings(items[SYNC_SETTINGS_KEY]), status: parseSyncStatus(items[SYNC_STATUS_KEY]) }),
        () => undefined,
      );
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && (SYNC_SETTINGS_KEY in changes || SYNC_STATUS_KEY in changes)) void read();
    };
    browser.storage.onChanged.addListener(listener);
    void read();
    return () => {
      open = false;
      browser.storage.onChanged.removeListener(listener);
    };
  }, []);
  return view;
}
