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
import { useLocalKeys } from './use-local-keys';

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

const BACKUP_KEYS = [SETTINGS_KEY, STATUS_KEY, REQUEST_KEY];

/** Backups' settings and status while the view is open: read once, then followed (`storage.onChanged`). */
export function useBackups(): BackupView | undefined {
  return useLocalKeys(BACKUP_KEYS, viewOf);
}
