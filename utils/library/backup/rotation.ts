/**
 * Which backup files to keep: daily, the newest backup of each of the last 7 days that have one; weekly,
 * among the older files, the newest of each of the 4 latest weeks (Monday to Sunday, local time) that
 * have one. With a backup a day that is 11 files reaching about five weeks back. Everything else
 * Paperdex wrote is removed; files it did not write are never in the list (`BackupFile`).
 */
import type { BackupFile } from './backup-store';

export const KEEP_DAILY = 7;
export const KEEP_WEEKLY = 4;

/** The local day of a time, as `YYYY-MM-DD`. */
export function localDay(at: number): string {
  const date = new Date(at);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** The local week of a time: the day its Monday falls on. */
export function localWeek(at: number): string {
  const date = new Date(at);
  const sinceMonday = (date.getDay() + 6) % 7;
  return localDay(new Date(date.getFullYear(), date.getMonth(), date.getDate() - sinceMonday, 12).getTime());
}

export interface RotationPlan {
  keep: BackupFile[];
  remove: BackupFile[];
}

/** Splits the files into those kept and those removed (each list newest first). */
export function planRotation(files: readonly BackupFile[]): RotationPlan {
  const newestFirst = [...files].sort((a, b) => b.at - a.at);
  const kept = new Set<BackupFile>();
  const pick = (candidates: readonly BackupFile[], period: (at: number) => string, slots: number) => {
    const periods = new Set<string>();
    for (const file of candidates) {
      const key = period(file.at);
      if (periods.has(key)) continue;
      if (periods.size === slots) break;
      periods.add(key);
      kept.add(file);
    }
  };
  pick(newestFirst, localDay, KEEP_DAILY);
  // Weekly files come from the days before the oldest daily one.
  const oldestDaily = [...kept].reduce((oldest, file) => Math.min(oldest, file.at), Number.POSITIVE_INFINITY);
  const firstDailyDay = Number.isFinite(oldestDaily) ? localDay(oldestDaily) : '';
  pick(
    newestFirst.filter((file) => localDay(file.at) < firstDailyDay),
    localWeek,
    KEEP_WEEKLY,
  );
  return { keep: newestFirst.filter((file) => kept.has(file)), remove: newestFirst.filter((file) => !kept.has(file)) };
}
