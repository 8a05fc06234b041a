/**
 * When the next backup is due: a day after the last good one (right away when there is none), and an
 * hour after a failed attempt (not sooner: a full disk or a revoked permission would fail again at
 * once). The background checks on an hourly alarm and at start-up, so a backup runs within the hour of
 * becoming due, also after the computer slept through it.
 */
import type { BackupSettings, BackupStatus } from './backup-store';

export const BACKUP_EVERY_MS = 24 * 3_600_000;
export const RETRY_AFTER_MS = 3_600_000;
/** How often the background checks whether a backup is due (the alarm's period). */
export const CHECK_EVERY_MINUTES = 60;

/** When the next backup is due (epoch ms); undefined while backups are off. */
export function nextBackupAt(settings: BackupSettings, status: BackupStatus): number | undefined {
  if (!settings.enabled) return undefined;
  const afterGood = status.lastGood ? status.lastGood.at + BACKUP_EVERY_MS : 0;
  const failure = failingSince(status);
  return failure === undefined ? afterGood : Math.max(afterGood, failure + RETRY_AFTER_MS);
}

export function backupDue(settings: BackupSettings, status: BackupStatus, now: number): boolean {
  const next = nextBackupAt(settings, status);
  return next !== undefined && now >= next;
}

/** When backups started failing: the last attempt failed (after the last good backup, if any). */
export function failingSince(status: BackupStatus): number | undefined {
  const failure = status.lastFailure;
  if (!failure || (status.lastGood && status.lastGood.at >= failure.at)) return undefined;
  return failure.at;
}

/** Whether a page should warn: backups are on and the last attempt failed. */
export function backupFailing(settings: BackupSettings, status: BackupStatus): boolean {
  return settings.enabled && failingSince(status) !== undefined;
}

/** Whether the one-time suggestion to turn backups on is shown. */
export function suggestBackups(settings: BackupSettings): boolean {
  return !settings.enabled && !settings.suggestionDone;
}
