import { backupArea, useBackups } from '@/components/shared/use-backups';
import { writeSettings } from '@/utils/library/backup/backup-store';
import { backupFailing, suggestBackups } from '@/utils/library/backup/schedule';

const SETTINGS_PAGE = '/library.html#settings';

/**
 * Backups in the popup, quiet unless there is something to do: a warning while backups fail, or, once
 * until answered, the suggestion to turn them on (set up in the library's Settings, where the browser's
 * permission prompt is asked from a click). Nothing while backups simply work.
 */
export function BackupNotice() {
  const view = useBackups();
  if (!view) return null;
  const { settings, status } = view;
  if (backupFailing(settings, status) && status.lastFailure) {
    return (
      <p class="popup-notice" role="alert">
        Backups are failing: {status.lastFailure.reason}.{' '}
        <a href={SETTINGS_PAGE} target="_blank">
          Backup settings
        </a>
      </p>
    );
  }
  if (!suggestBackups(settings)) return null;
  return (
    <p class="popup-notice popup-suggest">
      <span>
        Keep a daily backup of your library in your downloads?{' '}
        <a href={SETTINGS_PAGE} target="_blank">
          Set up backups
        </a>
      </span>
      <button type="button" class="notice-dismiss" aria-label="Don't suggest backups again" onClick={() => void writeSettings(backupArea(), { suggestionDone: true }).catch(() => undefined)}>
        ✕
      </button>
    </p>
  );
}
