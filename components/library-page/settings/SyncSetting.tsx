import { useState } from 'preact/hooks';
import { syncLocalArea, useSync } from '@/components/shared/use-sync';
import { writeSyncSettings } from '@/utils/library/sync/sync-store';
import { ignoredLines, leftOutLines } from '@/utils/library/sync/sync-text';
import { SYNC_LIMITS } from '@/utils/sync/items';
import { errorMessage } from '@/utils/messaging/error-message';
import { plural } from '@/utils/ui/shared/plural';

/** Sync's room is 102,400 bytes, which people know as 100 KB: counted in units of 1,024 here. */
const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KB`;

const when = (at: number) => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Sync through the browser's own sync (storage.sync): on or off (off until the user turns it on: notes
 * are private, and the browser's sync is the user's account), the room used of 100 KB, the last sync, the
 * devices seen, what did not fit, and remote items ignored, in plain words.
 */
export function SyncSetting() {
  const view = useSync();
  const [error, setError] = useState<string>();
  if (!view) return <p class="pd-note">Loading…</p>;
  const { settings, status } = view;
  const toggle = (input: HTMLInputElement) => {
    setError(undefined);
    // Turned on here, the popup's offer is answered for good.
    void writeSyncSettings(syncLocalArea(), input.checked ? { enabled: true, offerDone: true } : { enabled: false }).catch((cause: unknown) => {
      input.checked = !input.checked;
      setError(`Not saved: ${errorMessage(cause)}`);
    });
  };
  const lastSync = Math.max(status.lastReadAt ?? 0, status.lastWriteAt ?? 0);
  const others = status.devices.filter((device) => device.device !== status.device);
  const leftOut = leftOutLines(status.leftOut);
  const ignored = ignoredLines(status.ignored, status.ignoredCount);
  const share = Math.round((status.bytesUsed / SYNC_LIMITS.totalBytes) * 100);
  return (
    <div class="pd-sync">
      <label class="pd-check">
        <input type="checkbox" checked={settings.enabled} onChange={(event) => toggle(event.currentTarget)} />
        Sync marks through your browser's sync
      </label>
      <p class="pd-note">
        Your saved papers, tags, read marks and notes (not the papers you only saw) travel with your browser's own sync (Chrome Sync or Firefox Sync, under
        your browser account) to your other browsers where Paperdex has sync on. It holds 100 KB for all your devices; whatever does not fit stays in this
        library.
      </p>
      {settings.enabled && status.lastError && (
        <p class="pd-error" role="alert">
          The last write to browser sync failed ({when(status.lastError.at)}): {status.lastError.message}. Paperdex tries again in a minute.
        </p>
      )}
      {(settings.enabled || lastSync > 0) && (
        <dl class="pd-facts" aria-label="Browser sync">
          <div>
            <dt>Browser sync used</dt>
            <dd>
              {kilobytes(status.bytesUsed)} of {kilobytes(SYNC_LIMITS.totalBytes)} ({share}%)
            </dd>
          </div>
          <div>
            <dt>Last sync</dt>
            <dd>{lastSync ? when(lastSync) : 'not yet'}</dd>
          </div>
          <div>
            <dt>Devices seen</dt>
            <dd>{status.device ? `this one and ${plural(others.length, 'other', 'others')}` : 'none yet'}</dd>
          </div>
        </dl>
      )}
      {others.length > 0 && (
        <ul class="pd-sync-devices" aria-label="Other devices">
          {others.map((device) => (
            <li key={device.device}>
              Device {device.device}: {kilobytes(device.bytes)}
              {device.lastWriteAt ? `, last wrote ${when(device.lastWriteAt)}` : ''}
            </li>
          ))}
        </ul>
      )}
      {leftOut.length > 0 && (
        <p class="pd-note pd-sync-left-out">
          {leftOut.join('; ')}. They stay in this library.
        </p>
      )}
      {ignored.length > 0 && (
        <div class="pd-note pd-sync-ignored">
          <p>Ignored from browser sync (nothing of these was applied):</p>
          <ul>
            {ignored.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      {error && (
        <p class="pd-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
