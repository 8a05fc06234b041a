import { describe, expect, it } from 'vitest';
import { type BackupFile, type KeyValueArea, readStatus, REQUEST_KEY, SETTINGS_KEY, STATUS_KEY, writeSettings } from '@/utils/library/backup/backup-store';
import type { BackupSource } from '@/utils/library/backup/backup-source';
import { createBackupScheduler } from '@/utils/library/backup/backup-scheduler';
import { backupFileName, type DownloadItem, type DownloadsApi, downloadProblem, runBackup } from '@/utils/library/backup/run-backup';

const DAY = 86_400_000;
const T = new Date(2026, 11, 7, 12).getTime();

function memoryArea(): KeyValueArea & { items: Record<string, unknown> } {
  const items: Record<string, unknown> = {};
  return {
    items,
    get: async (key) => (key in items ? { [key]: structuredClone(items[key]) } : {}),
    set: async (values) => void Object.assign(items, structuredClone(values)),
  };
}

/** A downloads folder: what the browser saved (path → entry), and the files of the user's own. */
function fakeDownloads(options: { fail?: string; shortBy?: number } = {}) {
  const entries = new Map<number, DownloadItem>();
  const onDisk = new Set<string>(['/home/u/Downloads/Paperdex/my-notes.txt', '/home/u/Downloads/paperdex-backup-2026-11-01.json.gz']);
  let nextId = 1;
  const listeners = new Set<(delta: { id: number; state?: { current?: string } }) => void>();
  const api: DownloadsApi = {
    async download({ filename }) {
      const id = nextId++;
      let path = `/home/u/Downloads/${filename}`;
      for (let n = 1; onDisk.has(path); n++) path = `/home/u/Downloads/${filename.replace('.json.gz', ` (${n}).json.gz`)}`;
      const size = 1000 - (options.shortBy ?? 0);
      entries.set(id, { id, filename: path, state: 'in_progress', bytesReceived: 0, fileSize: -1, exists: true });
      setTimeout(() => {
        entries.set(id, options.fail ? { id, filename: path, state: 'interrupted', error: options.fail } : { id, filename: path, state: 'complete', bytesReceived: size, fileSize: size, exists: true });
        if (!options.fail) onDisk.add(path);
        for (const listener of listeners) listener({ id, state: { current: options.fail ? 'interrupted' : 'complete' } });
      }, 1);
      return id;
    },
    async search(query) {
      return [...entries.values()].filter((item) => (query.id === undefined || item.id === query.id) && (query.filename === undefined || item.filename === query.filename)).map((item) => ({ ...item, exists: onDisk.has(item.filename) }));
    },
    async removeFile(id) {
      const item = entries.get(id);
      if (!item || !onDisk.has(item.filename)) throw new Error('Download file already deleted');
      onDisk.delete(item.filename);
    },
    async erase({ id }) {
      entries.delete(id);
      return [id];
    },
    onChanged: { addListener: (listener) => void listeners.add(listener), removeListener: (listener) => void listeners.delete(listener) },
  };
  return { api, onDisk, entries };
}

const source = (papers = 12): BackupSource & { released: string[] } => {
  const released: string[] = [];
  return {
    released,
    build: async (now) => ({ ok: true, url: `blob:x/${now}`, papers, bytes: 1000, release: async () => void released.push(`blob:x/${now}`) }),
  };
};

async function setup(options: Parameters<typeof fakeDownloads>[0] = {}) {
  const area = memoryArea();
  await writeSettings(area, { enabled: true });
  const downloads = fakeDownloads(options);
  let now = T;
  const src = source();
  const deps = { area, source: src, downloads: async () => downloads.api, libraryCount: async () => 12, now: () => now };
  return { area, downloads, src, deps, setNow: (at: number) => (now = at) };
}

describe('runBackup', () => {
  it('saves the file into Paperdex/, confirms it, records it as the last good backup, and frees the URL', async () => {
    const { area, downloads, src, deps } = await setup();
    const outcome = await runBackup(deps);
    const file: BackupFile = { path: '/home/u/Downloads/Paperdex/paperdex-backup-2026-12-07.json.gz', name: 'Paperdex/paperdex-backup-2026-12-07.json.gz', at: T, papers: 12, bytes: 1000 };
    expect(outcome).toEqual({ ok: true, file, removed: [] });
    expect(backupFileName(T)).toBe(file.name);
    expect(await readStatus(area)).toEqual({ files: [file], lastGood: file });
    expect(downloads.onDisk.has(file.path)).toBe(true);
    expect(src.released).toEqual([`blob:x/${T}`]);
  });

  it('30 days of backups: keeps 7 daily + the weekly ones, removes only its own older files', async () => {
    const { area, downloads, deps, setNow } = await setup();
    for (let day = 29; day >= 0; day--) {
      setNow(T - day * DAY);
      expect((await runBackup(deps)).ok).toBe(true);
    }
    const status = await readStatus(area);
    expect(status.files.length).toBe(11);
    const backups = [...downloads.onDisk].filter((path) => path.includes('/Paperdex/paperdex-backup-'));
    expect(backups.sort()).toEqual(status.files.map((file) => file.path).sort());
    // The user's own files, in the folder and beside it (one named like a backup), are untouched.
    expect(downloads.onDisk.has('/home/u/Downloads/Paperdex/my-notes.txt')).toBe(true);
    expect(downloads.onDisk.has('/home/u/Downloads/paperdex-backup-2026-11-01.json.gz')).toBe(true);
  });

  it('a file deleted by hand, or a download entry cleared, is dropped from the list without touching anything else', async () => {
    const { area, downloads, deps, setNow } = await setup();
    await runBackup(deps);
    setNow(T + 1000);
    await runBackup(deps); // the same day: replaces the first
    const [second] = (await readStatus(area)).files;
    expect(second!.path).toMatch(/ \(1\)\.json\.gz$/);
    downloads.onDisk.delete(second!.path); // deleted by hand
    setNow(T + 2000);
    let outcome = await runBackup(deps);
    expect(outcome.ok === true && outcome.removed).toEqual([second]);
    const [third] = (await readStatus(area)).files;
    // Its entry cleared from the browser's list: nothing can be removed through it, so nothing is.
    downloads.entries.clear();
    setNow(T + 3000);
    outcome = await runBackup(deps);
    expect(outcome.ok === true && outcome.removed).toEqual([third]);
    expect(downloads.onDisk.has(third!.path)).toBe(true);
    expect((await readStatus(area)).files.map((file) => file.at)).toEqual([T + 3000]);
    expect(downloads.onDisk.has('/home/u/Downloads/Paperdex/my-notes.txt')).toBe(true);
  });

  it('a failed download is recorded in plain words, keeps the last good backup, and removes nothing', async () => {
    const { area, deps } = await setup({ fail: 'FILE_NO_SPACE' });
    expect(await runBackup(deps)).toEqual({ ok: false, reason: 'the disk is full' });
    expect(await readStatus(area)).toEqual({ files: [], lastFailure: { at: T, reason: 'the disk is full' } });
  });

  it('a saved file of the wrong size is a failure', async () => {
    const { deps } = await setup({ shortBy: 10 });
    expect(await runBackup(deps)).toEqual({ ok: false, reason: 'the saved file has 990 bytes, not 1000' });
    expect(downloadProblem({ id: 1, filename: 'x', state: 'complete', fileSize: 5, exists: false }, 5)).toBe('the saved file is gone from the downloads folder');
    expect(downloadProblem({ id: 1, filename: '/d/Paperdex/paperdex-backup-2026-12-07.txt', state: 'complete', fileSize: 5 }, 5)).toMatch(/saved the file as “\/d\/Paperdex\/paperdex-backup-2026-12-07.txt”/);
    expect(downloadProblem({ id: 1, filename: 'C:\\Users\\u\\Downloads\\Paperdex\\paperdex-backup-2026-12-07 (1).json.gz', state: 'complete', fileSize: 5 }, 5)).toBeUndefined();
  });

  it('a revoked permission, a failed build: failures; off or an empty library: nothing happens', async () => {
    const { area, deps } = await setup();
    expect(await runBackup({ ...deps, downloads: async () => undefined })).toMatchObject({ ok: false, reason: expect.stringMatching(/permission was removed/) });
    expect(await runBackup({ ...deps, source: { build: async () => ({ ok: false, error: 'the backup did not read back: paper 3: …' }) } })).toEqual({ ok: false, reason: 'the backup did not read back: paper 3: …' });
    expect(await runBackup({ ...deps, libraryCount: async () => 0 })).toEqual({ ok: 'skipped', reason: 'the library is empty, so there is nothing to back up' });
    // Recorded, so "Back up now" ends (and says why) instead of waiting forever.
    expect((await readStatus(area)).lastSkip).toEqual({ at: T, reason: 'the library is empty, so there is nothing to back up' });
    await writeSettings(area, { enabled: false });
    expect(await runBackup(deps)).toEqual({ ok: 'skipped', reason: 'backups are off' });
  });
});

describe('the backup scheduler', () => {
  it('runs when due, once a day; a request ("Back up now") runs once, even during a run', async () => {
    const { area, deps, setNow, src } = await setup();
    const scheduler = createBackupScheduler(deps);
    await scheduler.check();
    expect(src.released).toHaveLength(1);
    setNow(T + 3_600_000);
    await scheduler.check();
    expect(src.released).toHaveLength(1); // not due yet
    area.items[REQUEST_KEY] = T + 3_600_000;
    await Promise.all([scheduler.check(), scheduler.check()]);
    expect(src.released).toHaveLength(2);
    await scheduler.check();
    expect(src.released).toHaveLength(2); // the request was acted on once
    setNow(T + 3_600_000 + 86_400_000);
    await scheduler.check();
    expect(src.released).toHaveLength(3);
    expect(Object.keys(area.items).sort()).toEqual([REQUEST_KEY, SETTINGS_KEY, STATUS_KEY].sort());
  });

  it('does nothing while backups are off, even when asked', async () => {
    const { area, deps, src } = await setup();
    await writeSettings(area, { enabled: false });
    area.items[REQUEST_KEY] = T;
    await createBackupScheduler(deps).check();
    expect(src.released).toHaveLength(0);
  });
});
