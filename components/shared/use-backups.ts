import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import {
  type BackupSettings,
  type BackupStatus,
  type KeyValueArea,
  parseRequest,
  parseSettings,
  parseStatus,
  REQUEST_KEY,
  SETTINGS_KEY,
  STATUS_KEY,
} from '@/utils/library/backup/backup-store';

export interface BackupView {
  settings: BackupSettings;
  status: BackupStatus;
  /** A backup was asked for and the background has not taken it up yet (or is running it). */
  pending: boolean;
}

/** `storage.local`, where backups keep their settings and status (`backup-store.ts`). */
export function backupArea(): KeyValueArea {
  return browser.storage.local as unknown as KeyValueArea;
}

function viewOf(items: Record<string, unknown>): BackupView {
  const status = parseStatus(items[STATUS_KEY]);
  const request = parseRequest(items[REQUEST_KEY]);
  const lastDone = Math.max(status.lastGood?.at ?? 0, status.lastFailure?.at ?? 0, status.lastSkip?.at ?? 0);
  return { settings: parseSettings(items[SETTINGS_KEY]), status, pending: request !== undefined && lastDone < request };
}

/** Backups' settings and status while the view is open: read once, then followed (`storage.onChanged`). */
export function useBackups(): BackupView | undefined {
  const [view, setView] = useState<BackupView>();
  useEffect(() => {
    let open = true;
    const read = () =>
      browser.storage.local.get([SETTINGS_KEY, STATUS_KEY, REQUEST_KEY]).then(
        (items) => open && setView(viewOf(items)),
        () => undefined,
      );
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && (SETTINGS_KEY in changes || STATUS_KEY in changes || REQUEST_KEY in changes)) void read();
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
