/**
 * What Paperdex keeps about automatic backups, in `storage.local` (outside the library database, so it
 * outlives a lost database). Three keys, each with one writer, so no read-modify-write of one context
 * ever drops another's:
 * - `paperdex:backup-settings` (the library page and popup): backups on or off, the suggestion answered;
 * - `paperdex:backup-request` (the library page): "back up now", a time the background acts on once;
 * - `paperdex:backup-status` (the background): the files Paperdex wrote and keeps, the last good
 *   backup, the last failure. Every read is validated (a damaged value reads as the default).
 */
import { isRecord } from '../../paper/sanitize';

export const SETTINGS_KEY = 'paperdex:backup-settings';
export const REQUEST_KEY = 'paperdex:backup-request';
export const STATUS_KEY = 'paperdex:backup-status';

export interface BackupSettings {
  /** Daily backups are on (the `downloads` permission was granted when they were turned on). */
  enabled: boolean;
  /** The one-time suggestion was answered (dismissed, or backups turned on): it is never shown again. */
  suggestionDone: boolean;
}

/** One backup file Paperdex wrote (and verified). Only files listed here are ever removed. */
export interface BackupFile {
  /** The path the browser saved it at (as `downloads` reports it): how it is found again to remove it. */
  path: string;
  /** The name asked for, relative to the downloads folder (`Paperdex/paperdex-backup-2026-12-07.json.gz`). */
  name: string;
  /** When it was written (epoch ms). */
  at: number;
  papers: number;
  bytes: number;
}

export interface BackupFailure {
  at: number;
  /** In plain words, for Settings and the popup. */
  reason: string;
}

export interface BackupStatus {
  /** Files Paperdex wrote and still keeps, newest first. */
  files: BackupFile[];
  lastGood?: BackupFile;
  /** The last attempt's failure, when it came after the last good backup. */
  lastFailure?: BackupFailure;
  /** The last attempt that found nothing to back up (an empty library): said in Settings, not a failure. */
  lastSkip?: BackupFailure;
  /** The last request (`REQUEST_KEY`) acted on, so each is run once. */
  handledRequest?: number;
}

export const DEFAULT_SETTINGS: BackupSettings = { enabled: false, suggestionDone: false };

/** The part of `storage.local` used here (the browser's, or a fake in tests). */
export interface KeyValueArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

export function parseSettings(value: unknown): BackupSettings {
  if (!isRecord(value)) return DEFAULT_SETTINGS;
  return { enabled: value.enabled === true, suggestionDone: value.suggestionDone === true };
}

function parseFile(value: unknown): BackupFile | undefined {
  if (!isRecord(value)) return undefined;
  const { path, name, at, papers, bytes } = value;
  if (typeof path !== 'string' || !path || typeof name !== 'string' || !name || !isTime(at) || !isCount(papers) || !isCount(bytes)) return undefined;
  return { path, name, at, papers, bytes };
}

export function parseStatus(value: unknown): BackupStatus {
  if (!isRecord(value)) return { files: [] };
  const files = Array.isArray(value.files) ? value.files.map(parseFile).filter((file): file is BackupFile => file !== undefined) : [];
  const lastGood = parseFile(value.lastGood);
  const failure = value.lastFailure;
  const note = (value: unknown) => (isRecord(value) && isTime(value.at) && typeof value.reason === 'string' ? { at: value.at, reason: value.reason } : undefined);
  const lastFailure = note(failure);
  const lastSkip = note(value.lastSkip);
  return {
    files: files.sort((a, b) => b.at - a.at),
    ...(lastGood ? { lastGood } : {}),
    ...(lastFailure ? { lastFailure } : {}),
    ...(lastSkip ? { lastSkip } : {}),
    ...(isTime(value.handledRequest) ? { handledRequest: value.handledRequest } : {}),
  };
}

export function parseRequest(value: unknown): number | undefined {
  return isTime(value) ? value : undefined;
}

export async function readSettings(area: KeyValueArea): Promise<BackupSettings> {
  return parseSettings((await area.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

export async function writeSettings(area: KeyValueArea, change: Partial<BackupSettings>): Promise<BackupSettings> {
  const settings = { ...(await readSettings(area)), ...change };
  await area.set({ [SETTINGS_KEY]: settings });
  return settings;
}

export async function readStatus(area: KeyValueArea): Promise<BackupStatus> {
  return parseStatus((await area.get(STATUS_KEY))[STATUS_KEY]);
}

export async function writeStatus(area: KeyValueArea, status: BackupStatus): Promise<void> {
  await area.set({ [STATUS_KEY]: status });
}

export async function readRequest(area: KeyValueArea): Promise<number | undefined> {
  return parseRequest((await area.get(REQUEST_KEY))[REQUEST_KEY]);
}

/** Asks the background for a backup now ("Back up now", and right after backups are turned on). */
export async function requestBackup(area: KeyValueArea, now = Date.now()): Promise<void> {
  await area.set({ [REQUEST_KEY]: now });
}
