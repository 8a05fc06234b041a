/**
 * One backup run, in the background: built and verified by the source (`backup-source.ts`), saved with
 * `downloads` into the `Paperdex/` folder of the downloads, confirmed (`downloads.search`: state
 * `complete`, the file there, its size the verified file's), recorded, then the rotation applied
 * (`rotation.ts`) to the files Paperdex wrote, and to no other: a file is removed only through the
 * download entry of the exact path Paperdex recorded for it. A failure is recorded in plain words for
 * Settings and the popup; nothing is removed after a failed backup.
 */
import { type BackupFile, type BackupStatus, type KeyValueArea, readSettings, readStatus, writeStatus } from './backup-store';
import type { BackupSource } from './backup-source';
import { localDay, planRotation } from './rotation';
import { errorMessage } from '../../messaging/error-message';

/** The parts of a download entry (`downloads.DownloadItem`) used here. */
export interface DownloadItem {
  id: number;
  filename: string;
  state?: string;
  error?: string;
  bytesReceived?: number;
  fileSize?: number;
  exists?: boolean;
}

/** The parts of the `downloads` API used here (present once the optional permission is granted). */
export interface DownloadsApi {
  download(options: { url: string; filename: string; conflictAction: 'uniquify'; saveAs: false }): Promise<number>;
  search(query: { id?: number; filename?: string }): Promise<DownloadItem[]>;
  removeFile(id: number): Promise<void>;
  erase(query: { id: number }): Promise<number[]>;
  onChanged: {
    addListener(listener: (delta: { id: number; state?: { current?: string } }) => void): void;
    removeListener(listener: (delta: { id: number; state?: { current?: string } }) => void): void;
  };
}

export interface BackupDeps {
  area: KeyValueArea;
  source: BackupSource;
  /** The `downloads` API, or undefined when the permission is missing (revoked). */
  downloads(): Promise<DownloadsApi | undefined>;
  libraryCount(): Promise<number>;
  now(): number;
  /** How long to wait for the download to finish. */
  downloadTimeoutMs?: number;
}

export const BACKUP_FOLDER = 'Paperdex';

/** `Paperdex/paperdex-backup-2026-12-07.json.gz` (the local day; the browser adds " (1)" to a second one that day). */
export function backupFileName(now: number): string {
  return `${BACKUP_FOLDER}/paperdex-backup-${localDay(now)}.json.gz`;
}

/** A download's interruption in plain words (`downloads.InterruptReason`). */
export function interruptReason(error: string | undefined): string {
  switch (error) {
    case 'FILE_NO_SPACE':
      return 'the disk is full';
    case 'FILE_ACCESS_DENIED':
      return 'the browser may not write to the downloads folder';
    case 'FILE_NAME_TOO_LONG':
      return 'the file name is too long for the downloads folder';
    case 'FILE_TOO_LARGE':
      return 'the file is too large for the downloads folder';
    case 'FILE_VIRUS_INFECTED':
    case 'FILE_BLOCKED':
    case 'FILE_SECURITY_CHECK_FAILED':
      return 'the browser or the system blocked the file';
    case 'USER_CANCELED':
      return 'the download was cancelled';
    case 'USER_SHUTDOWN':
    case 'CRASH':
      return 'the browser closed before the file was saved';
    default:
      return `the file could not be saved${error ? ` (${error})` : ''}`;
  }
}

const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

/** Waits until the download is no longer in progress; resolves to its final entry. */
async function finished(downloads: DownloadsApi, id: number, timeoutMs: number): Promise<DownloadItem | undefined> {
  const current = async () => (await downloads.search({ id }))[0];
  return new Promise((resolve) => {
    let done = false;
    const finish = (item: DownloadItem | undefined) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      downloads.onChanged.removeListener(listener);
      resolve(item);
    };
    const check = () => void current().then((item) => (!item || item.state !== 'in_progress' ? finish(item) : undefined), () => finish(undefined));
    const listener = (delta: { id: number; state?: { current?: string } }) => {
      if (delta.id === id && delta.state?.current) check();
    };
    const timer = setTimeout(() => void current().then(finish, () => finish(undefined)), timeoutMs);
    downloads.onChanged.addListener(listener);
    // It may have finished before the listener was added.
    check();
  });
}

/** Why a finished download is not the backup it should be; undefined when it is. */
export function downloadProblem(item: DownloadItem | undefined, bytes: number): string | undefined {
  if (!item) return 'the download disappeared from the browser’s list before it finished';
  if (item.state === 'in_progress') return 'the file was still being saved after 10 minutes';
  if (item.state !== 'complete') return interruptReason(item.error);
  if (item.exists === false) return 'the saved file is gone from the downloads folder';
  // Under another name (a browser that renames by type, or a download folder rule), Import still reads it, but the user would not find it.
  const [folder, base] = item.filename.split(/[\\/]/).slice(-2);
  if (folder !== BACKUP_FOLDER || !/^paperdex-backup-.+\.json\.gz$/.test(base ?? '')) return `the browser saved the file as “${item.filename}”, not in the Paperdex folder as a .json.gz file`;
  const size = item.fileSize !== undefined && item.fileSize >= 0 ? item.fileSize : item.bytesReceived;
  if (size !== bytes) return `the saved file has ${size ?? 'an unknown number of'} bytes, not ${bytes}`;
  return undefined;
}

/**
 * Removes one file Paperdex wrote: only through a download entry for the exact path recorded, so a file
 * Paperdex did not write is never touched (download ids are not enough: Firefox reuses them after a
 * restart). Resolves false when it can't (the file stays listed, to try again next time); true when it
 * is removed, or was removed already (deleted by hand, or its entry cleared from the browser's list).
 */
export async function removeBackupFile(downloads: DownloadsApi, file: BackupFile): Promise<boolean> {
  try {
    const entries = (await downloads.search({ filename: file.path })).filter((item) => item.filename === file.path);
    for (const entry of entries) {
      if (entry.exists !== false) await downloads.removeFile(entry.id);
      await downloads.erase({ id: entry.id });
    }
    return true;
  } catch (error) {
    console.warn('[Paperdex] an old backup could not be removed', file.path, error);
    return false;
  }
}

export type RunOutcome = { ok: true; file: BackupFile; removed: BackupFile[] } | { ok: false; reason: string } | { ok: 'skipped'; reason: string };

/** Builds, saves, confirms and records one backup, then rotates. Never throws: a failure is recorded. */
export async function runBackup(deps: BackupDeps): Promise<RunOutcome> {
  const now = deps.now();
  const status = await readStatus(deps.area);
  const fail = async (reason: string): Promise<RunOutcome> => {
    await writeStatus(deps.area, { ...(await readStatus(deps.area)), lastFailure: { at: now, reason } });
    return { ok: false, reason };
  };
  try {
    if (!(await readSettings(deps.area)).enabled) return { ok: 'skipped', reason: 'backups are off' };
    const downloads = await deps.downloads();
    if (!downloads) return await fail('Paperdex may no longer save files to your downloads (the permission was removed): turn backups off and on again');
    // An empty library (a new profile, or a database the browser lost) is not backed up: it would only
    // push real backups out of the rotation.
    if ((await deps.libraryCount()) === 0) {
      const reason = 'the library is empty, so there is nothing to back up';
      await writeStatus(deps.area, { ...(await readStatus(deps.area)), lastSkip: { at: now, reason } });
      return { ok: 'skipped', reason };
    }
    const built = await deps.source.build(now);
    if (!built.ok) return await fail(built.error);
    const name = backupFileName(now);
    let item: DownloadItem | undefined;
    try {
      const id = await downloads.download({ url: built.url, filename: name, conflictAction: 'uniquify', saveAs: false });
      item = await finished(downloads, id, deps.downloadTimeoutMs ?? DOWNLOAD_TIMEOUT_MS);
    } finally {
      await built.release();
    }
    const problem = downloadProblem(item, built.bytes);
    if (problem) return await fail(problem);
    const file: BackupFile = { path: item!.filename, name, at: now, papers: built.papers, bytes: built.bytes };
    const plan = planRotation([file, ...status.files.filter((kept) => kept.path !== file.path)]);
    const removed: BackupFile[] = [];
    const stillThere: BackupFile[] = [];
    for (const old of plan.remove) (await removeBackupFile(downloads, old) ? removed : stillThere).push(old);
    const next: BackupStatus = { ...(await readStatus(deps.area)), files: [...plan.keep, ...stillThere].sort((a, b) => b.at - a.at), lastGood: file };
    delete next.lastFailure;
    await writeStatus(deps.area, next);
    return { ok: true, file, removed };
  } catch (error) {
    return await fail(`the backup failed: ${errorMessage(error)}`);
  }
}
