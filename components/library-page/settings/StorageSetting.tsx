import { useStorageHealth } from '@/components/shared/StorageNotice';
import { troubleNotice } from '@/utils/library/storage/storage-health';
import { formatBytes, useDeviceStorage } from '../use-device-storage';

/**
 * Storage health in plain words: whether the library can be written, how much it takes on this device,
 * and (a detail, not an alarm) whether the browser has granted persistent storage, with the button to ask.
 * Shown in Stats and in Settings.
 */
export function StorageSetting() {
  const { state, asked, persist } = useDeviceStorage();
  const trouble = useStorageHealth()?.trouble;
  const notice = trouble && troubleNotice(trouble);
  if (!state) return <p class="pd-note" aria-busy="true">Measuring…</p>;
  if (state.unavailable) return <p class="pd-note">This browser does not report its storage use.</p>;
  return (
    <div class="pd-storage">
      {notice ? (
        <p class="pd-health pd-health-trouble">
          <strong>{notice.title}.</strong> {notice.detail}
        </p>
      ) : (
        <p class="pd-health">
          <strong>Healthy.</strong> Your library is saved in this browser profile only{state.usage === undefined ? '' : `, ${formatBytes(state.usage)} in all`}.
        </p>
      )}
      <dl class="pd-facts" aria-label="Storage">
        <div>
          <dt>Used on this device</dt>
          <dd>{state.usage === undefined ? 'unknown' : formatBytes(state.usage)}</dd>
        </div>
        <div>
          <dt>Persistent</dt>
          <dd>{state.persisted === undefined ? 'unknown' : state.persisted ? 'Yes' : 'No'}</dd>
        </div>
      </dl>
      <p class="pd-note">
        Paperdex has the unlimited-storage permission, so the browser does not clear the library when space runs low;{' '}
        {state.persisted
          ? 'persistent storage is granted as well, so it is never cleared automatically.'
          : 'persistent storage also asks the browser never to clear it automatically. Optional: the library is safe without it.'}
      </p>
      {!state.persisted && (
        <button type="button" class="pd-button" onClick={() => void persist()}>
          Make storage persistent
        </button>
      )}
      {asked === 'declined' && (
        <p class="pd-note" role="status">
          The browser declined for now (it decides from how you use the extension); the unlimited-storage permission still protects the library.
        </p>
      )}
      {asked === 'failed' && (
        <p class="pd-error" role="alert">
          The browser could not be asked for persistent storage.
        </p>
      )}
    </div>
  );
}
