import { useEffect, useState } from 'preact/hooks';

function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

interface StorageState {
  usage?: number;
  persisted?: boolean;
  /** The browser has no StorageManager (or refused to answer). */
  unavailable?: boolean;
}

/** How much the library takes on this device, and whether the browser may clear it. */
export function StorageSetting() {
  const [state, setState] = useState<StorageState>();
  const [asked, setAsked] = useState<'granted' | 'declined' | 'failed'>();
  const read = async () => {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage?.estimate || !storage.persisted) return setState({ unavailable: true });
    const [estimate, persisted] = await Promise.all([storage.estimate().catch(() => undefined), storage.persisted().catch(() => undefined)]);
    setState({ usage: estimate?.usage, persisted, unavailable: estimate === undefined && persisted === undefined });
  };
  useEffect(() => {
    void read();
  }, []);
  const persist = async () => {
    try {
      const granted = await navigator.storage.persist();
      setAsked(granted ? 'granted' : 'declined');
    } catch {
      setAsked('failed');
    }
    await read();
  };
  if (!state) return <p class="pd-note" aria-busy="true">Measuring…</p>;
  if (state.unavailable) return <p class="pd-note">This browser does not report its storage use.</p>;
  return (
    <>
      <dl class="pd-figures" aria-label="Storage">
        <div class="pd-figure">
          <dt>Used on this device</dt>
          <dd>{state.usage === undefined ? 'unknown' : formatBytes(state.usage)}</dd>
        </div>
        <div class="pd-figure">
          <dt>Persistent</dt>
          <dd>{state.persisted === undefined ? 'unknown' : state.persisted ? 'Yes' : 'No'}</dd>
        </div>
      </dl>
      <p class="pd-note">
        Your library lives only in this browser profile. Paperdex has the unlimited-storage permission, so the browser does not clear it
        when space runs low;{' '}
        {state.persisted
          ? 'persistent storage is granted as well, so it is never cleared automatically.'
          : 'persistent storage also asks the browser never to clear it automatically.'}
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
    </>
  );
}
