import { browser } from 'wxt/browser';
import { parseSyncSettings, parseSyncStatus, SYNC_SETTINGS_KEY, SYNC_STATUS_KEY, type SyncLocalArea, type SyncSettings, type SyncStatus } from '@/utils/library/sync/sync-store';
import { useLocalKeys } from './use-local-keys';

export interface SyncView {
  settings: SyncSettings;
  status: SyncStatus;
}

/** `storage.local`, where sync keeps its setting and status (`sync-store.ts`). */
export function syncLocalArea(): SyncLocalArea {
  return browser.storage.local as unknown as SyncLocalArea;
}

const SYNC_KEYS = [SYNC_SETTINGS_KEY, SYNC_STATUS_KEY];
const viewOf = (items: Record<string, unknown>): SyncView => ({ settings: parseSyncSettings(items[SYNC_SETTINGS_KEY]), status: parseSyncStatus(items[SYNC_STATUS_KEY]) });

/** Sync's setting and status while the view is open: read once, then followed (`storage.onChanged`). */
export function useSync(): SyncView | undefined {
  return useLocalKeys(SYNC_KEYS, viewOf);
}
