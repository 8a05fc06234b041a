import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { backupArea, type BackupView, useBackups } from '@/components/shared/use-backups';
import { requestBackup, writeSettings } from '@/utils/library/backup/backup-store';
import { KEEP_DAILY, KEEP_WEEKLY } from '@/utils/library/backup/rotation';
import { failingSince, nextBackupAt } from '@/utils/library/backup/schedule';
import { errorMessage } from '@/utils/messaging/error-message';
import { plural } from '@/utils/ui/shared/plural';
import { formatBytes } from '../use-device-storage';

/** The permission backups need, asked for when they are turned on (never at install). */
const DOWNLOADS = { permissions: ['downloads'] };

export interface PermissionsApi {
  request(permissions: typeof DOWNLOADS): Promise<boolean>;
  remove(permissions: typeof DOWNLOADS): Promise<boolean>;
}

const when = (at: number) => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function nextText(view: BackupView, now: number): string {
  const next = nextBackupAt(view.settings, view.status);
  if (next === undefined) return 'off';
  if (view.pending) return 'now';
  return next <= now ? 'within the hour' : when(next);
}

/**
 * Automatic backups: on or off (turning on asks for the `downloads` permission, from this click), the
 * last good backup, the next one, "Back up now", and a warning in plain words when the last one failed.
 */
export function BackupSetting({ permissions = browser.permissions as unknown as PermissionsApi, now = Date.now() }: { permissions?: PermissionsApi; now?: number }) {
  const view = useBackups();
  const [message, setMessage] = useState<{ error: boolean; text: string }>();
  if (!view) return <p class="pd-note">Loading…</p>;
  const { settings, status, pending } = view;
  const area = backupArea();

  const turnOn = (input: HTMLInputElement) => {
    // Asked first thing in the click's handler: browsers allow the prompt only during a user action.
    permissions.request(DOWNLOADS).then(
      async (granted) => {
        if (!granted) {
          input.checked = false;
          setMessage({ error: true, text: 'Backups stay off: the browser did not give Paperdex permission to save files to your downloads.' });
          return;
        }
        await writeSettings(area, { enabled: true, suggestionDone: true });
        await requestBackup(area);
      },
      (error: unknown) => {
        input.checked = false;
        setMessage({ error: true, text: `Backups stay off: ${errorMessage(error)}` });
      },
    );
  };
  const turnOff = async () => {
    await writeSettings(area, { enabled: false });
    // The permission is given back; turning backups on again asks again. (A browser may refuse: harmless.)
    await permissions.remove(DOWNLOADS).catch(() => false);
  };
  const toggle = (input: HTMLInputElement) => {
    setMessage(undefined);
    if (input.checked) turnOn(input);
    else void turnOff().catch((error: unknown) => setMessage({ error: true, text: `Not saved: ${errorMessage(error)}` }));
  };

  const failedAt = settings.enabled ? failingSince(status) : undefined;
  const good = status.lastGood;
  return (
    <div class="pd-backups">
      <label class="pd-check">
        <input type="checkbox" checked={settings.enabled} onChange={(event) => toggle(event.currentTarget)} />
        Back up the whole library every day
      </label>
      <p class="pd-note">
        A compressed copy of every paper, with your marks and notes (<code>.json.gz</code>), is saved in the <strong>Paperdex</strong> folder of your downloads.
        Paperdex keeps the last {KEEP_DAILY} daily and {KEEP_WEEKLY} weekly copies and removes only files it wrote. To restore one, choose it in Data →
        Import. Turning this on asks the browser for permission to save downloads.
      </p>
      {failedAt !== undefined && status.lastFailure && (
        <p class="pd-error pd-backup-failed" role="alert">
          <strong>The last backup failed</strong> ({when(failedAt)}): {status.lastFailure.reason}. Paperdex tries again within the hour.
        </p>
      )}
      {status.lastSkip && status.lastSkip.at > Math.max(good?.at ?? 0, status.lastFailure?.at ?? 0) && (
        <p class="pd-note" role="status">
          No backup on {when(status.lastSkip.at)}: {status.lastSkip.reason}.
        </p>
      )}
      <dl class="pd-facts" aria-label="Backups">
        <div>
          <dt>Last good backup</dt>
          <dd>{good ? `${when(good.at)} · ${plural(good.papers, 'paper', 'papers')} · ${formatBytes(good.bytes)}` : 'none yet'}</dd>
        </div>
        {good && (
          <div>
            <dt>File</dt>
            <dd class="pd-url">{good.name}</dd>
          </div>
        )}
        <div>
          <dt>Next backup</dt>
          <dd>{nextText(view, now)}</dd>
        </div>
      </dl>
      <button type="button" class="pd-button" disabled={!settings.enabled || pending} aria-busy={pending} onClick={() => void requestBackup(area).catch((error: unknown) => setMessage({ error: true, text: `Not started: ${errorMessage(error)}` }))}>
        {pending ? 'Backing up…' : 'Back up now'}
      </button>
      {message && (
        <p class={message.error ? 'pd-error' : 'pd-note'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
