/**
 * When the background runs a backup: when one is due (`schedule.ts`), checked at start-up and on an
 * hourly alarm that exists only while backups are on, and at once when a page asks ("Back up now", or
 * backups just turned on: `REQUEST_KEY`). One run at a time; a request that arrives during a run is run
 * after it.
 */
import { browser } from 'wxt/browser';
import type { PaperdexDB } from '../schema';
import { type KeyValueArea, readRequest, readSettings, readStatus, REQUEST_KEY, SETTINGS_KEY, writeStatus } from './backup-store';
import { backgroundSource } from './backup-source';
import { type BackupDeps, type DownloadsApi, runBackup } from './run-backup';
import { backupDue, CHECK_EVERY_MINUTES } from './schedule';

export const BACKUP_ALARM = 'paperdex-backup';

export interface BackupScheduler {
  /** Runs a backup if one is due or asked for; resolves when done (with any run it had to wait for). */
  check(): Promise<void>;
}

export function createBackupScheduler(deps: BackupDeps): BackupScheduler {
  let running: Promise<void> | undefined;
  let again = false;
  const once = async () => {
    const [settings, status, request] = await Promise.all([readSettings(deps.area), readStatus(deps.area), readRequest(deps.area)]);
    const requested = request !== undefined && request > (status.handledRequest ?? 0);
    if (requested) await writeStatus(deps.area, { ...status, handledRequest: request });
    if (settings.enabled && (requested || backupDue(settings, status, deps.now()))) await runBackup(deps);
  };
  const check = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await once().catch((error: unknown) => console.error('[Paperdex] backup check failed', error));
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
  return { check };
}

/** The hourly alarm exists while backups are on. */
async function keepAlarm(area: KeyValueArea): Promise<void> {
  const { enabled } = await readSettings(area);
  const alarm = await browser.alarms.get(BACKUP_ALARM);
  if (enabled && !alarm) await browser.alarms.create(BACKUP_ALARM, { periodInMinutes: CHECK_EVERY_MINUTES, delayInMinutes: CHECK_EVERY_MINUTES });
  if (!enabled && alarm) await browser.alarms.clear(BACKUP_ALARM);
}

/** The background's backups: listeners registered synchronously at start-up (MV3). */
export function registerBackups(db: PaperdexDB): BackupScheduler {
  const area = browser.storage.local as unknown as KeyValueArea;
  const scheduler = createBackupScheduler({
    area,
    source: backgroundSource(),
    downloads: async () => ((await browser.permissions.contains({ permissions: ['downloads'] })) ? (browser.downloads as unknown as DownloadsApi) : undefined),
    libraryCount: () => db.papers.count(),
    now: () => Date.now(),
  });
  const warn = (error: unknown) => console.error('[Paperdex] backups', error);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === BACKUP_ALARM) void scheduler.check();
  });
  browser.storage.onChanged.addListener((changes, areaName) => {
    if (areaName !== 'local') return;
    if (SETTINGS_KEY in changes) void keepAlarm(area).catch(warn);
    if (REQUEST_KEY in changes) void scheduler.check();
  });
  void keepAlarm(area).catch(warn);
  void scheduler.check();
  return scheduler;
}
