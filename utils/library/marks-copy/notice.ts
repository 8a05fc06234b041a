/**
 * What the user is told after a restore from the copy: a notice kept in `storage.local` (it must
 * outlive the database, and the popup and the library page each show it until the user dismisses it).
 * No Dexie here: the popup loads this.
 */
import { isRecord } from '../../paper/sanitize';
import type { RestoreCounts } from './restore';

export const NOTICE_KEY = 'marks-copy:notice';

/** Why papers were restored: the whole database was lost, or some marked papers went missing from it. */
export type RestoreCause = 'database-lost' | 'papers-lost';

export interface RestoreNotice extends RestoreCounts {
  at: number;
  cause: RestoreCause;
}

const COUNT_FIELDS = ['papers', 'saved', 'tagged', 'read', 'noted'] as const;

/** The stored notice, or undefined (absent, or not one). */
export function parseRestoreNotice(raw: unknown): RestoreNotice | undefined {
  if (!isRecord(raw) || (raw.cause !== 'database-lost' && raw.cause !== 'papers-lost') || typeof raw.at !== 'number') return undefined;
  const notice = { at: raw.at, cause: raw.cause } as RestoreNotice;
  for (const field of COUNT_FIELDS) {
    const value = raw[field];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return undefined;
    notice[field] = value;
  }
  return notice.papers > 0 ? notice : undefined;
}

/** A notice for this restore, added to one the user has not dismissed yet. */
export function nextNotice(counts: RestoreCounts, cause: RestoreCause, at: number, previous: RestoreNotice | undefined): RestoreNotice {
  const notice: RestoreNotice = { ...counts, at, cause: previous?.cause === 'database-lost' ? 'database-lost' : cause };
  if (previous) for (const field of COUNT_FIELDS) notice[field] += previous[field];
  return notice;
}

const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/** "Paperdex restored 37 papers (30 saved, 12 tagged, 4 read, 2 with notes) from its backup copy after …". */
export function restoreNoticeText(notice: RestoreNotice): string {
  const parts = [
    notice.saved && `${notice.saved.toLocaleString('en-US')} saved`,
    notice.tagged && `${notice.tagged.toLocaleString('en-US')} tagged`,
    notice.read && `${notice.read.toLocaleString('en-US')} read`,
    notice.noted && `${notice.noted.toLocaleString('en-US')} with notes`,
  ].filter(Boolean);
  const why = notice.cause === 'database-lost' ? 'after the browser deleted its database' : 'that had gone missing from its database';
  return `Paperdex restored ${plural(notice.papers, 'paper')} (${parts.join(', ')}) from its backup copy ${why}.`;
}
