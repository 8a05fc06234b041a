import { describe, expect, it } from 'vitest';
import type { BackupFile, BackupSettings, BackupStatus } from '@/utils/library/backup/backup-store';
import { BACKUP_EVERY_MS, backupDue, backupFailing, nextBackupAt, RETRY_AFTER_MS, suggestBackups } from '@/utils/library/backup/schedule';

const T = Date.UTC(2026, 11, 7, 12);
const on: BackupSettings = { enabled: true, suggestionDone: true };
const off: BackupSettings = { enabled: false, suggestionDone: false };
const good = (at: number): BackupFile => ({ path: '/dl/Paperdex/x.json.gz', name: 'Paperdex/x.json.gz', at, papers: 3, bytes: 99 });

describe('backup schedule', () => {
  it('nothing is due while backups are off', () => {
    expect(nextBackupAt(off, { files: [] })).toBeUndefined();
    expect(backupDue(off, { files: [] }, T)).toBe(false);
  });

  it('the first backup is due at once; then a day after the last good one', () => {
    expect(backupDue(on, { files: [] }, T)).toBe(true);
    const status: BackupStatus = { files: [good(T)], lastGood: good(T) };
    expect(nextBackupAt(on, status)).toBe(T + BACKUP_EVERY_MS);
    expect(backupDue(on, status, T + BACKUP_EVERY_MS - 1)).toBe(false);
    expect(backupDue(on, status, T + BACKUP_EVERY_MS)).toBe(true);
  });

  it('after a failure, the next try is an hour later (not on every check)', () => {
    const failed: BackupStatus = { files: [], lastGood: good(T - 2 * BACKUP_EVERY_MS), lastFailure: { at: T, reason: 'the disk is full' } };
    expect(nextBackupAt(on, failed)).toBe(T + RETRY_AFTER_MS);
    expect(backupDue(on, failed, T + RETRY_AFTER_MS - 1)).toBe(false);
    expect(backupFailing(on, failed)).toBe(true);
    // A good backup after the failure ends the warning.
    const recovered: BackupStatus = { ...failed, lastGood: good(T + 1) };
    expect(backupFailing(on, recovered)).toBe(false);
    expect(nextBackupAt(on, recovered)).toBe(T + 1 + BACKUP_EVERY_MS);
    // Turned off: no warning.
    expect(backupFailing(off, failed)).toBe(false);
  });

  it('the suggestion shows until it is answered or backups are on', () => {
    expect(suggestBackups(off)).toBe(true);
    expect(suggestBackups({ enabled: false, suggestionDone: true })).toBe(false);
    expect(suggestBackups({ enabled: true, suggestionDone: false })).toBe(false);
  });
});
