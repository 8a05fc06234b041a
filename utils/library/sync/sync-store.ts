/**
 * What sync keeps in `storage.local` (outside the library database, so a lost database does not turn
 * sync off or forget the device). Three keys, each with one writer:
 * - `paperdex:sync-settings` (the library page and popup): sync on or off (off until the user turns it on),
 *   the popup's one-time offer answered;
 * - `paperdex:sync-state` (the background): the engine's state (`SyncEngine.toJSON`), how far it has
 *   followed the change feed, and the recent writes to storage.sync (for the write rate);
 * - `paperdex:sync-status` (the background): what Settings and Stats show: last read and write, bytes
 *   used, devices seen, what did not fit, remote items ignored and why, the last error.
 * No Dexie here: the library page loads this. Every read is validated (damaged reads as the default).
 */
import { isRecord } from '../../paper/sanitize';
import type { ChangeCursor } from '../feed/cursor';

export const SYNC_SETTINGS_KEY = 'paperdex:sync-settings';
export const SYNC_STATE_KEY = 'paperdex:sync-state';
export const SYNC_STATUS_KEY = 'paperdex:sync-status';

export interface SyncSettings {
  enabled: boolean;
  /** The popup's one-time offer was answered (dismissed, or sync turned on): it is never shown again. */
  offerDone: boolean;
}

export interface SyncLeftOut {
  papers: number;
  notes: number;
  titles: number;
}

export interface SyncDeviceView {
  device: string;
  lastWriteAt?: number;
  bytes: number;
  leftOut?: SyncLeftOut;
}

export interface SyncIgnoredView {
  key: string;
  reason: string;
}

export interface SyncStatus {
  /** This device's id in the sync area. */
  device?: string;
  lastReadAt?: number;
  lastWriteAt?: number;
  /** Every device's bytes in storage.sync, of its 102,400. */
  bytesUsed: number;
  devices: SyncDeviceView[];
  /** What this device could not fit (it stays in the library). */
  leftOut?: SyncLeftOut;
  /** Remote items not applied (at most `MAX_IGNORED_SHOWN`), and how many in all. */
  ignored: SyncIgnoredView[];
  ignoredCount: number;
  lastError?: { at: number; message: string };
}

export const MAX_IGNORED_SHOWN = 20;

export interface SyncStateJson {
  engine: unknown;
  cursor: ChangeCursor;
  /** Epoch ms of each write operation to storage.sync in the last hour. */
  writes: number[];
  /** Sync was turned off after this state was made: on again, the whole library is compared anew. */
  off?: boolean;
}

/** The part of `storage.local` used here. */
export interface SyncLocalArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isTime = (value: unknown): value is number => isCount(value) && value > 0;

export function parseSyncSettings(value: unknown): SyncSettings {
  return { enabled: isRecord(value) && value.enabled === true, offerDone: isRecord(value) && value.offerDone === true };
}

/** Whether the popup's first-run view offers sync (once, until answered). */
export function offerSync(settings: SyncSettings): boolean {
  return !settings.enabled && !settings.offerDone;
}

function parseLeftOut(value: unknown): SyncLeftOut | undefined {
  if (!isRecord(value) || !isCount(value.papers) || !isCount(value.notes) || !isCount(value.titles)) return undefined;
  return { papers: value.papers, notes: value.notes, titles: value.titles };
}

export function parseSyncStatus(value: unknown): SyncStatus {
  const status: SyncStatus = { bytesUsed: 0, devices: [], ignored: [], ignoredCount: 0 };
  if (!isRecord(value)) return status;
  if (typeof value.device === 'string') status.device = value.device;
  if (isTime(value.lastReadAt)) status.lastReadAt = value.lastReadAt;
  if (isTime(value.lastWriteAt)) status.lastWriteAt = value.lastWriteAt;
  if (isCount(value.bytesUsed)) status.bytesUsed = value.bytesUsed;
  if (Array.isArray(value.devices)) {
    for (const device of value.devices) {
      if (!isRecord(device) || typeof device.device !== 'string' || !isCount(device.bytes)) continue;
      const leftOut = parseLeftOut(device.leftOut);
      status.devices.push({ device: device.device, bytes: device.bytes, ...(isTime(device.lastWriteAt) ? { lastWriteAt: device.lastWriteAt } : {}), ...(leftOut ? { leftOut } : {}) });
    }
  }
  const leftOut = parseLeftOut(value.leftOut);
  if (leftOut) status.leftOut = leftOut;
  if (Array.isArray(value.ignored)) {
    for (const item of value.ignored.slice(0, MAX_IGNORED_SHOWN)) if (isRecord(item) && typeof item.key === 'string' && typeof item.reason === 'string') status.ignored.push({ key: item.key, reason: item.reason });
  }
  status.ignoredCount = isCount(value.ignoredCount) ? Math.max(value.ignoredCount, status.ignored.length) : status.ignored.length;
  if (isRecord(value.lastError) && isTime(value.lastError.at) && typeof value.lastError.message === 'string') status.lastError = { at: value.lastError.at, message: value.lastError.message };
  return status;
}

export function parseSyncState(value: unknown): SyncStateJson | undefined {
  if (!isRecord(value) || !isRecord(value.cursor)) return undefined;
  const { updatedThrough, removedThrough } = value.cursor;
  if (typeof updatedThrough !== 'number' || typeof removedThrough !== 'number') return undefined;
  const writes = Array.isArray(value.writes) ? value.writes.filter(isTime) : [];
  return { engine: value.engine, cursor: { updatedThrough, removedThrough }, writes, ...(value.off === true ? { off: true } : {}) };
}

export async function readSyncSettings(area: SyncLocalArea): Promise<SyncSettings> {
  return parseSyncSettings((await area.get(SYNC_SETTINGS_KEY))[SYNC_SETTINGS_KEY]);
}

/** Changes some settings, keeping the others (the popup writes the offer's answer, the library page the rest). */
export async function writeSyncSettings(area: SyncLocalArea, change: Partial<SyncSettings>): Promise<SyncSettings> {
  const settings = { ...(await readSyncSettings(area)), ...change };
  await area.set({ [SYNC_SETTINGS_KEY]: settings });
  return settings;
}

export async function readSyncStatus(area: SyncLocalArea): Promise<SyncStatus> {
  return parseSyncStatus((await area.get(SYNC_STATUS_KEY))[SYNC_STATUS_KEY]);
}
