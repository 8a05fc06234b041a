import { backupArea, useBackups } from '@/components/shared/use-backups';
import { writeSettings } from '@/utils/library/backup/backup-store';
import { backupFailing, suggestBackups } from '@/utils/library/backup/schedule';
import { PopupSuggestion, SETTINGS_PAGE } from './PopupSuggestion';

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
    <PopupSuggestion action="Set up backups" dismissLabel="Don't suggest backups again" onDismiss={() => writeSettings(backupArea(), { suggestionDone: true })}>
      Keep a daily backup of your library in your downloads?
    </PopupSuggestion>
  );
}
